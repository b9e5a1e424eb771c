//! Build-script support for rust-inline-helpers, used from `build.rs` the way
//! `cc` and `bindgen` are: for a C header it
//!
//! 1. writes the out-of-line wrappers of the header's `static inline`
//!    functions (`NAME__extern`, the shape of bindgen's `--wrap-static-fns`)
//!    and their Rust declarations (`OUT_DIR/bindings.rs`) with the
//!    generator `wrap-static-fns`, which ships in this crate's directory;
//! 2. compiles the wrappers with the clang of rustc's LLVM major into a
//!    static archive `OUT_DIR/libwrappers.a`: ThinLTO bitcode
//!    (`-flto=thin`) when the crate is built with `-Clinker-plugin-lto`,
//!    machine code otherwise, plus a pre-link bitcode copy (also `-flto=thin`)
//!    for the in-process plugin;
//! 3. prints every `cargo:` line: the archive, `RUST_INLINE_HELPERS` (the
//!    wrapper bitcode the plugin reads, given to rustc and through it to
//!    the linker), and reruns on the headers, the generator, the tools, the
//!    plugin library named in the crate's flags and the plugin's settings;
//! 4. gives rustc `CARGO_RIH_INPUTS_SHA256`, the SHA-256 of the wrapper
//!    bitcode, the plugin and those settings, so that a compiler cache
//!    (sccache) keys on them.
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     rust_inline_helpers_build::Wrappers::new("mylib.h")
//!         .allowlist("mylib_.*")
//!         .build();
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/bindings.rs"));`.
//! The linker lines (`.cargo/config.toml`) are in the repository's
//! docs/cargo.md.
//!
//! Every problem stops the build script with a message that names the file
//! or function and the fix: a header clang cannot parse, a function that
//! cannot be wrapped (varargs, a struct with bit-fields by value, `_Complex`;
//! leave it out with [`Wrappers::skip`], which lists it in the generated
//! files' header comment), a missing python3, clang or llvm-ar, a plugin
//! named in the flags that does not exist or was built for another LLVM
//! than rustc's.
//!
//! Environment overrides (each also reruns the script when it changes):
//! `RIH_CLANG`, `RIH_AR` (default `clang-N`, `llvm-ar-N`, N = rustc's LLVM
//! major), `RIH_TOOLS` (a directory holding another `wrap-static-fns`),
//! `RIH_C_LTO` (`thin`, the default, or `full`: the wrappers' LTO bitcode),
//! `RIH_CFLAGS` (more C flags for the wrappers), `RIH_CACHE_KEY=0` (leaves
//! out `CARGO_RIH_INPUTS_SHA256`; only for the test that shows why it is
//! there).

use std::env;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The plugin's settings that change the code it produces: a change reruns
/// the build script and enters the cache key.
const SETTINGS: [&str; 6] = ["HARDENING", "MISMATCH", "DEBUG", "PREFIX", "SUFFIX", "FILE_PREFIX_MAP"];

/// What to wrap, built up by its methods and finished by [`Wrappers::build`].
#[derive(Clone, Debug, Default)]
pub struct Wrappers {
    headers: Vec<String>,
    allowlist: Vec<String>,
    functions: Vec<String>,
    skip: Vec<String>,
    types: Option<String>,
    library_functions: Option<String>,
    includes: Vec<PathBuf>,
    clang_args: Vec<String>,
}

/// The files [`Wrappers::build`] wrote.
#[derive(Clone, Debug)]
pub struct Built {
    /// The Rust declarations (and types): `OUT_DIR/bindings.rs`.
    pub bindings: PathBuf,
    /// The generated C wrappers: `OUT_DIR/wrappers.c`.
    pub wrappers_c: PathBuf,
    /// The wrapper bitcode the plugin reads (`RUST_INLINE_HELPERS`).
    pub bitcode: PathBuf,
    /// The static archive rustc links: `OUT_DIR/libwrappers.a`.
    pub archive: PathBuf,
}

