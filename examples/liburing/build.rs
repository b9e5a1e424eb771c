// Wraps liburing's static inline functions (Debian's liburing-dev) for
// Rust and links liburing itself; see ../cargo-support/build_support.rs.
include!("../cargo-support/build_support.rs");

fn main() {
    build_wrappers(&Wrap {
        header: "liburing.h",
        functions: "_*io_uring_.*",
        types: "io_uring.*|__kernel_timespec",
        library_functions: "io_uring_queue_init|io_uring_queue_exit|io_uring_submit",
        clang_args: &[],
    });
    println!("cargo:rustc-link-lib=uring");
}
