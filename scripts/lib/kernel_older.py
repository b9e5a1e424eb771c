#!/usr/bin/env python3
"""The older-clang step of scripts/kernel-e2e: rust/helpers/helpers*.bc
written by an older clang than rustc's LLVM (make RUST_INLINE_HELPERS_CC=),
the kernel booted, and no helper call left.

    kernel_older.py --build BUILD --boot BOOT.LOG --clang N --md FILE

Checks that both bitcode files name LLVM N as their producer, that the
kernel booted to the end of /init with both test-module copies passing
every check, and that vmlinux and the .ko files call no rust_helper_*;
appends the Markdown rows to FILE.  Exit status 1 on any failure (printed).
"""
import argparse
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from helper_calls import helper_calls
from kernel_report import MODULES, module_results
BINDIR = os.environ.get("LLVM_BINDIR", "/usr/lib/llvm-%s/bin" % os.environ.get("RIH_LLVM_MAJOR", "22"))


def producer(path):
    out = subprocess.run([os.path.join(BINDIR, "llvm-bcanalyzer"), "-dump", path],
                         capture_output=True, text=True).stdout
    m = re.search(r"record string = '(LLVM[0-9.]+)'", out)
    return m.group(1) if m else "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--boot", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--md", required=True)
    args = ap.parse_args()
    problems = []
    producers = {}
    for bc in ("helpers.bc", "helpers_module.bc"):
        producers[bc] = producer(os.path.join(args.build, "rust", "helpers", bc))
        if not producers[bc].startswith("LLVM%s." % args.clang):
            problems.append("rust/helpers/%s was written by %s, not clang-%s" % (bc, producers[bc], args.clang))
    with open(args.boot, encoding="utf-8", errors="replace") as f:
        boot = f.read()
    if "E2E: init done" not in boot:
        problems.append("the kernel did not boot to the end of /init (%s)" % args.boot)
    results = module_results(boot)
    for m in MODULES:
        passed, failed, summary = results[m]
        if not passed or failed or not summary or not summary.endswith(" 0 failed"):
            problems.append("%s: %d passed, failed %s, summary %r" % (m, len(passed), failed, summary))
    images = [os.path.join(args.build, "vmlinux")] + sorted(glob.glob(os.path.join(args.build, "samples", "rust", "*.ko")))
    calls = {}
    for image in images:
        calls[os.path.relpath(image, args.build)] = sum(
            helper_calls(os.path.join(BINDIR, "llvm-objdump"), image, skip_helpers=True).values())
    if any(calls.values()):
        problems.append("helper calls left: %s" % calls)
    rows = [
        "",
        "## Helper bitcode from an older clang",
        "",
        "`make RUST_INLINE_HELPERS_CC=clang-%s` on the on build: the bitcode comes from clang-%s, "
        "rustc and the plugin are LLVM %s." % (args.clang, args.clang, os.environ.get("RIH_LLVM_MAJOR", "22")),
        "",
        "| | result |",
        "|---|---|",
        "| bitcode producer | %s |" % ", ".join("`%s` %s" % kv for kv in sorted(producers.items())),
        "| boots, test modules | %s |" % ", ".join(
            "`%s` %s" % (m, results[m][2][len("summary: "):] if results[m][2] else "no summary") for m in MODULES),
        "| helper calls left | %s |" % ", ".join("%s %d" % kv for kv in calls.items()),
        "| check | %s |" % ("ok" if not problems else "FAILED"),
    ]
    with open(args.md, "a") as f:
        f.write("\n".join(rows) + "\n")
    for p in problems:
        print("kernel-e2e: older clang: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