/// Stops the build script with `message` (cargo shows a failed build
/// script's stderr).
fn fail(message: &str) -> ! {
    eprintln!("error: rust-inline-helpers-build: {message}");
    std::process::exit(1);
}

fn rerun_env(var: &str) -> Option<String> {
    println!("cargo:rerun-if-env-changed={var}");
    env::var(var).ok().filter(|v| !v.is_empty())
}

impl Wrappers {
    /// Wraps `header`'s `static inline` functions.  A header that exists
    /// relative to the crate's directory (or an absolute path) is included
    /// by its path; any other name (`libdivide.h`) is a system header,
    /// looked up in the include paths.
    pub fn new(header: &str) -> Self {
        Wrappers { headers: vec![header.to_string()], ..Default::default() }
    }

    /// One more header, included after the others.
    pub fn header(mut self, header: &str) -> Self {
        self.headers.push(header.to_string());
        self
    }

    /// Wraps the functions whose whole name matches the regular expression
    /// (Python's syntax); several calls add alternatives.  Without any
    /// [`allowlist`](Self::allowlist) or [`function`](Self::function), every
    /// `static inline` function the headers define is wrapped.
    pub fn allowlist(mut self, regex: &str) -> Self {
        self.allowlist.push(regex.to_string());
        self
    }

    /// Wraps the function named `name`; the build stops when the headers
    /// define no `static inline` function of that name (a macro, say).
    pub fn function(mut self, name: &str) -> Self {
        self.functions.push(name.to_string());
        self.allowlist.push(name.chars().map(|c| if c.is_alphanumeric() || c == '_' { c.to_string() } else { format!("\\{c}") }).collect());
        self
    }

    /// Leaves out the matching functions that cannot be wrapped (varargs,
    /// bit-field structs by value, `_Complex`); they are listed at the top of
    /// the generated files.  Any other such function stops the build.
    pub fn skip(mut self, regex: &str) -> Self {
        self.skip.push(regex.to_string());
        self
    }

    /// The types bindgen writes into `bindings.rs` (a regular expression;
    /// needs Debian's bindgen and clang-14).  Without it, none besides what
    /// the declarations name.
    pub fn types(mut self, regex: &str) -> Self {
        self.types = Some(regex.to_string());
        self
    }

    /// The library's exported (not inline) functions bindgen declares too
    /// (a regular expression; needs [`types`](Self::types)).
    pub fn library_functions(mut self, regex: &str) -> Self {
        self.library_functions = Some(regex.to_string());
        self
    }

    /// An include directory (`-I`), for the generator and for clang; a
    /// relative one is relative to the crate's directory.
    pub fn include(mut self, dir: impl AsRef<Path>) -> Self {
        self.includes.push(dir.as_ref().to_path_buf());
        self
    }

    /// One more clang argument (`-DNAME=1`), for the generator and clang.
    pub fn clang_arg(mut self, arg: &str) -> Self {
        self.clang_args.push(arg.to_string());
        self
    }

    /// Generates, compiles and archives the wrappers and prints the `cargo:`
    /// lines; any failure stops the build script with its message.
    pub fn build(&self) -> Built {
        build(self)
    }
}

/// Runs `cmd`; when it cannot start, stops with `missing` (the fix for a
/// missing program); on failure stops with its output and the fix `fix`
/// gives for that output.
fn run_with(cmd: &mut Command, what: &str, missing: &str, fix: impl Fn(&str) -> String) {
    let out = cmd
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| fail(&format!("cannot run {what} ({:?}): {e}; {missing}", cmd.get_program())));
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        fail(&format!("{what} failed ({}):\n{}\n{}", out.status, stderr.trim_end(), fix(&stderr)));
    }
    // What the tool reports besides (the generator's skipped functions).
    for line in stderr.lines().filter(|l| l.starts_with("wrap-static-fns: skipped ")) {
        println!("cargo:warning={line}");
    }
}

