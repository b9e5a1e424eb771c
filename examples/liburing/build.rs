// Wraps liburing's static inline functions (Debian's liburing-dev) for Rust
// with rust-inline-helpers-build (crates/rust-inline-helpers-build), and
// links liburing itself.
fn main() {
    rust_inline_helpers_build::Wrappers::new("liburing.h")
        .allowlist("_*io_uring_.*")
        .types("io_uring.*|__kernel_timespec")
        .library_functions("io_uring_queue_init|io_uring_queue_exit|io_uring_submit")
        .build();
    println!("cargo:rustc-link-lib=uring");
}
