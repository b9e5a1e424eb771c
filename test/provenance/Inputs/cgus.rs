// Two modules in two codegen units (-Ccodegen-units=2), each calling a
// helper from its own helper file: the dependency file of the one rustc
// process lists both files.
extern "C" {
    fn rust_helper_from_a(x: i32) -> i32;
    fn rust_helper_from_b(x: i32) -> i32;
}

pub mod first {
    #[no_mangle]
    #[inline(never)]
    pub extern "C" fn use_a(x: i32) -> i32 {
        unsafe { super::rust_helper_from_a(x) }
    }
}

pub mod second {
    #[no_mangle]
    #[inline(never)]
    pub extern "C" fn use_b(x: i32) -> i32 {
        unsafe { super::rust_helper_from_b(x) }
    }
}
