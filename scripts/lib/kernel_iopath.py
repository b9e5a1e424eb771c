#!/usr/bin/env python3
"""The machine code of a block driver's I/O path in vmlinux: the functions
the driver's blk-mq callbacks reach by direct calls and tail jumps, the
helper calls (rust_helper_*) left among them, and the other C functions they
still call (what the driver pays per request outside its own code).

    kernel_iopath.py [--objdump PATH] [--cxxfilt PATH] [--json FILE]
                     NAME=VMLINUX...

For each NAME=VMLINUX (x86-64), two paths:
  rnull     roots: rnull's blk_mq_ops callbacks of the I/O path, the
            functions kernel::block::mq::OperationsVTable<rnull::NullBlkDevice>
            gives blk-mq for queue_rq, commit_rqs, complete (and poll);
            followed
            into every Rust function (v0-mangled, `_R...`) they call
  null_blk  roots: null_queue_rq and null_complete_rq of
            drivers/block/null_blk; followed into the null_blk functions
            (null_*, nullb_*) they call
A call, tail jump or conditional tail jump to anything else is counted as
a C call at that site and not followed.  Calls into Rust's panic machinery
(core::panicking, unwrap_failed...) are cold: counted as panic calls and
not followed.  Calls through a register are counted as indirect.  Counts are
call sites in the code, not calls made per request.

Prints one table per path and writes the figures to --json as
{NAME: {"rnull": {...}, "null_blk": {...}}}, each with "roots",
"functions", "instructions", "helper_calls", "c_calls" (name: call sites),
"indirect_calls" and "panic_calls"; rnull's also "root_code" (each root's
instructions without addresses and immediates, to compare builds).  Exit status 0, or 1 when a vmlinux cannot be read or
has no root of a path.
"""

import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine_code import function_bodies  # noqa: E402

TARGET = re.compile(r"^(call|j[a-z]+)q?\s+(?:0x)?[0-9a-f]+ <([^>+]+)(\+0x[0-9a-f]+)?>")
INDIRECT = re.compile(r"^(?:call|jmp)q?\s+\*|__x86_indirect_thunk")
RNULL_ROOT = re.compile(r"OperationsVTable<rnull::NullBlkDevice>>::(queue_rq|commit_rqs|complete|poll)_callback$")
C_ROOTS = ("null_queue_rq", "null_complete_rq")
# Rust's panic paths: cold, not followed, counted apart.
COLD = re.compile(r"^core::panicking::|rust_begin_unwind|::unwrap_failed$|::expect_failed$|"
                  r"^core::panicking::panic_const::")


def demangle(cxxfilt, names):
    """{mangled: demangled} for the Rust (v0) names among NAMES."""
    rust = sorted(n for n in names if n.startswith("_R"))
    if not rust:
        return {}
    out = subprocess.run([cxxfilt], input="\n".join(rust) + "\n", capture_output=True,
                         text=True, check=True).stdout.splitlines()
    return dict(zip(rust, out))


def short(name):
    """A demangled Rust name without its crate hashes ([1234abcd])."""
    return re.sub(r"\[[0-9a-f]+\]", "", name)


def normalized(body):
    """A function's instructions without addresses, offsets and immediates,
    so that the same code at another address compares equal."""
    out = []
    for insn in body:
        insn = re.sub(r"<[^>]*\+0x[0-9a-f]+>", "", insn)
        insn = re.sub(r"#.*$", "", insn)
        out.append(re.sub(r"-?0x[0-9a-f]+|\b[0-9a-f]{8,}\b", "N", insn).strip())
    return out


def walk(bodies, roots, follow, cold=lambda callee: False):
    """The functions reachable from ROOTS through direct calls and tail jumps
    into functions FOLLOW accepts, with what they call outside; calls COLD
    accepts are only counted."""
    seen, todo = set(), list(roots)
    helpers, ccalls = {}, {}
    instructions = indirect = cold_calls = 0
    while todo:
        fn = todo.pop()
        if fn in seen or fn not in bodies:
            continue
        seen.add(fn)
        for insn in bodies[fn]:
            instructions += 1
            if INDIRECT.search(insn):
                indirect += 1
                continue
            m = TARGET.match(insn)
            if not m:
                continue
            callee = m.group(2)
            if callee == fn:
                continue  # a branch inside the function
            if callee.startswith("__x86_return_thunk"):
                continue
            if cold(callee):
                cold_calls += 1
            elif follow(callee):
                todo.append(callee)
            elif callee.startswith("rust_helper_"):
                helpers[callee] = helpers.get(callee, 0) + 1
            else:
                ccalls[callee] = ccalls.get(callee, 0) + 1
    return {"functions": sorted(seen), "instructions": instructions, "helper_calls": helpers,
            "c_calls": ccalls, "indirect_calls": indirect, "panic_calls": cold_calls}


def analyse(objdump, cxxfilt, vmlinux):
    bodies = dict(function_bodies(objdump, vmlinux))
    if not bodies:
        raise RuntimeError("%s: llvm-objdump found no functions" % vmlinux)
    names = demangle(cxxfilt, bodies)
    rnull_roots = sorted(n for n, d in names.items() if RNULL_ROOT.search(short(d)))
    c_roots = [r for r in C_ROOTS if r in bodies]
    if not rnull_roots or not c_roots:
        raise RuntimeError("%s: no rnull callbacks or no null_blk (%s): is it a rust-all build?"
                           % (vmlinux, ", ".join(C_ROOTS)))
    rust = walk(bodies, rnull_roots, lambda c: c.startswith("_R"),
                lambda c: bool(COLD.search(short(names.get(c, "")))))
    c = walk(bodies, c_roots, lambda c: c.startswith(("null_", "nullb_")))
    rust["roots"] = [short(names[r]) for r in rnull_roots]
    rust["root_code"] = {short(names[r]): normalized(bodies[r]) for r in rnull_roots}
    rust["functions"] = [short(names.get(f, f)) for f in rust["functions"]]
    c["roots"] = c_roots
    return {"rnull": rust, "null_blk": c}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--objdump", default="llvm-objdump")
    ap.add_argument("--cxxfilt", default="llvm-cxxfilt")
    ap.add_argument("--json")
    ap.add_argument("builds", nargs="+", metavar="NAME=VMLINUX")
    args = ap.parse_args()
    result = {}
    for spec in args.builds:
        name, _, path = spec.partition("=")
        if not path:
            ap.error("'%s' is not NAME=VMLINUX" % spec)
        try:
            result[name] = analyse(args.objdump, args.cxxfilt, path)
        except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
            print("kernel_iopath.py: error: %s" % e, file=sys.stderr)
            return 1
    for name, paths in result.items():
        for path, d in paths.items():
            print("%s, %s path: %d functions, %d instructions, helper calls %s, C calls %s, "
                  "%d indirect" % (name, path, len(d["functions"]), d["instructions"],
                                   sum(d["helper_calls"].values()), sum(d["c_calls"].values()),
                                   d["indirect_calls"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
