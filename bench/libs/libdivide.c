/* The C side of the libdivide benchmark: the same loops as
 * examples/libdivide's `bench`, calling libdivide's static inline functions
 * directly (the limit the Rust builds are measured against).  Prints
 * "WAY ns_per_division" lines, median of 11 rounds.
 *
 *   libdivide-c N */
#include <libdivide.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 11

static uint64_t *numbers(size_t n, uint64_t seed) {
  uint64_t *v = malloc(n * sizeof *v), x = seed | 1;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    v[i] = x;
  }
  return v;
}

__attribute__((noinline)) uint64_t c_u32_branchfull(const uint32_t *v, size_t n, const struct libdivide_u32_t *d) {
  uint64_t s = 0;
  for (size_t i = 0; i < n; i++)
    s += libdivide_u32_do(v[i], d);
  return s;
}

__attribute__((noinline)) uint64_t c_u32_branchfree(const uint32_t *v, size_t n, const struct libdivide_u32_branchfree_t *d) {
  uint64_t s = 0;
  for (size_t i = 0; i < n; i++)
    s += libdivide_u32_branchfree_do(v[i], d);
  return s;
}

__attribute__((noinline)) int64_t c_s64_branchfull(const int64_t *v, size_t n, const struct libdivide_s64_t *d) {
  uint64_t s = 0;
  for (size_t i = 0; i < n; i++)
    s += (uint64_t)libdivide_s64_do(v[i], d);
  return (int64_t)s;
}

__attribute__((noinline)) int64_t c_s64_branchfree(const int64_t *v, size_t n, const struct libdivide_s64_branchfree_t *d) {
  uint64_t s = 0;
  for (size_t i = 0; i < n; i++)
    s += (uint64_t)libdivide_s64_branchfree_do(v[i], d);
  return (int64_t)s;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static volatile uint64_t sink;

#define TIME(name, expr)                                                       \
  do {                                                                         \
    double ns[ROUNDS];                                                         \
    for (int r = 0; r < ROUNDS; r++) {                                         \
      double t = now();                                                        \
      sink = (uint64_t)(expr);                                                 \
      ns[r] = (now() - t) / n;                                                 \
    }                                                                          \
    qsort(ns, ROUNDS, sizeof ns[0], cmp);                                      \
    printf("%s %.3f\n", name, ns[ROUNDS / 2]);                                 \
  } while (0)

int main(int argc, char **argv) {
  size_t n = argc > 1 ? strtoull(argv[1], 0, 10) : 1 << 20;
  uint64_t *a = numbers(n, 3), *b = numbers(n, 4);
  uint32_t *u = malloc(n * sizeof *u);
  int64_t *s = malloc(n * sizeof *s);
  for (size_t i = 0; i < n; i++) {
    u[i] = (uint32_t)a[i];
    s[i] = (int64_t)b[i];
  }
  volatile uint32_t du = 641;
  volatile int64_t ds = -1000;
  struct libdivide_u32_t fu = libdivide_u32_gen(du);
  struct libdivide_u32_branchfree_t bu = libdivide_u32_branchfree_gen(du);
  struct libdivide_s64_t fs = libdivide_s64_gen(ds);
  struct libdivide_s64_branchfree_t bs = libdivide_s64_branchfree_gen(ds);
  TIME("u32_branchfull", c_u32_branchfull(u, n, &fu));
  TIME("u32_branchfree", c_u32_branchfree(u, n, &bu));
  TIME("s64_branchfull", c_s64_branchfull(s, n, &fs));
  TIME("s64_branchfree", c_s64_branchfree(s, n, &bs));
  return 0;
}
