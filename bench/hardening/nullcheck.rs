//! Caller of a helper that dereferences a pointer, then tests it for NULL.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_np_read(p: *mut i32) -> i32;
}

#[no_mangle]
pub unsafe extern "C" fn rust_nullcheck(p: *mut i32) -> i32 {
    unsafe { rust_helper_np_read(p) }
}
