/* The C side of examples/dpdk: the same program as src/main.rs, calling
 * DPDK's static inline ring functions directly, the baseline
 * scripts/bench-libs compares the Rust builds with.  `check` prints the
 * same lines as `rih-dpdk check`; `bench N` the same "NAME NS CHECKSUM"
 * lines.  The hot functions carry the Rust program's names, so that one
 * callgrind command line (--toggle-collect=rih_ring_rounds_spsc) counts
 * either program.
 *
 * DPDK's copy loops (rte_ring_elem_pvt.h) move the objects as uint64_t
 * values: the object tables here are uint64_t arrays, passed as void **.
 * With void * arrays, clang's type-based alias analysis (C's strict
 * aliasing) lets a read of a dequeued void * see what the array held before
 * the dequeue: at -O2 the checksum of `check` came out 0x1000 short.  Rust
 * has no such rule, so src/main.rs uses *mut c_void arrays.
 *
 *   cc -O2 $(pkg-config --cflags libdpdk) ring.c -lrte_ring -lrte_eal
 *   dpdk-ring-c check | bench N */
#include <rte_ring.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 1024u
#define BURST 32u

static uint64_t object(size_t k) { return 0x1000 + 8 * k; }

static struct rte_ring *ring_new(const char *name, unsigned flags) {
  ssize_t size = rte_ring_get_memsize(SLOTS);
  if (size <= 0) {
    fprintf(stderr, "dpdk-ring-c: rte_ring_get_memsize(%u) returned %zd\n", SLOTS, size);
    exit(1);
  }
  size_t align = _Alignof(struct rte_ring) > 128 ? _Alignof(struct rte_ring) : 128;
  struct rte_ring *r = aligned_alloc(align, ((size_t)size + align - 1) / align * align);
  if (!r) {
    fprintf(stderr, "dpdk-ring-c: cannot allocate %zd bytes for ring %s\n", size, name);
    exit(1);
  }
  memset(r, 0, (size_t)size);
  int rc = rte_ring_init(r, name, SLOTS, flags);
  if (rc != 0) {
    fprintf(stderr, "dpdk-ring-c: rte_ring_init(%s, %u, %#x) returned %d\n", name, SLOTS, flags, rc);
    exit(1);
  }
  return r;
}

/* ROUNDS rounds of one enqueue burst and one dequeue burst; a checksum of
 * what came back (as the Rust program's rounds_body). */
#define ROUNDS_BODY(ENQUEUE, DEQUEUE)                                        \
  uint64_t objs[BURST], out[BURST] = {0};                                    \
  for (size_t k = 0; k < BURST; k++)                                         \
    objs[k] = object(k);                                                     \
  if (burst > BURST)                                                         \
    burst = BURST;                                                           \
  uint64_t sum = 0;                                                          \
  for (uint64_t i = 0; i < rounds; i++) {                                    \
    unsigned n = ENQUEUE(r, (void **)objs, burst, NULL);                     \
    unsigned m = DEQUEUE(r, (void **)out, n, NULL);                          \
    sum += m + out[i & (BURST - 1)];                                         \
  }                                                                          \
  return sum;

__attribute__((noinline)) uint64_t rih_ring_rounds_spsc(struct rte_ring *r, uint64_t rounds, unsigned burst) {
  ROUNDS_BODY(rte_ring_sp_enqueue_burst, rte_ring_sc_dequeue_burst)
}

__attribute__((noinline)) uint64_t rih_ring_rounds_mpmc(struct rte_ring *r, uint64_t rounds, unsigned burst) {
  ROUNDS_BODY(rte_ring_mp_enqueue_burst, rte_ring_mc_dequeue_burst)
}

