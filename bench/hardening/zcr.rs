//! Caller of a helper built with -fzero-call-used-regs=used-gpr.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_zcr_mix(a: i64, b: i64, c: i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_zcr(a: i64, b: i64, c: i64) -> i64 {
    unsafe { rust_helper_zcr_mix(a, b, c) }
}
