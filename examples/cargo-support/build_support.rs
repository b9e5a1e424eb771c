// Build-script support shared by the cargo examples (examples/libdivide,
// examples/liburing), pulled in with include!.  For a C header it:
//
//   1. writes the out-of-line wrappers of the header's `static inline`
//      functions (NAME__extern, as bindgen's --wrap-static-fns) and their
//      Rust declarations, with tools/wrap-static-fns;
//   2. compiles the wrappers with clang into a static archive: bitcode
//      (-flto=full) when the crate is built with -Clinker-plugin-lto, so
//      that the linker's LTO sees both sides, machine code otherwise, plus
//      a bitcode copy for the in-process plugin;
//   3. points rust-inline-helpers at the wrapper bitcode through
//      RUST_INLINE_HELPERS, set for rustc and, through it, for the linker
//      (lld loads the plugin with --load-pass-plugin), and tells cargo
//      what to rebuild on: the headers the wrappers came from, the plugin
//      library named in the crate's flags, and the RUST_INLINE_HELPERS_*
//      variables that change what the plugin does;
//   4. gives rustc CARGO_RIH_INPUTS_SHA256, the SHA-256 of the wrapper
//      bitcode, the plugin and those variables, so that a compiler cache
//      keys on them: sccache hashes rustc's CARGO_* variables and the static
//      libraries it links, but not the plugin's bytes, the plugin's
//      settings or bitcode outside such a library, and would otherwise hand
//      back an object built from other inputs (docs/cargo.md, "Compiler
//      caches").
//
// Tools, from the environment when set: RIH_CLANG (clang-22), RIH_AR
// (llvm-ar-22), RIH_TOOLS (the repository's tools/); RIH_C_LTO=thin
// compiles the wrappers for ThinLTO instead of full LTO; RIH_CFLAGS adds C
// flags; RIH_CACHE_KEY=0 leaves out CARGO_RIH_INPUTS_SHA256 (only for the
// test that shows why it is there).

use std::env;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What to wrap: the header, the functions (a regular expression over whole
/// names), the types and the exported library functions bindgen declares
/// too (regular expressions, or "" for none), and extra clang arguments.
struct Wrap<'a> {
    header: &'a str,
    functions: &'a str,
    types: &'a str,
    library_functions: &'a str,
    clang_args: &'a [&'a str],
}

fn run(cmd: &mut Command, what: &str) {
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("cannot run {what} ({cmd:?}): {e}"));
    if !status.success() {
        panic!("{what} failed ({status}): {cmd:?}");
    }
}

/// The plugin libraries the crate's flags load: rustc's -Zllvm-plugins=P
/// and the linker's --load-pass-plugin=P (in -Clink-arg).
fn plugins_in_flags(rustflags: &str) -> Vec<String> {
    let flags: Vec<&str> = rustflags.split('\x1f').collect();
    let mut plugins = Vec::new();
    for (i, flag) in flags.iter().enumerate() {
        let value = if *flag == "-Z" { flags.get(i + 1).copied().unwrap_or("") } else { flag };
        for key in ["llvm-plugins=", "--load-pass-plugin="] {
            if let Some(at) = value.find(key) {
                plugins.extend(value[at + key.len()..].split(',').filter(|p| !p.is_empty()).map(String::from));
            }
        }
    }
    plugins
}

/// SHA-256 (hex), by coreutils' sha256sum, of the bytes of `files` one
/// after the other, then of `extra`.
fn sha256_of(files: &[PathBuf], extra: &str) -> String {
    let mut bytes = Vec::new();
    for f in files {
        bytes.extend(std::fs::read(f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display())));
    }
    bytes.extend(extra.as_bytes());
    let mut child = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run sha256sum: {e}"));
    child.stdin.take().expect("piped").write_all(&bytes).expect("sha256sum reads its input");
    let out = child.wait_with_output().expect("sha256sum runs");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or("").to_string()
}

fn tool(var: &str, default: &str) -> String {
    println!("cargo:rerun-if-env-changed={var}");
    env::var(var).unwrap_or_else(|_| default.to_string())
}

