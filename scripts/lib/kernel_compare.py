#!/usr/bin/env python3
"""Compares the Rust machine code of two builds of the same kernel tree and
configuration (e.g. before and after a change to the helper bitcode rule):

    kernel_compare.py [--llvm-bindir DIR] [--label A,B] [--list N] BEFORE AFTER

prints Markdown: per image (vmlinux, then each .ko that holds Rust code) the
bytes of Rust function symbols, how many Rust functions there are, how many
kept their machine code, changed it, or exist on one side only, and the
calls/jumps to rust_helper_* left; then, when the images have kCFI preambles
(x86 __cfi_FUNCTION), how many functions keep their type hash; then the
changed functions (demangled, with their sizes), at most N per image
(default 40).

Rust functions: the function symbols (nm types t, T, W) that a Rust object
of the build defines (an object whose saved command, .OBJECT.o.cmd, runs
rustc with --emit=obj); a .ko's are those of the Rust objects its .mod file
lists, vmlinux's those of the other Rust objects.  A function's machine code
is compared after llvm-objdump -dr, with addresses normalized: absolute
addresses dropped, a branch into the function itself kept as its offset, a
reference to another symbol kept as that symbol's name without offset
(RIP-relative operands and relocations alike), so that code which only moved
compares equal.  A function whose size changed is always counted as changed.
Exit status 0, or 2 on a usage error.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
from helper_calls import helper_calls  # noqa: E402
from kernel_iopath import demangle  # noqa: E402
from machine_code import _raw_bodies, kcfi_preamble_hash  # noqa: E402

TARGET = re.compile(r"(?:0x)?[0-9a-f]+ <([^<>]+)>")
COMMENT = re.compile(r"\s+#\s.*$")
ADDEND = re.compile(r"[-+]0x[0-9a-f]+$")


def run(args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def rust_objects(build):
    """Paths (relative to BUILD) of the objects rustc built."""
    objs = []
    for cmd in glob.glob(os.path.join(build, "**", ".*.o.cmd"), recursive=True):
        with open(cmd, encoding="utf-8", errors="replace") as f:
            first = f.readline()
        if "rustc" in first and "--emit=obj=" in first:
            d, base = os.path.split(os.path.relpath(cmd, build))
            objs.append(os.path.join(d, base[1:-len(".cmd")]))
    return sorted(objs)


def module_objects(build):
    """{.ko path: [object paths]} from the .mod files."""
    out = {}
    for mod in glob.glob(os.path.join(build, "**", "*.mod"), recursive=True):
        ko = mod[:-len(".mod")] + ".ko"
        if not os.path.isfile(ko) or os.path.relpath(ko, build).startswith("initramfs" + os.sep):
            continue
        with open(mod, encoding="utf-8") as f:
            out[os.path.relpath(ko, build)] = f.read().split()
    return out


def function_symbols(bindir, path):
    """{name: size} of PATH's defined function symbols (t, T, W)."""
    out = run([os.path.join(bindir, "llvm-nm"), "-S", "--radix=d", "--defined-only", path])
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in ("t", "T", "W"):
            syms[f[3]] = syms.get(f[3], 0) + int(f[1])
    return syms


def normalized_bodies(bindir, path, names):
    """({function: tuple of normalized instructions} for the functions of
    PATH named in NAMES, {function: kCFI type hash} from PATH's x86
    __cfi_FUNCTION preambles (movl $HASH, %eax), empty without kCFI)."""
    objdump = os.path.join(bindir, "llvm-objdump")
    bodies, hashes = {}, {}
    for func, body in _raw_bodies(objdump, path, relocations=True):
        if func.startswith("__cfi_"):
            for text, _ in body:
                h = kcfi_preamble_hash(text)
                if h is not None:
                    hashes[func[len("__cfi_"):]] = h
                    break
        if func not in names:
            continue

        def target(m, func=func):
            name, _, off = m.group(1).partition("+")
            return "<self+%s>" % off if name == func else "<%s>" % name

        out = []
        for text, reloc in body:
            comment = COMMENT.search(text)
            refs = TARGET.findall(comment.group(0)) if comment else []
            t = COMMENT.sub("", text)
            t = re.sub(r"-?0x[0-9a-f]+\(%rip\)", "R(%rip)", t)
            t = TARGET.sub(target, t)
            t = re.sub(r"0x[0-9a-f]{8,}", "A", t)
            if reloc:
                t += " @" + ADDEND.sub("", reloc)
            if refs:
                t += " #" + ",".join(r.partition("+")[0] for r in refs)
            out.append(t)
        bodies.setdefault(func, []).extend(out)
    return {k: tuple(v) for k, v in bodies.items()}, hashes


