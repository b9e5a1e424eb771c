// A helper whose address the crate keeps in a constant, as Linux's Rust
// allocator keeps rust_helper_krealloc in ReallocFunc: the direct call only
// appears once the optimizer folds the load of the pointer.
#![no_std]
extern "C" {
    fn rust_helper_double(x: u64) -> u64;
}
pub struct Func(unsafe extern "C" fn(u64) -> u64);
pub static DOUBLE: Func = Func(rust_helper_double);
impl Func {
    #[inline]
    fn call(&self, x: u64) -> u64 {
        unsafe { (self.0)(x) }
    }
}
#[no_mangle]
pub fn twice(x: u64) -> u64 {
    DOUBLE.call(x)
}
#[no_mangle]
pub fn helper_address() -> unsafe extern "C" fn(u64) -> u64 {
    rust_helper_double
}
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { loop {} }
