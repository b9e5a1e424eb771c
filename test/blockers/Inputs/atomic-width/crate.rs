// Rust callers of helpers.c (test/blockers/atomic-width.test).
#![no_std]

extern "C" {
    fn rust_helper_cas16(p: *mut i128, old: i64, new: i64) -> i32;
    fn rust_helper_add8(p: *mut i64, v: i64) -> i64;
}

#[no_mangle]
pub extern "C" fn rs_cas16(p: *mut i128, old: i64, new: i64) -> i32 {
    unsafe { rust_helper_cas16(p, old, new) }
}
#[no_mangle]
pub extern "C" fn rs_add8(p: *mut i64, v: i64) -> i64 {
    unsafe { rust_helper_add8(p, v) }
}
