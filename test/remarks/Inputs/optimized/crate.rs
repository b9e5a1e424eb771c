// Calls test/remarks/Inputs/optimized/helpers.c's helpers.
#![no_std]

extern "C" {
    fn rust_helper_xor_bytes(dst: *mut u8, src: *const u8, n: usize, key: u8);
    fn rust_helper_add(a: i32, b: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn rust_mask(dst: &mut [u8; 16], src: &[u8; 16], key: u8) -> i32 {
    unsafe {
        rust_helper_xor_bytes(dst.as_mut_ptr(), src.as_ptr(), 16, key);
        rust_helper_add(dst[0] as i32, 1)
    }
}
