// The crate of test/link/split-cache.test: calls most of helpers.c's
// helpers, the way the kernel crate calls rust_helper_*.
#![no_std]

extern "C" {
    fn rust_helper_popcount8(x: u8) -> i32;
    fn rust_helper_parity8(x: u8) -> i32;
    fn rust_helper_twice(by: i64) -> i64;
    fn rust_helper_apply(op: i32, x: i64) -> i64;
    fn rust_helper_state(s: i32) -> i32;
    fn rust_helper_tls_enter() -> i32;
    fn rust_helper_slow(x: i64) -> i64;
    fn rust_helper_weak(x: i32) -> i32;
    fn rust_helper_hidden(x: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn rust_use_helpers(x: u8, y: i64, s: i32) -> i64 {
    unsafe {
        let a = rust_helper_popcount8(x) + rust_helper_parity8(x);
        let b = rust_helper_twice(y) + rust_helper_apply(s, y);
        let c = rust_helper_state(s) + rust_helper_tls_enter();
        let d = rust_helper_slow(y) + (rust_helper_weak(s) + rust_helper_hidden(s)) as i64;
        a as i64 + b + c as i64 + d
    }
}
