/* Helpers for test/link/split-cache.test: what a split must keep together
 * (a table two helpers share, a helper that calls another, a variable a
 * helper writes, a table of function pointers, computed gotos) and what it
 * keeps apart (independent helpers), built with the kernel's C flags that
 * matter here. */
#include <stdint.h>

static const uint8_t rih_bits[16] = {0, 1, 1, 2, 1, 2, 2, 3,
                                     1, 2, 2, 3, 2, 3, 3, 4};
long rih_counter;
__thread int rih_tls_depth;
extern long rih_slow_path(long x);

int rust_helper_popcount8(uint8_t x)
{
	return rih_bits[x & 15] + rih_bits[x >> 4];
}

int rust_helper_parity8(uint8_t x)
{
	return rih_bits[x & 15] ^ rih_bits[x >> 4];
}

long rust_helper_count(long by)
{
	rih_counter += by;
	return rih_counter;
}

long rust_helper_twice(long by)
{
	return rust_helper_count(by) + rust_helper_count(by);
}

static long rih_add1(long x) { return x + 1; }
static long rih_neg(long x) { return -x; }
static long (*const rih_ops[2])(long) = {rih_add1, rih_neg};

long rust_helper_apply(int op, long x)
{
	return rih_ops[op & 1](x);
}

int rust_helper_state(int s)
{
	static const void *const next[] = {&&zero, &&one, &&two};
	goto *next[s % 3];
zero:
	return 10;
one:
	return 11;
two:
	return 12;
}

int rust_helper_tls_enter(void)
{
	return ++rih_tls_depth;
}

long rust_helper_slow(long x)
{
	return x > 100 ? rih_slow_path(x) : x;
}

__attribute__((weak)) int rust_helper_weak(int x)
{
	return x * 3;
}

__attribute__((visibility("hidden"))) int rust_helper_hidden(int x)
{
	return x - 7;
}

int rust_helper_unused(int x)
{
	return x * x;
}
