#!/usr/bin/env python3
"""Counts the branches to helper functions (rust_helper_* unless --prefix
or --suffix say otherwise, e.g. --suffix __extern for bindgen's wrappers) in
an object file, executable or vmlinux, from `llvm-objdump -dr`: the one
counter behind rih_count_helper_calls (scripts/lib/examples.sh),
scripts/bench, scripts/cargo-example and scripts/lib/kernel_report.py.

    helper_calls.py [--objdump PATH] [--by-function] [--skip-helpers]
                    [--prefix STR] [--suffix STR] [--function NAME]... FILE

A branch is a direct call or jump (x86 call, jmp, jcc; arm64 bl, b, b.cond,
cbz, tbz; riscv64 auipc+jalr, jal, j, call, tail).  It counts when a
relocation on it (R_X86_64_PLT32, PC32, GOTPCRELX; R_AARCH64_CALL26,
JUMP26; R_RISCV_CALL, CALL_PLT, JAL) names a helper or a helper's own
function section (.text.rust_helper_X), or, with no relocation, when its
target is the first byte of a helper (<rust_helper_X>, <rust_helper_X@plt>
or <.text.rust_helper_X>), or (x86-64, linked programs) when it goes
through a GOT slot holding a helper's address (from the dynamic
relocations), or through a register that a `lea`/`mov` of a helper's
address loaded in the same function.  Other calls through a register cannot
be attributed.

Prints "COUNT HELPER" per helper, sorted by name; with --by-function,
"FUNCTION COUNT" per calling function instead (every --function NAME,
also with no call).  --skip-helpers leaves out calls made by helpers
themselves.  Exit status 0, or 1 when llvm-objdump
cannot read FILE.
"""

import argparse
import collections
import re
import subprocess
import sys

BRANCH = re.compile(r"^(call|jmp|j[a-z]+|bl|b|b\.[a-z]+|cbn?z|tbn?z|auipc|jalr?|tail|c\.j|c\.jal)q?$")
PREFIXES = {"cs", "ds", "notrack", "bnd", "rex64", "data16"}
KERNEL_HELPERS = r"rust_helper_[A-Za-z0-9_]+"
RELOC_LINE = re.compile(r"^\s+[0-9a-f]+:\s+R_[A-Z0-9_]+\s")
FUNC = re.compile(r"^[0-9a-f]+ <([^>]+)>:$")
INSN = re.compile(r"^\s*[0-9a-f]+:\s*\t")


def helper_pattern(prefix="", suffix=""):
    """The regular expression of helper names: rust_helper_* when neither
    is given."""
    if not prefix and not suffix:
        return KERNEL_HELPERS
    return re.escape(prefix) + r"[A-Za-z0-9_]*" + re.escape(suffix)


def got_slots(objdump, path):
    """{GOT slot address: symbol} of a linked program (empty for an object
    file): a RELATIVE slot holds a local function's address, named from the
    symbol table; a GLOB_DAT slot names its symbol."""
    relocs = subprocess.run([objdump, "-R", path], capture_output=True, text=True).stdout
    if " R_X86_64_" not in relocs:
        return {}  # An object file, vmlinux: no symbol table read.
    syms = subprocess.run([objdump, "-t", path], capture_output=True, text=True).stdout
    by_address = {}
    for line in syms.splitlines():
        f = line.split()
        if len(f) >= 6 and "F" in f[2:4] and f[-1] and re.fullmatch(r"[0-9a-f]+", f[0]):
            by_address.setdefault(int(f[0], 16), f[-1])
    slots = {}
    for line in relocs.splitlines():
        m = re.match(r"^([0-9a-f]+)\s+R_X86_64_(RELATIVE|GLOB_DAT|JUMP_SLOT)\s+(\S+)", line)
        if not m:
            continue
        slot, kind, what = int(m.group(1), 16), m.group(2), m.group(3)
        if kind == "RELATIVE":
            a = re.match(r"\*ABS\*\+0x([0-9a-f]+)$", what)
            if a and int(a.group(1), 16) in by_address:
                slots[slot] = by_address[int(a.group(1), 16)]
        else:
            slots[slot] = what.split("+")[0]
    return slots


