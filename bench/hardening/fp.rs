//! Caller of a non-leaf helper built with frame pointers.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_fp_log(x: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_fp(x: i64) -> i64 {
    unsafe { rust_helper_fp_log(x) }
}
