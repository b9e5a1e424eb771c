/*
 * Kernel-style C shared by the kernel examples: a few `static inline`
 * functions in the style of the kernel's headers, and the `rust_helper_*`
 * wrappers that Rust calls (as in the kernel's rust/helpers directory).
 * Built with each architecture's kernel C flags
 * (examples/kernel-<arch>/cflags.txt, which include -nostdinc), so this file
 * includes nothing; `long` is 64 bits on every LP64 target used.
 */

typedef _Bool bool;
typedef unsigned long size_t;
typedef unsigned long u64;

#define true 1
#define false 0
#define noinline __attribute__((__noinline__))
#define unlikely(x) __builtin_expect(!!(x), 0)
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))
#define BITS_PER_LONG 64

/* include/linux/err.h */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }

/* include/linux/refcount.h, simplified: saturate instead of wrapping */
typedef struct { int counter; } atomic_t;
typedef struct refcount_struct { atomic_t refs; } refcount_t;
#define REFCOUNT_SATURATED (-(1 << 30))

static inline void refcount_inc(refcount_t *r)
{
	int old = __atomic_fetch_add(&r->refs.counter, 1, __ATOMIC_RELAXED);

	if (unlikely(old <= 0 || old + 1 <= 0))
		WRITE_ONCE(r->refs.counter, REFCOUNT_SATURATED);
}

static inline bool refcount_dec_and_test(refcount_t *r)
{
	int old = __atomic_fetch_sub(&r->refs.counter, 1, __ATOMIC_RELEASE);

	if (old == 1) {
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		return true;
	}
	if (unlikely(old <= 0))
		WRITE_ONCE(r->refs.counter, REFCOUNT_SATURATED);
	return false;
}

/* include/asm-generic/bitops: atomic set, plain test */
static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[nr / BITS_PER_LONG], 1UL << (nr % BITS_PER_LONG),
			  __ATOMIC_RELAXED);
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

/* An object with an accessor, like blk_mq_rq_to_pdu() and friends. */
struct kobj {
	refcount_t ref;
	unsigned long flags;
	size_t size;
};

static inline size_t kobj_size(const struct kobj *o) { return o->size; }

/* The wrappers. */
void *rust_helper_ERR_PTR(long err) { return ERR_PTR(err); }
bool rust_helper_IS_ERR(const void *ptr) { return IS_ERR(ptr); }
long rust_helper_PTR_ERR(const void *ptr) { return PTR_ERR(ptr); }
void rust_helper_refcount_inc(refcount_t *r) { refcount_inc(r); }
bool rust_helper_refcount_dec_and_test(refcount_t *r) { return refcount_dec_and_test(r); }
void rust_helper_set_bit(long nr, volatile unsigned long *addr) { set_bit(nr, addr); }
bool rust_helper_test_bit(long nr, const volatile unsigned long *addr) { return test_bit(nr, addr); }
size_t rust_helper_kobj_size(const struct kobj *o) { return kobj_size(o); }

/* Control: marked noinline in the C source, so it must stay a call. */
noinline u64 rust_helper_noinline_audit(const struct kobj *o)
{
	return (o->flags * 31) ^ o->size ^ (u64)o->ref.refs.counter;
}
