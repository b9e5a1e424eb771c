# lit configuration of rust-inline-helpers.  CMake writes lit.site.cfg.py in
# build/test, which sets the paths and loads this file.
import os
import re
import subprocess
import sys

import lit.formats

config.name = "rust-inline-helpers"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.rih_obj_root, "test")

tools = config.llvm_tools_dir
src = config.rih_src_root


def tool(name):
    return os.path.join(tools, name)


sys.path.insert(0, os.path.join(src, "scripts", "lib"))
import rustc_compat  # noqa: E402  (scripts/lib: one place for rustc's spellings)


def read_flags(path):
    """One flag per line; '#' starts a comment.  A rustflags.txt is spelled
    for the suite's rustc (scripts/lib/rustc_compat.py)."""
    if not os.path.exists(path):
        lit_config.fatal("missing flags file %s" % path)
    flags = rustc_compat.read_flags(path)
    if os.path.basename(path) == "rustflags.txt":
        flags = rustc_compat.adapt(flags, config.rih_rustc)
    return " ".join(flags)


config.environment["PATH"] = os.pathsep.join(
    [tools, config.environment.get("PATH", os.environ.get("PATH", ""))]
)
# Keep the user's remark colours and locale out of FileCheck's way.
config.environment["LC_ALL"] = "C"
# The scripts the tests run (scripts/lib/toolchain.sh) take the same LLVM,
# build directory and rustc as the suite: build/ with LLVM 22, or
# build-llvm19/ with LLVM 19 (scripts/check --llvm 19).
config.environment["RIH_LLVM_MAJOR"] = config.llvm_version_major
config.environment["LLVM_BINDIR"] = tools
config.environment["RIH_BUILD_DIR"] = config.rih_obj_root
# Tests that need LLVM 22's behaviour (docs/toolchains.md) say
# REQUIRES: llvm-22.
config.available_features.add("llvm-" + config.llvm_version_major)

kernel = os.path.join(src, "examples", "kernel-x86_64")
config.substitutions.extend(
    [
        ("%plugin", config.rih_plugin),
        ("%llvm-bindir", tools),
        ("%llvm-major", config.llvm_version_major),
        ("%opt", tool("opt") + " -load-pass-plugin=" + config.rih_plugin),
        ("%plain-opt", tool("opt")),
        ("%clang", tool("clang")),
        ("%llvm-link", tool("llvm-link")),
        ("%llvm-dis", tool("llvm-dis")),
        ("%llvm-objdump", tool("llvm-objdump")),
        ("%llc", tool("llc")),
        ("%llvm-as", tool("llvm-as")),
        ("%llvm-ar", tool("llvm-ar")),
        ("%llvm-bcanalyzer", tool("llvm-bcanalyzer")),
        ("%llvm-cat", tool("llvm-cat")),
        ("%llvm-dwarfdump", tool("llvm-dwarfdump")),
        ("%python", sys.executable),
        (
            "%sort-functions",
            sys.executable + " " + os.path.join(src, "test", "Inputs", "sort-functions.py"),
        ),
        ("%examples", os.path.join(src, "examples")),
        ("%scripts", os.path.join(src, "scripts")),
        ("%build", config.rih_obj_root),
        ("%kernel-cflags", read_flags(os.path.join(kernel, "cflags.txt"))),
        (
            "%kernel-rustflags",
            read_flags(os.path.join(kernel, "rustflags.txt"))
            + " --target="
            + rustc_compat.target_json(
                os.path.join(kernel, "target.json"),
                config.rih_rustc,
                os.path.join(config.rih_obj_root, "rustc-compat"),
            ),
        ),
    ]
)
# arm64 and riscv64 use rustc's built-in targets: rustflags.txt names them.
for arch in ("arm64", "riscv64"):
    arch_dir = os.path.join(src, "examples", "kernel-" + arch)
    config.substitutions.extend(
        [
            ("%%kernel-%s-cflags" % arch, read_flags(os.path.join(arch_dir, "cflags.txt"))),
            (
                "%%kernel-%s-rustflags" % arch,
                read_flags(os.path.join(arch_dir, "rustflags.txt")),
            ),
        ]
    )


