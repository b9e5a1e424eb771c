//! Wrong declarations of helpers.c's functions: each one reads bits C leaves
//! unspecified or passes values C reads differently.  They must be refused
//! on every target, whatever the ABI table allows.
#![no_std]

#[repr(C)] pub struct Three16 { a: u16, b: u16, c: u16 }

unsafe extern "C" {
    // C returns struct three16 (6 bytes): bytes 6-7 of the register are
    // unspecified, and a u64 reads them.
    #[link_name = "rust_helper_three16"]
    fn three16_as_u64(a: u16) -> u64;
    // C returns uint32_t; on AArch64 the upper half of x0 is unspecified.
    #[link_name = "rust_helper_u32_not"]
    fn u32_not_as_u64(x: u32) -> u64;
    // A different argument count.
    fn rust_helper_add3(a: i32, b: i32) -> i32;
    // Float against integer.
    #[link_name = "rust_helper_halve"]
    fn halve_as_int(f: u32) -> u32;
    // A struct (24 bytes, in memory) against a scalar of another size.
    #[link_name = "rust_helper_big"]
    fn big_as_scalar(b: u64) -> u64;
}

#[unsafe(no_mangle)]
pub extern "C" fn wrong_three16(a: u16) -> u64 { unsafe { three16_as_u64(a) } }
#[unsafe(no_mangle)]
pub extern "C" fn wrong_u32_not(x: u32) -> u64 { unsafe { u32_not_as_u64(x) } }
#[unsafe(no_mangle)]
pub extern "C" fn wrong_add3(a: i32) -> i32 { unsafe { rust_helper_add3(a, a) } }
#[unsafe(no_mangle)]
pub extern "C" fn wrong_halve(x: u32) -> u32 { unsafe { halve_as_int(x) } }
#[unsafe(no_mangle)]
pub extern "C" fn wrong_big(x: u64) -> u64 { unsafe { big_as_scalar(x) } }
