// Wraps libdivide's static inline functions (Debian's libdivide-dev) for
// Rust; see ../cargo-support/build_support.rs.
include!("../cargo-support/build_support.rs");

fn main() {
    build_wrappers(&Wrap {
        header: "libdivide.h",
        functions: "libdivide_(u32|s32|u64|s64)(_branchfree)?_(gen|do)",
        types: "libdivide_(u32|s32|u64|s64)(_branchfree)?_t",
        library_functions: "",
        clang_args: &[],
    });
}