def helper_calls(objdump, path, skip_helpers=False, names=KERNEL_HELPERS):
    """{(helper, calling function): count} of the branches to helpers (names
    matching the regular expression NAMES) in PATH.  Raises RuntimeError
    when llvm-objdump fails."""
    is_helper = re.compile(names)
    target = re.compile(r"<(?:\.text\.)?(%s)(?:@plt)?>$" % names)
    helper_reloc = re.compile(
        r"^\s+[0-9a-f]+:\s+R_(?:X86_64_(?:PLT32|PC32|GOTPCRELX)|AARCH64_(?:CALL26|JUMP26)"
        r"|RISCV_(?:CALL|CALL_PLT|JAL))\s+"
        r"(?:\.text\.)?(%s)(?:$|[\s+-])" % names
    )
    proc = subprocess.run([objdump, "-dr", "--no-show-raw-insn", path], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("%s cannot read %s: %s" % (objdump, path, proc.stderr.strip()))
    counts = collections.Counter()
    func, pending, branch = "", None, False
    # A call through the GOT of a linked program: `call *X(%rip)  # 0xSLOT`.
    slots = got_slots(objdump, path)
    through_got = re.compile(r"^\*\S+\(%rip\)$")
    got_comment = re.compile(r"#\s+0x([0-9a-f]+)")
    # Registers loaded with a helper's address in this function: a linked
    # PIE call through the GOT, relaxed by the linker and hoisted out of a
    # loop, is `lea helper(%rip), %r13` then `call *%r13`.
    loaded = {}
    load = re.compile(r"^(?:lea|mov)q?\s+\S+\(%%rip\),\s*(%%\w+)\s+#\s+0x[0-9a-f]+\s+<(%s)>$" % names)

    def settle():
        nonlocal pending, branch
        if pending and not (skip_helpers and is_helper.fullmatch(func)):
            counts[(pending, func)] += 1
        pending, branch = None, False

    for line in proc.stdout.splitlines():
        if RELOC_LINE.match(line):
            # The relocation on a branch decides what it reaches.
            if branch:
                m = helper_reloc.match(line)
                pending = m.group(1) if m else None
            settle()
            continue
        settle()
        m = FUNC.match(line)
        if m:
            func, loaded = m.group(1), {}
            continue
        if not INSN.match(line):
            continue
        words = " ".join(f.strip() for f in line.split("\t")[1:] if f.strip()).split()
        while words and words[0] in PREFIXES:
            words.pop(0)
        l = load.match(" ".join(words))
        if l:
            loaded[l.group(1)] = l.group(2)
            continue
        if not words or not BRANCH.match(words[0]):
            continue
        branch = True
        if len(words) > 1 and words[1].startswith("*%") and words[1][1:] in loaded:
            pending = loaded[words[1][1:]]
        elif len(words) > 1 and through_got.match(words[1]):
            c = got_comment.search(line)
            name = slots.get(int(c.group(1), 16)) if c else None
            if name and is_helper.fullmatch(name):
                pending = name
        t = target.search(line.rstrip())
        if t:
            pending = t.group(1)
    settle()
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--objdump", default="/usr/lib/llvm-22/bin/llvm-objdump")
    ap.add_argument("--by-function", action="store_true")
    ap.add_argument("--skip-helpers", action="store_true")
    ap.add_argument("--prefix", default="")
    ap.add_argument("--suffix", default="")
    ap.add_argument("--function", action="append", default=[])
    ap.add_argument("file")
    args = ap.parse_args()
    try:
        counts = helper_calls(
            args.objdump, args.file, args.skip_helpers, helper_pattern(args.prefix, args.suffix)
        )
    except RuntimeError as err:
        print("error: %s" % err, file=sys.stderr)
        return 1
    out = collections.Counter({f: 0 for f in args.function} if args.by_function else {})
    for (helper, func), n in counts.items():
        if args.function and func not in args.function:
            continue
        out[func if args.by_function else helper] += n
    for key in sorted(out):
        print("%s %d" % (key, out[key]) if args.by_function else "%d %s" % (out[key], key))
    return 0


if __name__ == "__main__":
    sys.exit(main())