/// Builds the wrappers of `w` into OUT_DIR/libwrappers.a and returns the
/// bitcode file the plugin reads.
fn build_wrappers(w: &Wrap) -> PathBuf {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let tools = PathBuf::from(tool("RIH_TOOLS", &manifest.join("../../tools").to_string_lossy()));
    let clang = tool("RIH_CLANG", "clang-22");
    let ar = tool("RIH_AR", "llvm-ar-22");
    let generator = tools.join("wrap-static-fns");
    println!("cargo:rerun-if-changed={}", generator.display());

    let c_file = out.join("wrappers.c");
    let mut gen = Command::new(&generator);
    gen.args(["--header", w.header, "--allowlist", w.functions, "--clang", &clang])
        .arg("--out-c")
        .arg(&c_file)
        .arg("--out-rs")
        .arg(out.join("bindings.rs"))
        .arg("--depfile")
        .arg(out.join("wrappers.d"));
    if !w.types.is_empty() {
        gen.args(["--types", w.types]);
    }
    if !w.library_functions.is_empty() {
        gen.args(["--functions", w.library_functions]);
    }
    gen.arg("--").args(w.clang_args);
    run(&mut gen, "tools/wrap-static-fns");
    // Rebuild when a header the wrappers came from changes (a new library
    // version): every prerequisite of the make-style dependency file.
    let deps = std::fs::read_to_string(out.join("wrappers.d")).expect("wrap-static-fns writes wrappers.d");
    let prerequisites = deps.split_once(": ").map_or("", |(_, p)| p);
    for header in prerequisites.split_whitespace().filter(|p| *p != "\\") {
        println!("cargo:rerun-if-changed={header}");
    }

    // cargo passes the crate's RUSTFLAGS to build scripts: compile the C
    // side for the link that will happen.
    let rustflags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let lto = rustflags.split('\x1f').any(|f| f.contains("linker-plugin-lto"));
    // rustc's triple, so that LTO links the two sides without a warning.
    let target = env::var("TARGET").expect("cargo sets TARGET");
    let object = out.join("wrappers.o");
    // RIH_C_LTO=thin: ThinLTO bitcode, which the linker's LTO may import into
    // the Rust modules; full (the default) is one full-LTO module.
    let c_lto = format!("-flto={}", tool("RIH_C_LTO", "full"));
    // RIH_CFLAGS: more flags for the wrappers (e.g. -fno-builtin).
    let c_flags = tool("RIH_CFLAGS", "");
    let compile = |extra: &[&str], output: &Path| {
        run(
            Command::new(&clang)
                .args(["-O2", "-g0", "-c", &format!("--target={target}")])
                .args(extra)
                .args(c_flags.split_whitespace())
                .args(w.clang_args)
                .arg(&c_file)
                .arg("-o")
                .arg(output),
            "clang",
        )
    };
    let bitcode = if lto {
        compile(&[&c_lto], &object);
        object.clone()
    } else {
        compile(&[], &object);
        let bc = out.join("wrappers.bc");
        compile(&["-emit-llvm"], &bc);
        bc
    };
    let archive = out.join("libwrappers.a");
    let _ = std::fs::remove_file(&archive);
    run(Command::new(&ar).arg("rcs").arg(&archive).arg(&object), "llvm-ar");

    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=wrappers");
    println!("cargo:rustc-env=RUST_INLINE_HELPERS={}", bitcode.display());

    // What else the inlined code depends on: the plugin (replacing it must
    // rebuild the crate) and the variables that change its decisions.
    let plugins = plugins_in_flags(&rustflags);
    for plugin in &plugins {
        println!("cargo:rerun-if-changed={plugin}");
    }
    let mut settings = String::new();
    for var in ["HARDENING", "MISMATCH", "DEBUG", "PREFIX", "SUFFIX", "FILE_PREFIX_MAP"] {
        let name = format!("RUST_INLINE_HELPERS_{var}");
        println!("cargo:rerun-if-env-changed={name}");
        if let Ok(value) = env::var(&name) {
            settings += &format!("{name}={value}\n");
        }
    }
    if tool("RIH_CACHE_KEY", "1") != "0" {
        let mut inputs = vec![bitcode.clone()];
        inputs.extend(plugins.iter().map(PathBuf::from));
        println!("cargo:rustc-env=CARGO_RIH_INPUTS_SHA256={}", sha256_of(&inputs, &settings));
    }
    bitcode
}
