#!/usr/bin/python3
"""Turns scripts/bench's measurements into bench/results/README.md and
bench/results/runtime.png, and scripts/bench-libs' into bench/results/libs.md
and bench/results/libs.png.

    report.py --runtime RUNTIME.tsv --meta META.txt [--build-time BT.tsv] --out DIR
    report.py --libs LIBS.tsv --meta META.txt --out DIR

RUNTIME.tsv lines are "BENCH VARIANT METRIC VALUE" (tab-separated), METRIC
one of checksum, calls, insns (instructions per operation), ns (one line per
timed run); code-size lines are "size VARIANT text|bench_code BYTES".
BT.tsv is bench/build-time --tsv's format.  LIBS.tsv lines are
"BENCH VARIANT ns|calls|insns VALUE", variants as in LIB_VARIANTS; the
benchmarks with insns lines (DPDK's rte_ring) get a section of their own.  META.txt is KEY=VALUE lines.
Headline ratios are against variant f (pure C), the limit; a ratio is only
printed when both sides were measured.  Needs matplotlib (Debian's
python3-matplotlib) for the plot.  Exit status 0, or 1 on unreadable input.
"""

import argparse
import collections
import os
import statistics
import sys

VARIANTS = collections.OrderedDict(
    [
        ("a", "(a) plain"),
        ("b", "(b) Linux 7.1 always-inline"),
        ("c", "(c) full LTO, no plugin"),
        ("g", "(g) ThinLTO, no plugin"),
        ("h", "(h) ThinLTO + plugin in ld.lld"),
        ("d", "(d) plugin, opt, pre-link bc"),
        ("e", "(e) plugin in rustc, pre-link bc"),
        ("i", "(i) plugin in rustc, -O2 bc"),
        ("f", "(f) pure C"),
    ]
)
SHORT = {
    "a": "plain",
    "b": "kernel",
    "c": "full LTO",
    "g": "ThinLTO",
    "h": "ThinLTO+plugin",
    "d": "opt",
    "e": "in-process",
    "i": "in-process -O2 bc",
    "f": "C",
}
COLORS = {
    "a": "#999999",
    "b": "#d62728",
    "c": "#ff7f0e",
    "g": "#8c564b",
    "h": "#9467bd",
    "d": "#1f77b4",
    "e": "#2ca02c",
    "i": "#bcbd22",
}


# scripts/bench-libs' ways of building the cargo examples, and the limits.
LIB_VARIANTS = collections.OrderedDict(
    [
        ("plain", "wrapper, plain"),
        ("lto", "cross-language LTO"),
        ("lto-thin", "LTO, C ThinLTO"),
        ("lto-plugin", "plugin in ld.lld (stable)"),
        ("inprocess", "plugin in rustc"),
        ("native", "Rust `/`"),
        ("c", "C, inline"),
    ]
)
LIB_COLORS = {"plain": "#999999", "lto": "#ff7f0e", "lto-thin": "#d62728", "lto-plugin": "#1f77b4", "inprocess": "#2ca02c", "native": "#9467bd"}


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def read_meta(path):
    meta = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            meta[key] = value
    return meta


def spread(values):
    """'median (min-max)' of a list of floats."""
    return "%.2f (%.2f-%.2f)" % (statistics.median(values), min(values), max(values))


def results_header(title, script, meta, extra):
    """The head of a results page: title, who wrote it when, the machine and
    compilers, then the EXTRA "- Key: value" lines."""
    return [
        "# " + title,
        "",
        "Written by `%s` (%s run) on %s." % (script, meta.get("mode", "?"), meta.get("date", "?")),
        "",
        "- Machine: %s, %s cores, %s" % (meta.get("cpu", "?"), meta.get("cores", "?"), meta.get("kernel", "?")),
        "- C: %s" % meta.get("clang", "?"),
    ] + extra


def relative_bar(vals, base):
    """(height, below, above) of a bar: the median of VALS over BASE, with
    the min-max spread as error bars; zeros when either is missing."""
    if not base or not vals:
        return 0, 0, 0
    m = statistics.median(vals)
    return m / base, (m - min(vals)) / base, (max(vals) - m) / base


def ratio(x, y):
    return "%.2f" % (x / y) if x is not None and y else "-"