fn run(cmd: &mut Command, what: &str, fix: &str) {
    run_with(cmd, what, fix, |_| fix.to_string())
}

/// The fix for a failed generator run, from what it printed.
fn generator_fix(stderr: &str) -> String {
    let names: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("wrap-static-fns: cannot wrap "))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    if !names.is_empty() {
        return format!(
            "fix: add .skip(\"{}\") to the Wrappers in build.rs (what it leaves out is listed at the top of the \
             generated wrappers.c and bindings.rs), or write these wrappers by hand",
            names.join("|")
        );
    }
    if stderr.contains("cannot parse") {
        return "fix: the header must compile on its own as C: check its name (a crate-relative path or a system header), \
                and give the include paths and macros it needs with .include(DIR) and .clang_arg(\"-DNAME\")"
            .to_string();
    }
    if stderr.contains("matches") {
        return "fix: the allowlist (.allowlist(REGEX), .function(NAME)) must match the whole name of a static inline \
                function the headers define"
            .to_string();
    }
    "fix: see the generator's message above (wrap-static-fns in the rust-inline-helpers-build crate)".to_string()
}

/// The first number of `text` after `key` ("LLVM version: 22.1.2" -> 22).
fn major_after(text: &str, key: &str) -> Option<u32> {
    let at = text.find(key)? + key.len();
    let digits: String = text[at..].trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// rustc's LLVM major, from `rustc -vV`.
fn rustc_llvm_major() -> u32 {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
    let out = Command::new(&rustc).arg("-vV").output().unwrap_or_else(|e| fail(&format!("cannot run {rustc:?} -vV: {e}")));
    let text = String::from_utf8_lossy(&out.stdout);
    major_after(&text, "LLVM version:").unwrap_or_else(|| fail(&format!("{rustc:?} -vV names no \"LLVM version:\"; use Debian's rustc (rustc-web)")))
}

/// An LLVM tool of `major`: the override `var`, else `NAME-major` on PATH
/// (its full path, so that a new version reruns the script), else
/// /usr/lib/llvm-major/bin/NAME.  Stops when there is none.
fn llvm_tool(var: &str, name: &str, major: u32, package: &str) -> String {
    if let Some(tool) = rerun_env(var) {
        return tool;
    }
    let versioned = format!("{name}-{major}");
    let in_path = env::var_os("PATH").and_then(|p| env::split_paths(&p).map(|d| d.join(&versioned)).find(|f| f.is_file()));
    if let Some(found) = in_path {
        return found.to_string_lossy().into_owned();
    }
    let in_llvm = format!("/usr/lib/llvm-{major}/bin/{name}");
    if Path::new(&in_llvm).is_file() {
        return in_llvm;
    }
    fail(&format!(
        "no {versioned} (rustc's LLVM is {major}; the wrappers need the {name} of the same LLVM): \
         install it (apt-get install {package}) or set {var} to the {name} of LLVM {major}"
    ))
}

/// The plugin libraries the crate's flags load: rustc's
/// `-Zllvm-plugins=A,B` and the linker's `--load-pass-plugin=P` or
/// `--load-pass-plugin P`.  rustc gives the linker driver one argument per
/// `-Clink-arg=` and the whitespace-separated words of `-Clink-args=`; the
/// driver hands the linker each comma-separated item of `-Wl,A,B` and the
/// argument after `-Xlinker`, and any other argument as it is (a linker
/// such as ld.lld run directly).
fn plugins_in_flags(flags: &[&str]) -> Vec<String> {
    let mut plugins = Vec::new();
    let mut driver_args: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < flags.len() {
        // -Zx and -Cx=y, or the option's value as the next flag.
        let (option, value) = match flags[i] {
            "-Z" | "-C" => {
                i += 1;
                (flags[i - 1], flags.get(i).copied().unwrap_or(""))
            }
            flag if flag.starts_with("-Z") || flag.starts_with("-C") => flag.split_at(2),
            _ => ("", ""),
        };
        i += 1;
        let (key, arg) = value.split_once('=').unwrap_or((value, ""));
        match (option, key) {
            ("-Z", "llvm-plugins") => plugins.extend(arg.split(',').filter(|p| !p.is_empty()).map(String::from)),
            ("-C", "link-arg" | "pre-link-arg") => driver_args.push(arg),
            ("-C", "link-args" | "pre-link-args") => driver_args.extend(arg.split_whitespace()),
            _ => {}
        }
    }
    let mut linker_args: Vec<&str> = Vec::new();
    let mut args = driver_args.into_iter();
    while let Some(arg) = args.next() {
        if let Some(items) = arg.strip_prefix("-Wl,") {
            linker_args.extend(items.split(','));
        } else if arg == "-Xlinker" {
            linker_args.extend(args.next());
        } else {
            linker_args.push(arg);
        }
    }
    let mut args = linker_args.into_iter();
    while let Some(arg) = args.next() {
        // ld.lld takes a long option with one dash or two.
        let Some(option) = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')) else { continue };
        if option == "load-pass-plugin" {
            plugins.extend(args.next().filter(|p| !p.is_empty()).map(String::from));
        } else if let Some(plugin) = option.strip_prefix("load-pass-plugin=") {
            plugins.extend(Some(plugin).filter(|p| !p.is_empty()).map(String::from));
        }
    }
    plugins
}

/// The LLVM major a rust-inline-helpers plugin was built for: the number in
/// the name of the symbol `rust_inline_helpers_llvm_N` it exports.
fn plugin_llvm_major(bytes: &[u8]) -> Option<u32> {
    let key = b"rust_inline_helpers_llvm_";
    let at = bytes.windows(key.len()).position(|w| w == key)? + key.len();
    let digits: String = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).map(|&b| b as char).collect();
    digits.parse().ok()
}

