// Helpers built for a subtarget with cmpxchg16b (test/blockers/atomic-width.test).
typedef __int128 i128;

// A 16-byte compare-and-swap: lock cmpxchg16b with +cx16; without it, a
// call to __atomic_compare_exchange_16.
__attribute__((target("cx16"))) int rust_helper_cas16(i128 *p, long old,
                                                     long new) {
  return __sync_bool_compare_and_swap(p, (i128)old, (i128)new);
}

// The same subtarget, but an 8-byte atomic: every x86-64 does it inline.
__attribute__((target("cx16"))) long rust_helper_add8(long *p, long v) {
  return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
