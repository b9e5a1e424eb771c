// A C struct with tail padding returned by value ({ usize, i16 }: rustc
// returns { i64, i64 }, clang { i64, i16 }), read by Rust in a debug
// build: the value is moved (a 16-byte memcpy that copies the padding) and
// its fields are read by another function.  wrong_tail declares the
// struct's second word as a u64: bytes 10-15 are then data to Rust, and
// they are unspecified in the helper's return (built with --cfg wrong).
#![no_std]

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Tail {
    pub a: usize,
    pub b: i16,
}

#[repr(C)]
pub struct WrongTail {
    pub a: usize,
    pub b: u64,
}

extern "C" {
    fn rust_helper_make_tail(a: usize, b: i16) -> Tail;
    fn rust_helper_keep_tail(a: usize, b: i16) -> Tail;
}

#[inline(never)]
fn sum(t: &Tail) -> usize {
    t.a.wrapping_add(t.b as usize)
}

#[no_mangle]
pub extern "C" fn moved(a: usize, b: i16) -> usize {
    let t = unsafe { rust_helper_make_tail(a, b) };
    let u = t;
    sum(&u)
}

#[no_mangle]
pub extern "C" fn rust_control(a: usize, b: i16) -> usize {
    let t = unsafe { rust_helper_keep_tail(a, b) };
    sum(&t)
}

#[cfg(wrong)]
extern "C" {
    #[link_name = "rust_helper_make_tail"]
    fn make_wrong_tail(a: usize, b: i16) -> WrongTail;
}

#[cfg(wrong)]
#[no_mangle]
pub extern "C" fn wrong_tail(a: usize, b: i16) -> u64 {
    let t = unsafe { make_wrong_tail(a, b) };
    let u = t;
    u.b
}
