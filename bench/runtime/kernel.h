/*
 * More kernel-style `static inline` functions for the runtime benchmark, on
 * top of the user-space example's (error pointers, bit operations, lists,
 * refcount_t, min/max, bswap32): atomic_read/atomic_set, a spin lock, a
 * short copy, and helpers with loops (a byte copy, a bitmap scan, a string
 * length, a checksum).  User-space stand-ins: the spin lock is a
 * test-and-test-and-set lock on an int, where the kernel's arch_spin_lock is
 * a queued lock.
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

/*
 * Helpers with loops (issue 24): built with the whole -O2 pipeline for an
 * unknown caller, such a loop is vectorized behind runtime overlap checks
 * and runtime-unrolled; inlined into a caller that knows the length and the
 * objects, it is better optimized in place.
 */

/* A byte-by-byte copy, as lib/string.c's generic memcpy. */
static inline void *copy_bytes(void *dst, const void *src, size_t count)
{
	char *d = dst;
	const char *s = src;

	while (count--)
		*d++ = *s++;
	return dst;
}

/* A small message header, copied whole with copy_bytes(). */
struct msg_hdr {
	uint64_t seq;
	uint32_t len;
	uint16_t type;
	uint16_t flags;
	unsigned char tag[8];
};

/* lib/find_bit.c's find_first_bit and lib/bitmap.c's bitmap_weight. */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	for (unsigned long idx = 0; idx * BITS_PER_LONG < size; idx++)
		if (addr[idx])
			return min(idx * BITS_PER_LONG + __ffs(addr[idx]), size);
	return size;
}

#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int k, w = 0, lim = nbits / BITS_PER_LONG;

	for (k = 0; k < lim; k++)
		w += (unsigned int)__builtin_popcountl(src[k]);
	if (nbits % BITS_PER_LONG)
		w += (unsigned int)__builtin_popcountl(src[k] & BITMAP_LAST_WORD_MASK(nbits));
	return w;
}

/*
 * A string length by hand, as lib/string.c's strlen; the C flags have
 * -fno-builtin-strlen, so clang leaves it a loop.
 */
static inline size_t str_len(const char *s)
{
	const char *sc;

	for (sc = s; *sc != '\0'; ++sc)
		;
	return (size_t)(sc - s);
}

/* A 16-bit ones'-complement sum, as the Internet checksum, of len bytes. */
static inline uint16_t csum16(const void *buf, size_t len)
{
	const uint16_t *p = buf;
	uint32_t sum = 0;

	for (size_t i = 0; i < len / 2; i++)
		sum += p[i];
	if (len & 1)
		sum += ((const unsigned char *)buf)[len - 1];
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

#endif /* RIH_BENCH_KERNEL_H */