/// Stops unless every plugin in the flags exists and was built for
/// rustc's LLVM major.
fn check_plugins(plugins: &[String], rustc_major: u32) {
    let where_from = "the crate's rustflags (.cargo/config.toml, RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS)";
    let installed = format!("/usr/lib/llvm-{rustc_major}/lib/RustInlineHelpers.so");
    for plugin in plugins {
        let path = Path::new(plugin);
        if !path.is_absolute() {
            fail(&format!(
                "the plugin path {plugin} in {where_from} is relative, and cargo runs rustc and the linker \
                 in other directories: give its absolute path (the Debian package's {installed}, or \
                 build/lib/RustInlineHelpers.so in the rust-inline-helpers repository)"
            ));
        }
        let bytes = std::fs::read(path).unwrap_or_else(|e| {
            fail(&format!(
                "cannot read the plugin {plugin} named in {where_from}: {e}; install the rust-inline-helpers \
                 package ({installed}) or build the repository (scripts/setup writes build/lib/RustInlineHelpers.so), \
                 and name that file"
            ))
        });
        match plugin_llvm_major(&bytes) {
            Some(major) if major == rustc_major => {}
            Some(major) => fail(&format!(
                "the plugin {plugin} is built for LLVM {major}, but rustc's LLVM is {rustc_major} (rustc -vV): \
                 rustc and ld.lld would refuse it; use a plugin built against LLVM {rustc_major} \
                 ({installed}, or scripts/setup --llvm {rustc_major} in the repository)"
            )),
            None => fail(&format!(
                "{plugin} is not a rust-inline-helpers plugin (it exports no rust_inline_helpers_llvm_N symbol); \
                 name RustInlineHelpers.so ({installed}, or the repository's build/lib/RustInlineHelpers.so)"
            )),
        }
    }
}

