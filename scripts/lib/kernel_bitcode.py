#!/usr/bin/env python3
"""Checks a CONFIG_RUST_INLINE_HELPERS build's helper bitcode and what came
out of it (issue 24): the bitcode comes from clang's pre-link pipeline, kCFI
type ids survive, and no LTO bitcode or summary reaches an ELF file.

    kernel_bitcode.py [--llvm-bindir DIR] [--arch ARCH] BUILD
        prints the Markdown section; exit status 1 when a check fails

Checks, on BUILD (an "on" build of scripts/kernel-e2e):
- rust/helpers/helpers.bc and helpers_module.bc are pre-link bitcode: they
  carry an LTO summary (clang -flto=thin -c; -emit-llvm writes none) and no
  loop marked vectorized or runtime-unrolled (the passes the pre-link
  pipeline leaves to the caller's optimizer);
- with CONFIG_CFI_CLANG, every helper the bitcode defines has a !kcfi_type,
  and the hash of __cfi_HELPER in vmlinux (helpers.o, the normal C rule) is
  that value: the type ids the plugin carries into Rust are helpers.o's;
- rust/helpers/helpers.o is an ELF object built without -flto; with
  CONFIG_LTO_CLANG it is LTO bitcode instead, as every C object of that
  kernel (the normal C rule either way);
- no section of vmlinux, a .ko, helpers.o (without CONFIG_LTO_CLANG) or
  rust/kernel.o holds LLVM bitcode or an LTO summary (.llvmbc, .llvmcmd,
  .llvm.lto, .llvm.embedded.object);
- the plugin's reports name no module flag it had to change (module_flags).
The module flags the helper bitcode carries are listed, for the record.

kernel_report.py imports section() for scripts/kernel-e2e's summary.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine_code import kcfi_preamble_hash  # noqa: E402

BITCODE = ("rust/helpers/helpers.bc", "rust/helpers/helpers_module.bc")
LTO_SECTION = re.compile(r"^\.(llvmbc|llvmcmd|llvm\.lto|llvm\.embedded\.object)$")
LOOP_MARKS = ("llvm.loop.isvectorized", "llvm.loop.unroll.runtime.disable")


def run(args):
    return subprocess.run(args, capture_output=True, text=True).stdout


def bitcode_facts(bindir, path):
    """{summary, flags: [(name, value)], loop_marks, defined, kcfi: {helper:
    u32 hash}} of the bitcode file PATH."""
    blocks = run([os.path.join(bindir, "llvm-bcanalyzer"), path])
    text = run([os.path.join(bindir, "llvm-dis"), path, "-o", "-"])
    meta = dict(re.findall(r"^!(\d+) = (?:distinct )?(!\{.*\})$", text, re.M))
    flags = []
    m = re.search(r"^!llvm\.module\.flags = !\{(.*)\}$", text, re.M)
    for ref in re.findall(r"!(\d+)", m.group(1) if m else ""):
        f = re.match(r'!\{i32 \d+, !"([^"]+)", (.*)\}$', meta.get(ref, ""))
        if f:
            flags.append((f.group(1), f.group(2)))
    kcfi, defined = {}, []
    for line in text.splitlines():
        d = re.match(r"^define .*@([\w.$]+)\(.*$", line)
        if not d:
            continue
        defined.append(d.group(1))
        k = re.search(r"!kcfi_type !(\d+)", line)
        v = re.match(r"!\{i32 (-?\d+)\}$", meta.get(k.group(1), "")) if k else None
        if v:
            kcfi[d.group(1)] = int(v.group(1)) & 0xFFFFFFFF
    return {
        "summary": "GLOBALVAL_SUMMARY_BLOCK" in blocks,
        "flags": flags,
        "loop_marks": sum(text.count(mark) for mark in LOOP_MARKS),
        "defined": defined,
        "kcfi": kcfi,
    }


def cfi_hashes(bindir, image, functions):
    """{function: u32} for each __cfi_FUNCTION preamble of IMAGE that loads
    a type hash (x86 movl $HASH, %eax)."""
    if not functions:
        return {}
    out = run([os.path.join(bindir, "llvm-objdump"), "-d", "--no-show-raw-insn",
               "--disassemble-symbols=" + ",".join("__cfi_" + f for f in functions), image])
    hashes, cur = {}, None
    for line in out.splitlines():
        s = re.match(r"^[0-9a-f]+ <__cfi_(.+)>:$", line)
        if s:
            cur = s.group(1)
            continue
        h = kcfi_preamble_hash(line)
        if cur and h is not None and cur not in hashes:
            hashes[cur] = h
    return hashes


def lto_sections(bindir, path):
    out = run([os.path.join(bindir, "llvm-readelf"), "-S", "-W", path])
    names = re.findall(r"^\s*\[\s*\d+\]\s+(\S+)", out, re.M)
    return sorted(n for n in names if LTO_SECTION.match(n))


def config_has(build, option):
    try:
        with open(os.path.join(build, ".config"), encoding="utf-8") as f:
            return ("%s=y\n" % option) in f.read()
    except OSError:
        return False


def section(build, bindir, arch="x86_64"):
    """(Markdown lines, failures) for BUILD; the vmlinux kCFI hashes are
    read on x86_64 only (its __cfi_ preambles)."""
    lines = ["", "## Helper bitcode (pre-link pipeline, issue 24)", "",
             "| check | result |", "|---|---|"]
    failures = []
    facts = {}
    for rel in BITCODE:
        path = os.path.join(build, rel)
        if not os.path.isfile(path):
            failures.append("no %s" % rel)
            continue
        f = facts[rel] = bitcode_facts(bindir, path)
        name = os.path.basename(rel)
        lines.append("| `%s`: LTO summary (pre-link) | %s |" % (name, "yes" if f["summary"] else "NO"))
        lines.append("| `%s`: loops marked vectorized/runtime-unrolled | %d |" % (name, f["loop_marks"]))
        lines.append("| `%s`: module flags | %s |" % (
            name, ", ".join("`%s`=%s" % (k, v.split()[-1]) for k, v in f["flags"]) or "none"))
        if not f["summary"]:
            failures.append("%s has no LTO summary: not built by the pre-link pipeline (-flto=thin)" % rel)
        if f["loop_marks"]:
            failures.append("%s has %d loop(s) already vectorized or runtime-unrolled" % (rel, f["loop_marks"]))
    cmd = os.path.join(build, "rust/helpers/.helpers.o.cmd")
    try:
        with open(cmd, encoding="utf-8", errors="replace") as fh:
            saved = fh.readline()
        with open(os.path.join(build, "rust/helpers/helpers.o"), "rb") as fh:
            magic = fh.read(4)
    except OSError:
        saved, magic = "", b""
    kernel_lto = config_has(build, "CONFIG_LTO_CLANG")
    lto_cc = re.search(r"\s-flto(=\S+)?\s", saved) is not None
    if kernel_lto:
        # Under CONFIG_LTO_CLANG every C object is bitcode for ld.lld's LTO.
        lines.append("| `helpers.o`: LTO bitcode, as every C object with `CONFIG_LTO_CLANG` | %s |" % (
            "yes" if magic == b"BC\xc0\xde" and lto_cc else "NO"))
        if magic != b"BC\xc0\xde" or not lto_cc:
            failures.append("rust/helpers/helpers.o is not the LTO bitcode CONFIG_LTO_CLANG builds")
    else:
        lines.append("| `helpers.o`: ELF, built without `-flto` | %s |" % (
            "yes" if magic == b"\x7fELF" and not lto_cc else "NO"))
        if magic != b"\x7fELF" or lto_cc:
            failures.append("rust/helpers/helpers.o is not a plain ELF object built without -flto")
    if config_has(build, "CONFIG_CFI_CLANG"):
        f = facts.get(BITCODE[0])
        helpers = [h for h in (f["defined"] if f else []) if h.startswith("rust_helper_")]
        missing = [h for h in helpers if h not in f["kcfi"]]
        lines.append("| kCFI: helpers with `!kcfi_type` in `helpers.bc` | %d of %d |"
                     % (len(helpers) - len(missing), len(helpers)))
        if missing or not helpers:
            failures.append("helpers without !kcfi_type in helpers.bc: " + (", ".join(missing) or "(no helper)"))
        if arch == "x86_64":
            image = cfi_hashes(bindir, os.path.join(build, "vmlinux"), [h for h in helpers if h in f["kcfi"]])
            same = [h for h in image if image[h] == f["kcfi"][h]]
            differ = [h for h in image if image[h] != f["kcfi"][h]]
            lines.append("| kCFI: `__cfi_` hash in vmlinux equal to the bitcode's | %d of %d (%d differ) |"
                         % (len(same), len(image), len(differ)))
            if differ or not image:
                failures.append("kCFI hashes of vmlinux and helpers.bc differ for: "
                                + (", ".join(differ) or "(no __cfi_ preamble found)"))
    elfs = [os.path.join(build, "vmlinux"), os.path.join(build, "rust/kernel.o")]
    if not kernel_lto:
        elfs.append(os.path.join(build, "rust/helpers/helpers.o"))
    elfs += sorted(k for k in glob.glob(os.path.join(build, "**", "*.ko"), recursive=True)
                   if not os.path.relpath(k, build).startswith("initramfs" + os.sep))
    leaks = {}
    for e in elfs:
        if not os.path.isfile(e):
            failures.append("no %s" % os.path.relpath(e, build))
            continue
        s = lto_sections(bindir, e)
        if s:
            leaks[os.path.relpath(e, build)] = s
    lines.append("| bitcode/LTO sections in vmlinux, %s`rust/kernel.o` and %d .ko | %s |" % (
        "" if kernel_lto else "`helpers.o`, ", len(elfs) - (2 if kernel_lto else 3), "; ".join("%s: %s" % (k, " ".join(v)) for k, v in leaks.items()) or "none"))
    for k, v in leaks.items():
        failures.append("%s has bitcode/LTO sections: %s" % (k, " ".join(v)))
    changed = {}
    for rep in glob.glob(os.path.join(build, "**", ".*.rih.json"), recursive=True):
        try:
            with open(rep, encoding="utf-8") as fh:
                mf = json.load(fh).get("module_flags") or []
        except (OSError, ValueError):
            continue
        if mf:
            changed[os.path.relpath(rep, build)] = mf
    lines.append("| plugin reports naming a module flag it changed | %s |" % (
        "; ".join("`%s`: %s" % (k, json.dumps(v)) for k, v in sorted(changed.items())) or "none"))
    for k, v in changed.items():
        failures.append("%s: the plugin changed module flags: %s" % (k, json.dumps(v)))
    return lines, failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--llvm-bindir", default=os.environ.get("LLVM_BINDIR", "/usr/lib/llvm-22/bin"))
    ap.add_argument("--arch", default="x86_64")
    ap.add_argument("build")
    args = ap.parse_args()
    lines, failures = section(args.build, args.llvm_bindir, args.arch)
    print("\n".join(lines))
    for f in failures:
        print("kernel_bitcode: FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
