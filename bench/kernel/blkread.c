// The guest side of scripts/kernel-bench: a static program in the
// initramfs that reads a block device with 4 KiB O_DIRECT reads, one at a
// time, and prints how long N and 2N reads took by the guest's
// CLOCK_MONOTONIC.  The difference divided by N is the cost of one read,
// without the fixed cost of opening the device and of the first reads.
//
//   blkread calibrate ITERATIONS
//       a loop of exactly 2 * ITERATIONS instructions (dec; jnz), timed for
//       ITERATIONS and 2 * ITERATIONS: under qemu -icount shift=0 the
//       difference is the nanoseconds that ITERATIONS * 2 instructions take
//       in virtual time (1 per instruction when icount is exact)
//   blkread pread DEVICE N
//       N reads of 4096 bytes with pread(2), then 2N reads
//   blkread uring DEVICE N
//       the same through io_uring (IORING_OP_READ, one read in flight,
//       io_uring_enter waits for each completion)
//
// Each mode prints one line
//   BLKREAD mode=M dev=D n=N ns_n=T1 ns_2n=T2 per_op_ns=(T2-T1)/N
// or "BLKREAD error: ..." naming the call that failed, and exits 1.
// Offsets cycle over the first 1024 blocks of the device, so each read is
// a real request to the driver (O_DIRECT bypasses the page cache).

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { BlockSize = 4096, Blocks = 1024 };

static uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

static int fail(const char *What) {
  printf("BLKREAD error: %s: %s\n", What, strerror(errno));
  return 1;
}

static void report(const char *Mode, const char *Dev, long N, uint64_t T1,
                   uint64_t T2) {
  printf("BLKREAD mode=%s dev=%s n=%ld ns_n=%llu ns_2n=%llu per_op_ns=%.2f\n",
         Mode, Dev, N, (unsigned long long)T1, (unsigned long long)T2,
         ((double)T2 - (double)T1) / (double)N);
}

// 2 * Iterations instructions: the loop's dec and jnz.
static void countedLoop(long Iterations) {
  __asm__ volatile("1: dec %0\n\tjnz 1b" : "+r"(Iterations) : : "cc");
}

static int calibrate(long N) {
  countedLoop(N); // warm up
  uint64_t T0 = nowNs();
  countedLoop(N);
  uint64_t T1 = nowNs();
  countedLoop(2 * N);
  uint64_t T2 = nowNs();
  report("calibrate", "-", N, T1 - T0, T2 - T1);
  return 0;
}

// The device open for O_DIRECT reads, and a block-aligned buffer.
struct Target {
  int Fd;
  void *Buf;
};

static int openTarget(const char *Dev, struct Target *T) {
  T->Fd = open(Dev, O_RDONLY | O_DIRECT);
  if (T->Fd < 0)
    return fail("open");
  if (posix_memalign(&T->Buf, BlockSize, BlockSize))
    return fail("posix_memalign");
  return 0;
}

// Reads N blocks; returns -1 with errno set on the first failure.
typedef int (*ReadLoop)(void *Ctx, long N);

// Warms up with 64 reads, then times N and 2N reads and prints the line.
static int timeReads(const char *Mode, const char *Dev, long N, ReadLoop Loop,
                     void *Ctx) {
  if (Loop(Ctx, 64))
    return fail(Mode);
  uint64_t T0 = nowNs();
  if (Loop(Ctx, N))
    return fail(Mode);
  uint64_t T1 = nowNs();
  if (Loop(Ctx, 2 * N))
    return fail(Mode);
  uint64_t T2 = nowNs();
  report(Mode, Dev, N, T1 - T0, T2 - T1);
  return 0;
}

static int preadLoop(void *Ctx, long N) {
  const struct Target *T = Ctx;
  for (long I = 0; I < N; ++I)
    if (pread(T->Fd, T->Buf, BlockSize, (off_t)(I % Blocks) * BlockSize) !=
        BlockSize)
      return -1;
  return 0;
}

static int preadMode(const char *Dev, long N) {
  struct Target T;
  if (openTarget(Dev, &T))
    return 1;
  int Rc = timeReads("pread", Dev, N, preadLoop, &T);
  close(T.Fd);
  return Rc;
}

// A minimal io_uring with raw system calls (no liburing in the guest).
struct Ring {
  int Fd;
  unsigned *SqTail, *SqMask, *SqArray, *CqHead, *CqTail, *CqMask;
  struct io_uring_sqe *Sqes;
  struct io_uring_cqe *Cqes;
};

