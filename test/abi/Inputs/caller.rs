//! Rust callers of helpers.c, declared the way bindgen and hand-written
//! kernel bindings declare them (#[repr(C)] mirrors of the C types).  Each
//! caller reads what C defines and folds it into an integer that main.c
//! prints, so the plain build and the plugin's build can be compared.
#![no_std]

#[repr(C)] #[derive(Clone, Copy)] pub struct AtomicT { counter: i32 }
#[repr(C)] #[derive(Clone, Copy)] pub struct RefcountT { refs: AtomicT }
#[repr(C)] pub struct Byte1 { a: u8 }
#[repr(C)] #[derive(Clone, Copy)] pub struct Mixed3 { a: u8, b: u16 }
#[repr(C)] pub struct Half2 { a: i16, b: i16 }
#[repr(C)] pub union Word { u: u32, f: f32 }
#[repr(C)] pub struct Three16 { a: u16, b: u16, c: u16 }
#[repr(C)] pub struct Float2 { a: f32, b: f32 }
#[repr(C)] pub struct FloatDouble { a: f32, b: f64 }
#[repr(C)] pub struct Wide { v: u128 }
#[repr(C)] pub struct Int2 { a: i32, b: i32 }
#[repr(C)] pub struct Big { a: u64, b: u64, c: u64 }

unsafe extern "C" {
    fn rust_helper_REFCOUNT_INIT(n: i32) -> RefcountT;
    fn rust_helper_byte1(a: u8) -> Byte1;
    fn rust_helper_mixed3(a: u8, b: u16) -> Mixed3;
    fn rust_helper_mixed3_sum(m: Mixed3) -> u32;
    fn rust_helper_half2(a: i16) -> Half2;
    fn rust_helper_word(u: u32) -> Word;
    fn rust_helper_three16(a: u16) -> Three16;
    fn rust_helper_float2(f: Float2) -> Float2;
    fn rust_helper_float_double(a: f32) -> FloatDouble;
    fn rust_helper_wide(w: Wide) -> Wide;
    fn rust_helper_int2(p: Int2) -> Int2;
    fn rust_helper_big(b: Big) -> Big;
    fn rust_helper_is_negative(x: i8) -> bool;
    fn rust_helper_low_byte(x: u32) -> u8;
    fn rust_helper_u32_not(x: u32) -> u32;
    fn rust_helper_i16_neg(x: i16) -> i16;
    fn rust_helper_noinline_control(x: u32) -> u32;
}

/// A place the helpers' results are stored in, like a kernel object's
/// field (`Refcount::new` stores its `refcount_t`).
static mut STORED: RefcountT = RefcountT { refs: AtomicT { counter: 0 } };

#[unsafe(no_mangle)]
pub extern "C" fn rust_refcount(n: i32) -> i64 {
    unsafe {
        STORED = rust_helper_REFCOUNT_INIT(n);
        STORED.refs.counter as i64
    }
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_byte1(a: u8) -> u32 { unsafe { rust_helper_byte1(a).a as u32 } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_mixed3(a: u8, b: u16) -> u32 {
    let m = unsafe { rust_helper_mixed3(a, b) };
    (m.a as u32) << 16 | m.b as u32
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_mixed3_sum(a: u8, b: u16) -> u32 { unsafe { rust_helper_mixed3_sum(Mixed3 { a, b }) } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_half2(a: i16) -> i64 {
    let h = unsafe { rust_helper_half2(a) };
    (h.a as i64) * 100000 + h.b as i64
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_word(u: u32) -> u32 { unsafe { rust_helper_word(u).f.to_bits() } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_three16(a: u16) -> u64 {
    let t = unsafe { rust_helper_three16(a) };
    (t.a as u64) << 32 | (t.b as u64) << 16 | t.c as u64
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_float2(a: f32, b: f32) -> u64 {
    let f = unsafe { rust_helper_float2(Float2 { a, b }) };
    (f.a.to_bits() as u64) << 32 | f.b.to_bits() as u64
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_float_double(a: f32) -> u64 {
    let f = unsafe { rust_helper_float_double(a) };
    f.a.to_bits() as u64 ^ f.b.to_bits()
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_wide(hi: u64, lo: u64) -> u64 {
    let w = unsafe { rust_helper_wide(Wide { v: (hi as u128) << 64 | lo as u128 }) };
    (w.v >> 64) as u64 ^ (w.v as u64).rotate_left(7)
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_int2(a: i32, b: i32) -> i64 {
    let p = unsafe { rust_helper_int2(Int2 { a, b }) };
    (p.a as i64) << 32 | (p.b as u32) as i64
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_big(a: u64, b: u64, c: u64) -> u64 {
    let r = unsafe { rust_helper_big(Big { a, b, c }) };
    r.a ^ r.b.rotate_left(13) ^ r.c.rotate_left(29)
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_is_negative(x: i8) -> u32 { unsafe { rust_helper_is_negative(x) as u32 } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_low_byte(x: u32) -> u32 { unsafe { rust_helper_low_byte(x) as u32 } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_u32_not(x: u32) -> u64 { unsafe { rust_helper_u32_not(x) as u64 } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_i16_neg(x: i16) -> i64 { unsafe { rust_helper_i16_neg(x) as i64 } }
#[unsafe(no_mangle)]
pub extern "C" fn rust_control(x: u32) -> u32 { unsafe { rust_helper_noinline_control(x) } }
