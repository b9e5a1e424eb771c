#!/usr/bin/env python3
"""Random test cases for scripts/fuzz (differential fuzzing of the plugin).

Each case is a directory laid out like examples/userspace/, so the functions
of scripts/lib/examples.sh build it:

    fuzz.h          the #[repr(C)] structs, prototypes of the extern
                    functions and the extern mutable state
    helpers.c       random `rust_helper_*` functions, `static` callees
                    (inline, always_inline, noinline), `static const`
                    tables, sometimes a non-helper extern function, mutable
                    state (extern scalars and structs, a file `static`, a
                    `static` local) and, rarely, a `noinline` helper
    cflags.txt      its clang flags (one per line): -O2 or another level
                    plus a random mix of flags that change attributes
                    (hardening, null checks, builtins, frame pointers,
                    -march=x86-64-v2, -g, ...)
    part2/helpers.c, part2/cflags.txt
                    in about a third of the cases: a second helper file,
                    with its own flags; helpers call across the two files
    main.rs         a staticlib exporting C `main`: declares the helpers
                    `extern "C"` with the same types (#[repr(C)] structs,
                    by pointer and by value) and the extern state, calls the
                    helpers with arguments from a fixed pseudo-random
                    sequence (directly, in loops, through Rust functions
                    with references, #[cold] or #[target_feature], through a
                    function pointer) and prints a hash of each result and
                    of every object a helper may have written, per call and
                    per helper
    rustflags.txt   its rustc flags (staticlib, codegen-units=1,
                    panic=abort, plus a random opt-level, debuginfo, ...)

The C code has no undefined behaviour by construction: all arithmetic is done
on uint64_t or uint32_t (never on types that promote to int), shift amounts
are masked, divisors are made non-zero (signed division also avoids
MIN / -1), array indices are masked to the array's power-of-two length,
buffer loops stop at the length the caller passes, pointers a caller may
pass as NULL are only used under a NULL check, `const` pointers are never
written, expressions have no side effects (calls with side effects are
statements), loops have small constant bounds, and helpers call only helpers
generated before them (no recursion).  Results are printed as hashes; no
address is ever printed.

A case depends only on (SEED, INDEX), not on how many cases are generated
(nor on anything but this file):

    gen.py [--cpu-v2] SEED FIRST COUNT OUTROOT   cases FIRST..FIRST+COUNT-1
                                                 in OUTROOT/case-NNNN
    gen.py [--cpu-v2] SEED INDEX                 case INDEX on stdout, each
                                                 file after "=== NAME"

--cpu-v2 lets a case use -march=x86-64-v2, -Ctarget-cpu=x86-64-v2 and
#[target_feature(enable = "popcnt,sse4.2")] (only when the machine running
the programs has those features).
"""

import argparse
import os
import random
import sys

MASK64 = (1 << 64) - 1

# name: (C type, Rust type, bits, signed)
INTS = {
    "u8": ("uint8_t", "u8", 8, False),
    "u16": ("uint16_t", "u16", 16, False),
    "u32": ("uint32_t", "u32", 32, False),
    "u64": ("uint64_t", "u64", 64, False),
    "i8": ("int8_t", "i8", 8, True),
    "i16": ("int16_t", "i16", 16, True),
    "i32": ("int32_t", "i32", 32, True),
    "i64": ("int64_t", "i64", 64, True),
    "usize": ("size_t", "usize", 64, False),
    "bool": ("bool", "bool", 1, False),
}
SCALARS = list(INTS)
BUF_ELEMS = ["u8", "u16", "u32", "u64"]
BUF_LEN = 16  # every Rust buffer has 16 elements; a length argument is <= 16

INTERESTING = [0, 1, 2, 3, 7, 8, 15, 31, 32, 63, 64, 0x7F, 0x80, 0xFF, 0x100,
               0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
               0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, MASK64,
               MASK64 - 1, 0x5555555555555555, 0xAAAAAAAAAAAAAAAA,
               0x0123456789ABCDEF, 0x9E3779B97F4A7C15]

# Flags mixed into a case's C and Rust flags: (probability, flag).
C_EXTRA = [
    (0.15, "-fno-delete-null-pointer-checks"),
    (0.10, "-fno-builtin"),
    (0.05, "-fno-builtin-memset"),
    (0.10, "-fstack-protector-strong"),
    (0.04, "-fstack-protector-all"),
    (0.10, "-fno-omit-frame-pointer"),
    (0.06, "-fzero-call-used-regs=used-gpr"),
    (0.06, "-mharden-sls=all"),
    (0.06, "-fcf-protection=full"),
    (0.04, "-mretpoline"),
    (0.08, "-fwrapv"),
    (0.06, "-fno-strict-aliasing"),
    (0.05, "-mno-red-zone"),
    (0.06, "-ftrivial-auto-var-init=pattern"),
    (0.05, "-mtune=znver3"),
    (0.05, "-ffunction-sections"),
    (0.15, "-g"),
]
C_OPT = [(0.70, "-O2"), (0.08, "-O1"), (0.08, "-O3"), (0.06, "-Os"), (0.04, "-Oz"), (0.04, "-O0")]
RUST_OPT = [(0.75, "2"), (0.07, "1"), (0.08, "3"), (0.04, "s"), (0.03, "z"), (0.03, "0")]
RUST_EXTRA = [
    (0.5, "-Crelro-level=partial"),
    (0.10, "-Cforce-frame-pointers=yes"),
    (0.10, "-Coverflow-checks=on"),
    (0.05, "-Cdebug-assertions=on"),
]


def pick_weighted(r, table):
    x = r.random() * sum(w for w, _ in table)
    for w, v in table:
        x -= w
        if x < 0:
            return v
    return table[-1][1]


def c_lit(v):
    return "0x%XULL" % (v & MASK64)


class Struct:
    def __init__(self, idx):
        self.idx = idx
        self.c = "struct fz_s%d" % idx
        self.rs = "FzS%d" % idx
        self.fields = []  # (name, kind, ty, n): kind int|arr|sub; sub: ty is a Struct

    def paths(self, depth=0):
        """(C suffix, scalar type, array length or 0) for every scalar place."""
        out = []
        for name, kind, ty, n in self.fields:
            if kind == "int":
                out.append(("." + name, ty, 0))
            elif kind == "arr":
                out.append(("." + name, ty, n))
            elif depth < 2:
                out.extend(("." + name + s, t, m) for s, t, m in ty.paths(depth + 1))
        return out