def runtime_tables(rows, meta):
    insns, ns, calls, sizes = {}, collections.defaultdict(list), {}, {}
    benches, variants = [], []
    for bench, variant, metric, value in rows:
        if bench == "size":
            sizes[(variant, metric)] = int(value)
            continue
        if bench not in benches:
            benches.append(bench)
        if variant not in variants:
            variants.append(variant)
        if metric == "insns":
            insns[(bench, variant)] = float(value)
        elif metric == "ns":
            ns[(bench, variant)].append(float(value))
        elif metric == "calls":
            calls[(bench, variant)] = int(value)
    variants = [v for v in VARIANTS if v in variants]
    others = [v for v in variants if v != "f"]
    out = []
    head = "| benchmark | " + " | ".join(VARIANTS[v] for v in variants)

    out.append("### Instructions per operation")
    out.append("")
    out.append(
        "callgrind, inside the benchmark function only, loop only: (I(2N) - I(N)) / N "
        "with N = %s; exact, so one run each. Ratios against (f) pure C; "
        "*calls left* is the number of helper calls in the benchmark's machine code, "
        "per variant." % meta.get("count_n", "?")
    )
    out.append("")
    ratio_head = "".join(" | %s / C" % SHORT[v] for v in others) if "f" in variants else ""
    out.append(head + ratio_head + " | calls left (" + ", ".join(variants) + ") |")
    out.append("|---" * (1 + len(variants) + (len(others) if "f" in variants else 0) + 1) + "|")
    for b in benches:
        cells = ["%.2f" % insns[(b, v)] if (b, v) in insns else "-" for v in variants]
        if "f" in variants:
            cells += [ratio(insns.get((b, v)), insns.get((b, "f"))) for v in others]
        cells.append(" / ".join(str(calls.get((b, v), "-")) for v in variants))
        out.append("| %s | %s |" % (b, " | ".join(cells)))
    out.append("")

    plugin = [v for v in ("h", "d", "e", "i") if v in variants]
    if "g" in variants and plugin:
        out.append("### Against cross-language ThinLTO")
        out.append("")
        out.append(
            "Instructions per operation of each plugin variant over (g) ThinLTO without "
            "the plugin (issue 24: never above 1.00); **bold** when above."
        )
        out.append("")
        out.append("| benchmark | " + " | ".join("%s / ThinLTO" % SHORT[v] for v in plugin) + " |")
        out.append("|---" * (1 + len(plugin)) + "|")
        for b in benches:
            cells = []
            for v in plugin:
                cell = ratio(insns.get((b, v)), insns.get((b, "g")))
                if cell != "-" and insns[(b, v)] > insns[(b, "g")] + 0.005:
                    cell = "**%s**" % cell
                cells.append(cell)
            out.append("| %s | %s |" % (b, " | ".join(cells)))
        out.append("")

    out.append("### Time per operation")
    out.append("")
    out.append(
        "ns per operation, median (min-max) of %s timed runs per variant, the variants "
        "interleaved; ratios of the medians against (f). Reported, never asserted: "
        "timings are noisy." % meta.get("reps", "?")
    )
    out.append("")
    out.append(head + ratio_head + " |")
    out.append("|---" * (1 + len(variants) + (len(others) if "f" in variants else 0)) + "|")
    for b in benches:
        cells = [spread(ns[(b, v)]) if ns[(b, v)] else "-" for v in variants]
        if "f" in variants:
            med = {v: statistics.median(ns[(b, v)]) for v in variants if ns[(b, v)]}
            cells += [ratio(med.get(v), med.get("f")) for v in others]
        out.append("| %s | %s |" % (b, " | ".join(cells)))
    out.append("")

    if sizes:
        out.append("### Code size")
        out.append("")
        out.append(
            "Bytes of `.text` in each benchmark executable (the same harness and helper "
            "archive in every variant) and of its `bench_*` functions."
        )
        out.append("")
        out.append("| variant | .text | bench_* functions |")
        out.append("|---|---|---|")
        for v in variants:
            out.append(
                "| %s | %s | %s |"
                % (VARIANTS[v], sizes.get((v, "text"), "-"), sizes.get((v, "bench_code"), "-"))
            )
        out.append("")
    return out, benches, variants, insns, ns


BT_LABEL = {
    "a": "(a) plain rustc",
    "b": "(b) kernel 3-step",
    "c": "(c) LTO, ld.lld -r",
    "d": "(d) plugin, opt",
    "e": "(e) plugin, in-process",
}


