#!/usr/bin/python3
"""Writes scripts/kernel-bench's results from its boot logs: Markdown with
the instructions and time per I/O of the four variants, the calibration,
the I/O path's calls (kernel_iopath.py's JSON), the machine and versions,
a plot next to it (FILE.png), and RUNS/summary.txt with the line
"rnull-summary: off A plugin B linux-7.1 C null_blk D" (instructions per
pread I/O, medians).

    kernel_bench_report.py --runs DIR --results FILE --reads N --rounds R
                           --kvm-reads N --kvm-note TEXT --iopath JSON
                           --e2e FILE [--no-plot]

DIR holds MODE-VARIANT-ROUND.log (MODE icount or kvm), each with blkread's
"BLKREAD mode=..." lines.  Under icount, nanoseconds become instructions
through the same boot's calibration (blkread calibrate: a loop of 2
instructions per iteration).  Exit status 0, or 1 when a log misses a
figure (nothing is written then).
"""

import argparse
import glob
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

VARIANTS = ("off", "plugin", "linux-7.1", "null_blk")
RUST_VARIANTS = VARIANTS[:3]
LINE = re.compile(r"BLKREAD mode=(\w+) dev=(\S+) n=(\d+) ns_n=(\d+) ns_2n=(\d+) per_op_ns=([0-9.]+)")
LABEL = {"off": "rnull, option off", "plugin": "rnull, plugin", "linux-7.1": "rnull, Linux 7.1 way",
         "null_blk": "C null_blk"}


def parse_log(path):
    """{mode: per-operation nanoseconds} of one boot, plus its scheduler."""
    figures, sched = {}, "?"
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip("\r\n\x00")
            m = LINE.search(line)
            if m:
                # From the raw times: per_op_ns is printed with 2 decimals.
                n, t1, t2 = int(m.group(3)), int(m.group(4)), int(m.group(5))
                figures[m.group(1)] = (t2 - t1) / n
            elif line.startswith("BENCH: device"):
                sched = line.split("scheduler", 1)[1].strip()
    return figures, sched


def load(runs, mode):
    """{variant: {"calibrate"|"pread"|"uring": [per round...]}}; raises on a
    log without every figure."""
    out = {v: {} for v in VARIANTS}
    scheds = {}
    for path in sorted(glob.glob(os.path.join(runs, "%s-*.log" % mode))):
        m = re.match(r"%s-(.+)-(\d+)\.log$" % mode, os.path.basename(path))
        if not m or m.group(1) not in VARIANTS:
            continue
        figures, sched = parse_log(path)
        for key in ("calibrate", "pread", "uring"):
            if key not in figures:
                raise RuntimeError("%s has no '%s' figure" % (path, key))
        variant = m.group(1)
        scheds[variant] = sched
        if mode == "icount":
            per_insn = figures["calibrate"] / 2.0
            out[variant].setdefault("calibrate", []).append(per_insn)
            for key in ("pread", "uring"):
                out[variant].setdefault(key, []).append(figures[key] / per_insn)
        else:
            for key in ("pread", "uring"):
                out[variant].setdefault(key, []).append(figures[key])
    return out, scheds


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def spread(xs, fmt="%.0f"):
    if len(xs) < 2:
        return ""
    return (" (" + fmt + "-" + fmt + ")") % (min(xs), max(xs))


def pct(a, b):
    return (a / b - 1.0) * 100.0


def figure_rows(data, fmt, bold=None):
    """One table row per variant: for pread and io_uring, the median (with
    min-max over the rounds, in FMT) and the difference from null_blk."""
    rows = []
    for v in VARIANTS:
        row = ["**%s**" % v if v == bold else v]
        for key in ("pread", "uring"):
            xs = data[v][key]
            row += [fmt % med(xs) + spread(xs, fmt),
                    "%+.2f %%" % pct(med(xs), med(data["null_blk"][key]))]
        rows.append("| " + " | ".join(row) + " |")
    return rows


def tool_version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def machine_text():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError:
        pass
    return "%s, %d CPUs, %s" % (model, os.cpu_count() or 0, platform.release())


def gap_closed(off, x, c):
    """The share of off's distance to C that X removes, in percent."""
    return (off - x) / (off - c) * 100.0 if off != c else float("nan")


