// Rust callers of helpers.c (test/inline/naked.test).
#![no_std]

extern "C" {
    fn rust_helper_naked_add1(x: i32) -> i32;
    fn rust_helper_plain_add2(x: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn rs_naked(x: i32) -> i32 {
    // Code after the call: a ret inlined from the helper would skip it.
    unsafe { rust_helper_naked_add1(x) * 10 + rust_helper_plain_add2(x) }
}
