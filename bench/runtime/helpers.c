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
