// Wraps every `static inline` function of DPDK's rte_ring.h and rte_mbuf.h
// (Debian's libdpdk-dev, 22.11) and of the DPDK headers they include, with
// rust-inline-helpers-build (crates/rust-inline-helpers-build), and links
// the two exported functions the program calls (rte_ring_get_memsize,
// rte_ring_init) and the libraries the wrappers refer to.  No EAL is
// started: the ring lives in memory the program allocates.
use std::env;
use std::process::Command;

/// `pkg-config ARGS libdpdk`, split into words; stops the build with the
/// fix when libdpdk-dev is missing.
fn pkg_config(args: &[&str]) -> Vec<String> {
    let out = Command::new("pkg-config").args(args).arg("libdpdk").output();
    match out {
        Ok(out) if out.status.success() => {
            String::from_utf8_lossy(&out.stdout).split_whitespace().map(String::from).collect()
        }
        _ => {
            eprintln!(
                "examples/dpdk: `pkg-config {} libdpdk` failed: DPDK's headers are missing; \
                 install them with `apt-get install libdpdk-dev` (scripts/setup does)",
                args.join(" ")
            );
            std::process::exit(1);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let mut wrappers = rust_inline_helpers_build::Wrappers::new("rte_ring.h")
        .header("rte_mbuf.h")
        // DPDK's own names: rte_*, and the __rte_* internals the public
        // functions are built from.
        .allowlist("_*rte_.*")
        .types("rte_ring")
        .library_functions("rte_ring_get_memsize|rte_ring_init")
        // The wrappers of DPDK's experimental functions (rte_bit_relaxed_*,
        // rte_prefetch*_write) are part of "every function"; DPDK's switch
        // says so instead of a deprecation warning per wrapper.
        .clang_arg("-DALLOW_EXPERIMENTAL_API");
    // -I/usr/include/dpdk, the arch directory, -include rte_config.h and the
    // -march DPDK was built for (corei7: SSE4.2).
    for flag in pkg_config(&["--cflags"]) {
        wrappers = wrappers.clang_arg(&flag);
    }
    wrappers.build();
    // The wrappers are machine code for DPDK's CPU (-march=corei7: SSE4.2,
    // POPCNT, CMPXCHG16B) and hold inline asm; rust-inline-helpers never
    // inlines such code into a caller built for less (the OtherFeatures
    // row), so the plugin builds need a matching -Ctarget-cpu.
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let features = env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let plugin = flags.contains("llvm-plugins") || flags.contains("load-pass-plugin");
    if plugin && !features.split(',').any(|f| f == "sse4.2") {
        println!(
            "cargo:warning=examples/dpdk: rustc builds for a CPU without SSE4.2, but DPDK's headers are compiled \
             with pkg-config's -march=corei7: rust-inline-helpers will keep the wrapper calls (OtherFeatures); \
             build with -Ctarget-cpu=corei7 (or native)"
        );
    }
    // The wrappers of rte_mbuf.h and rte_mempool.h refer to functions and
    // variables of these libraries (rte_mempool_ops_table,
    // per_lcore__lcore_id, ...); rte_ring_init is in librte_ring.
    for lib in ["rte_mbuf", "rte_mempool", "rte_ring", "rte_eal"] {
        println!("cargo:rustc-link-lib={lib}");
    }
}
