#!/usr/bin/env python3
"""The staleness step of scripts/kernel-e2e: an edited helper must reach the
Rust code through an incremental build, and rebuild exactly the Rust objects
that inlined from the helper bitcode.

    kernel_staleness.py snapshot BUILD > SNAPSHOT.json
        every Rust object of BUILD (an object whose saved command runs
        rustc): its modification time and the helper files its provenance
        record (.note.rust-inline-helpers) lists
    kernel_staleness.py compare --step edit --build BUILD --before SNAPSHOT.json
        --boot-before BOOT.LOG --boot BOOT.LOG --old-value N --new-value M
        --md FILE
    kernel_staleness.py compare --step plugin --build BUILD --before SNAPSHOT.json
        --md FILE
        checks that the rebuilt Rust objects are exactly those whose record
        listed a helper file (for an edited helper source also
        rust/bindings.o, which Kbuild rebuilds from helpers.c whatever the
        option), that every rebuilt object's record matches the
        bitcode now on disk (rih-provenance --check, also every record in
        vmlinux and the .ko files), and that both copies of the test module
        printed "helper value: N" before and "helper value: M" after; writes
        the Markdown
        section to FILE.  Exit status 1 on any failure (printed).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROVENANCE = os.path.join(HERE, "..", "..", "tools", "rih-provenance")
from kernel_report import MODULES


def rust_objects(build):
    """Objects under rust/ and samples/rust/ built by rustc."""
    objs = []
    for cmd in glob.glob(os.path.join(build, "rust", ".*.o.cmd")) + glob.glob(
        os.path.join(build, "samples", "rust", ".*.o.cmd")
    ):
        with open(cmd, encoding="utf-8", errors="replace") as f:
            first = f.readline()
        if not re.search(r"(^|[ /])rustc ", first.split(":=", 1)[-1]):
            continue
        obj = os.path.join(os.path.dirname(cmd), os.path.basename(cmd)[1:-4])
        if os.path.exists(obj):
            objs.append(os.path.relpath(obj, build))
    return sorted(objs)


def provenance_files(build, obj, check=False):
    """(helper files the object's records list, rih-provenance output, ok)."""
    cmd = [sys.executable, PROVENANCE] + (["--check", "--root", build] if check else []) + [obj]
    p = subprocess.run(cmd, cwd=build, capture_output=True, text=True)
    files = sorted(set(re.findall(r"^file: (.*)$", p.stdout, re.M)))
    return files, p.stdout + p.stderr, p.returncode == 0


def snapshot(build):
    out = {}
    for obj in rust_objects(build):
        files, _, _ = provenance_files(build, obj)
        out[obj] = {"mtime_ns": os.stat(os.path.join(build, obj)).st_mtime_ns, "helper_files": files}
    return out


def helper_values(boot_log):
    values = {}
    for line in boot_log.splitlines():
        m = re.search(r"\b(rust_inline_helpers(?:_module)?): helper value: (-?\d+)", line)
        if m:
            values[m.group(1)] = int(m.group(2))
    return values


# Rebuilt when a helper source changes whatever the option: bindgen reads
# rust/helpers/helpers.c (rust/Makefile, bindings_helpers_generated.rs).
KBUILD_OWN = {"rust/bindings.o": "Kbuild regenerates the helpers' bindings from helpers.c"}


def compare(args):
    with open(args.before) as f:
        before = json.load(f)
    problems = []
    rebuilt, kept = [], []
    for obj, info in sorted(before.items()):
        path = os.path.join(args.build, obj)
        now = os.stat(path).st_mtime_ns if os.path.exists(path) else None
        (rebuilt if now != info["mtime_ns"] else kept).append(obj)
    inlined = sorted(o for o, i in before.items() if i["helper_files"])
    extra = sorted(KBUILD_OWN) if args.step == "edit" else []
    expected = sorted(set(inlined) | set(extra))
    if not inlined:
        problems.append("no Rust object has a provenance record: nothing to check")
    if rebuilt != expected:
        problems.append(
            "%s: rebuilt Rust objects %s, expected exactly those that inlined from helper bitcode %s%s"
            % (args.step, rebuilt, inlined, " and %s" % extra if extra else "")
        )
    images = ["vmlinux"] + sorted(
        os.path.relpath(k, args.build) for k in glob.glob(os.path.join(args.build, "samples", "rust", "*.ko"))
    )
    for obj in [o for o in rebuilt if o in inlined] + images:
        _, out, ok = provenance_files(args.build, obj, check=True)
        if not ok or "stale" in out:
            problems.append("%s: %s: provenance does not match the helper bitcode on disk:\n%s" % (args.step, obj, out))
    lines = []
    if args.step == "edit":
        with open(args.boot, encoding="utf-8", errors="replace") as f:
            values = helper_values(f.read())
        with open(args.boot_before, encoding="utf-8", errors="replace") as f:
            old_values = helper_values(f.read())
        for m in MODULES:
            if old_values.get(m) != args.old_value:
                problems.append("%s printed helper value %r before the edit, expected %d"
                                % (m, old_values.get(m), args.old_value))
            if values.get(m) != args.new_value:
                problems.append("%s printed helper value %r, expected %d" % (m, values.get(m), args.new_value))
        lines += [
            "",
            "## Builds do not go stale",
            "",
            "The staleness step edits `rust/helpers/samples.c` (a helper returning %d, which the test "
            "module prints) to return %d and runs make again (%s s), then touches the plugin and runs "
            "make again. Each time the Rust objects rebuilt must be exactly those whose provenance "
            "note listed helper bitcode before (plus, for a helper source edit, %s), and every note in "
            "the rebuilt objects, vmlinux and the .ko must match the bitcode now on disk."
            % (args.old_value, args.new_value, args.seconds,
               "; ".join("`%s`: %s" % kv for kv in sorted(KBUILD_OWN.items()))),
            "",
            "| | before | after |",
            "|---|---|---|",
        ]
        for m in MODULES:
            lines.append("| `%s` prints | helper value: %s | helper value: %s |"
                         % (m, old_values.get(m, "none"), values.get(m, "none")))
    what = {"edit": "helper edited", "plugin": "plugin replaced"}[args.step]
    lines.append("| %s: Rust objects rebuilt | | %s |" % (what, ", ".join("`%s`" % o for o in rebuilt) or "none"))
    lines.append("| %s: Rust objects left alone | | %s |" % (what, ", ".join("`%s`" % o for o in kept) or "none"))
    lines.append("| %s: check | | %s |" % (what, "ok" if not problems else "FAILED"))
    with open(args.md, "a") as f:
        f.write("\n".join(lines) + "\n")
    for p in problems:
        print("kernel-e2e: staleness: " + p, file=sys.stderr)
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("build")
    c = sub.add_parser("compare")
    c.add_argument("--build", required=True)
    c.add_argument("--before", required=True)
    c.add_argument("--step", choices=("edit", "plugin"), required=True)
    c.add_argument("--boot")
    c.add_argument("--boot-before")
    c.add_argument("--old-value", type=int)
    c.add_argument("--new-value", type=int)
    c.add_argument("--seconds", default="?")
    c.add_argument("--md", required=True)
    args = ap.parse_args()
    if args.cmd == "snapshot":
        json.dump(snapshot(args.build), sys.stdout, indent=1)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
