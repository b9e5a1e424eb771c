// Rust callers of the helpers in helpers.c (test/link/data-symbols.test).
#![no_std]

extern "C" {
    fn rust_helper_const_addr() -> *const i32;
    fn rust_helper_const_load(i: i32) -> i32;
    fn rust_helper_bump_via_ref() -> i32;
    fn rust_helper_weak_const() -> i32;
    fn rust_helper_weak_var() -> i32;
    fn rust_helper_common() -> i32;
    fn rust_helper_extern_weak() -> i32;
    fn rust_helper_tls() -> i32;
    fn rust_helper_tls_static() -> i32;
    fn rust_helper_static_addr() -> *const i32;
    fn rust_helper_is_static_table(p: *const i32) -> i32;
    fn rust_helper_static_load(i: i32) -> i32;
    fn rust_helper_string() -> *const u8;
    static rih_const_table: [i32; 4];
    static rih_counter_ref: RihRef;
}

#[repr(C)]
pub struct RihRef {
    p: *mut i32,
}

#[no_mangle]
pub extern "C" fn rs_const_same() -> i32 {
    unsafe { (rust_helper_const_addr() == core::ptr::addr_of!(rih_const_table).cast()) as i32 }
}
#[no_mangle]
pub extern "C" fn rs_const_addr() -> *const i32 {
    unsafe { rust_helper_const_addr() }
}
#[no_mangle]
pub extern "C" fn rs_const_load(i: i32) -> i32 {
    unsafe { rust_helper_const_load(i) }
}
#[no_mangle]
pub extern "C" fn rs_bump_via_ref() -> i32 {
    unsafe { rust_helper_bump_via_ref() }
}
#[no_mangle]
pub extern "C" fn rs_bump_direct() -> i32 {
    unsafe {
        *rih_counter_ref.p += 10;
        *rih_counter_ref.p
    }
}
#[no_mangle]
pub extern "C" fn rs_weak_const() -> i32 {
    unsafe { rust_helper_weak_const() }
}
#[no_mangle]
pub extern "C" fn rs_weak_var() -> i32 {
    unsafe { rust_helper_weak_var() }
}
#[no_mangle]
pub extern "C" fn rs_common() -> i32 {
    unsafe { rust_helper_common() }
}
#[no_mangle]
pub extern "C" fn rs_extern_weak() -> i32 {
    unsafe { rust_helper_extern_weak() }
}
#[no_mangle]
pub extern "C" fn rs_tls() -> i32 {
    unsafe { rust_helper_tls() + rust_helper_tls_static() }
}
#[no_mangle]
pub extern "C" fn rs_static_same() -> i32 {
    unsafe { rust_helper_is_static_table(rust_helper_static_addr()) }
}
#[no_mangle]
pub extern "C" fn rs_static_addr() -> *const i32 {
    unsafe { rust_helper_static_addr() }
}
#[no_mangle]
pub extern "C" fn rs_static_load(i: i32) -> i32 {
    unsafe { rust_helper_static_load(i) }
}
#[no_mangle]
pub extern "C" fn rs_string() -> *const u8 {
    unsafe { rust_helper_string() }
}