/// SHA-256 (hex), by coreutils' sha256sum, of the bytes of `files` one
/// after the other, then of `extra`.
fn sha256_of(files: &[PathBuf], extra: &str) -> String {
    let mut bytes = Vec::new();
    for f in files {
        bytes.extend(std::fs::read(f).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", f.display()))));
    }
    bytes.extend(extra.as_bytes());
    let mut child = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot run sha256sum: {e}; install coreutils (apt-get install coreutils)")));
    let what = "sha256sum (the cache key CARGO_RIH_INPUTS_SHA256 of the wrapper bitcode and the plugin)";
    let fix = "the sha256sum on PATH must be coreutils' (apt-get install coreutils)";
    // stdin is dropped after the write, so that sha256sum sees the end.
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&bytes).unwrap_or_else(|e| fail(&format!("cannot write to {what}: {e}; {fix}")));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| fail(&format!("{what} did not finish: {e}; {fix}")));
    if !out.status.success() {
        fail(&format!("{what} failed ({}); {fix}", out.status));
    }
    let sum = String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or("").to_string();
    if sum.len() != 64 || !sum.bytes().all(|b| b.is_ascii_hexdigit()) {
        fail(&format!("{what} printed no SHA-256 ({sum:?}); {fix}"));
    }
    sum
}

/// The prerequisites of the make rule `TARGETS: PREREQUISITES` in `rule`
/// (clang's dependency file), unescaped as make reads them: a backslash
/// and a newline separate names like a space, `\ ` is a space within a
/// name (`\#` a `#`; before either, 2n or 2n+1 backslashes are n
/// backslashes, an odd one escaping the character), and `$$` is `$`.
fn depfile_prerequisites(rule: &str) -> Vec<String> {
    let prerequisites = rule.split_once(": ").map_or("", |(_, p)| p);
    let mut names = Vec::new();
    let mut name = String::new();
    let mut chars = prerequisites.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut backslashes = 1;
                while chars.next_if_eq(&'\\').is_some() {
                    backslashes += 1;
                }
                match chars.peek() {
                    Some(' ' | '#') => {
                        name.extend(std::iter::repeat('\\').take(backslashes / 2));
                        if backslashes % 2 == 1 {
                            name.extend(chars.next());
                        }
                    }
                    Some('\n') if backslashes % 2 == 1 => {
                        name.extend(std::iter::repeat('\\').take(backslashes - 1));
                        chars.next();
                        names.extend(Some(std::mem::take(&mut name)).filter(|n| !n.is_empty()));
                    }
                    _ => name.extend(std::iter::repeat('\\').take(backslashes)),
                }
            }
            '$' if chars.next_if_eq(&'$').is_some() => name.push('$'),
            c if c.is_whitespace() => names.extend(Some(std::mem::take(&mut name)).filter(|n| !n.is_empty())),
            c => name.push(c),
        }
    }
    names.extend(Some(name).filter(|n| !n.is_empty()));
    names
}

/// clang's name for the Rust target `target`, as the `cc` crate maps the
/// common ones.  rustc's RISC-V triples carry the ISA extensions in the
/// architecture (`riscv64gc-unknown-linux-gnu`, `riscv32imac-unknown-none-elf`),
/// which clang does not know: it wants `riscv64`/`riscv32` and takes the
/// extensions and float ABI from its default for the triple (rv64gc and
/// lp64d on Linux), or from `-march`/`-mabi` in `RIH_CFLAGS` where rustc's
/// target differs.  Every other Rust triple is clang's too and is left as
/// it is.
fn clang_target(target: &str) -> String {
    let (arch, rest) = target.split_once('-').unwrap_or((target, ""));
    for base in ["riscv64", "riscv32"] {
        if arch.len() > base.len() && arch.starts_with(base) && !rest.is_empty() {
            return format!("{base}-{rest}");
        }
    }
    target.to_string()
}

