//! Caller of a helper built with -fcf-protection=branch (ENDBR row).
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_endbr_add(a: i64, b: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_endbr(a: i64, b: i64) -> i64 {
    unsafe { rust_helper_endbr_add(a, b) }
}
