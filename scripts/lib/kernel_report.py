#!/usr/bin/env python3
"""Checks and reports one scripts/kernel-e2e run (builds WORK/ARCH-CONFIG-off
and -on): boots, test-module results, objtool/modpost warnings, every
call/jmp to rust_helper_* in vmlinux and the .ko files, the plugin's JSON
reports (.OBJECT.rih.json), and writes the Markdown summary to RESULTS.

    kernel_report.py --arch A --config C --work DIR --results FILE
        --build-seconds off=S,on=S --incremental off=0|1,on=0|1|seeded
        --booted off=0|1,on=0|1 --objdump LLVM-OBJDUMP --size LLVM-SIZE

Exit status 0 when both builds booted, every check of both test-module
copies passed in both, neither build log has an objtool or modpost warning,
every helper call left in the "on" build is refused, with a reason, in
a plugin report, and the "on" build's helper bitcode passes
kernel_bitcode.py's checks (pre-link bitcode, kCFI type ids kept, no LTO
section in an ELF file); 1 otherwise (each failure is printed).
"""

import argparse
import collections
import datetime
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from helper_calls import helper_calls
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine_code import PROTECTIONS, listings, returns  # noqa: E402
import kernel_bitcode  # noqa: E402

MODULES = ("rust_inline_helpers", "rust_inline_helpers_module")


# The toolchain of the builds (scripts/kernel-e2e --llvm): LLVM 22 with
# Debian's rustc 1.96, or LLVM 19 with rustc 1.85 unpacked in build-llvm19.
LLVM_MAJOR = os.environ.get("RIH_LLVM_MAJOR", "22")