fn build(w: &Wrappers) -> Built {
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR is not set: call build() from a build script (build.rs)")));
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let target = env::var("TARGET").expect("cargo sets TARGET");
    let rustc_major = rustc_llvm_major();
    // cargo passes the crate's rustflags to its build script: compile the C
    // side for the link that will happen, and check the plugin first.
    let encoded = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let flags: Vec<&str> = encoded.split('\x1f').filter(|f| !f.is_empty()).collect();
    let lto = flags.iter().any(|f| f.contains("linker-plugin-lto"));
    let plugins = plugins_in_flags(&flags);
    check_plugins(&plugins, rustc_major);

    // The generator: this crate's own copy, or RIH_TOOLS/wrap-static-fns.
    let generator = match rerun_env("RIH_TOOLS") {
        Some(dir) => PathBuf::from(dir).join("wrap-static-fns"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("wrap-static-fns"),
    };
    if !generator.is_file() {
        fail(&format!("no generator at {}: reinstall rust-inline-helpers-build, or unset RIH_TOOLS", generator.display()));
    }
    println!("cargo:rerun-if-changed={}", generator.display());
    let clang = llvm_tool("RIH_CLANG", "clang", rustc_major, &format!("clang-{rustc_major}"));
    let ar = llvm_tool("RIH_AR", "llvm-ar", rustc_major, &format!("llvm-{rustc_major}"));
    // The clang must read and write the bitcode of rustc's LLVM.
    let version = Command::new(&clang).arg("--version").output().unwrap_or_else(|e| {
        fail(&format!("cannot run {clang}: {e}; install clang-{rustc_major} (apt-get install clang-{rustc_major}) or set RIH_CLANG"))
    });
    match major_after(&String::from_utf8_lossy(&version.stdout), "clang version") {
        Some(m) if m == rustc_major => {}
        m => fail(&format!(
            "{clang} is clang {}, but rustc's LLVM is {rustc_major}: the wrapper bitcode must come from the same LLVM; \
             set RIH_CLANG=clang-{rustc_major} (apt-get install clang-{rustc_major})",
            m.map_or("(unknown version)".to_string(), |m| m.to_string())
        )),
    }

    // The headers: the crate's own by their path, the others by name.
    let headers: Vec<String> = w
        .headers
        .iter()
        .map(|h| {
            let local = manifest.join(h);
            if local.is_file() { local.to_string_lossy().into_owned() } else { h.clone() }
        })
        .collect();
    let mut clang_args: Vec<String> = w.includes.iter().map(|d| format!("-I{}", manifest.join(d).display())).collect();
    clang_args.extend(w.clang_args.iter().cloned());

    let c_file = out.join("wrappers.c");
    let bindings = out.join("bindings.rs");
    let depfile = out.join("wrappers.d");
    let mut gen = Command::new("python3");
    gen.arg(&generator).current_dir(&manifest);
    for h in &headers {
        gen.arg("--header").arg(h);
    }
    let allow = if w.allowlist.is_empty() { ".*".to_string() } else { w.allowlist.join("|") };
    gen.args(["--allowlist", &allow, "--clang", &clang]);
    gen.arg("--out-c").arg(&c_file).arg("--out-rs").arg(&bindings).arg("--depfile").arg(&depfile);
    if !w.skip.is_empty() {
        gen.args(["--skip", &w.skip.join("|")]);
    }
    if let Some(types) = &w.types {
        gen.args(["--types", types]);
    }
    if let Some(functions) = &w.library_functions {
        gen.args(["--functions", functions]);
    }
    gen.arg("--").args(&clang_args);
    let no_python = "python3, which runs the generator wrap-static-fns, is not installed (or not on PATH): \
                     install it (apt-get install python3)";
    run_with(&mut gen, &format!("wrap-static-fns on {}", w.headers.join(", ")), no_python, generator_fix);
    // A function named by .function() that got no wrapper (and was not
    // skipped) is not a static inline function of the headers: say so
    // rather than leave it to a "cannot find function" in the crate.
    let declared = std::fs::read_to_string(&bindings).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", bindings.display())));
    for name in &w.functions {
        let wrapped = format!("#[link_name = \"{name}__extern\"]");
        let skipped = format!("// Skipped (no wrapper): {name}:");
        if !declared.contains(&wrapped) && !declared.contains(&skipped) {
            fail(&format!(
                "no static inline function {name} in {} (.function(\"{name}\") in build.rs); \
                 fix: name the function itself (a macro is not one: wrap the function it expands to) \
                 or the header that defines it (.header(H))",
                w.headers.join(", ")
            ));
        }
    }
    // Rerun when a header the wrappers came from changes (a new library
    // version): every prerequisite of the make-style dependency file.
    let deps = std::fs::read_to_string(&depfile).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", depfile.display())));
    for header in depfile_prerequisites(&deps) {
        println!("cargo:rerun-if-changed={header}");
    }

    // ThinLTO bitcode by default: LLVM's own importer may inline a wrapper
    // whose attributes match rustc's, the plugin the rest (docs/cargo.md).
    let c_lto = rerun_env("RIH_C_LTO").unwrap_or_else(|| "thin".to_string());
    if c_lto != "thin" && c_lto != "full" {
        fail(&format!("RIH_C_LTO={c_lto}: use thin or full"));
    }
    let c_flags = rerun_env("RIH_CFLAGS").unwrap_or_default();
    let object = out.join("wrappers.o");
    let compile = |extra: &[&str], output: &Path| {
        run(
            Command::new(&clang)
                .args(["-O2", "-g0", "-c", &format!("--target={}", clang_target(&target))])
                .args(extra)
                .args(c_flags.split_whitespace())
                .args(&clang_args)
                .arg(&c_file)
                .arg("-o")
                .arg(output),
            &format!("{clang} on {}", c_file.display()),
            "the generated wrappers do not compile with the include paths and clang arguments given; \
             pass the ones the header needs (.include(DIR), .clang_arg(ARG))",
        )
    };
    let bitcode = if lto {
        compile(&[&format!("-flto={c_lto}")], &object);
        object.clone()
    } else {
        compile(&[], &object);
        // Pre-link bitcode for the plugin in rustc: the loops are left for
        // the crate's optimizer, which sees the callers.
        let bc = out.join("wrappers.bc");
        compile(&["-flto=thin"], &bc);
        bc
    };
    let archive = out.join("libwrappers.a");
    let _ = std::fs::remove_file(&archive);
    run(
        Command::new(&ar).arg("rcs").arg(&archive).arg(&object),
        &ar,
        &format!("install llvm-{rustc_major} (apt-get install llvm-{rustc_major}) or set RIH_AR"),
    );

    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=wrappers");
    println!("cargo:rustc-env=RUST_INLINE_HELPERS={}", bitcode.display());

    // What else the inlined code depends on: the tools, the plugin
    // (replacing it must rebuild the crate) and its settings.
    for tool in [&clang, &ar] {
        if Path::new(tool).is_absolute() {
            println!("cargo:rerun-if-changed={tool}");
        }
    }
    for plugin in &plugins {
        println!("cargo:rerun-if-changed={plugin}");
    }
    let mut settings = String::new();
    for var in SETTINGS {
        let name = format!("RUST_INLINE_HELPERS_{var}");
        if let Some(value) = rerun_env(&name) {
            settings += &format!("{name}={value}\n");
        }
    }
    if rerun_env("RIH_CACHE_KEY").as_deref() != Some("0") {
        let mut inputs = vec![bitcode.clone()];
        inputs.extend(plugins.iter().map(PathBuf::from));
        println!("cargo:rustc-env=CARGO_RIH_INPUTS_SHA256={}", sha256_of(&inputs, &settings));
    }
    Built { bindings, wrappers_c: c_file, bitcode, archive }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustc_plugins_are_a_comma_list() {
        assert_eq!(plugins_in_flags(&["-Zllvm-plugins=/a.so,/b.so"]), ["/a.so", "/b.so"]);
        assert_eq!(plugins_in_flags(&["-Z", "llvm-plugins=/a.so"]), ["/a.so"]);
        assert_eq!(plugins_in_flags(&["-Clinker-plugin-lto", "-Copt-level=3"]), Vec::<String>::new());
    }

    #[test]
    fn linker_plugins_in_wl_lists() {
        // The items after the plugin are linker arguments, not plugins.
        assert_eq!(plugins_in_flags(&["-Clink-arg=-Wl,--load-pass-plugin=/p.so,-mllvm,-x"]), ["/p.so"]);
        // The separate-argument form, in one -Wl list or across two.
        assert_eq!(plugins_in_flags(&["-Clink-arg=-Wl,--load-pass-plugin,/p.so,-O2"]), ["/p.so"]);
        assert_eq!(plugins_in_flags(&["-Clink-arg=-Wl,--load-pass-plugin", "-Clink-arg=-Wl,/p.so"]), ["/p.so"]);
        assert_eq!(plugins_in_flags(&["-C", "link-arg=-Wl,-load-pass-plugin=/p.so"]), ["/p.so"]);
        assert_eq!(plugins_in_flags(&["-Clink-arg=-Xlinker", "-Clink-arg=--load-pass-plugin=/p.so"]), ["/p.so"]);
        // An argument that only mentions the option is none.
        assert_eq!(plugins_in_flags(&["-Clink-arg=-Wl,--no-load-pass-plugin=/p.so"]), Vec::<String>::new());
    }

    #[test]
    fn linker_plugins_in_link_args() {
        assert_eq!(plugins_in_flags(&["-Clink-args=-fuse-ld=lld -Wl,--load-pass-plugin=/p.so -Wl,-O2"]), ["/p.so"]);
        assert_eq!(plugins_in_flags(&["-Clink-args=-Wl,--load-pass-plugin -Wl,/p.so"]), ["/p.so"]);
        // ld.lld as the linker: the arguments are its own.
        let flags = ["-Clink-args=--load-pass-plugin /p.so", "-Cpre-link-arg=--load-pass-plugin=/q.so"];
        assert_eq!(plugins_in_flags(&flags), ["/p.so", "/q.so"]);
        // One -Clink-arg is one argument, spaces and all.
        assert_eq!(plugins_in_flags(&["-Clink-arg=-Wl,--load-pass-plugin=/my dir/p.so"]), ["/my dir/p.so"]);
    }

    #[test]
    fn depfile_escapes() {
        let rule = "/o/wrappers.c /o/bindings.rs: /c/with\\ space/a.h \\\n  /usr/include/b$$c.h /c/hash\\#.h\n";
        assert_eq!(depfile_prerequisites(rule), ["/c/with space/a.h", "/usr/include/b$c.h", "/c/hash#.h"]);
        // 2n+1 backslashes before a space: n of them and the space.
        assert_eq!(depfile_prerequisites("t: a\\\\\\ b c\\\\ d"), ["a\\ b", "c\\", "d"]);
        // Other backslashes are the name's own.
        assert_eq!(depfile_prerequisites("t: a\\b\n"), ["a\\b"]);
        assert_eq!(depfile_prerequisites("t:\n"), Vec::<String>::new());
    }

    #[test]
    fn clang_targets() {
        assert_eq!(clang_target("riscv64gc-unknown-linux-gnu"), "riscv64-unknown-linux-gnu");
        assert_eq!(clang_target("riscv32imac-unknown-none-elf"), "riscv32-unknown-none-elf");
        assert_eq!(clang_target("riscv32imafc-unknown-none-elf"), "riscv32-unknown-none-elf");
        assert_eq!(clang_target("x86_64-unknown-linux-gnu"), "x86_64-unknown-linux-gnu");
        assert_eq!(clang_target("aarch64-unknown-linux-gnu"), "aarch64-unknown-linux-gnu");
    }
}
