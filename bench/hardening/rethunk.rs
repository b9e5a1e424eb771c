//! Caller of a helper built with -mfunction-return=thunk-extern.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_rethunk_sum(p: *const i64) -> i64;
}

#[no_mangle]
pub unsafe extern "C" fn rust_rethunk(p: *const i64) -> i64 {
    unsafe { rust_helper_rethunk_sum(p) }
}
