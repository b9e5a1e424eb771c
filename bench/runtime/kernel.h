/*
 * More kernel-style `static inline` functions for the runtime benchmark, on
 * top of the user-space example's (error pointers, bit operations, lists,
 * refcount_t, min/max, bswap32): atomic_read/atomic_set, a spin lock and a
 * short copy.  User-space stand-ins: the spin lock is a test-and-test-and-set
 * lock on an int, where the kernel's arch_spin_lock is a queued lock.
 */
#ifndef RIH_BENCH_KERNEL_H
#define RIH_BENCH_KERNEL_H

#include "../../examples/userspace/helpers.h"

/* atomic_t: READ_ONCE/WRITE_ONCE of an int, as include/linux/atomic. */
typedef struct {
	int counter;
} atomic_t;

static inline int atomic_read(const atomic_t *v) { return READ_ONCE(v->counter); }
static inline void atomic_set(atomic_t *v, int i) { WRITE_ONCE(v->counter, i); }

typedef struct {
	int locked;
} spinlock_t;

static inline void spin_lock_init(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELAXED);
}

static inline void spin_lock(spinlock_t *lock)
{
	while (unlikely(__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)))
		while (READ_ONCE(lock->locked))
			__builtin_ia32_pause();
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

/* A copy whose length the caller knows, as the kernel's fixed-size memcpy. */
static inline void *short_copy(void *dst, const void *src, size_t len)
{
	return __builtin_memcpy(dst, src, len);
}

#endif /* RIH_BENCH_KERNEL_H */
