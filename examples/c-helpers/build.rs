// Wraps the crate's own C helpers (c/helpers.h) for Rust; see
// ../cargo-support/build_support.rs.
include!("../cargo-support/build_support.rs");

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let header = format!("{manifest}/c/helpers.h");
    build_wrappers(&Wrap {
        header: &header,
        functions: "rih_.*",
        types: "",
        library_functions: "",
        clang_args: &[],
    });
}
