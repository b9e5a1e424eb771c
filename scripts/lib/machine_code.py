#!/usr/bin/env python3
"""Reads machine code with llvm-objdump and decides whether a function
carries a protection: the one set of rules behind scripts/hardening-matrix
(one Rust caller per row) and scripts/lib/kernel_report.py (every function
of a hardened vmlinux).

A protection is present when the function's instructions show the code its
compiler flag emits; PROTECTIONS below is the table, one row per
protection: its key (the hardening matrix's bench/hardening/KEY.{c,rs}), its
name, the evidence, and the test over the function's instruction listing.

The listing is normalized so that one rule reads x86_64, arm64 and riscv64
objects and linked images alike: one instruction per entry, "mnemonic
operands" with single spaces; objdump's comments and the x86 prefixes
cs/ds/notrack/rex64/data16 dropped; callq/retq/jmpq spelled call/ret/jmp;
an operand that is the start of a symbol (<sym>) replaced by the symbol; a
branch's operand replaced by the symbol of its relocation (addend dropped).
Local labels (.L*, e.g. riscv64's .Lpcrel_hi0) do not start a function.

    machine_code.py listing [--objdump P] FILE FUNCTION
        prints FUNCTION's normalized listing
    machine_code.py judge [--objdump P] [--asm OUT] FILE FUNCTION KEY
        prints the hardening matrix's verdict for FUNCTION in FILE:
        "not inlined" (it still calls or tail-jumps to a rust_helper_*),
        "kept" (protection KEY is present), "WEAKENED" (it is not), or
        "error" (no such function); --asm writes the listing to OUT
    machine_code.py present [--objdump P] FILE [FUNCTION...]
        prints "FUNCTION: KEY ..." for each function of FILE (or each one
        named), the protections its code shows, in the table's order, or
        "-" for none; "(calls a helper)" is added when it still calls a
        rust_helper_*
    machine_code.py list
        prints the table

Exit status 0, 2 on a usage error or an unknown KEY.
"""

import argparse
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
# One reading of llvm-objdump's lines, and of the x86 prefixes to skip, with
# the helper-call counter.
from helper_calls import FUNC, INSN, PREFIXES, RELOC_LINE  # noqa: E402

# Branches whose operand a relocation names (the listing shows the symbol).
RELOCATED_BRANCH = re.compile(r"^(call|jmp|bl|b|j[a-z]+|b\.[a-z]+|auipc)$")
COMMENT = re.compile(r"\s+(//|#) .*$")
SYMBOL_OPERAND = re.compile(r"<([^<>+]+)>$")
ADDEND = re.compile(r"[-+]0x[0-9a-f]+$")


def _raw_bodies(objdump, path, relocations):
    """Yields (function, [[instruction text, relocation symbol or None],
    ...]) for each function of PATH's disassembly, in order; a local label
    (.L*) does not start a function."""
    args = [objdump, "-dr" if relocations else "-d", "--no-show-raw-insn", path]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    func, body = None, []
    for line in out.splitlines():
        m = FUNC.match(line)
        if m:
            if m.group(1).startswith(".L") and func is not None:
                continue
            if func:
                yield func, body
            func, body = m.group(1), []
            continue
        if func is None:
            continue
        if relocations and RELOC_LINE.match(line):
            if body:
                fields = line.split()
                if fields[1] != "R_RISCV_RELAX":
                    body[-1][1] = fields[-1]
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not INSN.match(line):
            continue
        insn = " ".join(p.strip() for p in parts[1:] if p.strip())
        if insn:
            body.append([insn, None])
    if func:
        yield func, body


def function_bodies(objdump, path, relocations=False):
    """Yields (function, [instruction text, ...]) for each function of
    PATH's disassembly, in order, as objdump prints them (fields joined by
    one space); with RELOCATIONS (objdump -dr) the symbol of an
    instruction's relocation is appended to it."""
    for func, body in _raw_bodies(objdump, path, relocations):
        yield func, [text + (" " + reloc if reloc else "") for text, reloc in body]


def normalize(text, reloc=None):
    """The listing's form of one instruction (see the module's doc)."""
    line = COMMENT.sub("", text)
    words = line.split()
    while len(words) > 1 and words[0] in PREFIXES:
        words = words[1:]
    if not words:
        return ""
    m, rest = words[0], " ".join(words[1:])
    if m in ("callq", "retq", "jmpq"):
        m = m[:-1]
    s = SYMBOL_OPERAND.search(rest)
    if s:
        rest = s.group(1)
    if reloc and RELOCATED_BRANCH.match(m):
        rest = ADDEND.sub("", reloc)
    return m + (" " + rest if rest else "")


def listings(objdump, path):
    """{function: [normalized instruction, ...]} of every function of PATH
    (objdump -dr); the bodies of functions of one name are joined."""
    funcs = {}
    for func, body in _raw_bodies(objdump, path, relocations=True):
        funcs.setdefault(func, []).extend(normalize(t, r) for t, r in body)
    return funcs