def image_facts(bindir, build, image, rust_names):
    path = os.path.join(build, image)
    syms = function_symbols(bindir, path)
    names = {n for n in syms if n in rust_names}
    calls = helper_calls(os.path.join(bindir, "llvm-objdump"), path, skip_helpers=True)
    bodies, hashes = normalized_bodies(bindir, path, names)
    return {
        "sizes": {n: syms[n] for n in names},
        "bodies": bodies,
        "calls": sum(calls.values()),
        "cfi": hashes,
    }


def rust_names_by_image(bindir, build):
    objs = rust_objects(build)
    mods = module_objects(build)
    in_module = {o for v in mods.values() for o in v}
    names = {"vmlinux": set()}
    for o in objs:
        if o not in in_module and os.path.isfile(os.path.join(build, o)):
            names["vmlinux"].update(function_symbols(bindir, os.path.join(build, o)))
    for ko, members in sorted(mods.items()):
        rust = [o for o in members if o in objs]
        if rust:
            names[ko] = set()
            for o in rust:
                names[ko].update(function_symbols(bindir, os.path.join(build, o)))
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--llvm-bindir", default=os.environ.get("LLVM_BINDIR", "/usr/lib/llvm-22/bin"))
    ap.add_argument("--label", default="before,after")
    ap.add_argument("--list", type=int, default=40)
    ap.add_argument("before")
    ap.add_argument("after")
    args = ap.parse_args()
    labels = args.label.split(",")
    bindir = args.llvm_bindir
    names = [rust_names_by_image(bindir, b) for b in (args.before, args.after)]
    images = ["vmlinux"] + sorted((set(names[0]) | set(names[1])) - {"vmlinux"})
    lines = ["| image | %s: Rust code bytes | %s: Rust code bytes | change | Rust functions (%s / %s) "
             "| same code | changed | only %s | only %s | helper calls left (%s / %s) |"
             % (labels[0], labels[1], labels[0], labels[1], labels[0], labels[1], labels[0], labels[1]),
             "|---" * 10 + "|"]
    changed_lists = []
    cfi_rows = []
    for image in images:
        rust = names[0].get(image, set()) | names[1].get(image, set())
        a = image_facts(bindir, args.before, image, rust)
        b = image_facts(bindir, args.after, image, rust)
        bytes_a, bytes_b = sum(a["sizes"].values()), sum(b["sizes"].values())
        common = set(a["sizes"]) & set(b["sizes"])
        changed = sorted(n for n in common
                         if a["sizes"][n] != b["sizes"][n] or a["bodies"].get(n) != b["bodies"].get(n))
        lines.append("| `%s` | %d | %d | %+d (%+.2f%%) | %d / %d | %d | %d | %d | %d | %d / %d |" % (
            image, bytes_a, bytes_b, bytes_b - bytes_a, 100.0 * (bytes_b - bytes_a) / bytes_a if bytes_a else 0,
            len(a["sizes"]), len(b["sizes"]), len(common) - len(changed), len(changed),
            len(set(a["sizes"]) - common), len(set(b["sizes"]) - common), a["calls"], b["calls"]))
        only = sorted(set(a["sizes"]) ^ set(b["sizes"]))
        changed_lists.append((image, changed, only, a["sizes"], b["sizes"]))
        both = set(a["cfi"]) & set(b["cfi"])
        cfi_rows.append("| `%s` | %d / %d | %d | %d | %d | %d | %d |" % (
            image, len(a["cfi"]), len(b["cfi"]), len(both),
            sum(1 for f in both if a["cfi"][f] == b["cfi"][f]),
            sum(1 for f in both if a["cfi"][f] != b["cfi"][f]),
            sum(1 for f in both if f.startswith("rust_helper_") or f in rust),
            sum(1 for f in both if (f.startswith("rust_helper_") or f in rust) and a["cfi"][f] == b["cfi"][f])))
    if any(r.split("|")[2].strip() != "0 / 0" for r in cfi_rows):
        lines += ["", "kCFI preambles (`__cfi_FUNCTION`: `movl $HASH, %eax`), every function of the image:", "",
                  "| image | preambles (%s / %s) | in both | same hash | different hash | of them helpers "
                  "and Rust functions | same hash |" % (labels[0], labels[1]), "|---" * 8 + "|"] + cfi_rows
    for image, changed, only, sa, sb in changed_lists:
        if not changed and not only:
            continue
        dm = demangle(os.path.join(bindir, "llvm-cxxfilt"), changed + only)
        lines += ["", "`%s`: functions whose machine code changed (bytes %s -> %s)%s:" % (
            image, labels[0], labels[1], "" if len(changed) <= args.list else ", the first %d" % args.list), ""]
        for n in changed[:args.list]:
            lines.append("- `%s`: %d -> %d" % (dm.get(n, n), sa[n], sb[n]))
        for n in only[:args.list]:
            lines.append("- `%s`: only %s (%d bytes)" % (
                dm.get(n, n), labels[0] if n in sa else labels[1], sa.get(n, sb.get(n, 0))))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
