//! Caller of a helper that calls through a function pointer (retpoline row).
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_rp_apply(op: extern "C" fn(i64) -> i64, x: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_retpoline(op: extern "C" fn(i64) -> i64, x: i64) -> i64 {
    unsafe { rust_helper_rp_apply(op, x) }
}
