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
import re
import subprocess
import sys
import tempfile

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
C_OPT = [(0.60, "-O2"), (0.08, "-O1"), (0.08, "-O3"), (0.10, "-Os"), (0.04, "-Oz"), (0.10, "-O0")]
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
        self.file = 1  # 1: helpers.c, 2: part2/helpers.c, 4: part4 (C++)
        self.lines = []
        self.weak = False  # defined __attribute__((weak)) (not in fuzz.h)
        self.special_c = None  # C text defining it (naked, alias, ifunc...)

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
        # The odd constructs of make_odd(), with their own random stream so
        # that they do not reshuffle the rest of a case.
        self.o = random.Random("rih-fuzz-odd:%d:%d" % (seed, index))
        self.tls = []  # (name, file, is extern, initial value): __thread u64
        self.wconsts = []  # (name, file, value, override or None): weak const u64
        self.overrides = []  # C text of override.c (strong definitions)
        self.rs_externs = []  # Rust extern items of the odd helpers
        self.rs_pool = []  # Rust `let` lines of the objects they use
        self.rs_calls = []  # Rust lines calling them (after the other calls)
        self.features = []  # the odd constructs in this case (features.txt)
        self.cxx = False  # part4/helpers.c is C++ (extern "C", -fexceptions)
        self.csmith = None  # csmith's program for part3/helpers.c
        self.extra_c = {}  # file -> C text of odd helpers not in self.helpers

    def file_prefix(self, file):
        """Static names: fzc_ in helpers.c, fzcN_ in partN/helpers.c."""
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
        if self.wconsts:
            opts.append(("wconst", 1))
        kind = pick_weighted(r, [(w, k) for k, w in opts])
        if kind == "global":
            return "(uint64_t)" + r.choice(sc.gvars)[0]
        if kind == "wconst":
            return r.choice(self.wconsts)[0]
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
        if fn.file == CXX_FILE:
            opts.append(("template", 1))
            if depth > 0:
                opts.append(("trycatch", 1.5))
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
        if kind == "template":
            v = r.choice(sc.vars)
            ty = r.choice(["uint64_t", "uint32_t", "uint16_t"])
            return [pad + "%s ^= (uint64_t)fzx_mix<%s>((%s)%s, (%s)%s);" %
                    (v, ty, ty, self.expr(sc, 2), ty, self.expr(sc, 2))]
        if kind == "trycatch":
            # Thrown and caught inside the helper: nothing crosses into Rust.
            v = r.choice(sc.vars)
            out = [pad + "try {",
                   pad + "\tif (%s)" % self.cond(sc, 2),
                   pad + "\t\tthrow (uint64_t)%s;" % self.expr(sc, 2)]
            out += self.block(sc.child(), r.randint(1, 2), depth - 1, ind + 1)
            return out + [pad + "} catch (uint64_t e) {",
                          pad + "\t%s ^= e * 3;" % v, pad + "}"]
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
        for name, file, ext, _ in self.tls:
            if ext or file == fn.file:
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
        n = r.randint(3, 8)
        cxx = self.o.randint(1, 2) if self.cxx else 0
        for i in range(n + cxx):
            f = Func("rust_helper_fz%d" % i, "helper", i)
            f.file = CXX_FILE if i >= n else r.randint(1, self.nfiles)
            if r.random() < 0.04:
                f.attr = "__attribute__((noinline)) "
            self.rand_params(f, r.randint(0, 5))
            f.ret = self.rand_ret()
            self.helpers.append(f)
            self.body(f, r.randint(2, 8), 3)

    # ------------------------------------------------------- odd constructs
    def const_body(self, f):
        """A body for f's signature that returns a constant (override.c,
        an ifunc's other choice)."""
        v = self.o.getrandbits(64)
        if f.ret is None:
            return "{\n}"
        if isinstance(f.ret, Struct):
            return ("{\n\t%s r;\n\tmemset(&r, 0x%02x, sizeof(r));\n\treturn r;\n}" %
                    (f.ret.c, v & 0xFF))
        if f.ret == "bool":
            return "{\n\treturn %s;\n}" % ("true" if v & 1 else "false")
        return "{\n\treturn (%s)%s;\n}" % (INTS[f.ret][0], c_lit(v))

    def plain_proto(self, f, name=None, storage=""):
        ps = ", ".join(p.c_decl() for p in f.params) or "void"
        return "%s%s %s(%s)" % (storage, f.c_ret(), name or f.name, ps)

    def like(self, f, name, special_c):
        """A helper with f's signature and its own C text."""
        g = Func(name, "helper", len(self.helpers))
        g.params, g.ret, g.file = f.params, f.ret, f.file
        g.special_c = special_c
        self.helpers.append(g)
        return g

    def forwarder(self, target):
        """A helper that calls target (a weak alias or an ifunc): it is
        inlined, the call it makes stays a call."""
        name = "%s_caller" % target.name
        args = ", ".join(p.name for p in target.params)
        call = "%s(%s)" % (target.name, args)
        body = "{\n\t%s;\n}" % call if target.ret is None else "{\n\treturn %s;\n}" % call
        self.like(target, name, self.plain_proto(target, name) + "\n" + body)

    def make_odd_data(self):
        """Weak constants (override.c may give another value) and
        thread-local state, with and without a symbol, for the helpers'
        bodies to use."""
        o = self.o
        for file in range(1, self.nfiles + 1):
            if o.random() < 0.12:
                v = o.getrandbits(64)
                ov = o.getrandbits(64) if o.random() < 0.6 else None
                self.wconsts.append(("fz_wc%d" % file, file, v, ov))
                if ov is not None:
                    self.overrides.append("const uint64_t fz_wc%d = %s;" % (file, c_lit(ov)))
                self.features.append("weak-const")
            if o.random() < 0.12:
                ext = o.random() < 0.6
                name = ("fz_tls%d" % file) if ext else ("%stls" % self.file_prefix(file))
                self.tls.append((name, file, ext, o.getrandbits(64)))
                self.features.append("tls" if ext else "static-tls")

    def make_odd(self):
        """The constructs the plugin must treat specially (docs/linking.md): naked helpers, weak helpers, strong and weak aliases,
        ifuncs, helpers calling those, constant tables whose address escapes,
        constant tables with a symbol, weak constants, thread-local state,
        16-byte atomics under target("cx16").  override.c holds strong
        definitions that win over weak ones at the link."""
        o = self.o
        base = list(self.helpers)
        for f in base:
            if f.file != CXX_FILE and o.random() < 0.05:
                f.weak = True
                self.features.append("weak-helper")
                if o.random() < 0.6:
                    self.overrides.append(self.plain_proto(f) + "\n" + self.const_body(f))
        if o.random() < 0.12:
            for i in range(o.randint(1, 2)):
                asm = o.choice([
                    "lea (%rdi,%rsi), %rax", "mov %rdi, %rax\n\txor %rsi, %rax",
                    "mov %rdi, %rax\n\timul %rsi, %rax", "mov %rsi, %rax\n\tsub %rdi, %rax",
                    "mov %rdi, %rax\n\tshr $3, %rax\n\tadd %rsi, %rax"])
                f = Func("rust_helper_fzn%d" % i, "helper", len(self.helpers))
                f.params = [Param("p0", "int", "u64"), Param("p1", "int", "u64")]
                f.ret, f.file = "u64", o.randint(1, self.nfiles)
                f.special_c = ("__attribute__((naked)) %s\n{\n\t__asm__(\"%s\\n\\tret\");\n}" %
                               (self.plain_proto(f), asm.replace("\n\t", "\\n\\t")))
                self.helpers.append(f)
                self.features.append("naked")
        c_base = [f for f in base if f.file != CXX_FILE]
        if c_base and o.random() < 0.15:
            f = o.choice(c_base)
            self.like(f, f.name + "_alias", self.plain_proto(f, f.name + "_alias") +
                      ' __attribute__((alias("%s")));' % f.name)
            self.features.append("alias")
        if c_base and o.random() < 0.12:
            f = o.choice(c_base)
            w = self.like(f, f.name + "_walias", self.plain_proto(f, f.name + "_walias") +
                          ' __attribute__((weak, alias("%s")));' % f.name)
            if o.random() < 0.5:
                self.overrides.append(self.plain_proto(w) + "\n" + self.const_body(w))
            self.forwarder(w)
            self.features.append("weak-alias")
        if c_base and o.random() < 0.12:
            f = o.choice(c_base)
            pre = "%sif%d_" % (self.file_prefix(f.file), len(self.helpers))
            text = "\n".join([
                "static volatile int %ssel = %d;" % (pre, o.randint(0, 1)),
                self.plain_proto(f, pre + "alt", "static ") + "\n" + self.const_body(f),
                "static void *%sresolve(void)" % pre,
                "{",
                "\treturn %ssel ? (void *)%s : (void *)%salt;" % (pre, f.name, pre),
                "}",
                self.plain_proto(f, f.name + "_ifunc") + ' __attribute__((ifunc("%sresolve")));' % pre])
            self.forwarder(self.like(f, f.name + "_ifunc", text))
            self.features.append("ifunc")
        for name, ty, n, vals, file in self.tables:
            if o.random() < 0.25:
                # The address of a static const table, returned and compared.
                c, rt = INTS[ty][0], INTS[ty][1]
                h = "rust_helper_fzt_%s" % name
                self.csrc_extra(file, "\n".join([
                    "const %s *%s_ptr(uint64_t i)" % (c, h), "{",
                    "\treturn &%s[i & %d];" % (name, n - 1), "}",
                    "uint64_t %s_idx(const %s *p)" % (h, c), "{",
                    "\tfor (uint32_t i = 0; i < %d; i++)" % n,
                    "\t\tif (p == &%s[i])" % name, "\t\t\treturn i;",
                    "\treturn 999;", "}"]))
                self.rs_externs += ["    fn %s_ptr(i: u64) -> *const %s;" % (h, rt),
                                    "    fn %s_idx(p: *const %s) -> u64;" % (h, rt)]
                self.rs_calls += [
                    "    let p = unsafe { %s_ptr(g.next()) };" % h,
                    "    last = mix(unsafe { %s_idx(p) }, unsafe { *p } as u64);" % h,
                    '    report("%s", last, state!());' % h]
                self.features.append("escaping-table")
        for file in range(1, self.nfiles + 1):
            if o.random() < 0.1:
                # A constant table with a symbol: Rust compares its address.
                ty = o.choice(["u8", "u16", "u32", "u64"])
                n = o.choice([4, 8])
                c, rt = INTS[ty][0], INTS[ty][1]
                name = "fz_ct%d" % file
                h = "rust_helper_fzct%d_ptr" % file
                vals = ", ".join(c_lit(o.getrandbits(INTS[ty][2])) for _ in range(n))
                self.csrc_extra(file, "const %s %s[%d] = {%s};\n\nconst %s *%s(uint64_t i)\n{\n"
                                "\treturn &%s[i & %d];\n}" % (c, name, n, vals, c, h, name, n - 1))
                self.rs_externs += ["    static %s: [%s; %d];" % (name, rt, n),
                                    "    fn %s(i: u64) -> *const %s;" % (h, rt)]
                self.rs_calls += [
                    "    let i = g.next();",
                    "    let p = unsafe { %s(i) };" % h,
                    "    let same = p == unsafe { addr_of!(%s[(i & %d) as usize]) };" % (name, n - 1),
                    "    last = mix(same as u64, unsafe { *p } as u64);",
                    '    report("%s", last, state!());' % h]
                self.features.append("exported-const")
        # Drawn on every machine, so that a case is the same everywhere but
        # for this helper.
        if o.random() < 0.1 and self.cpu_v2:
            # A 16-byte compare-and-swap: inline only where cx16 is.
            file = o.randint(1, self.nfiles)
            h = "rust_helper_fzx16_%d" % file
            self.csrc_extra(file, "\n".join([
                '__attribute__((target("cx16"))) uint64_t %s(unsigned __int128 *p, uint64_t a, uint64_t b)' % h,
                "{",
                "\tunsigned __int128 old = *p, want = old + ((unsigned __int128)a << 64) + b;",
                "\tunsigned __int128 was = __sync_val_compare_and_swap(p, (a & 1) ? old : old + 1, want);",
                "\treturn (uint64_t)(was >> 64) ^ (uint64_t)was ^ (uint64_t)__sync_fetch_and_add(p, 1);",
                "}"]))
            self.rs_externs.append("    fn %s(p: *mut u128, a: u64, b: u64) -> u64;" % h)
            if not any(l.startswith("    let mut w128") for l in self.rs_pool):
                self.rs_pool.append("    let mut w128 = [g.next() as u128 | ((g.next() as u128) << 64), 7u128];")
            self.rs_calls += [
                "    let rv = unsafe { %s(addr_of_mut!(w128[%d]), g.next(), g.next()) };" % (h, o.randint(0, 1)),
                "    last = mix(mix(rv, w128[0] as u64 ^ (w128[0] >> 64) as u64), w128[1] as u64);",
                '    report("%s", last, state!());' % h]
            self.features.append("cas16")
        if self.csmith is not None:
            self.rs_externs += ["    fn rust_helper_csmith_run();",
                                "    fn rust_helper_csmith_checksum() -> u32;"]
            for k in range(o.randint(1, 2)):
                self.rs_calls += ["    unsafe { rust_helper_csmith_run() };",
                                  "    last = unsafe { rust_helper_csmith_checksum() } as u64;",
                                  '    report("csmith %d", last, state!());' % k]
            self.features.append("csmith")
        if self.cxx:
            self.features.append("c++")

    def csrc_extra(self, file, text):
        self.extra_c.setdefault(file, []).append(text)

    # ---------------------------------------------------------------- output
    def c_header(self):
        """fuzz.h: the types and the extern functions every file shares."""
        out = ["/* Generated by scripts/lib/fuzz/gen.py (seed %d, case %d); do not edit. */" %
               (self.seed, self.index),
               "#ifndef FUZZ_H", "#define FUZZ_H", "",
               "#include <stdbool.h>", "#include <stddef.h>", "#include <stdint.h>",
               "#include <string.h>", "",
               "#ifdef __cplusplus", 'extern "C" {', "#endif", ""]
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
        for name, file, ext, _ in self.tls:
            if ext:
                out.append("extern __thread uint64_t %s;" % name)
        for name, _, _, _ in self.wconsts:
            out.append("extern const uint64_t %s;" % name)
        for f in self.exts + self.helpers:
            out.append("%s;" % f.proto())
        out += ["", "#ifdef __cplusplus", "}", "#endif", "", "#endif"]
        return "\n".join(out) + "\n"

    def c_source(self, file):
        out = ["/* Generated by scripts/lib/fuzz/gen.py (seed %d, case %d); do not edit. */" %
               (self.seed, self.index),
               '#include "%sfuzz.h"' % ("" if file == 1 else "../"), ""]
        if file == CXX_FILE:
            out += ["// C++, built with -fexceptions: helpers with extern \"C\" linkage (fuzz.h)",
                    "// that throw and catch inside, and a template.",
                    "template <typename T> static inline T fzx_mix(T a, T b)", "{",
                    "\treturn (T)(a * (T)31u + (T)(b ^ (T)(a >> 3)));", "}", ""]
        for name, f, ext, init in self.tls:
            if f == file:
                out += ["%s__thread uint64_t %s = %s;" % ("" if ext else "static ", name, c_lit(init)), ""]
        for name, f, v, _ in self.wconsts:
            if f == file:
                out += ["__attribute__((weak)) const uint64_t %s = %s;" % (name, c_lit(v)), ""]
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
            if f.special_c is not None:
                out += [f.special_c, ""]
                continue
            out.append(("__attribute__((weak)) " if f.weak else "") + f.proto())
            out.append("{")
            out += f.lines
            out.append("}")
            out.append("")
        for text in self.extra_c.get(file, []):
            out += [text, ""]
        return "\n".join(out) + "\n"

    def override_source(self):
        """override.c: strong definitions that win at the link over the weak
        ones of the helper files."""
        out = ["/* Generated by scripts/lib/fuzz/gen.py (seed %d, case %d); do not edit. */" %
               (self.seed, self.index), '#include "fuzz.h"', ""]
        for text in self.overrides:
            out += [text, ""]
        return "\n".join(out) + "\n"

    def csmith_source(self):
        """part3/helpers.c: a csmith program as two helpers.  Its globals get
        symbols (csmith makes them static, which would keep every helper a
        call); rust_helper_csmith_run runs its func_1, and
        rust_helper_csmith_checksum is csmith's main without the run: the
        CRC of every global (it uses csmith.h's static CRC state, so it
        stays a call)."""
        out = []
        in_main = False
        for line in self.csmith.splitlines():
            if line.startswith("static ") and "func_" not in line and \
                    re.search(r"\b(g_[0-9]+|__undefined)\b", line):
                line = line[len("static "):]
            if line.startswith("int main"):
                line, in_main = "uint32_t rust_helper_csmith_checksum(void)", True
            elif in_main and line.strip() == "platform_main_begin();":
                continue
            elif in_main and line.strip() == "func_1();":
                line = "    crc32_context = 0xFFFFFFFFUL;"
            elif in_main and line.strip().startswith("platform_main_end("):
                line = "    return crc32_context ^ 0xFFFFFFFFUL;"
            out.append(line)
        out += ["", "void rust_helper_csmith_run(void)", "{", "    func_1();", "}", ""]
        return "/* csmith %s (scripts/lib/fuzz/gen.py, seed %d, case %d) */\n" % (
            CSMITH_ARGS, self.seed, self.index) + "\n".join(out)

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
        L += self.rs_externs
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
        L += self.rs_pool
        L += body
        L += self.rs_calls
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
        self.make_odd_data()
        self.make_statics()
        self.make_exts()
        self.cxx = self.o.random() < 0.1
        if self.o.random() < CSMITH_RATE:
            self.csmith = run_csmith(self.o.getrandbits(31))
        self.make_helpers()
        self.make_odd()
        files = {"fuzz.h": self.c_header(), "main.rs": self.rs_source()}
        parts = list(range(1, self.nfiles + 1))
        if self.csmith is not None:
            parts.append(CSMITH_FILE)
        if self.cxx:
            parts.append(CXX_FILE)
        for file in parts:
            d = "" if file == 1 else "part%d/" % file
            flags = self.c_flags()
            if file == CSMITH_FILE:
                files[d + "helpers.c"] = self.csmith_source()
                flags += ["-I" + CSMITH_INCLUDE, "-w"]
            else:
                files[d + "helpers.c"] = self.c_source(file)
            if file == CXX_FILE:
                flags += ["-x", "c++", "-std=gnu++17", "-fexceptions"]
            for level in ("-O0", "-Os"):
                if level in flags:
                    self.features.append("helpers" + level)
            files[d + "cflags.txt"] = ("# clang flags of %shelpers.c (scripts/lib/fuzz/gen.py)\n" % d +
                                       "\n".join(flags) + "\n")
        if self.overrides:
            files["override.c"] = self.override_source()
        files["features.txt"] = "".join(f + "\n" for f in sorted(set(self.features)))
        files["rustflags.txt"] = ("# rustc flags of main.rs (scripts/lib/fuzz/gen.py)\n" +
                                  "\n".join(self.rust_flags()) + "\n")
        return files


# Parts beyond helpers.c and part2/helpers.c: a csmith program, C++.
CSMITH_FILE = 3
CXX_FILE = 4
CSMITH_RATE = 0.1
CSMITH_INCLUDE = "/usr/include/csmith"  # Debian's libcsmith-dev
# Small programs: a few functions, shallow blocks.
CSMITH_ARGS = ("--no-argc --max-funcs 3 --max-block-depth 3 --max-expr-complexity 6 "
               "--max-array-dim 2 --max-array-len-per-dim 5")


def run_csmith(seed):
    """csmith's program for SEED (Debian's csmith, installed by
    scripts/setup: the same version always gives the same program)."""
    try:
        # csmith writes platform.info into its working directory.
        with tempfile.TemporaryDirectory() as cwd:
            return subprocess.run(["csmith", "--seed", str(seed)] + CSMITH_ARGS.split(), cwd=cwd,
                                  capture_output=True, text=True, check=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError) as e:
        sys.exit("gen.py: cannot run csmith (scripts/setup installs it): %s" % e)


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
