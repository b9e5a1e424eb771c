//! Caller of a non-leaf helper for the shadow call stack row, arm64.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_scs_log(x: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_scs(x: i64) -> i64 {
    unsafe { rust_helper_scs_log(x) }
}
