/*
 * rust/helpers/refcount.c's REFCOUNT_INIT, the helper that stayed a call on
 * arm64: it returns refcount_t (4 bytes) by value.  Built with each
 * architecture's kernel C flags (-nostdinc: nothing is included).
 */
typedef struct { int counter; } atomic_t;
typedef struct refcount_struct { atomic_t refs; } refcount_t;
#define REFCOUNT_INIT(n) { .refs = { .counter = (n) } }

refcount_t rust_helper_REFCOUNT_INIT(int n)
{
	return (refcount_t)REFCOUNT_INIT(n);
}

/* The positive control. */
__attribute__((__noinline__)) int rust_helper_refcount_read(const refcount_t *r)
{
	return r->refs.counter;
}
