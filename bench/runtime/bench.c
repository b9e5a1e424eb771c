/*
 * Runtime benchmark, pure C (variant f): bench.rs's benchmarks written in C
 * and calling the `static inline` functions directly, with no helper in
 * between, as C code in the kernel does.  This is the limit an inlining
 * build of bench.rs can reach.  black_box() does what Rust's
 * core::hint::black_box does (the value goes through memory that an empty
 * asm statement may read), so both loops keep the same shape.
 */
#include "kernel.h"

#include <stdint.h>

#define black_box(x)                                                      \
	({                                                                \
		__typeof__(x) __v = (x);                                  \
		__asm__ volatile("" : : "r"(&__v) : "memory");            \
		__v;                                                      \
	})

uint64_t bench_refcount(void *mem, uint64_t n)
{
	refcount_t *r = mem;
	uint64_t acc = 0;

	refcount_set(r, 1);
	for (uint64_t i = 0; i < n; i++) {
		refcount_inc(r);
		if (refcount_dec_and_test(r))
			acc++;
	}
	return acc + refcount_read(r);
}

uint64_t bench_err_ptr(void *mem, uint64_t n)
{
	uint64_t acc = 0;

	(void)mem;
	for (uint64_t i = 0; i < n; i++) {
		long err = (long)black_box(i & 4095);
		void *ptr = ERR_PTR(-err);

		if (IS_ERR(ptr))
			acc += (uint64_t)PTR_ERR(ptr);
		else
			acc++;
	}
	return acc;
}

uint64_t bench_bitops(void *mem, uint64_t n)
{
	unsigned long *map = mem;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		set_bit(i & 255, map);
		if (test_bit((i * 7) & 255, map))
			acc++;
		clear_bit((i * 3) & 255, map);
	}
	return acc;
}

uint64_t bench_list(void *mem, uint64_t n)
{
	struct list_head *head = mem;
	struct list_head *nodes = head + 1;
	uint64_t acc = 0;

	INIT_LIST_HEAD(head);
	for (uint64_t i = 0; i < n; i++) {
		struct list_head *node = &nodes[i & 7];

		list_add(node, head);
		if (!list_empty(head))
			acc++;
		list_del(node);
	}
	return acc;
}

uint64_t bench_read_once(void *mem, uint64_t n)
{
	const atomic_t *counters = mem;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++)
		acc += (uint64_t)atomic_read(&counters[i & 63]);
	return acc;
}

uint64_t bench_spinlock(void *mem, uint64_t n)
{
	spinlock_t *lock = mem;
	uint64_t *data = (uint64_t *)mem + 8;

	spin_lock_init(lock);
	*data = 0;
	for (uint64_t i = 0; i < n; i++) {
		spin_lock(lock);
		(*data)++;
		spin_unlock(lock);
	}
	return *data;
}

uint64_t bench_minmax(void *mem, uint64_t n)
{
	const uint32_t *src = mem;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		uint32_t x = src[i & 255];
		long clamped = max(min((long)x, 1000L), 10L);

		acc += (uint64_t)clamped + bswap32(x);
	}
	return acc;
}

uint64_t bench_copy(void *mem, uint64_t n)
{
	const unsigned char *src = mem;
	unsigned char *dst = (unsigned char *)mem + 2048;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		short_copy(dst, src + (i & 7), 16);
		acc += *(const uint64_t *)dst;
	}
	return acc;
}

/* Helpers with loops: see bench.rs. */
uint64_t bench_struct_copy(void *mem, uint64_t n)
{
	const struct msg_hdr *msgs = mem;
	struct msg_hdr tmp = { 0 };
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++) {
		copy_bytes(&tmp, &msgs[i & 15], sizeof(tmp));
		acc += tmp.seq + tmp.len + tmp.tag[3];
	}
	return acc;
}

uint64_t bench_bitmap(void *mem, uint64_t n)
{
	unsigned long *maps = mem;
	uint64_t acc = 0;

	for (uint64_t k = 0; k < 64; k++)
		for (uint64_t w = 0; w < k % 5 && w < 4; w++)
			maps[k * 4 + w] = 0;
	for (uint64_t i = 0; i < n; i++) {
		const unsigned long *map = &maps[(i & 63) * 4];

		acc += find_first_bit(map, 256) + bitmap_weight(map, 256);
	}
	return acc;
}

uint64_t bench_strlen(void *mem, uint64_t n)
{
	char *strs = mem;
	uint64_t acc = 0;

	for (uint64_t k = 0; k < 64; k++) {
		char *s = &strs[k * 32];
		uint64_t len = (k * 7) % 29;

		for (uint64_t j = 0; j < len; j++)
			s[j] = (char)('a' + j % 26);
		s[len] = '\0';
	}
	for (uint64_t i = 0; i < n; i++)
		acc += str_len(&strs[(i & 63) * 32]);
	return acc;
}

uint64_t bench_csum(void *mem, uint64_t n)
{
	const unsigned char *bufs = mem;
	uint64_t acc = 0;

	for (uint64_t i = 0; i < n; i++)
		acc += csum16(&bufs[(i & 15) * 64], 64);
	return acc;
}

/* The workload: see bench.rs for what it does. */
#define BUCKETS 256
#define KEYS 1024
#define ENOENT 2

struct bucket {
	spinlock_t lock;
	struct list_head head;
};

struct entry {
	struct list_head node;
	uint64_t key;
	refcount_t refs;
};

struct table {
	struct bucket buckets[BUCKETS];
	struct entry entries[KEYS];
	unsigned long present[KEYS / 64];
};

static struct entry *lookup(struct bucket *b, uint64_t key)
{
	for (struct list_head *pos = b->head.next; pos != &b->head; pos = pos->next) {
		struct entry *e = (struct entry *)pos;

		if (e->key == key)
			return e;
	}
	return ERR_PTR(-ENOENT);
}

uint64_t bench_hashtable(void *mem, uint64_t n)
{
	struct table *t = mem;
	uint64_t hits = 0, inserts = 0, frees = 0, errors = 0;

	for (uint64_t k = 0; k < BUCKETS; k++) {
		spin_lock_init(&t->buckets[k].lock);
		INIT_LIST_HEAD(&t->buckets[k].head);
	}
	for (uint64_t k = 0; k < KEYS / 64; k++)
		t->present[k] = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t key = (i * 2654435761u) & (KEYS - 1);
		struct bucket *b = &t->buckets[key & (BUCKETS - 1)];
		struct entry *e;

		spin_lock(&b->lock);
		e = lookup(b, key);
		if (IS_ERR(e)) {
			struct entry *new = &t->entries[key];

			errors += (uint64_t)PTR_ERR(e);
			new->key = key;
			refcount_set(&new->refs, 1);
			list_add(&new->node, &b->head);
			set_bit(key, t->present);
			inserts++;
		} else {
			refcount_inc(&e->refs);
			hits++;
			if ((i & 3) == 0) {
				list_del(&e->node);
				clear_bit(key, t->present);
				refcount_dec_and_test(&e->refs);
			}
			if (refcount_dec_and_test(&e->refs))
				frees++;
		}
		spin_unlock(&b->lock);
	}
	return hits + inserts * 3 + frees * 5 + errors;
}
