/* The C side of the liburing benchmark: the same NOP batches as
 * examples/liburing's `bench`, calling liburing's static inline functions
 * directly.  Prints "nop_batch NS": ns per prepared, submitted and reaped
 * batch of 32 NOPs, median of ROUNDS rounds of 1000 batches; exits 77 when
 * the kernel forbids io_uring.
 *
 *   liburing-c [ROUNDS] */
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BATCH 32

__attribute__((noinline)) unsigned c_prep_nops(struct io_uring *ring, unsigned long long first, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
    if (!sqe)
      return i;
    io_uring_prep_nop(sqe);
    io_uring_sqe_set_data64(sqe, first + i);
  }
  return n;
}

__attribute__((noinline)) long long c_reap(struct io_uring *ring, unsigned n) {
  long long sum = 0;
  for (unsigned i = 0; i < n; i++) {
    struct io_uring_cqe *cqe;
    if (io_uring_wait_cqe(ring, &cqe) || cqe->res < 0)
      return -1;
    sum += (long long)io_uring_cqe_get_data64(cqe);
    io_uring_cq_advance(ring, 1);
  }
  return sum;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 11;
  if (rounds < 1)
    rounds = 1;
  struct io_uring ring;
  int err = io_uring_queue_init(2 * BATCH, &ring, 0);
  if (err < 0) {
    printf("io_uring unavailable: io_uring_queue_init returned %d\n", err);
    return 77;
  }
  double *ns = malloc(rounds * sizeof *ns);
  volatile long long sink;
  for (int r = 0; r < rounds; r++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (unsigned long long b = 0; b < 1000; b++) {
      c_prep_nops(&ring, b * BATCH, BATCH);
      io_uring_submit(&ring);
      sink = c_reap(&ring, BATCH);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ns[r] = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1000;
  }
  qsort(ns, rounds, sizeof ns[0], cmp);
  printf("nop_batch %.1f\n", ns[rounds / 2]);
  io_uring_queue_exit(&ring);
  return 0;
}
