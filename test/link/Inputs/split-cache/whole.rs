// Calls whole.c's helpers (test/link/split-cache.test).
#![no_std]

extern "C" {
    fn rust_helper_base(x: i32) -> i32;
    fn rust_helper_alias(x: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn rust_use_whole(x: i32) -> i32 {
    unsafe { rust_helper_base(x) + rust_helper_alias(x) }
}
