// Rust callers of the helpers in helpers.c (test/link/aliases-ifuncs.test).
#![no_std]

extern "C" {
    fn rust_helper_alias(x: i32) -> i32;
    fn rust_helper_weak_alias(x: i32) -> i32;
    fn rust_helper_weak_range(x: i32) -> i32;
    fn rust_helper_ifunc(x: i32) -> i32;
    fn rust_helper_calls_weak_alias(x: i32) -> i32;
    fn rust_helper_calls_ifunc(x: i32) -> i32;
    fn rust_helper_data_alias() -> i32;
    fn rust_helper_data_alias_addr() -> *mut i32;
    static mut rih_data_alias: i32;
}

#[no_mangle]
pub extern "C" fn rs_alias(x: i32) -> i32 {
    unsafe { rust_helper_alias(x) }
}
#[no_mangle]
pub extern "C" fn rs_alias_addr() -> usize {
    rust_helper_alias as usize
}
#[no_mangle]
pub extern "C" fn rs_weak_alias(x: i32) -> i32 {
    unsafe { rust_helper_weak_alias(x) }
}
#[no_mangle]
pub extern "C" fn rs_weak_range(x: i32) -> i32 {
    if unsafe { rust_helper_weak_range(x) } < 8 {
        1
    } else {
        2
    }
}
#[no_mangle]
pub extern "C" fn rs_ifunc(x: i32) -> i32 {
    unsafe { rust_helper_ifunc(x) }
}
#[no_mangle]
pub extern "C" fn rs_calls(x: i32) -> i32 {
    unsafe { rust_helper_calls_weak_alias(x) * 1000 + rust_helper_calls_ifunc(x) }
}
#[no_mangle]
pub extern "C" fn rs_data_alias() -> i32 {
    unsafe { rust_helper_data_alias() }
}
#[no_mangle]
pub extern "C" fn rs_data_alias_addr() -> *mut i32 {
    unsafe { rust_helper_data_alias_addr() }
}
#[no_mangle]
pub extern "C" fn rs_data_alias_direct() -> *mut i32 {
    unsafe { core::ptr::addr_of_mut!(rih_data_alias) }
}
