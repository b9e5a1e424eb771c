// Wraps the crate's own C helpers (c/helpers.h) for Rust with
// rust-inline-helpers-build (crates/rust-inline-helpers-build).
fn main() {
    rust_inline_helpers_build::Wrappers::new("c/helpers.h").allowlist("rih_.*").build();
}