def build_time_tables(rows):
    desc, wall, cpu, peak, calls, text, inputs = {}, {}, {}, {}, {}, {}, []
    for row in rows:
        inp = row[0]
        if inp not in inputs:
            inputs.append(inp)
        if row[1] == "desc":
            desc[inp] = row[3]
        elif row[2] == "calls":
            calls[(inp, row[1])] = row[3]
        elif row[2] == "text":
            text[(inp, row[1])] = row[3]
        else:
            key = (inp, row[1])
            wall.setdefault(key, []).append(float(row[3]))
            cpu.setdefault(key, []).append(float(row[4]))
            peak.setdefault(key, []).append(float(row[5]) / 1024)
    out = [
        "### Build cost",
        "",
        "bench/build-time: wall seconds median (min-max) over the counted rounds, "
        "CPU seconds (median), peak memory of the largest process in MB (median), "
        "`.text` bytes of the object, helper calls left (noinline controls included). "
        "Helper bitcode is built once, outside the timings.",
        "",
    ]
    for inp in inputs:
        out.append("**%s**: %s" % (inp, desc.get(inp, "")))
        out.append("")
        out.append("| variant | wall s | cpu s | peak MB | wall / plain | .text | calls left |")
        out.append("|---|---|---|---|---|---|---|")
        plain = statistics.median(wall[(inp, "a")]) if (inp, "a") in wall else None
        for v in BT_LABEL:
            if (inp, v) not in wall:
                continue
            w = wall[(inp, v)]
            out.append(
                "| %s | %s | %.2f | %.0f | %s | %s | %s |"
                % (
                    BT_LABEL[v],
                    "%.3f (%.3f-%.3f)" % (statistics.median(w), min(w), max(w)),
                    statistics.median(cpu[(inp, v)]),
                    statistics.median(peak[(inp, v)]),
                    ratio(statistics.median(w), plain),
                    text.get((inp, v), "-"),
                    calls.get((inp, v), "-"),
                )
            )
        out.append("")
    return out, inputs, wall


def plot(path, benches, variants, insns, ns, bt, meta):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    others = [v for v in variants if v != "f"]
    panels = 2 + (1 if bt else 0)
    fig, axes = plt.subplots(panels, 1, figsize=(max(11, 1.1 * len(benches)), 4 * panels))
    width = 0.8 / max(1, len(others))
    xs = range(len(benches))
    colors = COLORS
    for ax, kind in zip(axes[:2], ("insns", "ns")):
        for k, v in enumerate(others):
            ys, lo, hi = [], [], []
            for b in benches:
                if kind == "insns":
                    base, val = insns.get((b, "f")), insns.get((b, v))
                    ys.append(val / base if base and val is not None else 0)
                    lo.append(0)
                    hi.append(0)
                else:
                    base = statistics.median(ns[(b, "f")]) if ns[(b, "f")] else None
                    y, below, above = relative_bar(ns[(b, v)], base)
                    ys.append(y)
                    lo.append(below)
                    hi.append(above)
            pos = [x + (k - (len(others) - 1) / 2) * width for x in xs]
            ax.bar(pos, ys, width, label=VARIANTS[v], color=colors.get(v),
                   yerr=[lo, hi] if kind == "ns" else None, capsize=2)
        ax.axhline(1.0, color="black", linewidth=0.8)
        # Ratios from 0.3x to 10x and more: a log scale shows both sides of 1.
        ax.set_yscale("log", base=2)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        ax.set_ylim(0.25, 64)
        ax.set_xticks(list(xs))
        ax.set_xticklabels(benches, fontsize=8)
        ax.set_ylabel(
            "instructions / op, relative to pure C (log)"
            if kind == "insns"
            else "ns / op (median, min-max), relative to pure C (log)"
        )
        ax.legend(fontsize=7, ncol=3, loc="upper left")
    axes[0].set_title("Rust calling C static inline functions through rust_helper_* (1.00 = pure C)")
    if bt:
        inputs, wall = bt
        ax = axes[2]
        bt_variants = [v for v in BT_LABEL if any((i, v) in wall for i in inputs)]
        width = 0.8 / max(1, len(bt_variants))
        for k, v in enumerate(bt_variants):
            ys = []
            for i in inputs:
                plain = statistics.median(wall[(i, "a")]) if (i, "a") in wall else None
                ys.append(statistics.median(wall[(i, v)]) / plain if plain and (i, v) in wall else 0)
            pos = [x + (k - (len(bt_variants) - 1) / 2) * width for x in range(len(inputs))]
            ax.bar(pos, ys, width, label=BT_LABEL[v], color=colors.get(v))
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xticks(list(range(len(inputs))))
        ax.set_xticklabels(inputs)
        ax.set_ylabel("build wall time, relative to plain rustc")
        ax.legend(fontsize=8, ncol=3)
    fig.text(
        0.01, 0.003,
        "scripts/bench, %s: %s, %s cores; %s; %s"
        % (meta.get("date", "?"), meta.get("cpu", "?"), meta.get("cores", "?"),
           meta.get("clang", "?"), meta.get("rustc", "?")),
        fontsize=7, color="#555555",
    )
    fig.tight_layout(rect=(0, 0.015, 1, 1))
    fig.savefig(path, dpi=90)