# ---------------------------------------------------------------------------
# The tests, over a normalized listing INS (a list of strings).

def _any(ins, pattern):
    p = re.compile(pattern)
    return any(p.search(i) for i in ins)


def _branches_to(ins, symbol):
    return _any(ins, r"^(call|jmp|bl|b|auipc|jal|j|tail) %s$" % re.escape(symbol))


def calls_helper(ins):
    """The function still calls or tail-jumps to a rust_helper_*."""
    return _any(ins, r"^(call|jmp|bl|b|auipc|jal|j|tail) rust_helper_")


def _is_return(i):
    return i == "ret" or i == "jmp __x86_return_thunk"


def returns(ins):
    """The function returns: a ret, or (x86_64) a jmp to the return thunk."""
    return any(_is_return(i) for i in ins)


XOR_SELF = re.compile(r"^xor[lq]? %([a-z0-9]+), %([a-z0-9]+)$")
# Between the zeroing and the return only padding may come.
PADDING = re.compile(r"^(nop[a-z]*|data16|int3|lfence)( |$)")


def zeroes_used_registers(ins):
    """-fzero-call-used-regs=used-gpr (CONFIG_ZERO_CALL_USED_REGS): at least
    one return, and every return (ret, or jmp __x86_return_thunk) comes
    right after a self-xor (xor %edi, %edi), padding skipped.  A function
    that returns 0 with xor %eax, %eax right before its ret passes too: the
    machine code cannot tell that from a function that used only rax and
    zeroes it (a void function, e.g. a refcount decrement), so the check is
    only as strong as its callers make it; the hardening matrix's zcr
    caller returns a computed value."""
    returns_seen, zeroed = 0, False
    for i in ins:
        x = XOR_SELF.match(i)
        if x and x.group(1) == x.group(2):
            zeroed = True
            continue
        if _is_return(i):
            if not zeroed:
                return False
            returns_seen += 1
        if not PADDING.match(i):
            zeroed = False
    return returns_seen > 0


def sls_hardened(ins):
    """-mharden-sls=all: at least one ret, and every ret and indirect jmp is
    followed by int3."""
    rets, pending = 0, False
    for i in ins:
        if pending and i != "int3":
            return False
        pending = False
        if i == "ret":
            rets += 1
            pending = True
        elif i.startswith("jmp *"):
            pending = True
    return rets > 0 and not pending


def return_thunk(ins):
    """-mfunction-return=thunk-extern: no ret, and a jmp to
    __x86_return_thunk."""
    return "ret" not in ins and "jmp __x86_return_thunk" in ins


def retpoline(ins):
    """-mretpoline-external-thunk: no call/jmp through a register or memory,
    and a call/jmp to an __x86_indirect_thunk_*."""
    return not _any(ins, r"^(call|jmp) \*") and _any(ins, r"^(call|jmp) __x86_indirect_thunk_")


def kcfi_preamble_hash(insn):
    """The kCFI type hash that an x86 __cfi_FUNCTION preamble instruction
    loads (`movl $HASH, %eax`), as an unsigned 32-bit int; None for any
    other instruction."""
    m = re.search(r"\bmovl\s+\$0x([0-9a-f]+), %eax", insn)
    return int(m.group(1), 16) if m else None


def kcfi_check(ins):
    """-fsanitize=kcfi: the type check, an add/cmp/sub of the hash at -4
    off the target register, followed (not necessarily next) by ud2."""
    hashed = False
    for i in ins:
        if re.match(r"^(add|cmp|sub)l? .*-0x4\(%r[0-9a-z]+\)", i):
            hashed = True
        elif hashed and i == "ud2":
            return True
    return False


def frame_pointer(ins):
    """-fno-omit-frame-pointer: x86_64 push %rbp right before mov %rsp, %rbp;
    riscv64 s0 saved on the stack and set from sp."""
    x86 = any(a == "pushq %rbp" and b == "movq %rsp, %rbp" for a, b in zip(ins, ins[1:]))
    rv = _any(ins, r"^sd s0, (0x)?[0-9a-f]+\(sp\)$") and _any(ins, r"^addi s0, sp, (0x)?[0-9a-f]+$")
    return x86 or rv


def null_check(ins):
    """-fno-delete-null-pointer-checks: a test of a register against itself,
    a compare with 0, or riscv64's beqz/bnez."""
    return _any(ins, r"^test[bwlq]? (%[a-z0-9]+), \1$|^cmp[bwlq]? \$0x0, |^c?\.?(beq|bne)z [a-z0-9]+, ")


SIGN = re.compile(r"^(paci[ab]sp|hint #(0x19|25|0x1b|27))$")
AUTHENTICATE = re.compile(r"^(auti[ab]sp|reta[ab]|hint #(0x1d|29|0x1f|31))$")


def pac_ret(ins):
    """-mbranch-protection=pac-ret: the return address signed (paciasp or
    pacibsp, or their hint forms) and authenticated (autiasp, autibsp,
    retaa, retab, or hints)."""
    return any(SIGN.match(i) for i in ins) and any(AUTHENTICATE.match(i) for i in ins)


