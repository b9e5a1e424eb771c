//! Caller of a zeroing loop built with -ffreestanding.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_zero_fill(p: *mut u8, n: usize);
}

#[no_mangle]
pub unsafe extern "C" fn rust_memset(p: *mut u8, n: usize) {
    unsafe { rust_helper_zero_fill(p, n) }
}
