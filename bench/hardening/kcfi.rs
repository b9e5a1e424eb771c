//! Caller of a helper whose indirect call carries a kCFI type check.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_kcfi_apply(op: extern "C" fn(i64) -> i64, x: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_kcfi(op: extern "C" fn(i64) -> i64, x: i64) -> i64 {
    unsafe { rust_helper_kcfi_apply(op, x) }
}