def bti_landing_pad(ins):
    """-mbranch-protection=bti: the first instruction is a landing pad (bti,
    or paciasp/pacibsp, which are one; or their hint forms)."""
    return bool(ins) and bool(re.match(r"^(bti( |$)|hint #(0x22|34|0x24|36|0x26|38)$)", ins[0])
                              or SIGN.match(ins[0]))


def shadow_call_stack(ins):
    """-fsanitize=shadow-call-stack: the return address pushed to the shadow
    stack and popped from it. arm64: str x30, [x18], #8 and ldr x30,
    [x18, #-8]!; riscv64: sd ra, -8(gp) and ld ra, -8(gp) (gp moved by 8)."""
    arm64 = (_any(ins, r"^str x30, \[x18\], #(0x)?8$")
             and _any(ins, r"^ldr x30, \[x18, #-(0x)?8\]!$"))
    rv = (_any(ins, r"^sd ra, -(0x)?8\(gp\)$") and _any(ins, r"^ld ra, -(0x)?8\(gp\)$")
          and _any(ins, r"^addi gp, gp, (0x)?8$"))
    return arm64 or rv


Protection = collections.namedtuple("Protection", "key name evidence present")
PROTECTIONS = collections.OrderedDict((p.key, p) for p in (
    Protection("ssp", "stack canary", "a call to `__stack_chk_fail` (the canary check)",
               lambda ins: _branches_to(ins, "__stack_chk_fail")),
    Protection("zcr", "register zeroing", "every return right after a self-`xor` (`xor %edi, %edi`)", zeroes_used_registers),
    Protection("sls", "SLS hardening", "`int3` after every `ret` and indirect `jmp`", sls_hardened),
    Protection("rethunk", "return thunk", "no `ret`, a `jmp __x86_return_thunk`", return_thunk),
    Protection("retpoline", "retpoline", "no indirect call/jmp, a call/jmp to "
               "`__x86_indirect_thunk_*`", retpoline),
    Protection("kcfi", "kCFI", "the hash compared at -4 off the target, then `ud2`", kcfi_check),
    Protection("endbr", "IBT", "`endbr64` first", lambda ins: bool(ins) and ins[0] == "endbr64"),
    Protection("fp", "frame pointer", "the frame pointer saved and set up", frame_pointer),
    Protection("nullcheck", "null check", "a compare against 0", null_check),
    Protection("wcslen", "no wcslen", "no call/jmp to `wcslen`",
               lambda ins: not _branches_to(ins, "wcslen")),
    Protection("memset", "freestanding", "no call/jmp to `memset`",
               lambda ins: not _branches_to(ins, "memset")),
    Protection("pac-ret", "pac-ret", "return address signed and checked (`paciasp` ... "
               "`autiasp`/`retaa`)", pac_ret),
    Protection("bti", "BTI", "landing pad at the entry (`bti c`, or `paciasp`, which is one)",
               bti_landing_pad),
    Protection("scs", "shadow call stack", "the return address pushed to and popped from the "
               "shadow stack (x18, riscv64 gp)", shadow_call_stack),
))


def judge(ins, key):
    """The hardening matrix's verdict for a caller's listing INS (None when
    the function was not found)."""
    if not ins:
        return "error"
    if calls_helper(ins):
        return "not inlined"
    return "kept" if PROTECTIONS[key].present(ins) else "WEAKENED"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("listing", "judge", "present"):
        p = sub.add_parser(name)
        p.add_argument("--objdump", default="llvm-objdump")
        p.add_argument("file")
        p.add_argument("function", nargs="*" if name == "present" else None)
        if name == "judge":
            p.add_argument("--asm")
            p.add_argument("key")
    sub.add_parser("list")
    args = ap.parse_args()
    if args.command == "list":
        for p in PROTECTIONS.values():
            print("%-10s %-18s %s" % (p.key, p.name, p.evidence))
        return 0
    if args.command == "present":
        funcs = listings(args.objdump, args.file)
        for f in args.function or list(funcs):
            ins = funcs.get(f, [])
            keys = [p.key for p in PROTECTIONS.values() if ins and p.present(ins)]
            print("%s: %s%s" % (f, " ".join(keys) or "-", " (calls a helper)" if calls_helper(ins) else ""))
        return 0
    if args.command == "judge" and args.key not in PROTECTIONS:
        print("machine_code.py: no protection '%s' (machine_code.py list)" % args.key, file=sys.stderr)
        return 2
    ins = listings(args.objdump, args.file).get(args.function, [])
    text = "".join(i + "\n" for i in ins)
    if args.command == "listing":
        sys.stdout.write(text)
        return 0
    if args.asm:
        with open(args.asm, "w") as f:
            f.write(text)
    print(judge(ins, args.key))
    return 0


if __name__ == "__main__":
    sys.exit(main())