class Param:
    def __init__(self, name, kind, ty=None, struct=None, mut=False, nullable=False):
        self.name, self.kind, self.ty = name, kind, ty  # kind: int ptr buf len val
        self.struct, self.mut, self.nullable = struct, mut, nullable

    def c_decl(self):
        if self.kind in ("int", "len"):
            return "%s %s" % (INTS[self.ty][0], self.name)
        if self.kind == "ptr":
            return "%s%s *%s" % ("" if self.mut else "const ", self.struct.c, self.name)
        if self.kind == "buf":
            return "%s%s *%s" % ("" if self.mut else "const ", INTS[self.ty][0], self.name)
        return "%s %s" % (self.struct.c, self.name)

    def rs_type(self):
        if self.kind in ("int", "len"):
            return INTS[self.ty][1]
        if self.kind == "ptr":
            return "*%s %s" % ("mut" if self.mut else "const", self.struct.rs)
        if self.kind == "buf":
            return "*%s %s" % ("mut" if self.mut else "const", INTS[self.ty][1])
        return self.struct.rs


class Func:
    """A C function: a helper (extern, called from Rust), a static callee or
    another extern function (`fz_ext*`, called from helpers only)."""

    def __init__(self, name, kind, idx):
        self.name, self.kind, self.idx = name, kind, idx
        self.params = []
        self.ret = None  # None (void), an INTS key, or a Struct (by value)
        self.pure = False  # no writes through pointers: callable in expressions
        self.cost = 1
        self.attr = ""
        self.storage = ""
        self.file = 1  # 1: helpers.c, 2: part2/helpers.c
        self.lines = []

    def c_ret(self):
        if self.ret is None:
            return "void"
        if isinstance(self.ret, Struct):
            return self.ret.c
        return INTS[self.ret][0]

    def rs_ret(self):
        if self.ret is None:
            return ""
        return " -> " + (self.ret.rs if isinstance(self.ret, Struct) else INTS[self.ret][1])

    def proto(self):
        ps = ", ".join(p.c_decl() for p in self.params) or "void"
        return "%s%s%s %s(%s)" % (self.storage, self.attr, self.c_ret(), self.name, ps)


class Scope:
    def __init__(self, fn):
        self.fn = fn
        self.vars = []  # assignable uint64_t locals
        self.ro = []  # readable values (loop indices)
        self.ptrs = []  # (C expression of a non-NULL pointer, Struct, writable)
        self.bufs = []  # (pointer, length expression, elem type, writable)
        self.elems = []  # (C lvalue, elem type, writable): inside a buffer loop
        self.guardable = []  # nullable pointer params not yet checked
        self.gvars = []  # (scalar global or static variable, writable)
        self.mult = 1  # iterations of the enclosing loops
        self.loops = 0
        self.nested = 0

    def child(self):
        s = Scope(self.fn)
        s.vars, s.ro, s.ptrs, s.bufs = self.vars, list(self.ro), list(self.ptrs), list(self.bufs)
        s.elems, s.guardable, s.gvars = list(self.elems), list(self.guardable), self.gvars
        s.mult, s.loops, s.nested = self.mult, self.loops, self.nested + 1
        return s