static int ringSetup(struct Ring *R) {
  struct io_uring_params P;
  memset(&P, 0, sizeof(P));
  R->Fd = (int)syscall(__NR_io_uring_setup, 4, &P);
  if (R->Fd < 0)
    return -1;
  size_t SqLen = P.sq_off.array + P.sq_entries * sizeof(unsigned);
  size_t CqLen = P.cq_off.cqes + P.cq_entries * sizeof(struct io_uring_cqe);
  char *Sq = mmap(NULL, SqLen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
                  R->Fd, IORING_OFF_SQ_RING);
  char *Cq = mmap(NULL, CqLen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
                  R->Fd, IORING_OFF_CQ_RING);
  R->Sqes = mmap(NULL, P.sq_entries * sizeof(struct io_uring_sqe),
                 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, R->Fd,
                 IORING_OFF_SQES);
  if (Sq == MAP_FAILED || Cq == MAP_FAILED || R->Sqes == MAP_FAILED)
    return -1;
  R->SqTail = (unsigned *)(Sq + P.sq_off.tail);
  R->SqMask = (unsigned *)(Sq + P.sq_off.ring_mask);
  R->SqArray = (unsigned *)(Sq + P.sq_off.array);
  R->CqHead = (unsigned *)(Cq + P.cq_off.head);
  R->CqTail = (unsigned *)(Cq + P.cq_off.tail);
  R->CqMask = (unsigned *)(Cq + P.cq_off.ring_mask);
  R->Cqes = (struct io_uring_cqe *)(Cq + P.cq_off.cqes);
  return 0;
}

static int ringRead(struct Ring *R, int Fd, void *Buf, off_t Offset) {
  unsigned Tail = *R->SqTail, Index = Tail & *R->SqMask;
  struct io_uring_sqe *Sqe = &R->Sqes[Index];
  memset(Sqe, 0, sizeof(*Sqe));
  Sqe->opcode = IORING_OP_READ;
  Sqe->fd = Fd;
  Sqe->addr = (uintptr_t)Buf;
  Sqe->len = BlockSize;
  Sqe->off = (uint64_t)Offset;
  R->SqArray[Index] = Index;
  __atomic_store_n(R->SqTail, Tail + 1, __ATOMIC_RELEASE);
  if (syscall(__NR_io_uring_enter, R->Fd, 1, 1, IORING_ENTER_GETEVENTS, NULL,
              0) < 0)
    return -1;
  unsigned Head = *R->CqHead;
  if (Head == __atomic_load_n(R->CqTail, __ATOMIC_ACQUIRE))
    return -1;
  int Res = R->Cqes[Head & *R->CqMask].res;
  __atomic_store_n(R->CqHead, Head + 1, __ATOMIC_RELEASE);
  if (Res != BlockSize) {
    errno = Res < 0 ? -Res : EIO;
    return -1;
  }
  return 0;
}

struct UringTarget {
  struct Ring Ring;
  struct Target Target;
};

static int uringLoop(void *Ctx, long N) {
  struct UringTarget *U = Ctx;
  for (long I = 0; I < N; ++I)
    if (ringRead(&U->Ring, U->Target.Fd, U->Target.Buf,
                 (off_t)(I % Blocks) * BlockSize))
      return -1;
  return 0;
}

static int uringMode(const char *Dev, long N) {
  struct UringTarget U;
  if (openTarget(Dev, &U.Target))
    return 1;
  if (ringSetup(&U.Ring))
    return fail("io_uring_setup");
  int Rc = timeReads("uring", Dev, N, uringLoop, &U);
  close(U.Target.Fd);
  return Rc;
}

int main(int Argc, char **Argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  long N = Argc > 2 ? strtol(Argv[Argc - 1], NULL, 10) : 0;
  if (N <= 0) {
    printf("BLKREAD error: usage: blkread calibrate N | pread DEV N | uring "
           "DEV N\n");
    return 1;
  }
  if (!strcmp(Argv[1], "calibrate") && Argc == 3)
    return calibrate(N);
  if (!strcmp(Argv[1], "pread") && Argc == 4)
    return preadMode(Argv[2], N);
  if (!strcmp(Argv[1], "uring") && Argc == 4)
    return uringMode(Argv[2], N);
  printf("BLKREAD error: unknown mode '%s'\n", Argv[1]);
  return 1;
}
