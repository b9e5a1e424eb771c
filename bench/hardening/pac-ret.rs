//! Caller of a non-leaf helper for the return address signing (pac-ret) row, arm64.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_pac_log(x: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_pac_ret(x: i64) -> i64 {
    unsafe { rust_helper_pac_log(x) }
}
