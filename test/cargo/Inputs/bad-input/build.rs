fn main() {
    let header = std::env::var("BAD_HEADER").unwrap_or_else(|_| "ok.h".to_string());
    println!("cargo:rerun-if-env-changed=BAD_HEADER");
    println!("cargo:rerun-if-env-changed=BAD_FUNCTION");
    let mut wrappers = rust_inline_helpers_build::Wrappers::new(&header).allowlist("bad_.*");
    if let Ok(name) = std::env::var("BAD_FUNCTION") {
        wrappers = wrappers.function(&name);
    }
    wrappers.build();
}