class Gen:
    def __init__(self, seed, index, cpu_v2=False):
        self.seed, self.index = seed, index
        self.r = random.Random("rih-fuzz:%d:%d" % (seed, index))
        self.cpu_v2 = cpu_v2
        self.structs = []
        self.tables = []  # (name, elem type, length, values, file)
        self.statics = []
        self.exts = []
        self.helpers = []
        self.tmp = 0
        self.nfiles = 1
        self.cur_file = 1
        # Mutable state: (name, C type or Struct, file, is extern, initial value)
        self.globals = []

    def file_prefix(self, file):
        """Static names: fzc_ in helpers.c, fzc2_ in part2/helpers.c."""
        return "fzc_" if file == 1 else "fzc%d_" % file

    # ----------------------------------------------------------------- types
    def make_structs(self):
        r = self.r
        for i in range(r.randint(1, 4)):
            s = Struct(i)
            for j in range(r.randint(1, 6)):
                name = "f%d" % j
                x = r.random()
                if x < 0.15 and self.structs:
                    s.fields.append((name, "sub", r.choice(self.structs), 0))
                elif x < 0.35:
                    s.fields.append((name, "arr", r.choice(BUF_ELEMS + ["i32", "i8"]), r.choice([2, 4, 8])))
                else:
                    s.fields.append((name, "int", r.choice(SCALARS), 0))
            self.structs.append(s)

    def make_tables(self):
        r = self.r
        for file in range(1, self.nfiles + 1):
            for i in range(r.choice([0, 0, 1, 1, 2])):
                ty = r.choice(["u8", "u16", "u32", "u64"])
                n = r.choice([4, 8, 16, 32])
                bits = INTS[ty][2]
                vals = [r.getrandbits(bits) for _ in range(n)]
                self.tables.append(("%stab%d" % (self.file_prefix(file), i), ty, n, vals, file))

    def make_globals(self):
        """Mutable state of the helper files: extern scalars (fz_gF_I) and
        structs (fz_oF_I) that Rust also reads, file-scope statics
        (fzcF_sI).  Every variant must keep one instance of each."""
        r = self.r
        for file in range(1, self.nfiles + 1):
            for i in range(r.choice([0, 0, 0, 1, 2])):
                ty = r.choice(["u64", "u32", "u16"])
                self.globals.append(("fz_g%d_%d" % (file, i), ty, file, True, r.getrandbits(INTS[ty][2])))
            if r.random() < 0.2:
                self.globals.append(("fz_o%d_0" % file, r.choice(self.structs), file, True, None))
            if r.random() < 0.1:
                self.globals.append(("%ss0" % self.file_prefix(file), "u64", file, False, r.getrandbits(64)))

    def file_tables(self):
        return [t for t in self.tables if t[4] == self.cur_file]

    def rand_params(self, fn, n, allow_val=True, allow_buf=True, mut_ok=True):
        r = self.r
        k = 0
        while len(fn.params) < n:
            x = r.random()
            name = "p%d" % k
            k += 1
            if x < 0.45:
                fn.params.append(Param(name, "int", r.choice(SCALARS)))
            elif x < 0.78:
                fn.params.append(Param(name, "ptr", struct=r.choice(self.structs),
                                       mut=mut_ok and r.random() < 0.6, nullable=r.random() < 0.2))
            elif x < 0.9 and allow_buf:
                fn.params.append(Param(name, "buf", r.choice(BUF_ELEMS), mut=mut_ok and r.random() < 0.5))
                fn.params.append(Param("n%d" % (k - 1), "len", "usize"))
            elif allow_val:
                fn.params.append(Param(name, "val", struct=r.choice(self.structs)))

    def rand_ret(self, allow_struct=True):
        r = self.r
        x = r.random()
        if x < 0.15:
            return None
        if x < 0.25 and allow_struct:
            return r.choice(self.structs)
        return r.choice(SCALARS)

    # ----------------------------------------------------------- expressions
    def fresh(self, prefix):
        self.tmp += 1
        return "%s%d" % (prefix, self.tmp)

    def const(self):
        r = self.r
        if r.random() < 0.6:
            return c_lit(r.choice(INTERESTING))
        return c_lit(r.getrandbits(r.choice([8, 16, 32, 64])))

    def place_read(self, sc, depth):
        """An lvalue of a struct field reachable from a pointer in scope."""
        ptr, st, w = self.r.choice(sc.ptrs)
        suffix, ty, n = self.r.choice(st.paths())
        lv = "(%s)->%s" % (ptr, suffix[1:])
        if n:
            lv += "[(%s) & %d]" % (self.expr(sc, min(depth, 1)), n - 1)
        return lv, ty

    def leaf(self, sc):
        r = self.r
        opts = [("var", 4), ("const", 2)]
        if sc.ro:
            opts.append(("ro", 2))
        if sc.ptrs:
            opts.append(("field", 3))
        if self.file_tables():
            opts.append(("table", 1))
        if sc.elems:
            opts.append(("elem", 3))
        if sc.gvars:
            opts.append(("global", 2))
        kind = pick_weighted(r, [(w, k) for k, w in opts])
        if kind == "global":
            return "(uint64_t)" + r.choice(sc.gvars)[0]
        if kind == "var" and sc.vars:
            return r.choice(sc.vars)
        if kind == "ro":
            return "(uint64_t)" + r.choice(sc.ro)
        if kind == "field":
            lv, ty = self.place_read(sc, 0)
            return "(uint64_t)" + lv
        if kind == "table":
            name, ty, n, _, _ = r.choice(self.file_tables())
            idx = r.choice(sc.vars) if sc.vars else self.const()
            return "(uint64_t)%s[(%s) & %d]" % (name, idx, n - 1)
        if kind == "elem":
            lv, ty, w = r.choice(sc.elems)
            return "(uint64_t)" + lv
        return self.const()

    def expr(self, sc, depth):
        r = self.r
        if depth <= 0 or r.random() < 0.2:
            return self.leaf(sc)
        d = depth - 1
        a = lambda: self.expr(sc, d)
        k = r.randrange(100)
        if k < 28:
            op = r.choice(["+", "-", "*", "&", "|", "^", "+", "^"])
            return "(%s %s %s)" % (a(), op, a())
        if k < 36:
            op = r.choice(["+", "-", "*", "^", "&"])
            return "(uint64_t)((uint32_t)%s %s (uint32_t)%s)" % (a(), op, a())
        if k < 44:
            op = r.choice(["<<", ">>"])
            if r.random() < 0.5:
                return "(%s %s (%s & 63))" % (a(), op, a())
            return "(uint64_t)((uint32_t)%s %s (%s & 31))" % (a(), op, a())
        if k < 47:
            return "(uint64_t)((int64_t)%s >> (%s & 63))" % (a(), a())
        if k < 52:
            op = r.choice(["/", "%"])
            if r.random() < 0.6:
                return "(%s %s (%s | 1))" % (a(), op, a())
            return "(uint64_t)((uint32_t)%s %s ((uint32_t)%s | 1u))" % (a(), op, a())
        if k < 55:
            # Signed division without /0 or INT64_MIN / -1: the divisor is
            # a variable or constant, checked first.
            x, y = a(), self.leaf(sc)
            op = r.choice(["/", "%"])
            return ("(((int64_t)%s == 0 || (int64_t)%s == -1) ? %s : "
                    "(uint64_t)((int64_t)%s %s (int64_t)%s))" % (y, y, x, x, op, y))
        if k < 63:
            op = r.choice(["<", "<=", ">", ">=", "==", "!="])
            cast = r.choice(["", "(int64_t)", "(int32_t)", "(uint32_t)", "(uint8_t)"])
            return "(uint64_t)(%s%s %s %s%s)" % (cast, a(), op, cast, a())
        if k < 69:
            return "(%s ? %s : %s)" % (a(), a(), a())
        if k < 74:
            t = r.choice(["uint8_t", "uint16_t", "uint32_t", "int8_t", "int16_t", "int32_t", "bool"])
            if t.startswith("int"):
                return "(uint64_t)(int64_t)(%s)%s" % (t, a())
            return "(uint64_t)(%s)%s" % (t, a())
        if k < 78:
            return r.choice(["(~%s)", "(0 - %s)", "(uint64_t)!%s"]) % a()
        if k < 85:
            x = a()
            return r.choice([
                "(uint64_t)__builtin_popcountll(%s)" % x,
                "(%s ? (uint64_t)__builtin_ctzll(%s) : 64)" % (x, x),
                "(%s ? (uint64_t)__builtin_clzll(%s) : 64)" % (x, x),
                "__builtin_bswap64(%s)" % x,
                "(uint64_t)__builtin_bswap32((uint32_t)%s)" % x,
                "(uint64_t)__builtin_bswap16((uint16_t)%s)" % x,
                "(uint64_t)__builtin_parityll(%s)" % x,
                "__builtin_rotateleft64(%s, %s & 63)" % (x, a()),
                "(uint64_t)__builtin_rotateright32((uint32_t)%s, (uint32_t)%s & 31)" % (x, a()),
            ])
        if k < 88:
            x, y = a(), "(" + a() + " & 63)"
            return "((%s << %s) | (%s >> ((64 - %s) & 63)))" % (x, y, x, y)
        if k < 95:
            pure = [f for f in self.statics + self.exts
                    if f.pure and f.idx < self.limit_of(sc.fn, f) and self.args_ok(sc, f)]
            if pure:
                f = r.choice(pure)
                return "(uint64_t)%s(%s)" % (f.name, self.args(sc, f, 0))
        return self.leaf(sc)

    def limit_of(self, caller, callee):
        """Callees a function may use: ones of its kind defined before it
        (no recursion), statics of its own file, any ext function from a
        helper."""
        if callee.kind == "static" and callee.file != caller.file:
            return -1
        if caller.kind == callee.kind:
            return caller.idx
        if caller.kind == "helper":
            return 1 << 30
        if caller.kind == "ext" and callee.kind == "static":
            return 1 << 30
        return -1

    def cond(self, sc, depth):
        e = self.expr(sc, depth)
        r = self.r
        x = r.random()
        if x < 0.4:
            return "(%s & %s) != 0" % (e, c_lit(1 << r.randrange(64)))
        if x < 0.7:
            return "%s %s %s" % (e, r.choice(["<", ">", "==", "!="]), self.expr(sc, 1))
        return "%s" % e

    # ------------------------------------------------------------ arguments
    def args_ok(self, sc, f):
        for p in f.params:
            if p.kind in ("ptr", "val") and not p.nullable:
                if not any(st is p.struct and (w or not p.mut) for _, st, w in sc.ptrs):
                    return False
            if p.kind == "buf" and not any(t == p.ty and (w or not p.mut) for _, _, t, w in sc.bufs):
                return False
        return True

    def args(self, sc, f, depth):
        r = self.r
        out = []
        buf_len = None
        for p in f.params:
            if p.kind == "int":
                if p.ty == "bool":
                    out.append("(%s & 1) != 0" % self.expr(sc, depth))
                else:
                    out.append("(%s)%s" % (INTS[p.ty][0], self.expr(sc, depth)))
            elif p.kind in ("ptr", "val"):
                cands = [e for e, st, w in sc.ptrs if st is p.struct and (w or not p.mut or p.kind == "val")]
                if p.kind == "ptr" and p.nullable and (not cands or r.random() < 0.2):
                    out.append("NULL")
                elif p.kind == "ptr":
                    out.append(r.choice(cands))
                else:
                    out.append("*" + r.choice(cands))
            elif p.kind == "buf":
                cands = [(e, n) for e, n, t, w in sc.bufs if t == p.ty and (w or not p.mut)]
                e, n = r.choice(cands)
                out.append(e)
                buf_len = n
            else:  # len, right after its buf
                x = r.random()
                if x < 0.4:
                    out.append(buf_len)
                elif x < 0.7:
                    out.append("(%s) >> %d" % (buf_len, r.randint(1, 3)))
                else:
                    out.append("(%s) %% ((%s) + 1)" % (self.expr(sc, 1), buf_len))
        return ", ".join(out)

    # ------------------------------------------------------------ statements
    def block(self, sc, n, depth, ind):
        lines = []
        for _ in range(n):
            lines += self.stmt(sc, depth, ind)
        return lines

    def stmt(self, sc, depth, ind):
        r = self.r
        fn = sc.fn
        pad = "\t" * ind
        writable = [(p, st) for p, st, w in sc.ptrs if w]
        opts = [("assign", 6)]
        if writable:
            opts.append(("store", 4))
        if depth > 0:
            opts += [("if", 2.5), ("switch", 0.8)]
            if sc.mult <= 8 and sc.loops < 2:
                opts.append(("loop", 1.5))
            if sc.bufs and sc.mult <= 8 and sc.loops < 2:
                opts.append(("bufloop", 2))
        if sc.guardable:
            opts.append(("guard", 3))
        if any(w for _, w in sc.gvars):
            opts.append(("gstore", 2))
        callees = self.callees(sc)
        if callees:
            opts.append(("call", 3))
        atom = [(p, st) for p, st in writable
                if any(t in ("u32", "u64", "i32", "i64") for _, t, _ in st.paths())]
        if atom:
            opts.append(("atomic", 0.6))
        if len(writable) and len(sc.ptrs) > 1:
            opts.append(("copy", 0.5))
        if sc.nested and fn.kind != "static":
            opts.append(("return", 0.4))
        opts.append(("overflow", 0.5))
        kind = pick_weighted(r, [(w, k) for k, w in opts])
        fn.cost += sc.mult

        if kind == "assign":
            v = r.choice(sc.vars)
            op = r.choice(["=", "=", "+=", "^=", "-=", "|=", "&=", "*="])
            return [pad + "%s %s %s;" % (v, op, self.expr(sc, 3))]
        if kind == "store":
            ptr, st = r.choice(writable)
            suffix, ty, n = r.choice(st.paths())
            lv = "(%s)->%s" % (ptr, suffix[1:])
            if n:
                lv += "[(%s) & %d]" % (self.expr(sc, 1), n - 1)
            val = self.expr(sc, 3)
            if ty == "bool":
                return [pad + "%s = (%s & 1) != 0;" % (lv, val)]
            return [pad + "%s = (%s)%s;" % (lv, INTS[ty][0], val)]
        if kind == "if":
            out = [pad + "if (%s) {" % self.cond(sc, 2)]
            out += self.block(sc.child(), r.randint(1, 3), depth - 1, ind + 1)
            if r.random() < 0.5:
                out.append(pad + "} else {")
                out += self.block(sc.child(), r.randint(1, 3), depth - 1, ind + 1)
            return out + [pad + "}"]
        if kind == "switch":
            out = [pad + "switch (%s & 3) {" % self.expr(sc, 2)]
            for case in range(r.randint(2, 4)):
                out.append(pad + ("case %d:" % case if case < 3 else "default:"))
                out += self.block(sc.child(), r.randint(1, 2), depth - 1, ind + 1)
                if r.random() < 0.8:
                    out.append(pad + "\tbreak;")
            return out + [pad + "}"]
        if kind == "loop":
            i = self.fresh("i")
            if r.random() < 0.6:
                bound = str(r.randint(1, 8))
            else:
                bound = "(uint32_t)(%s & 7)" % self.expr(sc, 1)
            s2 = sc.child()
            s2.ro.append(i)
            s2.loops += 1
            s2.mult *= 8
            out = [pad + "for (uint32_t %s = 0; %s < %s; %s++) {" % (i, i, bound, i)]
            out += self.block(s2, r.randint(1, 3), depth - 1, ind + 1)
            return out + [pad + "}"]
        if kind == "bufloop":
            ptr, n, ty, w = r.choice(sc.bufs)
            i = self.fresh("i")
            s2 = sc.child()
            s2.ro.append(i)
            s2.loops += 1
            s2.mult *= BUF_LEN
            s2.elems.append(("%s[%s]" % (ptr, i), ty, w))
            lines = []
            if w and r.random() < 0.7:
                lines.append(pad + "\t%s[%s] = (%s)%s;" % (ptr, i, INTS[ty][0], self.expr(s2, 2)))
            lines += self.block(s2, r.randint(1, 2), depth - 1, ind + 1)
            return [pad + "for (size_t %s = 0; %s < %s && %s < %d; %s++) {" % (i, i, n, i, BUF_LEN, i)] + \
                lines + [pad + "}"]
        if kind == "guard":
            p = r.choice(sc.guardable)
            s2 = sc.child()
            s2.guardable.remove(p)
            s2.ptrs.append((p.name, p.struct, p.mut))
            out = [pad + "if (%s%s) {" % (p.name, r.choice([" != NULL", ""]))]
            out += self.block(s2, r.randint(1, 3), max(depth - 1, 0), ind + 1)
            if r.random() < 0.4:
                out.append(pad + "} else {")
                s3 = sc.child()
                s3.guardable.remove(p)
                out += self.block(s3, 1, max(depth - 1, 0), ind + 1)
            return out + [pad + "}"]
        if kind == "call":
            f = r.choice(callees)
            fn.cost += sc.mult * f.cost
            call = "%s(%s)" % (f.name, self.args(sc, f, 2))
            if f.ret is None:
                return [pad + call + ";"]
            if isinstance(f.ret, Struct):
                st = f.ret
                targets = [p for p, s in writable if s is st]
                if targets and r.random() < 0.5:
                    return [pad + "*(%s) = %s;" % (r.choice(targets), call)]
                t = self.fresh("t")
                suffix, ty, n = r.choice(st.paths())
                place = "%s%s%s" % (t, suffix, "[%d]" % r.randrange(n) if n else "")
                return [pad + "{", pad + "\t%s %s = %s;" % (st.c, t, call),
                        pad + "\t%s ^= (uint64_t)%s;" % (r.choice(sc.vars), place), pad + "}"]
            v = r.choice(sc.vars)
            return [pad + "%s %s (uint64_t)%s;" % (v, r.choice(["=", "+=", "^="]), call)]
        if kind == "atomic":
            ptr, st = r.choice(atom)
            places = [(s, t, n) for s, t, n in st.paths() if t in ("u32", "u64", "i32", "i64")]
            suffix, ty, n = r.choice(places)
            lv = "(%s)->%s" % (ptr, suffix[1:])
            if n:
                lv += "[(%s) & %d]" % (self.expr(sc, 1), n - 1)
            op = r.choice(["__atomic_fetch_add", "__atomic_fetch_sub", "__atomic_fetch_or",
                           "__atomic_fetch_xor", "__atomic_add_fetch", "__atomic_exchange_n"])
            order = r.choice(["__ATOMIC_RELAXED", "__ATOMIC_SEQ_CST", "__ATOMIC_ACQ_REL"])
            if op == "__atomic_exchange_n":
                order = r.choice(["__ATOMIC_RELAXED", "__ATOMIC_SEQ_CST"])
            v = r.choice(sc.vars)
            return [pad + "%s ^= (uint64_t)%s(&%s, (%s)%s, %s);" %
                    (v, op, lv, INTS[ty][0], self.expr(sc, 2), order)]
        if kind == "copy":
            by = {}
            for p, st, w in sc.ptrs:
                by.setdefault(st.idx, []).append((p, w))
            pairs = [(d, s) for lst in by.values() for d, w in lst if w for s, _ in lst]
            if pairs:
                d, s = r.choice(pairs)
                if r.random() < 0.5:
                    return [pad + "*(%s) = *(%s);" % (d, s)]
                return [pad + "memmove(%s, %s, sizeof(*(%s)));" % (d, s, d)]
            return [pad + "%s ^= %s;" % (r.choice(sc.vars), self.expr(sc, 2))]
        if kind == "return":
            return [pad + self.ret_stmt(sc)]
        if kind == "gstore":
            g = r.choice([g for g, w in sc.gvars if w])
            return [pad + "%s %s %s;" % (g, r.choice(["=", "+=", "^="]), self.expr(sc, 2))]
        # overflow builtins
        t = self.fresh("o")
        ty = r.choice(["uint32_t", "int32_t", "uint64_t", "int64_t", "uint16_t"])
        op = r.choice(["add", "sub", "mul"])
        v = r.choice(sc.vars)
        return [pad + "{", pad + "\t%s %s;" % (ty, t),
                pad + "\t%s += (uint64_t)__builtin_%s_overflow((%s)%s, (%s)%s, &%s);" %
                (v, op, ty, self.expr(sc, 2), ty, self.expr(sc, 2), t),
                pad + "\t%s ^= (uint64_t)%s;" % (v, t), pad + "}"]

    def callees(self, sc):
        fn = sc.fn
        out = []
        for f in self.statics + self.exts + self.helpers:
            if f is fn or f.idx >= self.limit_of(fn, f) or not self.args_ok(sc, f):
                continue
            if fn.kind == "static" and fn.pure and not f.pure:
                continue
            if fn.cost + sc.mult * f.cost > 3000:
                continue
            out.append(f)
        return out

    def ret_stmt(self, sc):
        fn = sc.fn
        if fn.ret is None:
            return "return;"
        if isinstance(fn.ret, Struct):
            return "return r;"
        if fn.ret == "bool":
            return "return (%s & 1) != 0;" % self.expr(sc, 2)
        return "return (%s)%s;" % (INTS[fn.ret][0], self.expr(sc, 3))

    # ------------------------------------------------------------- functions
    def body(self, fn, n_stmts, depth):
        r = self.r
        self.cur_file = fn.file
        sc = Scope(fn)
        decls = []
        for p in fn.params:
            if p.kind in ("int", "len"):
                v = "v%d" % len(sc.vars)
                decls.append("\tuint64_t %s = (uint64_t)%s;" % (v, p.name))
                sc.vars.append(v)
            elif p.kind == "ptr":
                if p.nullable:
                    sc.guardable.append(p)
                else:
                    sc.ptrs.append((p.name, p.struct, p.mut))
            elif p.kind == "val":
                sc.ptrs.append(("&" + p.name, p.struct, fn.kind != "static" or not fn.pure))
        for i, p in enumerate(fn.params):
            if p.kind == "buf":
                sc.bufs.append((p.name, fn.params[i + 1].name, p.ty, p.mut))
        for _ in range(r.randint(1, 3)):
            v = "v%d" % len(sc.vars)
            decls.append("\tuint64_t %s = %s;" % (v, self.const()))
            sc.vars.append(v)
        if fn.kind != "static" or not fn.pure:
            # Local objects helpers can point other helpers at.
            for st in self.structs:
                if r.random() < 0.35:
                    name = "l%d" % st.idx
                    decls.append("\t%s %s;" % (st.c, name))
                    decls.append("\tmemset(&%s, 0, sizeof(%s));" % (name, name)
                                 if r.random() < 0.5 else "\t%s = (%s){0};" % (name, st.c))
                    sc.ptrs.append(("&" + name, st, True))
            for ty in BUF_ELEMS:
                if r.random() < 0.15:
                    name = "lb_%s" % ty
                    decls.append("\t%s %s[%d] = {0};" % (INTS[ty][0], name, BUF_LEN))
                    sc.bufs.append((name, str(BUF_LEN), ty, True))
        writes = fn.kind != "static" or not fn.pure
        for name, ty, file, ext, _ in self.globals:
            if not ext and file != fn.file:
                continue
            if isinstance(ty, Struct):
                sc.ptrs.append(("&" + name, ty, writes))
            else:
                sc.gvars.append((name, writes))
        pre = []
        if fn.kind == "helper" and r.random() < 0.04:
            # A static local: the helper has state of its own.
            decls.append("\tstatic uint32_t sl = %du;" % r.getrandbits(16))
            pre.append("\tsl = sl * 1103515245u + 12345u;")
            pre.append("\t%s ^= (uint64_t)sl;" % r.choice(sc.vars))
            sc.gvars.append(("sl", True))
        if isinstance(fn.ret, Struct):
            decls.append("\t%s r;" % fn.ret.c)
            decls.append("\tmemset(&r, 0, sizeof(r));")
            sc.ptrs.append(("&r", fn.ret, True))
        lines = pre + self.block(sc, n_stmts, depth, 1)
        lines.append("\t" + self.ret_stmt(sc))
        fn.lines = decls + lines

    def make_statics(self):
        r = self.r
        for i in range(r.choice([0, 1, 1, 2, 3])):
            file = r.randint(1, self.nfiles)
            f = Func("%sk%d" % (self.file_prefix(file), i), "static", i)
            f.file = file
            f.pure = r.random() < 0.6
            f.storage = "static "
            f.attr = r.choice(["inline ", "inline ", "", "__attribute__((noinline)) ",
                               "__attribute__((always_inline)) inline "])
            n = r.randint(1, 3)
            if f.pure:
                while len(f.params) < n:
                    if r.random() < 0.75:
                        f.params.append(Param("p%d" % len(f.params), "int", r.choice(SCALARS)))
                    else:
                        f.params.append(Param("p%d" % len(f.params), "ptr", struct=r.choice(self.structs)))
                f.ret = r.choice(["u64", "u32", "u8", "i32", "bool"])
            else:
                self.rand_params(f, n, allow_val=False)
                f.ret = self.rand_ret(allow_struct=False)
            self.statics.append(f)
            self.body(f, r.randint(1, 4), 2)

    def make_exts(self):
        r = self.r
        for i in range(1 if r.random() < 0.15 else 0):
            f = Func("fz_ext%d" % i, "ext", i)
            f.file = r.randint(1, self.nfiles)
            f.pure = False
            self.rand_params(f, r.randint(1, 3), allow_val=False)
            f.ret = self.rand_ret(allow_struct=False)
            self.exts.append(f)
            self.body(f, r.randint(2, 5), 2)

    def make_helpers(self):
        r = self.r
        for i in range(r.randint(3, 8)):
            f = Func("rust_helper_fz%d" % i, "helper", i)
            f.file = r.randint(1, self.nfiles)
            if r.random() < 0.04:
                f.attr = "__attribute__((noinline)) "
            self.rand_params(f, r.randint(0, 5))
            f.ret = self.rand_ret()
            self.helpers.append(f)
            self.body(f, r.randint(2, 8), 3)

    # ---------------------------------------------------------------- output
    def c_header(self):
        """fuzz.h: the types and the extern functions every file shares."""
        out = ["/* Generated by scripts/lib/fuzz/gen.py (seed %d, case %d); do not edit. */" %
               (self.seed, self.index),
               "#ifndef FUZZ_H", "#define FUZZ_H", "",
               "#include <stdbool.h>", "#include <stddef.h>", "#include <stdint.h>",
               "#include <string.h>", ""]
        for s in self.structs:
            out.append("%s {" % s.c)
            for name, kind, ty, n in s.fields:
                if kind == "int":
                    out.append("\t%s %s;" % (INTS[ty][0], name))
                elif kind == "arr":
                    out.append("\t%s %s[%d];" % (INTS[ty][0], name, n))
                else:
                    out.append("\t%s %s;" % (ty.c, name))
            out.append("};")
            out.append("")
        for name, ty, file, ext, _ in self.globals:
            if ext:
                out.append("extern %s %s;" % (ty.c if isinstance(ty, Struct) else INTS[ty][0], name))
        for f in self.exts + self.helpers:
            out.append("%s;" % f.proto())
        out += ["", "#endif"]
        return "\n".join(out) + "\n"

    def c_source(self, file):
        out = ["/* Generated by scripts/lib/fuzz/gen.py (seed %d, case %d); do not edit. */" %
               (self.seed, self.index),
               '#include "%sfuzz.h"' % ("" if file == 1 else "../"), ""]
        for name, ty, f, ext, init in self.globals:
            if f != file:
                continue
            if isinstance(ty, Struct):
                out.append("%s %s;" % (ty.c, name))
            else:
                out.append("%s%s %s = %s;" % ("" if ext else "static ", INTS[ty][0], name, c_lit(init)))
            out.append("")
        for name, ty, n, vals, f in self.tables:
            if f != file:
                continue
            out.append("static const %s %s[%d] = {" % (INTS[ty][0], name, n))
            for i in range(0, n, 4):
                out.append("\t" + " ".join("%s," % c_lit(v) for v in vals[i:i + 4]))
            out.append("};")
            out.append("")
        for f in self.statics + self.exts + self.helpers:
            if f.file != file:
                continue
            out.append(f.proto())
            out.append("{")
            out += f.lines
            out.append("}")
            out.append("")
        return "\n".join(out) + "\n"

    def rs_lit(self, ty):
        r = self.r
        rt = INTS[ty][1]
        if ty == "bool":
            return r.choice(["true", "false"])
        x = r.random()
        if x < 0.3:
            return "%s::%s" % (rt, r.choice(["MIN", "MAX"]))
        v = r.choice(INTERESTING) if x < 0.7 else r.getrandbits(64)
        return "(0x%Xu64 as %s)" % (v, rt)

    def rs_source(self):
        r = self.r
        L = []
        L.append("//! Generated by scripts/lib/fuzz/gen.py (seed %d, case %d); do not edit." %
                 (self.seed, self.index))
        L.append("#![allow(warnings)]")
        L.append("use std::ffi::c_int;")
        L.append("use std::ptr::{addr_of, addr_of_mut, null, null_mut};")
        L.append("")
        for s in self.structs:
            L.append("#[repr(C)]")
            L.append("#[derive(Clone, Copy)]")
            L.append("struct %s {" % s.rs)
            for name, kind, ty, n in s.fields:
                if kind == "int":
                    L.append("    %s: %s," % (name, INTS[ty][1]))
                elif kind == "arr":
                    L.append("    %s: [%s; %d]," % (name, INTS[ty][1], n))
                else:
                    L.append("    %s: %s," % (name, ty.rs))
            L.append("}")
            L.append("")
            L.append("fn new_%d(g: &mut Rng) -> %s {" % (s.idx, s.rs))
            L.append("    %s {" % s.rs)
            for name, kind, ty, n in s.fields:
                if kind == "int":
                    L.append("        %s: %s," % (name, "g.bit()" if ty == "bool" else "g.next() as " + INTS[ty][1]))
                elif kind == "arr":
                    L.append("        %s: [%s]," % (name, ", ".join(["g.next() as " + INTS[ty][1]] * n)))
                else:
                    L.append("        %s: new_%d(g)," % (name, ty.idx))
            L.append("    }")
            L.append("}")
            L.append("")
            L.append("fn hash_%d(mut h: u64, s: &%s) -> u64 {" % (s.idx, s.rs))
            for name, kind, ty, n in s.fields:
                if kind == "int":
                    L.append("    h = mix(h, s.%s as u64);" % name)
                elif kind == "arr":
                    L.append("    for x in s.%s.iter() {" % name)
                    L.append("        h = mix(h, *x as u64);")
                    L.append("    }")
                else:
                    L.append("    h = hash_%d(h, &s.%s);" % (ty.idx, name))
            L.append("    h")
            L.append("}")
            L.append("")
        L.append('unsafe extern "C" {')
        for f in self.helpers:
            ps = ", ".join("%s: %s" % (p.name, p.rs_type()) for p in f.params)
            L.append("    fn %s(%s)%s;" % (f.name, ps, f.rs_ret()))
        for name, ty, file, ext, _ in self.globals:
            if ext:
                L.append("    static mut %s: %s;" % (name, ty.rs if isinstance(ty, Struct) else INTS[ty][1]))
        L.append("}")
        L.append("")
        L.append(RUST_RUNTIME)

        # The objects every call can point at: two of each struct, two
        # 16-element buffers of each element type.
        pool = []
        for s in self.structs:
            for m in range(2):
                pool.append(("s%d_%d" % (s.idx, m), "new_%d(&mut g)" % s.idx, "hash_%d(st, &s%d_%d)" % (s.idx, s.idx, m)))
        for ty in BUF_ELEMS:
            rt = INTS[ty][1]
            for m in range(2):
                pool.append(("b%s_%d" % (ty, m), "[0%s; %d].map(|_| g.next() as %s)" % (rt, BUF_LEN, rt),
                             "hash_buf(st, &b%s_%d)" % (ty, m)))
        state = "state!()"

        called = [f for f in self.helpers if r.random() < 0.85] or [self.helpers[-1]]
        sites = []  # Rust functions holding some call sites
        body = []
        n_calls = r.randint(8, 24)
        for c in range(n_calls):
            f = r.choice(called)
            style = r.random()
            tag = "c%d %s" % (c, f.name[len("rust_helper_"):])
            if style < 0.5:
                args = self.rs_args(f, "g.next()")
                if r.random() < 0.1:
                    # Through a pointer the optimizer cannot see through:
                    # the helper's address is taken, the call is indirect.
                    body.append("    let fp = std::hint::black_box(%s as %s);" % (f.name, self.rs_fn_type(f)))
                    body.append("    let rv = unsafe { fp(%s) };" % args)
                else:
                    body.append("    let rv = unsafe { %s(%s) };" % (f.name, args))
                body.append("    last = %s;" % self.rs_res(f, "rv"))
                body.append("    sums[%d] = mix(sums[%d], last);" % (f.idx, f.idx))
                body.append('    report("%s", last, %s);' % (tag, state))
            elif style < 0.75:
                k = r.randint(2, 16)
                args = self.rs_args(f, r.choice(["(it as u64)", "acc", "g.next()", "(acc ^ it as u64)"]))
                body.append("    let mut acc = last;")
                body.append("    for it in 0..%du32 {" % k)
                body.append("        let rv = unsafe { %s(%s) };" % (f.name, args))
                body.append("        acc = mix(acc, %s);" % self.rs_res(f, "rv"))
                body.append("    }")
                body.append("    last = acc;")
                body.append("    sums[%d] = mix(sums[%d], acc);" % (f.idx, f.idx))
                body.append('    report("%s", acc, %s);' % (tag, state))
            else:
                name, params, call_args = self.rs_site(f, len(sites))
                sites.append((name, params, f))
                body.append("    last = unsafe { %s(&mut g, last%s) };" % (name, ", " + call_args if call_args else ""))
                body.append("    sums[%d] = mix(sums[%d], last);" % (f.idx, f.idx))
                body.append('    report("%s", last, %s);' % (tag, state))
        L.append("#[inline(never)]")
        L.append("fn state(%s) -> u64 {" % ", ".join(
            "%s: &%s" % (name, self.pool_type(name)) for name, _, _ in pool))
        L.append("    let mut st = 0u64;")
        for _, _, h in pool:
            L.append("    st = %s;" % h.replace("&", ""))
        # The helper files' extern state, as Rust sees it.
        for name, ty, file, ext, _ in self.globals:
            if not ext:
                continue
            if isinstance(ty, Struct):
                L.append("    st = hash_%d(st, &unsafe { addr_of!(%s).read() });" % (ty.idx, name))
            else:
                L.append("    st = mix(st, unsafe { addr_of!(%s).read() } as u64);" % name)
        L.append("    st")
        L.append("}")
        L.append("")
        for name, text, f in sites:
            L.append(text)
        L.append("#[no_mangle]")
        L.append('pub extern "C" fn main() -> c_int {')
        L.append("    let mut g = Rng(0x%016Xu64);" % r.getrandbits(64))
        for name, init, _ in pool:
            L.append("    let mut %s = %s;" % (name, init))
        L.append("    // The hash of every object a helper may have written.")
        L.append("    macro_rules! state {")
        L.append("        () => {")
        L.append("            state(%s)" % ", ".join("&" + name for name, _, _ in pool))
        L.append("        };")
        L.append("    }")
        L.append("    let mut last = 0u64;")
        L.append("    let mut sums = [0u64; %d];" % len(self.helpers))
        L += body
        L.append("    for (i, s) in sums.iter().enumerate() {")
        L.append('        println!("helper {} {:016x}", i, s);')
        L.append("    }")
        L.append('    println!("state {:016x}", %s);' % state)
        L.append("    0")
        L.append("}")
        return "\n".join(L) + "\n"

    def rs_fn_type(self, f):
        return 'unsafe extern "C" fn(%s)%s' % (", ".join(p.rs_type() for p in f.params), f.rs_ret())

    def pool_type(self, name):
        if name.startswith("s"):
            return "FzS%s" % name[1:].split("_")[0]
        return "[%s; %d]" % (name[1:].split("_")[0], BUF_LEN)

    def rs_res(self, f, v):
        if f.ret is None:
            return "0x5Au64"
        if isinstance(f.ret, Struct):
            return "hash_%d(0, &%s)" % (f.ret.idx, v)
        return "%s as u64" % v

    def rs_int(self, ty, src):
        """A Rust value of INTS type ty: a literal, or from the u64 source."""
        r = self.r
        if r.random() < 0.3:
            return self.rs_lit(ty)
        if ty == "bool":
            return "(%s & 1 == 1)" % src
        return "(%s as %s)" % (src, INTS[ty][1])

    def rs_args(self, f, src):
        """Arguments for a direct call from main (pool objects by address)."""
        r = self.r
        out = []
        for i, p in enumerate(f.params):
            if p.kind == "int":
                out.append(self.rs_int(p.ty, src))
            elif p.kind == "ptr":
                obj = "s%d_%d" % (p.struct.idx, r.randrange(2))
                glob = [g for g, ty, _, ext, _ in self.globals if ext and ty is p.struct]
                if glob and r.random() < 0.3:
                    obj = r.choice(glob)  # C's own object
                if p.nullable and r.random() < 0.25:
                    out.append("null_mut()" if p.mut else "null()")
                else:
                    out.append("addr_of%s!(%s)" % ("_mut" if p.mut else "", obj))
            elif p.kind == "val":
                out.append("s%d_%d" % (p.struct.idx, r.randrange(2)))
            elif p.kind == "buf":
                obj = "b%s_%d" % (p.ty, r.randrange(2))
                rt = INTS[p.ty][1]
                out.append("addr_of%s!(%s) as *%s %s" % ("_mut" if p.mut else "", obj,
                                                        "mut" if p.mut else "const", rt))
            else:
                if r.random() < 0.4:
                    out.append("%dusize" % r.randint(0, BUF_LEN))
                else:
                    out.append("(%s %% %d) as usize" % (src, BUF_LEN + 1))
        return ", ".join(out)

    def rs_site(self, f, n):
        """A Rust function that calls f once or twice, through references to
        the pool objects it is given (an object used twice is passed once)."""
        r = self.r
        name = "site%d" % n
        objs = {}  # pool object -> needs mut
        plan = []
        for p in f.params:
            if p.kind in ("ptr", "val"):
                obj = "s%d_%d" % (p.struct.idx, r.randrange(2))
                objs[obj] = (objs.get(obj, (False, p.struct.rs))[0] or (p.kind == "ptr" and p.mut), p.struct.rs)
                plan.append(obj)
            elif p.kind == "buf":
                obj = "b%s_%d" % (p.ty, r.randrange(2))
                objs[obj] = (objs.get(obj, (False, None))[0] or p.mut, "[%s; %d]" % (INTS[p.ty][1], BUF_LEN))
                plan.append(obj)
            else:
                plan.append(None)
        params = ", ".join("%s: &%s%s" % (o, "mut " if m else "", t) for o, (m, t) in objs.items())
        call_args = ", ".join("&mut %s" % o if m else "&%s" % o for o, (m, t) in objs.items())
        attrs = ["#[inline(never)]\n", "", "#[inline(always)]\n", "#[cold]\n"]
        if self.cpu_v2:
            # A caller with more target features than the helpers.
            attrs.append('#[target_feature(enable = "popcnt,sse4.2")]\n')
        attr = r.choice(attrs)
        L = ["%sunsafe fn %s(g: &mut Rng, last: u64%s) -> u64 {" % (attr, name, ", " + params if params else "")]
        L.append("    let mut h = last;")
        for rep in range(r.choice([1, 1, 2])):
            args = []
            for p, obj in zip(f.params, plan):
                if p.kind == "int":
                    args.append(self.rs_int(p.ty, r.choice(["g.next()", "h"])))
                elif p.kind == "ptr":
                    mut = objs[obj][0]
                    if p.nullable and r.random() < 0.2:
                        args.append("null_mut()" if p.mut else "null()")
                    elif p.mut:
                        args.append("&raw mut *%s" % obj)
                    else:
                        args.append("&raw const *%s" % obj)
                elif p.kind == "val":
                    args.append("*%s" % obj)
                elif p.kind == "buf":
                    rt = INTS[p.ty][1]
                    args.append("(&raw %s *%s) as *%s %s" % ("mut" if p.mut else "const", obj,
                                                            "mut" if p.mut else "const", rt))
                else:
                    args.append("(h %% %d) as usize" % (BUF_LEN + 1) if r.random() < 0.6
                                else "%dusize" % r.randint(0, BUF_LEN))
            L.append("    let rv = unsafe { %s(%s) };" % (f.name, ", ".join(args)))
            L.append("    h = mix(h, %s);" % self.rs_res(f, "rv"))
        L.append("    h")
        L.append("}")
        L.append("")
        return name, "\n".join(L), call_args

    def c_flags(self):
        r = self.r
        c = ["--target=x86_64-unknown-linux-gnu", pick_weighted(r, C_OPT)]
        c += [f for p, f in C_EXTRA if r.random() < p]
        if self.cpu_v2 and r.random() < 0.06:
            c.append("-march=x86-64-v2")
        if "-g" not in c:
            c.append("-g0")
        return c

    def rust_flags(self):
        r = self.r
        rs = ["--edition=2021", "--crate-type=staticlib", "--crate-name=rih_fuzz",
              "-Copt-level=" + pick_weighted(r, RUST_OPT), "-Ccodegen-units=1", "-Cpanic=abort",
              "-Cdebuginfo=%d" % r.choice([0, 0, 0, 1, 2])]
        rs += [f for p, f in RUST_EXTRA if r.random() < p]
        if self.cpu_v2 and r.random() < 0.06:
            rs.append("-Ctarget-cpu=x86-64-v2")
        return rs

    def generate(self):
        """The case's files: {relative path: text}."""
        self.make_structs()
        self.nfiles = 2 if self.r.random() < 0.3 else 1
        self.make_tables()
        self.make_globals()
        self.make_statics()
        self.make_exts()
        self.make_helpers()
        files = {"fuzz.h": self.c_header(), "main.rs": self.rs_source()}
        for file in range(1, self.nfiles + 1):
            d = "" if file == 1 else "part%d/" % file
            files[d + "helpers.c"] = self.c_source(file)
            files[d + "cflags.txt"] = ("# clang flags of %shelpers.c (scripts/lib/fuzz/gen.py)\n" % d +
                                       "\n".join(self.c_flags()) + "\n")
        files["rustflags.txt"] = ("# rustc flags of main.rs (scripts/lib/fuzz/gen.py)\n" +
                                  "\n".join(self.rust_flags()) + "\n")
        return files