def plot(path, icount, kvm):
    """Bars of each variant's difference from C null_blk, in percent (the
    differences are a fraction of a percent: a ratio axis from 0 hides
    them)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("instructions per I/O (qemu -icount)", icount)]
    if kvm:
        panels.append(("time per I/O under KVM", kvm))
    fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4), squeeze=False)
    for ax, (title, data) in zip(axes[0], panels):
        width = 0.38
        for k, key in enumerate(("pread", "uring")):
            base = med(data["null_blk"][key])
            ys = [pct(med(data[v][key]), base) for v in VARIANTS]
            xs = [i + (k - 0.5) * width for i in range(len(VARIANTS))]
            ax.bar(xs, ys, width, label="io_uring" if key == "uring" else key)
            for x, y in zip(xs, ys):
                ax.text(x, y, "%+.2f" % y, ha="center", va="top" if y < 0 else "bottom", fontsize=7)
        ax.axhline(0.0, color="grey", linewidth=0.8)
        ax.set_xticks(range(len(VARIANTS)))
        ax.set_xticklabels([LABEL[v].replace(", ", "\n") for v in VARIANTS], fontsize=8)
        ax.set_ylabel("% against C null_blk (lower is better)")
        ax.set_title(title)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for opt in ("--runs", "--results", "--reads", "--rounds", "--kvm-reads", "--kvm-note",
                "--iopath", "--e2e"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--no-plot", action="store_true")
    args = ap.parse_args()
    try:
        icount, scheds = load(args.runs, "icount")
        kvm, _ = load(args.runs, "kvm") if not args.kvm_note else ({}, {})
        for v in VARIANTS:
            if not icount[v].get("pread"):
                raise RuntimeError("no icount run of %s in %s" % (v, args.runs))
            if kvm and not kvm[v].get("pread"):
                raise RuntimeError("no KVM run of %s in %s" % (v, args.runs))
        with open(args.iopath) as f:
            iopath = json.load(f)
    except (OSError, ValueError, RuntimeError) as e:
        print("kernel_bench_report.py: error: %s" % e, file=sys.stderr)
        return 1

    ipio = {v: med(icount[v]["pread"]) for v in VARIANTS}
    cal = [x for v in VARIANTS for x in icount[v]["calibrate"]]
    png = os.path.splitext(args.results)[0] + ".png"
    L = [
        "# rnull against C's null_blk in a booted Linux 6.12",
        "",
        "Written by `scripts/kernel-bench` on %s. Kernels: the x86_64 builds of "
        "`scripts/kernel-e2e --config rust-all` (every Rust option of 6.12, rnull and C's null_blk "
        "built in; checked report: `%s`)." % (time.strftime("%Y-%m-%d"), os.path.relpath(
            args.e2e, os.path.dirname(args.results))),
        "",
        "| variant | kernel | device |",
        "|---|---|---|",
        "| off | `CONFIG_RUST_INLINE_HELPERS` off | `/dev/rnullb0` |",
        "| plugin | option on: this plugin inlines the helpers | `/dev/rnullb0` |",
        "| linux-7.1 | option off, rustc through `scripts/kbuild/rustc-linux-7.1-way` "
        "(`llvm-link --internalize`, every helper `__always_inline`) | `/dev/rnullb0` |",
        "| null_blk | the off kernel, C's null_blk with `queue_mode=2 irqmode=0 bs=4096` "
        "(blk-mq, direct completion, 4 KiB blocks, as rnull) | `/dev/nullb0` |",
        "",
        "Workload (`bench/kernel/blkread.c`, static, in the initramfs): N and 2N 4 KiB `O_DIRECT` "
        "reads of the device, one in flight, with `pread(2)` and through io_uring (`IORING_OP_READ`, "
        "`io_uring_enter` waiting for each); the cost of one I/O is (time of 2N - time of N) / N, "
        "so opening the device and warming up cancel out. I/O scheduler set to `none` for both "
        "devices (what is left is the driver and blk-mq's direct path): %s."
        % ", ".join("%s `%s`" % (v, scheds.get(v, "?")) for v in ("off", "null_blk")),
        "",
        "## Instructions per I/O (exact)",
        "",
        "qemu without KVM, `-icount shift=0,sleep=off`: the guest's clock advances 1 ns per "
        "guest instruction. N = %s, %s round(s), the four variants interleaved, one boot each per "
        "round. **Calibration**: a guest loop of exactly 2 instructions per iteration "
        "(`dec`/`jnz`, 10^7 and 2x10^7 iterations) measured %.4f-%.4f ns per instruction over "
        "%d boots; the figures below are divided by each boot's own calibration."
        % (args.reads, args.rounds, min(cal), max(cal), len(cal)),
        "",
        "| variant | pread: instructions per I/O | vs null_blk | io_uring: instructions per I/O | vs null_blk |",
        "|---|---|---|---|---|",
    ]
    L += figure_rows(icount, "%.0f", bold="plugin")
    off, plug, way, c = (ipio[v] for v in VARIANTS)
    uoff, uplug, uway, uc = (med(icount[v]["uring"]) for v in VARIANTS)
    L += [
        "",
        "- The plugin changes rnull's instructions per pread I/O by %+.2f %% against the option off "
        "(%+.0f instructions; io_uring %+.2f %%); the Linux 7.1 way by %+.2f %% (%+.0f)."
        % (pct(plug, off), plug - off, pct(uplug, uoff), pct(way, off), way - off),
        "- Rust-to-C gap (pread): %+.0f instructions (%+.2f %%) with the option off, %+.0f (%+.2f %%) "
        "with the plugin, %+.0f (%+.2f %%) the Linux 7.1 way: %s"
        % (off - c, pct(off, c), plug - c, pct(plug, c), way - c, pct(way, c),
           "the plugin closes %.0f %% of it, the Linux 7.1 way %.0f %%."
           % (gap_closed(off, plug, c), gap_closed(off, way, c)) if off > c else
           "rnull already executes fewer instructions per I/O than null_blk with the option off "
           "(6.12's rnull is a stub that ends every request at once; null_blk's `null_queue_rq` "
           "also checks throttling, bad blocks, zones and its timer modes), and the plugin widens "
           "that lead."),
        "",
        "## Time per I/O under KVM",
        "",
    ]
    if kvm:
        L += ["`-accel kvm -cpu host`, N = %s, %s interleaved round(s): medians (min-max), ns."
              % (args.kvm_reads, args.rounds), "",
              "| variant | pread ns per I/O | vs null_blk | io_uring ns per I/O | vs null_blk |",
              "|---|---|---|---|---|"]
        L += figure_rows(kvm, "%.1f")
    else:
        L.append("Skipped: %s. The instruction counts above do not depend on it." % args.kvm_note)
    L += [
        "",
        "## Calls left on the I/O path",
        "",
        "`scripts/lib/kernel_iopath.py` on each vmlinux: the functions rnull's blk-mq callbacks "
        "(`%s`) reach through direct calls and tail jumps into Rust code, and, for comparison, "
        "what C's `null_queue_rq` and `null_complete_rq` reach inside null_blk. Counts are call "
        "sites in the machine code, not calls per request."
        % "`, `".join(r.split("::")[-1] for r in iopath["off"]["rnull"]["roots"]),
        "",
        "| path | functions | instructions (static) | helper calls | other C calls | panic-path calls | indirect calls |",
        "|---|---|---|---|---|---|---|",
    ]

    def calls(d):
        return ", ".join("`%s` %d" % kv for kv in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"

    for v in RUST_VARIANTS:
        d = iopath[v]["rnull"]
        L.append("| rnull, %s | %d | %d | %s | %s | %d | %d |" % (
            v, len(d["functions"]), d["instructions"], calls(d["helper_calls"]), calls(d["c_calls"]),
            d["panic_calls"], d["indirect_calls"]))
    d = iopath["off"]["null_blk"]
    L.append("| C null_blk | %d | %d | - | %s | - | %d |" % (
        len(d["functions"]), d["instructions"], calls(d["c_calls"]), d["indirect_calls"]))
    L += ["", "Rust functions on rnull's path with the plugin: %s." % ", ".join(
        "`%s`" % f for f in iopath["plugin"]["rnull"]["functions"]), ""]

    def same(a, b):
        ca, cb = iopath[a]["rnull"]["root_code"], iopath[b]["rnull"]["root_code"]
        diff = [r.split("::")[-1] for r in sorted(set(ca) | set(cb)) if ca.get(r) != cb.get(r)]
        return "identical" if not diff else "different in `%s`" % "`, `".join(diff)

    L += ["Machine code of the callbacks, addresses and immediates aside: plugin against "
          "linux-7.1 %s; plugin against off %s." % (same("plugin", "linux-7.1"), same("plugin", "off")), ""]
    L += [
        "## Machine and versions",
        "",
        "- host: %s; guest: 1 vCPU, 256 MiB" % machine_text(),
        "- %s" % tool_version(["qemu-system-x86_64", "--version"]),
        "- kernel: Debian's linux-source-6.12 with scripts/kbuild/patches; %s; %s"
        % (tool_version(["/usr/lib/llvm-22/bin/clang", "--version"]),
           tool_version([os.environ.get("RUSTC", "/usr/bin/rustc"), "--version"])),
        "",
    ]
    if not args.no_plot:
        plot(png, icount, kvm)
        L += ["![instructions and time per I/O relative to C null_blk](%s)" % os.path.basename(png), ""]
    with open(args.results, "w") as f:
        f.write("\n".join(L))
    with open(os.path.join(args.runs, "summary.txt"), "w") as f:
        f.write("rnull-summary: off %.0f plugin %.0f linux-7.1 %.0f null_blk %.0f\n" % (off, plug, way, c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
