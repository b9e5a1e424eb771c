//! The kernel examples' C types and `rust_helper_*` declarations, as
//! bindgen would write them for examples/kernel-common/helpers.c.  Used by
//! caller.rs and by the crate bench/gen-large-crate.py generates.

/// `refcount_t` (`struct refcount_struct { atomic_t refs; }`).
#[repr(C)]
pub struct Refcount {
    pub refs: i32,
}

/// `struct kobj` in helpers.c.
#[repr(C)]
pub struct Kobj {
    pub refcount: Refcount,
    pub flags: u64,
    pub size: usize,
}

extern "C" {
    pub fn rust_helper_ERR_PTR(err: i64) -> *mut u8;
    pub fn rust_helper_IS_ERR(ptr: *const u8) -> bool;
    pub fn rust_helper_PTR_ERR(ptr: *const u8) -> i64;
    pub fn rust_helper_refcount_inc(r: *mut Refcount);
    pub fn rust_helper_refcount_dec_and_test(r: *mut Refcount) -> bool;
    pub fn rust_helper_set_bit(nr: i64, addr: *mut u64);
    pub fn rust_helper_test_bit(nr: i64, addr: *const u64) -> bool;
    pub fn rust_helper_kobj_size(o: *const Kobj) -> usize;
    pub fn rust_helper_noinline_audit(o: *const Kobj) -> u64;
}
