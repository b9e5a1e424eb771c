#!/usr/bin/env python3
"""Counts the branches to rust_helper_* functions in an object file,
executable or vmlinux, from `llvm-objdump -dr`: the one counter behind
rih_count_helper_calls (scripts/lib/examples.sh), scripts/bench and
scripts/lib/kernel_report.py.

    helper_calls.py [--objdump PATH] [--by-function] [--skip-helpers] FILE

A branch is a direct call or jump (x86 call, jmp, jcc; arm64 bl, b, b.cond,
cbz, tbz).  It counts when a relocation on it (R_X86_64_PLT32, PC32,
GOTPCRELX; R_AARCH64_CALL26, JUMP26) names a helper or a helper's own
function section (.text.rust_helper_X), or, with no relocation, when its
target is the first byte of a helper (<rust_helper_X>, <rust_helper_X@plt>
or <.text.rust_helper_X>).  Calls through a register cannot be attributed.

Prints "COUNT HELPER" per helper, sorted by name; with --by-function,
"FUNCTION COUNT" per calling function instead.  --skip-helpers leaves out
calls made by helpers themselves.  Exit status 0, or 1 when llvm-objdump
cannot read FILE.
"""

import argparse
import collections
import re
import subprocess
import sys

BRANCH = re.compile(r"^(call|jmp|j[a-z]+|bl|b|b\.[a-z]+|cbn?z|tbn?z)q?$")
PREFIXES = {"cs", "ds", "notrack", "bnd", "rex64", "data16"}
TARGET = re.compile(r"<(?:\.text\.)?(rust_helper_[A-Za-z0-9_]+)(?:@plt)?>$")
RELOC_LINE = re.compile(r"^\s+[0-9a-f]+:\s+R_[A-Z0-9_]+\s")
HELPER_RELOC = re.compile(
    r"^\s+[0-9a-f]+:\s+R_(?:X86_64_(?:PLT32|PC32|GOTPCRELX)|AARCH64_(?:CALL26|JUMP26))\s+"
    r"(?:\.text\.)?(rust_helper_[A-Za-z0-9_]+)"
)
FUNC = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")
INSN = re.compile(r"^\s*[0-9a-f]+:\s*\t")


def helper_calls(objdump, path, skip_helpers=False):
    """{(helper, calling function): count} of the branches to helpers in
    PATH.  Raises RuntimeError when llvm-objdump fails."""
    proc = subprocess.run([objdump, "-dr", "--no-show-raw-insn", path], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("%s cannot read %s: %s" % (objdump, path, proc.stderr.strip()))
    counts = collections.Counter()
    func, pending, branch = "", None, False

    def settle():
        nonlocal pending, branch
        if pending and not (skip_helpers and func.startswith("rust_helper_")):
            counts[(pending, func)] += 1
        pending, branch = None, False

    for line in proc.stdout.splitlines():
        if RELOC_LINE.match(line):
            # The relocation on a branch decides what it reaches.
            if branch:
                m = HELPER_RELOC.match(line)
                pending = m.group(1) if m else None
            settle()
            continue
        settle()
        m = FUNC.match(line)
        if m:
            func = m.group(1)
            continue
        if not INSN.match(line):
            continue
        words = " ".join(f.strip() for f in line.split("\t")[1:] if f.strip()).split()
        while words and words[0] in PREFIXES:
            words.pop(0)
        if not words or not BRANCH.match(words[0]):
            continue
        branch = True
        t = TARGET.search(line.rstrip())
        if t:
            pending = t.group(1)
    settle()
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--objdump", default="/usr/lib/llvm-22/bin/llvm-objdump")
    ap.add_argument("--by-function", action="store_true")
    ap.add_argument("--skip-helpers", action="store_true")
    ap.add_argument("file")
    args = ap.parse_args()
    try:
        counts = helper_calls(args.objdump, args.file, args.skip_helpers)
    except RuntimeError as err:
        print("error: %s" % err, file=sys.stderr)
        return 1
    out = collections.Counter()
    for (helper, func), n in counts.items():
        out[func if args.by_function else helper] += n
    for key in sorted(out):
        print("%s %d" % (key, out[key]) if args.by_function else "%d %s" % (out[key], key))
    return 0


if __name__ == "__main__":
    sys.exit(main())
