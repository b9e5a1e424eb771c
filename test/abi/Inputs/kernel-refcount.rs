//! `kernel::sync::Refcount::new` in the style of Linux 6.12's Rust code: the
//! `refcount_t` REFCOUNT_INIT returns is stored into an object's field.
//! `#![no_core]`, built with each architecture's kernel Rust flags.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../../examples/kernel-common/prelude.rs"]
mod prelude;

#[repr(C)]
pub struct Refcount {
    refs: i32,
}

#[repr(C)]
pub struct Object {
    refcount: Refcount,
    flags: u64,
}

extern "C" {
    fn rust_helper_REFCOUNT_INIT(n: i32) -> Refcount;
    fn rust_helper_refcount_read(r: *const Refcount) -> i32;
}

#[no_mangle]
pub unsafe extern "C" fn rust_object_init(o: *mut Object, n: i32) {
    unsafe { (*o).refcount = rust_helper_REFCOUNT_INIT(n) }
}

#[no_mangle]
pub unsafe extern "C" fn rust_object_count(o: *const Object) -> i32 {
    unsafe { rust_helper_refcount_read(&raw const (*o).refcount) }
}
