//! Safe Rust over the crate's C helpers (c/helpers.h), reached through
//! bindgen-style `*__extern` wrappers that rust-inline-helpers inlines.

#[allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, clippy::all)]
mod ffi {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

/// The version number the C side returns.
#[no_mangle]
#[inline(never)]
pub fn rih_helpers_version() -> u32 {
    unsafe { ffi::rih_version() }
}

/// Fletcher-32 of `bytes`, computed by the C helper.
#[no_mangle]
#[inline(never)]
pub fn rih_checksum(bytes: &[u8]) -> u32 {
    unsafe { ffi::rih_fletcher32(bytes.as_ptr(), bytes.len()) }
}
