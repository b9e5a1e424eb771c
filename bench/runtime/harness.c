/*
 * Runtime benchmark harness, shared by every variant: the benchmarks
 * themselves (bench_NAME, from bench.rs or bench.c) are linked in.
 *
 *   harness list                 the benchmark names, one per line
 *   harness run NAME N           one run of N operations; prints the checksum
 *   harness time NAME N REPS     REPS timed runs of N operations; prints
 *                                "ns/op" per run (CLOCK_MONOTONIC), then
 *                                "checksum C"
 *
 * Before each run the 1 MiB work area is refilled with the same
 * pseudo-random bytes, so every run of every variant sees the same input.
 * Exit status: 0, or 2 for bad arguments.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef uint64_t bench_fn(void *mem, uint64_t n);

bench_fn bench_refcount, bench_err_ptr, bench_bitops, bench_list, bench_read_once,
	bench_spinlock, bench_minmax, bench_copy, bench_hashtable, bench_struct_copy,
	bench_bitmap, bench_strlen, bench_csum;

static const struct {
	const char *name;
	bench_fn *fn;
} benches[] = {
	{ "refcount", bench_refcount }, { "err_ptr", bench_err_ptr },
	{ "bitops", bench_bitops },     { "list", bench_list },
	{ "read_once", bench_read_once }, { "spinlock", bench_spinlock },
	{ "minmax", bench_minmax },     { "copy", bench_copy },
	{ "hashtable", bench_hashtable }, { "struct_copy", bench_struct_copy },
	{ "bitmap", bench_bitmap },     { "strlen", bench_strlen },
	{ "csum", bench_csum },
};

#define MEM_SIZE (1u << 20)

static _Alignas(64) unsigned char mem[MEM_SIZE];

static void fill(void)
{
	uint64_t x = 0x9e3779b97f4a7c15u;

	for (size_t i = 0; i < MEM_SIZE; i += sizeof(x)) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(mem + i, &x, sizeof(x));
	}
}

static int usage(void)
{
	fputs("usage: harness list | run NAME N | time NAME N REPS\n", stderr);
	return 2;
}

static int number(const char *s, uint64_t *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	*out = strtoull(s, &end, 10);
	return *end == '\0' && *out > 0;
}

int main(int argc, char **argv)
{
	size_t count = sizeof(benches) / sizeof(benches[0]);
	bench_fn *fn = NULL;
	uint64_t n, reps = 1, sum = 0;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (size_t i = 0; i < count; i++)
			puts(benches[i].name);
		return 0;
	}
	if (argc < 4 || !number(argv[3], &n))
		return usage();
	if (strcmp(argv[1], "time") == 0) {
		if (argc != 5 || !number(argv[4], &reps))
			return usage();
	} else if (strcmp(argv[1], "run") != 0 || argc != 4) {
		return usage();
	}
	for (size_t i = 0; i < count; i++)
		if (strcmp(argv[2], benches[i].name) == 0)
			fn = benches[i].fn;
	if (!fn) {
		fprintf(stderr, "harness: no benchmark '%s' (harness list)\n", argv[2]);
		return 2;
	}
	for (uint64_t r = 0; r < reps; r++) {
		struct timespec t0, t1;

		fill();
		clock_gettime(CLOCK_MONOTONIC, &t0);
		sum = fn(mem, n);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (argv[1][0] == 't')
			printf("%.3f\n", ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
					  (double)(t1.tv_nsec - t0.tv_nsec)) /
						 (double)n);
	}
	printf(argv[1][0] == 't' ? "checksum %" PRIu64 "\n" : "%" PRIu64 "\n", sum);
	return 0;
}
