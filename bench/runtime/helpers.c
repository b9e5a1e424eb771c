/*
 * The runtime benchmark's helper file: the user-space example's
 * `rust_helper_*` wrappers, plus wrappers for kernel.h's additions, in one
 * translation unit (one helper file for every variant).
 */
#include "../../examples/userspace/helpers.c"
#include "kernel.h"

int rust_helper_atomic_read(const atomic_t *v) { return atomic_read(v); }
void rust_helper_atomic_set(atomic_t *v, int i) { atomic_set(v, i); }
void rust_helper_spin_lock_init(spinlock_t *lock) { spin_lock_init(lock); }
void rust_helper_spin_lock(spinlock_t *lock) { spin_lock(lock); }
void rust_helper_spin_unlock(spinlock_t *lock) { spin_unlock(lock); }
void *rust_helper_short_copy(void *dst, const void *src, size_t len)
{
	return short_copy(dst, src, len);
}
void *rust_helper_copy_bytes(void *dst, const void *src, size_t count)
{
	return copy_bytes(dst, src, count);
}
unsigned long rust_helper_find_first_bit(const unsigned long *addr, unsigned long size)
{
	return find_first_bit(addr, size);
}
unsigned int rust_helper_bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	return bitmap_weight(src, nbits);
}
size_t rust_helper_str_len(const char *s) { return str_len(s); }
uint16_t rust_helper_csum16(const void *buf, size_t len) { return csum16(buf, len); }
