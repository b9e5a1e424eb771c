// Declarations that disagree with helpers.c, and one that agrees.
#![no_std]
#[repr(C)]
pub struct Big {
    a: i64,
    b: i64,
    c: i64,
}
#[repr(C)]
pub struct Pair {
    a: i64,
    b: i64,
}
#[repr(C)]
pub struct Mixed {
    a: u64,
    b: u16,
}
extern "C" {
    fn rust_helper_add(a: i32) -> i32; // C takes two ints
    fn rust_helper_wide(x: u64) -> u64; // C: unsigned int
    fn rust_helper_byte(x: u8) -> i32; // C: signed char
    fn rust_helper_big(s: Big) -> i64; // C: a struct of four longs
    fn rust_helper_cc(x: i32) -> i32; // C: preserve_most
    fn rust_helper_ok(x: i32) -> i32;
    fn rust_helper_pair(p: Pair) -> i64;
    fn rust_helper_mixed(m: Mixed) -> Mixed;
}

#[no_mangle]
pub extern "C" fn rust_mismatch(x: i32) -> i64 {
    unsafe {
        let a = rust_helper_add(x) as i64;
        let b = rust_helper_wide(x as u64) as i64;
        let c = rust_helper_byte(x as u8) as i64;
        let d = rust_helper_big(Big { a: 1, b: 2, c: 3 });
        let e = rust_helper_cc(x) as i64;
        let f = rust_helper_ok(x) as i64;
        let g = rust_helper_pair(Pair { a: x as i64, b: 7 });
        let h = rust_helper_mixed(Mixed { a: x as u64, b: 3 });
        a + b + c + d + e + f + g + h.a as i64 + h.b as i64
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