def dpdk_section(benches, insns, ns, calls, meta):
    """The lines of libs.md's DPDK section: instructions per round (one
    enqueue burst and one dequeue burst of 32 pointers) per build, against C
    calling the inline functions directly."""
    variants = [v for v in ("plain", "lto", "lto-thin", "lto-plugin", "inprocess", "c") if any((b, v) in insns for b in benches)]
    builds = [v for v in variants if v != "c"]
    head = ["ring, per round"] + [LIB_VARIANTS[v] for v in variants]
    head += ["%s / C" % LIB_VARIANTS[v] for v in builds]
    head += ["ns: %s" % LIB_VARIANTS[v] for v in variants]
    head += ["wrapper calls left (%s)" % ", ".join(builds)]
    lines = [
        "",
        "## DPDK rte_ring (examples/dpdk)",
        "",
        "Rust drives two rte_rings (%s) in memory it allocates (rte_ring_get_memsize, rte_ring_init; no EAL) "
        "through the `*__extern` wrappers of every static inline function of rte_ring.h and rte_mbuf.h and "
        "the DPDK headers they include. A round is one enqueue burst and one dequeue burst of 32 pointers "
        "(`rih_ring_rounds_spsc`: rte_ring_sp_enqueue_burst, rte_ring_sc_dequeue_burst; `rih_ring_rounds_mpmc`: "
        "the mp/mc ones). *Instructions* per round are exact (%s, counted inside the hot function at N and 2N "
        "rounds); *ns* is the median of %s interleaved runs, each the median of 5. Ratios against C calling the "
        "inline functions directly (examples/dpdk/ring.c, `-O2` with pkg-config's flags, `-march=corei7`); the "
        "Rust builds use `-Ctarget-cpu=corei7`: the wrappers need SSE4.2 and hold inline asm, which the plugin "
        "never inlines into a baseline x86-64 caller."
        % (meta.get("libs", "?").split(", ")[-1], meta.get("valgrind", "callgrind"), meta.get("reps", "?")),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for b in benches:
        cells = [b] + ["%.2f" % insns[(b, v)] if (b, v) in insns else "-" for v in variants]
        cells += [ratio(insns.get((b, v)), insns.get((b, "c"))) for v in builds]
        cells += [spread(ns[(b, v)]) if ns[(b, v)] else "-" for v in variants]
        cells.append(" / ".join(calls.get((b, v), "-") for v in builds))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def libs_report(rows, meta, out):
    """Writes OUT/libs.md and OUT/libs.png from scripts/bench-libs' rows."""
    ns, calls, insns, benches = collections.defaultdict(list), {}, {}, []
    for bench, variant, metric, value in rows:
        if bench not in benches:
            benches.append(bench)
        if metric == "ns":
            ns[(bench, variant)].append(float(value))
        elif metric == "calls":
            calls[(bench, variant)] = value
        elif metric == "insns":
            insns[(bench, variant)] = float(value)
    # Counted benchmarks (DPDK's rings) have a section of their own.
    counted = [b for b in benches if any(k[0] == b for k in insns)]
    benches = [b for b in benches if b not in counted]
    variants = [v for v in LIB_VARIANTS if any(ns[(b, v)] for b in benches)]
    med = {k: statistics.median(v) for k, v in ns.items() if v}
    head = ["benchmark"] + [LIB_VARIANTS[v] for v in variants]
    ratios = [v for v in variants if v != "c"]
    head += ["%s / C" % LIB_VARIANTS[v] for v in ratios] + ["wrapper calls left (%s)" % ", ".join(v for v in variants if v not in ("native", "c"))]
    lines = results_header(
        "Benchmark results: C libraries from Rust (bench/libs)", "scripts/bench-libs", meta,
        ["- Rust: %s, %s" % (meta.get("rustc", "?"), meta.get("cargo", "?")),
         "- Libraries: %s" % meta.get("libs", "?")],
    ) + [
        "",
        "![time per operation relative to C calling the library inline](libs.png)",
        "",
        "ns per operation: median (min-max) of %s interleaved runs, each the median of the program's own rounds; "
        "libdivide rows are per division, `nop_batch` per prepared, submitted and reaped batch of 32 NOPs. "
        "Ratios against C calling the static inline functions directly; *wrapper calls left* counts `*__extern` "
        "calls in the Rust hot-loop functions." % meta.get("reps", "?"),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for b in benches:
        cells = [b] + [spread(ns[(b, v)]) if ns[(b, v)] else "-" for v in variants]
        cells += [ratio(med.get((b, v)), med.get((b, "c"))) for v in ratios]
        cells.append(" / ".join(calls.get((b, v), "-") for v in variants if v not in ("native", "c")))
        lines.append("| " + " | ".join(cells) + " |")
    if counted:
        lines += dpdk_section(counted, insns, ns, calls, meta)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "libs.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(1, 1, figsize=(11, 4.5))
    width = 0.8 / max(1, len(ratios))
    for k, v in enumerate(ratios):
        ys, lo, hi = [], [], []
        for b in benches:
            y, below, above = relative_bar(ns[(b, v)], med.get((b, "c")))
            ys.append(y)
            lo.append(below)
            hi.append(above)
        pos = [x + (k - (len(ratios) - 1) / 2) * width for x in range(len(benches))]
        ax.bar(pos, ys, width, label=LIB_VARIANTS[v], color=LIB_COLORS.get(v), yerr=[lo, hi], capsize=2)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks(list(range(len(benches))))
    ax.set_xticklabels(benches)
    ax.set_ylabel("ns / op (median, min-max), relative to C")
    ax.set_title("libdivide and liburing from Rust through *__extern wrappers (1.00 = C calling them inline)")
    ax.legend(fontsize=8, ncol=3)
    fig.text(0.01, 0.003, "scripts/bench-libs, %s: %s, %s cores; %s; %s"
             % (meta.get("date", "?"), meta.get("cpu", "?"), meta.get("cores", "?"),
                meta.get("clang", "?"), meta.get("rustc", "?")), fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    fig.savefig(os.path.join(out, "libs.png"), dpi=90)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--libs")
    parser.add_argument("--runtime")
    parser.add_argument("--meta", required=True)
    parser.add_argument("--build-time")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.libs:
        try:
            libs_report(read_tsv(args.libs), read_meta(args.meta), args.out)
        except OSError as err:
            print("report.py: %s" % err, file=sys.stderr)
            return 1
        return 0
    if not args.runtime:
        parser.error("--runtime or --libs is required")
    try:
        rows = read_tsv(args.runtime)
        meta = read_meta(args.meta)
        bt_rows = read_tsv(args.build_time) if args.build_time else None
    except OSError as err:
        print("report.py: %s" % err, file=sys.stderr)
        return 1

    lines = results_header(
        "Benchmark results", "scripts/bench", meta,
        ["- Rust: %s" % meta.get("rustc", "?"), "- Counting: %s" % meta.get("valgrind", "?")],
    ) + [
        "",
        "![runtime and build cost relative to pure C and plain rustc](runtime.png)",
        "",
        "C libraries (libdivide, liburing, DPDK's rte_ring) from Rust through cargo: [libs.md](libs.md) "
        "(`scripts/bench-libs`).",
        "",
        "What the size of the helper file costs a link, with and without `cache-dir=`: "
        "[link-scaling.md](link-scaling.md) (`bench/link-scaling/run`).",
        "",
        "Which form of helper bitcode to give the plugin (`-flto=thin`, `-flto`, `opt` pre-link, `-O2`): "
        "[prelink-forms.md](prelink-forms.md) (`bench/prelink-forms`).",
        "",
        "## Runtime (bench/runtime)",
        "",
        "Variants as in `scripts/bench`'s header and [docs/benchmarks.md](../../docs/benchmarks.md): "
        "*pre-link bc* is helper bitcode from `clang -O2 -flto=thin -c`, *-O2 bc* from "
        "`clang -O2 -emit-llvm -c`; (c), (g) and (h) link with ld.lld doing LTO.",
        "",
    ]
    table, benches, variants, insns, ns = runtime_tables(rows, meta)
    lines += table
    bt = None
    if bt_rows:
        lines.append("## Build")
        lines.append("")
        table, inputs, wall = build_time_tables(bt_rows)
        lines += table
        bt = (inputs, wall)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    plot(os.path.join(args.out, "runtime.png"), benches, variants, insns, ns, bt, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
