// Calls a helper, and takes its address: as a function pointer, in a table
// (like an ops vtable) and in a comparison with the C side's address.
#![no_std]
type Op = unsafe extern "C" fn(i32) -> i32;
extern "C" {
    fn rust_helper_twice(x: i32) -> i32;
    fn c_address_of_twice() -> *const u8;
}

#[no_mangle]
pub static RUST_OPS: [Op; 1] = [rust_helper_twice];

#[no_mangle]
pub extern "C" fn rust_identity(x: i32, out: &mut [i32; 3]) {
    unsafe {
        out[0] = rust_helper_twice(x);
        let f: Op = rust_helper_twice;
        out[1] = (f as *const u8 == c_address_of_twice()) as i32;
        out[2] = (RUST_OPS[0] as *const u8 == c_address_of_twice()) as i32;
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
