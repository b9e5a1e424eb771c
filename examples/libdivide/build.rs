// Wraps libdivide's static inline dividers (Debian's libdivide-dev) for
// Rust with rust-inline-helpers-build (crates/rust-inline-helpers-build).
fn main() {
    rust_inline_helpers_build::Wrappers::new("libdivide.h")
        .allowlist("libdivide_(u32|s32|u64|s64)(_branchfree)?_(gen|do)")
        .types("libdivide_(u32|s32|u64|s64)(_branchfree)?_t")
        .build();
}