def toolchain_text():
    rustc = os.environ.get("RUSTC", "/usr/bin/rustc")
    try:
        out = subprocess.run([rustc, "-vV"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    release = next((l.split(": ", 1)[1] for l in out.splitlines() if l.startswith("release: ")), "?")
    llvm = next((l.split(": ", 1)[1] for l in out.splitlines() if l.startswith("LLVM version: ")), "?")
    where = "" if LLVM_MAJOR == "22" else ", unpacked by `scripts/setup --llvm %s`" % LLVM_MAJOR
    return "clang/lld %s (`LLVM=-%s`), Debian rustc %s (LLVM %s%s)" % (
        LLVM_MAJOR, LLVM_MAJOR, release, llvm, where)


def parse_pairs(text):
    out = {}
    for item in text.split(","):
        key, _, value = item.partition("=")
        out[key] = value
    return out


def text_size(nm, path):
    """Bytes of code in PATH: the sizes of its function symbols (vmlinux's
    .text section itself is padded to a 2 MiB boundary)."""
    out = subprocess.run([nm, "-S", "--radix=d", "--defined-only", path], capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in ("t", "T"):
            total += int(f[1])
    return total


def module_results(boot_log):
    """{module: (passed names, failed lines, summary line or None)}"""
    res = {m: ([], [], None) for m in MODULES}
    for line in boot_log.splitlines():
        for m in MODULES:
            prefix = m + ": "
            i = line.find(prefix)
            if i < 0 or line[i - 1 : i].isalnum() or line[i - 1 : i] == "_":
                continue
            msg = line[i + len(prefix) :].strip()
            passed, failed, summary = res[m]
            if msg.startswith("PASS "):
                passed.append(msg[5:])
            elif msg.startswith("FAIL "):
                failed.append(msg[5:])
            elif msg.startswith("summary:"):
                res[m] = (passed, failed, msg)
    return res


KUNIT = re.compile(r"# (rust_doctests_kernel): pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)")
DEVICES = (("rnull", "Rust null_blk loaded"), ("null_blk", "null_blk: disk nullb0 created"))


def rust_all_results(boot_log):
    """For --config rust-all: the kernel crate's doctests as KUnit ran them
    at boot, (pass, fail, skip, total) or None, and the block devices whose
    driver said it was up."""
    m = KUNIT.search(boot_log)
    doctests = tuple(int(x) for x in m.groups()[1:]) if m else None
    return doctests, [name for name, text in DEVICES if text in boot_log]


# Warnings of the kernel and its toolchain that every build has, the option
# off included: (pattern, text, why), reported apart and not failed.
KNOWN_WARNINGS = (
    (re.compile(r"objtool: .*__kunit_abort\(\) is missing a __noreturn annotation"),
     "objtool: __kunit_abort() is missing a __noreturn annotation",
     "the `kernel` crate's KUnit doctests (rust-all) call `__kunit_abort`, which Debian's bindgen "
     "0.60.1 declares without `-> !`, so rustc emits code after the call; in every build"),
)


def known_warning(line):
    return any(p.search(line) for p, _, _ in KNOWN_WARNINGS)


def warnings(build_log):
    """Every objtool or modpost warning of BUILD_LOG, the known ones
    included."""
    return [
        l.strip()
        for l in build_log.splitlines()
        if re.search(r"warning: objtool:|objtool: .*warning|WARNING: modpost|ERROR: modpost", l)
    ]


def reports(build):
    """helper -> {calls, inlined, refused, reconciled: Counter of policy rows,
    reasons: Counter}, from every plugin report under BUILD; and how many
    reports there were."""
    agg = collections.defaultdict(lambda: {"calls": 0, "inlined": 0, "refused": 0,
                                           "reconciled": collections.Counter(),
                                           "reasons": collections.Counter()})
    files = glob.glob(os.path.join(build, "**", ".*.rih.json"), recursive=True)
    for f in files:
        try:
            with open(f, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            continue
        for h in data.get("helpers", []):
            a = agg[h["name"]]
            a["calls"] += h.get("calls", 0)
            a["inlined"] += h.get("inlined", 0)
            a["refused"] += h.get("refused", 0)
            a["reconciled"].update(h.get("reconciled", {}))
            for r in h.get("refusals", []):
                a["reasons"][r.get("reason", "?")] += 1
    return agg, len(files)


LABEL = {"off": "option off", "on": "option on (plugin)", "always": "Linux 7.1 way"}


def zeroing_functions(objdump, path):
    """{function: whether it zeroes the registers it used on every return
    (machine_code.py's "zcr" rule)} for the functions of PATH that return."""
    zcr = PROTECTIONS["zcr"].present
    return {f: zcr(ins) for f, ins in listings(objdump, path).items() if returns(ins)}


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--arch", "--config", "--work", "--results", "--variants", "--build-seconds",
                "--incremental", "--booted", "--rust-seconds", "--objdump", "--nm"):
        ap.add_argument(opt, required=True)
    args = ap.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    seconds = parse_pairs(args.build_seconds)
    incremental = parse_pairs(args.incremental)
    booted = parse_pairs(args.booted)
    rust_seconds = {k: [float(x) for x in v.split()] for k, v in parse_pairs(args.rust_seconds).items() if v.strip()}
    failures = []
    findings = []  # What goes wrong in the comparison build: reported, not failed.
    data = {}
    for variant in variants:
        problems = findings if variant == "always" else failures
        b = os.path.join(args.work, "%s-%s-%s" % (args.arch, args.config, variant))
        with open(os.path.join(b, "build.log"), encoding="utf-8", errors="replace") as f:
            build_log = f.read()
        try:
            with open(os.path.join(b, "boot.log"), encoding="utf-8", errors="replace") as f:
                boot_log = f.read()
        except OSError:
            boot_log = ""
        kos = sorted(k for k in glob.glob(os.path.join(b, "**", "*.ko"), recursive=True)
                     if not os.path.relpath(k, b).startswith("initramfs" + os.sep))
        ko = collections.Counter()
        for k in kos:
            ko.update(helper_calls(args.objdump, k, skip_helpers=True))
        d = {
            "build": b,
            "vmlinux": helper_calls(args.objdump, os.path.join(b, "vmlinux"), skip_helpers=True),
            "ko": ko,
            "kos": [os.path.relpath(k, b) for k in kos],
            "text": text_size(args.nm, os.path.join(b, "vmlinux")),
            "modules": module_results(boot_log),
            "warnings": warnings(build_log),
            "boot_log": boot_log,
            "booted": booted.get(variant) == "1" and "E2E: init done" in boot_log,
        }
        data[variant] = d
        if not d["booted"]:
            problems.append("%s build: did not boot to the end of /init (boot.log in %s)" % (variant, b))
        for m, (passed, failed, summary) in d["modules"].items():
            if not passed or failed or not summary or not summary.endswith(" 0 failed"):
                problems.append("%s build: %s: %d passed, failed %s, summary %r"
                                % (variant, m, len(passed), failed, summary))
        d["known_warnings"] = [w for w in d["warnings"] if known_warning(w)]
        d["warnings"] = [w for w in d["warnings"] if not known_warning(w)]
        for w in d["warnings"]:
            problems.append("%s build: %s" % (variant, w))
        if args.config == "rust-all":
            d["doctests"], d["devices"] = rust_all_results(boot_log)
            if not d["doctests"] or d["doctests"][1] or not d["doctests"][0]:
                problems.append("%s build: the kernel crate's doctests (KUnit) did not all pass: %s"
                                % (variant, d["doctests"]))
            if len(d["devices"]) != len(DEVICES):
                problems.append("%s build: not every null block driver came up (seen: %s)"
                                % (variant, ", ".join(d["devices"]) or "none"))
        for line in boot_log.splitlines():
            if "E2E: insmod" in line or "Unknown symbol" in line:
                problems.append("%s build, boot: %s" % (variant, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).strip()))

    rep, nreports = reports(data["on"]["build"])
    left = collections.Counter()
    callers = collections.defaultdict(set)
    for src in (data["on"]["vmlinux"], data["on"]["ko"]):
        for (h, fn), n in src.items():
            left[h] += n
            callers[h].add(fn)
    for h, n in left.items():
        if not rep.get(h) or not rep[h]["reasons"]:
            failures.append("on build: %d call(s) to %s left with no reason in any plugin report (callers: %s)"
                            % (n, h, ", ".join(sorted(callers[h]))[:300]))

    def total(c):
        return sum(c.values())

    def per_helper(c):
        out = collections.Counter()
        for (h, _), n in c.items():
            out[h] += n
        return out

    def checks(d, m):
        passed, failed, summary = d["modules"][m]
        return "%d PASS, %d FAIL" % (len(passed), len(failed)) if summary else "no summary"

    def row(title, fn):
        return "| %s | %s |" % (title, " | ".join(fn(v) for v in variants))

    def build_cell(v):
        how = {"1": " (incremental)", "seeded": " (from a copy of the off build)"}
        return "%s s%s" % (seconds.get(v), how.get(incremental.get(v), " (from scratch)"))

    lines = [
        "# Linux 6.12 with CONFIG_RUST_INLINE_HELPERS: %s, %s config" % (args.arch, args.config),
        "",
        "Written by `scripts/kernel-e2e%s --arch %s --config %s` on %s: Debian's linux-source-6.12 "
        "with scripts/kbuild/patches, %s, every build booted in qemu."
        % ("" if LLVM_MAJOR == "22" else " --llvm " + LLVM_MAJOR, args.arch, args.config,
           datetime.date.today().isoformat(), toolchain_text()),
        "",
        "| | " + " | ".join(LABEL[v] for v in variants) + " |",
        "|---" * (len(variants) + 1) + "|",
        row("build wall time", build_cell),
        row("vmlinux code bytes (function symbols)", lambda v: str(data[v]["text"])),
        row("boots", lambda v: "yes" if data[v]["booted"] else "NO"),
    ]
    for m in MODULES:
        lines.append(row("test module `%s`" % m, lambda v, m=m: checks(data[v], m)))
    if args.config == "rust-all":
        lines += [
            row("KUnit: `kernel` crate doctests", lambda v: "%d pass, %d fail, %d skip of %d"
                % data[v]["doctests"] if data[v]["doctests"] else "no result"),
            row("block devices up", lambda v: ", ".join(data[v]["devices"]) or "none"),
        ]
    lines += [
        row("objtool/modpost warnings", lambda v: str(len(data[v]["warnings"]))),
    ]
    if any(data[v]["known_warnings"] for v in variants):
        lines.append(row("known warnings of every build (below)", lambda v: str(len(data[v]["known_warnings"]))))
    lines += [
        row("helper calls in vmlinux", lambda v: str(total(data[v]["vmlinux"]))),
        row("helper calls in .ko files (%s)" % ", ".join(os.path.basename(k) for k in data["on"]["kos"]),
            lambda v: str(total(data[v]["ko"]))),
    ]
    if rust_seconds:
        def med(v):
            xs = sorted(rust_seconds.get(v, []))
            return xs[len(xs) // 2] if xs else None
        lines.append(row("Rust part of the build, s (median of %d)" % len(rust_seconds.get("off", [])),
                         lambda v: "%.2f" % med(v) if med(v) is not None else "-"))
        lines.append(row("Rust part / option off",
                         lambda v: "%.2f" % (med(v) / med("off")) if med(v) and med("off") else "-"))
    per = {v: (per_helper(data[v]["vmlinux"]), per_helper(data[v]["ko"])) for v in variants}
    helpers = sorted(set().union(*[set(a) | set(b) for a, b in per.values()]) | set(rep))
    lines += [
        "",
        "Calls are every `call`/`jmp` (arm64: `bl`/`b`) whose target or relocation is a "
        "`rust_helper_*`, as vmlinux / .ko. *plugin* is what the plugin's %d JSON reports "
        "say for the on build: calls seen / inlined, and the reason for each call left." % nreports,
        "",
        "| helper | " + " | ".join(LABEL[v] for v in variants) + " | plugin: seen / inlined | reason a call stays |",
        "|---" * (len(variants) + 3) + "|",
    ]
    for h in helpers:
        r = rep.get(h)
        reasons = "; ".join("%s (%d)" % (k, n) for k, n in r["reasons"].items()) if r else ""
        cells = ["%d / %d" % (per[v][0][h], per[v][1][h]) for v in variants]
        lines.append("| %s | %s | %s | %s |" % (
            h[len("rust_helper_"):], " | ".join(cells),
            "%d / %d" % (r["calls"], r["inlined"]) if r else "-", reasons))

    if args.config in ("hardened", "lto") and args.arch == "x86_64":
        lines += hardening_section(args, data, variants, rep)
    if args.config == "hardened" and args.arch == "arm64":
        section, lost = arm64_hardening_section(args, data, variants)
        lines += section
        if lost:
            failures.append("%d protections lost in Rust functions that inlined a helper (see the "
                            "arm64 protections table)" % lost)

    # The helper bitcode: pre-link, kCFI ids kept, no bitcode in any ELF file.
    section, problems = kernel_bitcode.section(data["on"]["build"], os.path.dirname(args.objdump),
                                               args.arch)
    lines += section
    failures += ["on build: " + p for p in problems]

    seen_known = [(text, why) for p, text, why in KNOWN_WARNINGS
                  if any(p.search(w) for v in variants for w in data[v]["known_warnings"])]
    if seen_known:
        lines += ["", "Known warnings, not failed (they are the same with the option off):", ""]
        lines += ["- `%s`: %s." % (text, why) for text, why in seen_known]
    lines += ["", "Boot log excerpts (option on):", "", "```"]
    for line in data["on"]["boot_log"].splitlines():
        if re.search(r"Linux version|rust_inline_helpers|E2E:|Retpoline|kCFI|Speculative|"
                     r"null_blk|rust_doctests_kernel: pass|rust_minimal", line):
            lines.append(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip())
    lines.append("```")
    if findings:
        lines += ["", "What went wrong in the Linux 7.1-way build (a comparison, not a failure of this run):", ""]
        lines += ["- " + f for f in findings]
    if failures:
        lines += ["", "Failures:", ""] + ["- " + f for f in failures]
    os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    tmp = args.results + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, args.results)
    for f in failures:
        print("kernel-e2e: FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


# The arm64 protections the report follows (machine_code.py's rules).
ARM64_MARKS = tuple(PROTECTIONS[k] for k in ("pac-ret", "bti", "scs", "ssp"))


def arm64_hardening_section(args, data, variants):
    """For every Rust function of vmlinux that calls a helper in the off
    build and no longer calls it in another build (the helper's code is now
    in it): does its machine code keep each protection the helper's has?
    Returns the Markdown lines and the count of protections the on build
    lost."""
    off = data["off"]
    foff = listings(args.objdump, os.path.join(off["build"], "vmlinux"))
    pairs = sorted({(fn, h) for (h, fn) in off["vmlinux"] if fn.startswith("_R") and h in foff})
    out = ["", "## arm64 protections kept by the Rust callers", "",
           "C is built with shadow call stacks (x18), pac-ret, BTI, kCFI and stack canaries; Rust with "
           "`-Zfixed-x18 -Zsanitizer=shadow-call-stack -Zbranch-protection=bti,pac-ret`. For each Rust "
           "function in vmlinux that calls a helper in the off build and no longer calls that helper in "
           "a build below (the helper's code is in it now), every protection the helper's own machine "
           "code has must be in the Rust function's. %d function/helper pairs call a helper in the off "
           "build." % len(pairs),
           "", "| build | protection | inlined pairs whose helper has it | kept by the Rust function | lost |",
           "|---|---|---|---|---|"]
    lost_on = 0
    for v in variants:
        if v == "off":
            continue
        fv = listings(args.objdump, os.path.join(data[v]["build"], "vmlinux"))
        still = {(fn, h) for (h, fn) in data[v]["vmlinux"]}
        inlined = [(fn, h) for fn, h in pairs if (fn, h) not in still and fn in fv]
        for mark in ARM64_MARKS:
            having = [(fn, h) for fn, h in inlined if mark.present(foff[h])]
            gone = sorted({fn for fn, h in having if not mark.present(fv[fn])})
            if v == "on":
                lost_on += len(gone)
            out.append("| %s | %s | %d | %d | %d%s |" % (
                LABEL[v], mark.name, len(having), len(having) - len([1 for fn, h in having if fn in gone]),
                len(gone), (": " + ", ".join(gone[:3]) + (" ..." if len(gone) > 3 else "")) if gone else ""))
    canary = PROTECTIONS["ssp"].present
    out += ["", "In the off build %d functions of vmlinux check a stack canary, %d of them helpers "
            "that Rust calls." % (sum(1 for ins in foff.values() if canary(ins)),
                                  len({h for _, h in pairs if canary(foff[h])}))]
    out += ["", "A protection counts as present by: " +
            "; ".join("%s, %s" % (m.name, m.evidence) for m in ARM64_MARKS) + ". Pairs whose Rust function "
            "was itself inlined away in a build are left out of that build's row."]
    return out, lost_on


def hardening_section(args, data, variants, rep):
    """Register zeroing (-fzero-call-used-regs=used-gpr, CONFIG_ZERO_CALL_USED_REGS):
    the protection rustc cannot give Rust functions.  For every Rust function
    that calls a zeroing helper in the off build, is it zeroing in the other
    builds, where the helper's code is inlined into it?"""
    off = data["off"]
    zoff = zeroing_functions(args.objdump, os.path.join(off["build"], "vmlinux"))
    zero_helpers = {f for f, z in zoff.items() if f.startswith("rust_helper_") and z}
    pairs = sorted({(fn, h) for (h, fn) in off["vmlinux"] if h in zero_helpers and fn.startswith("_R")})
    rust_fns = sorted({fn for fn, _ in pairs})
    out = ["", "## Register zeroing (CONFIG_ZERO_CALL_USED_REGS)", "",
           "%d of the helpers zero the registers they used before returning (`xor` before every "
           "`ret`/return thunk), as `-fzero-call-used-regs=used-gpr` makes them; rustc has no such "
           "option, so Rust functions do not. In the off build %d Rust functions in vmlinux call "
           "one of those helpers (%d function/helper pairs). Once the helper is inlined, the "
           "Rust function's own returns are the helper's returns:" % (len(zero_helpers), len(rust_fns), len(pairs)),
           "", "| build | Rust callers that zero registers on every return | lost |", "|---|---|---|"]
    weakened = {}
    for v in variants:
        if v == "off":
            continue
        z = zeroing_functions(args.objdump, os.path.join(data[v]["build"], "vmlinux"))
        kept = [fn for fn in rust_fns if z.get(fn)]
        gone = [fn for fn in rust_fns if fn in z and not z[fn]]
        weakened[v] = gone
        out.append("| %s | %d of %d | %d |" % (LABEL[v], len(kept), len([fn for fn in rust_fns if fn in z]), len(gone)))
    out += ["", "The plugin's reports name the policy row for it, `ZeroCallUsedRegs` (the caller gains "
            "the helper's `zero-call-used-regs`), next to the others it applied:", ""]
    counts = collections.Counter()
    for r in rep.values():
        counts.update(r["reconciled"])
    out.append("| policy row | calls it reconciled |")
    out.append("|---|---|")
    for k, n in sorted(counts.items()):
        out.append("| %s | %d |" % (k, n))
    if "always" in weakened:
        out += ["", "Linux 7.1's way loses register zeroing in %d Rust functions: %s"
                % (len(weakened["always"]), ", ".join(weakened["always"][:8]) + (" ..." if len(weakened["always"]) > 8 else ""))]
    return out


if __name__ == "__main__":
    sys.exit(main())