RUST_RUNTIME = """\
/// splitmix64: the fixed pseudo-random sequence of the arguments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn bit(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x0000_0100_0000_01B3).rotate_left(29) ^ 0x2545_F491_4F6C_DD1D
}

#[inline(never)]
fn report(tag: &str, v: u64, st: u64) {
    println!("{} {:016x} {:016x}", tag, v, st);
}

fn hash_buf<T: Copy + Into<u64>>(mut h: u64, b: &[T]) -> u64 {
    for x in b {
        h = mix(h, (*x).into());
    }
    h
}
"""


def write_case(root, seed, index, cpu_v2):
    files = Gen(seed, index, cpu_v2).generate()
    d = os.path.join(root, "case-%04d" % index)
    for name, text in files.items():
        path = os.path.join(d, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cpu-v2", action="store_true")
    ap.add_argument("seed", type=int)
    ap.add_argument("first", type=int)
    ap.add_argument("count", type=int, nargs="?")
    ap.add_argument("outroot", nargs="?")
    a = ap.parse_args()
    if a.count is None:
        for name, text in Gen(a.seed, a.first, a.cpu_v2).generate().items():
            sys.stdout.write("=== %s\n%s" % (name, text))
        return
    if a.outroot is None:
        ap.error("OUTROOT is required with COUNT")
    for i in range(a.first, a.first + a.count):
        write_case(a.outroot, a.seed, i, a.cpu_v2)


if __name__ == "__main__":
    main()
