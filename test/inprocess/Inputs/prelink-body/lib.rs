#![no_std]

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Packet {
    head: [u8; 12],
    tail: u32,
}

extern "C" {
    fn rust_helper_copy_bytes(dst: *mut u8, src: *const u8, n: usize);
    fn rust_helper_csum(buf: *const u8, len: usize) -> u32;
    fn rust_helper_noinline_control(x: i32) -> i32;
}

/// Copies a packet with the C helper and checksums the copy.
#[no_mangle]
pub extern "C" fn rust_packet_sum(p: &Packet) -> u32 {
    let mut q = Packet { head: [0; 12], tail: 0 };
    unsafe {
        rust_helper_copy_bytes(&mut q as *mut Packet as *mut u8, p as *const Packet as *const u8, core::mem::size_of::<Packet>());
        rust_helper_csum(&q as *const Packet as *const u8, core::mem::size_of::<Packet>())
    }
}

#[no_mangle]
pub extern "C" fn rust_control(x: i32) -> i32 {
    unsafe { rust_helper_noinline_control(x) }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
