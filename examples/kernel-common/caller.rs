//! Kernel-style Rust caller shared by the kernel examples: a `#![no_core]`
//! library (rustc ships no `core` for the kernel targets), built with each
//! architecture's kernel Rust flags (examples/kernel-<arch>/rustflags.txt,
//! plus target.json on x86_64).  Each exported function calls
//! `rust_helper_*` wrappers the way `kernel::` code calls `bindings::*`.

#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]

// The lang items rustc 1.96 needs (the `Sized` hierarchy and `Copy`).
#[path = "prelude.rs"]
mod prelude;

// The helpers' types and declarations.
#[path = "bindings.rs"]
mod bindings;
use bindings::*;

/// Takes a reference (`kernel::sync::Refcount`-style `inc`).
#[no_mangle]
pub unsafe extern "C" fn rust_kobj_get(o: *mut Kobj) {
    unsafe { rust_helper_refcount_inc(&raw mut (*o).refcount) }
}

/// Drops a reference; true when it was the last one.
#[no_mangle]
pub unsafe extern "C" fn rust_kobj_put(o: *mut Kobj) -> bool {
    unsafe { rust_helper_refcount_dec_and_test(&raw mut (*o).refcount) }
}

/// Turns an errno into an error pointer.
#[no_mangle]
pub unsafe extern "C" fn rust_make_err(errno: i64) -> *mut u8 {
    unsafe { rust_helper_ERR_PTR(errno) }
}

/// `from_err_ptr`: the errno of an error pointer, 0 for a valid pointer.
#[no_mangle]
pub unsafe extern "C" fn rust_check_ptr(p: *const u8) -> i64 {
    unsafe {
        if rust_helper_IS_ERR(p) {
            rust_helper_PTR_ERR(p)
        } else {
            0
        }
    }
}

/// Sets flag `nr` and reads it back.
#[no_mangle]
pub unsafe extern "C" fn rust_kobj_mark(o: *mut Kobj, nr: i64) -> bool {
    unsafe {
        rust_helper_set_bit(nr, &raw mut (*o).flags);
        rust_helper_test_bit(nr, &raw const (*o).flags)
    }
}

/// A struct field read through a C accessor.
#[no_mangle]
pub unsafe extern "C" fn rust_kobj_size(o: *const Kobj) -> usize {
    unsafe { rust_helper_kobj_size(o) }
}

/// Calls the `noinline` control helper, which must stay a call.
#[no_mangle]
pub unsafe extern "C" fn rust_kobj_audit(o: *const Kobj) -> u64 {
    unsafe { rust_helper_noinline_audit(o) }
}
