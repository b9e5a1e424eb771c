//! Caller of a helper whose stack buffer escapes (stack protector row).
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_ssp_fill(n: i32) -> i32;
}

#[no_mangle]
pub unsafe extern "C" fn rust_ssp(n: i32) -> i32 {
    unsafe { rust_helper_ssp_fill(n) }
}
