// Calls the helpers of helpers.c and returns what the C side then sees.
#![no_std]
extern "C" {
    fn rust_helper_shared_bump() -> i32;
    fn rust_helper_file_bump() -> i32;
    fn rust_helper_local_bump() -> i32;
    fn rust_helper_indirect_bump() -> i32;
    fn rust_helper_bump_via() -> i32;
    fn rust_helper_table(i: u32) -> i32;
    fn rust_helper_name() -> *const u8;
    fn c_read_shared() -> i32;
    fn c_read_file() -> i32;
}

#[no_mangle]
pub extern "C" fn rust_state(out: &mut [i32; 7]) {
    unsafe {
        rust_helper_shared_bump();
        rust_helper_shared_bump();
        rust_helper_file_bump();
        rust_helper_indirect_bump();
        rust_helper_local_bump();
        out[0] = c_read_shared();
        out[1] = c_read_file();
        out[2] = rust_helper_local_bump();
        out[3] = rust_helper_table(2);
        out[4] = *rust_helper_name() as i32;
        out[5] = rust_helper_shared_bump();
        out[6] = rust_helper_bump_via();
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