def rustc_llvm_major(rustc):
    try:
        out = subprocess.run(
            [rustc, "-vV"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"^LLVM version: (\d+)", out, re.M)
    return m.group(1) if m else None


rustc = config.rih_rustc
if rustc and rustc_llvm_major(rustc) == config.llvm_version_major:
    config.available_features.add("rustc")
    # -Z flags (kernel target specs) need the bootstrap switch, as in Kbuild.
    config.environment["RUSTC_BOOTSTRAP"] = "1"
    config.environment["RIH_RUSTC"] = rustc
    config.substitutions.append(("%rustc", rustc))
else:
    lit_config.note(
        "no rustc with LLVM %s found (RIH_RUSTC=%r): tests that need one are "
        "unsupported" % (config.llvm_version_major, rustc)
    )
    config.substitutions.append(("%rustc", "false"))

# The cargo examples (test/cargo): Debian's cargo beside the rustc, same
# version (scripts/lib/toolchain.sh's rih_find_cargo), and the C libraries.
if "rustc" in config.available_features:
    rih_cargo = os.environ.get("RIH_CARGO") or os.path.join(os.path.dirname(rustc), "cargo")

    def rih_version(tool):
        try:
            out = subprocess.run([tool, "-V"], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return out.split()[1] if len(out.split()) > 1 else None

    if os.access(rih_cargo, os.X_OK) and rih_version(rih_cargo) == rih_version(rustc):
        config.available_features.add("cargo")
        config.environment["RIH_CARGO"] = rih_cargo
    else:
        lit_config.note("no cargo of rustc %s's version at %s: the cargo tests are unsupported (install cargo-web)" % (rustc, rih_cargo))
# The plugin of the other supported LLVM major (build/ for 22, build-llvm19/
# for 19, as scripts/setup and scripts/setup --llvm 19 build them), for
# test/errors/wrong-host.test: each must refuse the other's hosts.
rih_other = "19" if config.llvm_version_major == "22" else "22"
rih_other_plugin = os.path.join(
    src, "build" if rih_other == "22" else "build-llvm" + rih_other, "lib", "RustInlineHelpers.so")
rih_other_bin = "/usr/lib/llvm-%s/bin" % rih_other
if os.path.exists(rih_other_plugin) and os.access(os.path.join(rih_other_bin, "opt"), os.X_OK):
    config.available_features.add("other-llvm")
    config.substitutions.extend(
        [
            ("%other-plugin", rih_other_plugin),
            ("%other-major", rih_other),
            ("%other-opt", os.path.join(rih_other_bin, "opt")),
        ]
    )
else:
    lit_config.note("no LLVM %s plugin at %s: test/errors/wrong-host.test is unsupported "
                    "(scripts/setup --llvm %s builds it)" % (rih_other, rih_other_plugin, rih_other))

# Older clangs for helper bitcode (test/skew): feature and substitution
# clang-N for each installed Debian clang-N older than the suite's LLVM.
rih_older_clangs = []
for rih_major in range(13, int(config.llvm_version_major)):
    rih_older = "/usr/lib/llvm-%d/bin/clang" % rih_major
    if os.access(rih_older, os.X_OK):
        config.available_features.add("clang-%d" % rih_major)
        config.substitutions.insert(0, ("%%clang-%d" % rih_major, rih_older))
        rih_older_clangs.append(str(rih_major))
for rih_major in (13, 14, 15, 16, 19):
    if rih_major < int(config.llvm_version_major) and "clang-%d" % rih_major not in config.available_features:
        lit_config.note("no clang-%d: its helper-bitcode tests are unsupported (scripts/setup installs it)" % rih_major)
config.environment["RIH_OLDER_CLANGS"] = " ".join(rih_older_clangs)
# rustup's rustc, when it is there with the same LLVM major and another
# minor (rustc 1.95: LLVM 22.1.2): scripts/compat-table adds its column.
rih_rustup = os.path.expanduser("~/.cargo/bin/rustc")
if "rustc" in config.available_features and os.access(rih_rustup, os.X_OK):
    def rih_llvm(tool):
        try:
            out = subprocess.run([tool, "-vV"], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
        return next((l.split(": ", 1)[1] for l in out.splitlines() if l.startswith("LLVM version: ")), "")
    rih_a, rih_b = rih_llvm(rih_rustup), rih_llvm(rustc)
    if rih_a and rih_b and rih_a != rih_b and rih_a.split(".")[0] == rih_b.split(".")[0]:
        config.available_features.add("rustc-minor-skew")

# Compiler caches (test/cache), as Debian packages them.
for rih_cache in ("ccache", "sccache"):
    if os.access("/usr/bin/" + rih_cache, os.X_OK):
        config.available_features.add(rih_cache)
    else:
        lit_config.note("no /usr/bin/%s: its test is unsupported (scripts/setup installs it)" % rih_cache)
for rih_lib, rih_header in (("libdivide", "libdivide.h"), ("liburing", "liburing.h"), ("dpdk", "dpdk/rte_ring.h")):
    if os.path.exists(os.path.join("/usr/include", rih_header)):
        config.available_features.add(rih_lib)
config.substitutions.append(
    ("%cargo-example", os.path.join(src, "scripts", "cargo-example") + " --plugin " + config.rih_plugin)
)
config.substitutions.append(
    ("%rih-provenance", sys.executable + " " + os.path.join(src, "tools", "rih-provenance"))
)
config.substitutions.append(
    ("%helper-calls", sys.executable + " " + os.path.join(src, "tools", "helper_calls.py"))
)

# Targets compiled into this LLVM, as "<arch>-registered-target" features.
try:
    targets = subprocess.run(
        [tool("llc"), "--version"], capture_output=True, text=True, timeout=60
    ).stdout
    for arch in ("x86", "aarch64", "riscv"):
        if re.search(r"^\s+%s\b" % ("riscv64" if arch == "riscv" else arch if arch != "x86" else "x86-64"), targets, re.M):
            config.available_features.add(arch + "-registered-target")
except (OSError, subprocess.SubprocessError):
    pass

# The differential ABI tests (test/abi): per target, qemu-user to run the
# program, the cross libc and libgcc to link it, and rustc's core for the
# target, which scripts/setup builds into build/rust-core/TARGET.
# test/abi/lit.local.cfg builds its substitutions from the same two.
config.rih_rust_core = os.path.join(config.rih_obj_root, "rust-core")
config.rih_cross_targets = (("aarch64", "aarch64-unknown-linux-gnu"),
                            ("riscv64", "riscv64gc-unknown-linux-gnu"))
for rih_arch, rih_rust_target in config.rih_cross_targets:
    rih_ready = (
        os.access("/usr/bin/qemu-" + rih_arch, os.X_OK)
        and os.path.exists("/usr/%s-linux-gnu/lib/crt1.o" % rih_arch)
        and os.path.isdir("/usr/lib/gcc-cross/%s-linux-gnu" % rih_arch)
        and os.path.exists(os.path.join(config.rih_rust_core, rih_rust_target, "libcore.rlib"))
    )
    if rih_ready:
        config.available_features.add("user-" + rih_arch)
    else:
        lit_config.note("no qemu-%s, cross libc or core for %s: its test/abi run is "
                        "unsupported (scripts/setup installs and builds them)" % (rih_arch, rih_rust_target))

if os.path.exists("/usr/bin/cc") or os.path.exists(tool("clang")):
    config.available_features.add("native-link")

# Files that even root cannot replace (chattr +i on ext4 and most other
# local file systems): test/errors/read-only-target.test.
def rih_can_make_immutable(directory):
    import tempfile
    try:
        os.makedirs(directory, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=directory)
        os.close(fd)
    except OSError:
        return False
    try:
        made = subprocess.run(["chattr", "+i", probe], capture_output=True, timeout=60).returncode == 0
        if made:
            subprocess.run(["chattr", "-i", probe], capture_output=True, timeout=60)
        return made
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        try:
            os.unlink(probe)
        except OSError:
            pass


# qemu-system-x86_64 and a static busybox (scripts/setup --kernel): what
# scripts/kernel-bench boots guests with.
if os.access("/usr/bin/qemu-system-x86_64", os.X_OK) and os.access("/bin/busybox", os.X_OK):
    config.available_features.add("qemu-system")

if rih_can_make_immutable(config.test_exec_root):
    config.available_features.add("immutable-files")

# The kernel end-to-end test (test/kernel): on unless `scripts/check --quick`
# (RIH_CHECK_QUICK=1) and when Debian's Linux 6.12 source is installable
# (scripts/kernel-e2e installs it through scripts/setup --kernel).
if os.environ.get("RIH_CHECK_QUICK") != "1":
    config.available_features.add("kernel-e2e")
    # test/kernel/lit.local.cfg puts its tests in this group: they share
    # out/kernel, so they run one at a time.
    lit_config.parallelism_groups["kernel"] = 1
else:
    lit_config.note("scripts/check --quick: the kernel end-to-end test is left out")

# --- Sanitized plugin (CMake -DRIH_SANITIZE=ON; scripts/check --sanitize) ---
# The plugin then links the shared ASan+UBSan runtime, and the hosts that load
# it (opt, clang, lld, llc, llvm-lto2, rustc) are not instrumented: the
# runtime must be the first library of the host process, so hosts run with it
# in LD_PRELOAD (their children inherit it: rustc's and clang's linker, lld).
# Only the hosts: everything else (awk, FileCheck, the programs the tests
# build) runs as usual, since ASan's interceptors would otherwise report the
# bugs of unrelated tools (Debian's mawk reads past a buffer in memcmp) and
# rustup's rustc, which links its own malloc, hangs under the runtime.  The
# hosts are reached through <build>/sanitize-bin: a mirror of the LLVM tools
# directory (symbolic links) where the hosts are wrappers that add the
# preload, plus a rustc wrapper; the substitutions, PATH, LLVM_BINDIR and
# RIH_RUSTC (what scripts/lib/toolchain.sh resolves tools from) point there.
# LLVM's tools leak on purpose at exit, hence detect_leaks=0.  Reports go to
# files under <build>/sanitizer-reports, so that a report in a command a test
# expects to fail (`not %opt ...`) is not lost; scripts/check --sanitize
# prints them and fails when there is one.
rih_sanitize_preload = getattr(config, "rih_sanitize_preload", "")
if rih_sanitize_preload:
    if not os.path.exists(rih_sanitize_preload):
        lit_config.fatal(
            "sanitizer runtime %s is missing (install libclang-rt-%s-dev)"
            % (rih_sanitize_preload, config.llvm_version_major)
        )
    rih_sanbin = os.path.join(config.rih_obj_root, "sanitize-bin")
    rih_reports = os.path.join(config.rih_obj_root, "sanitizer-reports")
    os.makedirs(rih_sanbin, exist_ok=True)
    os.makedirs(rih_reports, exist_ok=True)

    def rih_replace(path, make):
        """Creates path with make(tmp) and renames it into place."""
        tmp = "%s.tmp%d" % (path, os.getpid())
        if os.path.lexists(tmp):
            os.remove(tmp)
        make(tmp)
        os.replace(tmp, path)

    def rih_wrapper(name, real):
        text = (
            "#!/bin/sh\n"
            "# Written by test/lit.cfg.py: %s with the sanitizer runtime preloaded.\n"
            'case ":${LD_PRELOAD-}:" in\n'
            '  *":%s:"*) ;;\n'
            '  *) LD_PRELOAD="%s${LD_PRELOAD:+:$LD_PRELOAD}"; export LD_PRELOAD ;;\n'
            "esac\n"
            'exec "%s" "$@"\n' % (name, rih_sanitize_preload, rih_sanitize_preload, real)
        )
        path = os.path.join(rih_sanbin, name)
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path) as f:
                if f.read() == text:
                    return path

        def make(tmp):
            with open(tmp, "w") as f:
                f.write(text)
            os.chmod(tmp, 0o755)

        rih_replace(path, make)
        return path

    # The tools that can load a pass plugin, by what they are.
    rih_clang = os.path.realpath(tool("clang"))
    rih_lld = os.path.realpath(tool("lld"))
    rih_hosts = {"opt", "llc", "llvm-lto2"}
    for name in sorted(os.listdir(tools)):
        real = tool(name)
        if name in rih_hosts or os.path.realpath(real) in (rih_clang, rih_lld):
            rih_wrapper(name, real)
            continue
        link = os.path.join(rih_sanbin, name)
        if os.path.islink(link) and os.readlink(link) == real:
            continue
        rih_replace(link, lambda tmp: os.symlink(real, tmp))

    # A host that links its own malloc (rustup's rustc: jemalloc) keeps it
    # over the runtime's, and ASan cannot start in it.
    if "rustc" in config.available_features:
        try:
            rih_syms = subprocess.run(
                [tool("llvm-nm"), "-D", "--defined-only", rustc],
                capture_output=True, text=True, timeout=60,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            rih_syms = ""
        if re.search(r"^\S+ T malloc$", rih_syms, re.M):
            lit_config.fatal(
                "rustc %s defines its own malloc (jemalloc), so the sanitizer "
                "runtime cannot run inside it; set RIH_RUSTC to a rustc that "
                "uses the system allocator (Debian's rustc-web)" % rustc
            )
        rih_rustc = rih_wrapper("rustc", rustc)
        config.substitutions = [
            (a, rih_rustc if (a == "%rustc" and b == rustc) else b)
            for a, b in config.substitutions
        ]
        config.environment["RIH_RUSTC"] = rih_rustc

    # Every tool path of every substitution, and the tool look-ups.
    config.substitutions = [
        (a, b.replace(tools + os.sep, rih_sanbin + os.sep) if isinstance(b, str) else b)
        for a, b in config.substitutions
    ]
    config.substitutions = [
        (a, rih_sanbin if (a == "%llvm-bindir" and b == tools) else b)
        for a, b in config.substitutions
    ]
    config.environment["PATH"] = os.pathsep.join(
        rih_sanbin if p == tools else p
        for p in config.environment["PATH"].split(os.pathsep)
    )
    config.environment["LLVM_BINDIR"] = rih_sanbin
    config.environment["ASAN_OPTIONS"] = ":".join(
        [
            "detect_leaks=0",
            "halt_on_error=1",
            # LLVM's signal handling (first registered on a rustc codegen
            # thread by the report's writeToOutput) replaces ASan's alternate
            # signal stack with a malloc'ed one, which ASan then tries to
            # munmap when the thread exits (CHECK failure, EINVAL).
            "use_sigaltstack=0",
            "log_exe_name=1",
            "log_path=" + os.path.join(rih_reports, "asan"),
        ]
    )
    config.environment["UBSAN_OPTIONS"] = ":".join(
        [
            "print_stacktrace=1",
            "halt_on_error=1",
            "log_exe_name=1",
            "log_path=" + os.path.join(rih_reports, "ubsan"),
        ]
    )
    config.environment["ASAN_SYMBOLIZER_PATH"] = tool("llvm-symbolizer")
    config.available_features.add("sanitize")
    # Kbuild runs Debian's rustc itself, without the runtime preloaded, so it
    # cannot load the sanitized plugin.
    config.available_features.discard("kernel-e2e")
    lit_config.note(
        "sanitized plugin: hosts run from %s with %s preloaded; reports go to %s"
        % (rih_sanbin, rih_sanitize_preload, rih_reports)
    )
