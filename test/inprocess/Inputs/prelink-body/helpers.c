/* Helpers with loops, as a kernel wrapper file would hold them. */
#include <stddef.h>

void rust_helper_copy_bytes(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
}

unsigned int rust_helper_csum(const unsigned char *buf, size_t len)
{
	unsigned int sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += buf[i];
	return sum;
}

__attribute__((noinline)) int rust_helper_noinline_control(int x)
{
	return x * 3 + 1;
}