static int fill_and_drain(const char *name, struct rte_ring *r, size_t burst) {
  uint64_t *objs = malloc(burst * sizeof *objs), *sent = malloc(SLOTS * sizeof *sent);
  uint64_t *out = malloc((burst / 2 + 1) * sizeof *out), *got = malloc(SLOTS * sizeof *got);
  for (size_t k = 0; k < burst; k++)
    objs[k] = object(k);
  uint64_t pushed = 0;
  unsigned bursts = 0, last = 0, free_space = 0, n;
  while ((n = rte_ring_enqueue_burst(r, (void **)objs, (unsigned)burst, &free_space)) != 0) {
    memcpy(sent + pushed, objs, n * sizeof *objs);
    pushed += n;
    bursts++;
    last = n;
  }
  printf("%s: enqueued %llu in %u bursts (last %u), free %u, count %u, full %d\n", name,
         (unsigned long long)pushed, bursts, last, free_space, rte_ring_count(r), rte_ring_full(r));
  size_t ngot = 0;
  uint64_t sum = 0;
  unsigned avail;
  while ((n = rte_ring_dequeue_burst(r, (void **)out, (unsigned)(burst / 2 + 1), &avail)) != 0) {
    for (unsigned k = 0; k < n; k++) {
      sum = sum * 31 + out[k];
      if (ngot < SLOTS)
        got[ngot++] = out[k];
    }
  }
  int ok = ngot == pushed && memcmp(got, sent, ngot * sizeof *got) == 0;
  if (!ok)
    printf("%s: FAIL: dequeued %zu objects, not the %llu enqueued in order\n", name, ngot, (unsigned long long)pushed);
  printf("%s: dequeued %zu in order, checksum %#llx, empty %d\n", name, ngot, (unsigned long long)sum, rte_ring_empty(r));
  free(objs), free(sent), free(out), free(got);
  return ok;
}

static const struct {
  const char *name, *label;
  unsigned flags;
  uint64_t (*hot)(struct rte_ring *, uint64_t, unsigned);
} RINGS[] = {
    {"rih_spsc", "ring_spsc", RING_F_SP_ENQ | RING_F_SC_DEQ, rih_ring_rounds_spsc},
    {"rih_mpmc", "ring_mpmc", 0, rih_ring_rounds_mpmc},
};

static int check(void) {
  int ok = 1;
  for (size_t i = 0; i < 2; i++) {
    const char *name = RINGS[i].name;
    struct rte_ring *r = ring_new(name, RINGS[i].flags);
    printf("%s: size %u, capacity %u, producer sync %u, consumer sync %u\n", name, rte_ring_get_size(r),
           rte_ring_get_capacity(r), (unsigned)rte_ring_get_prod_sync_type(r), (unsigned)rte_ring_get_cons_sync_type(r));
    ok &= fill_and_drain(name, r, 100);
    printf("%s: 1000 rounds of %u: checksum %#llx\n", name, BURST, (unsigned long long)RINGS[i].hot(r, 1000, BURST));
    uint64_t objs[200];
    for (size_t k = 0; k < 200; k++)
      objs[k] = object(k);
    printf("%s: bursts of 200 into the ring took [", name);
    for (int b = 0; b < 7; b++)
      printf("%s%u", b ? ", " : "", rte_ring_enqueue_burst(r, (void **)objs, 200, NULL));
    printf("]\n");
    free(r);
  }
  return ok;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void bench(uint64_t rounds) {
  for (size_t i = 0; i < 2; i++) {
    struct rte_ring *r = ring_new(RINGS[i].name, RINGS[i].flags);
    double ns[5];
    volatile uint64_t sum = 0;
    for (int k = 0; k < 5; k++) {
      struct timespec t0, t1;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      sum = RINGS[i].hot(r, rounds, BURST);
      clock_gettime(CLOCK_MONOTONIC, &t1);
      ns[k] = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / (double)(rounds ? rounds : 1);
    }
    qsort(ns, 5, sizeof *ns, cmp);
    printf("%s %.2f %#llx\n", RINGS[i].label, ns[2], (unsigned long long)sum);
    free(r);
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "check") == 0)
    return check() ? 0 : 1;
  if (argc > 2 && strcmp(argv[1], "bench") == 0) {
    bench(strtoull(argv[2], NULL, 10));
    return 0;
  }
  fprintf(stderr, "usage: dpdk-ring-c check | dpdk-ring-c bench N\n");
  return 2;
}
