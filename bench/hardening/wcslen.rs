//! Caller of a wide-string length loop built with -fno-builtin-wcslen -fshort-wchar.
#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

#[path = "../../examples/kernel-common/prelude.rs"]
mod prelude;

extern "C" {
    fn rust_helper_wcs_len(s: *const u16) -> usize;
}

#[no_mangle]
pub unsafe extern "C" fn rust_wcslen(s: *const u16) -> usize {
    unsafe { rust_helper_wcs_len(s) }
}
