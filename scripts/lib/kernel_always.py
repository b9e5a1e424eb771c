#!/usr/bin/env python3
"""Prepares the inputs of scripts/kbuild/rustc-linux-7.1-way from a kernel
build that has CONFIG_RUST_INLINE_HELPERS on (its rust/helpers/
.helpers.bc.cmd and .helpers_module.bc.cmd hold the exact C command lines):

    kernel_always.py ON_BUILD OUT_DIR

writes OUT_DIR/helpers-always.bc and helpers-always_module.bc (the helpers
with every function always_inline, as Linux 7.1 marks them: a wrapper file
pushes __attribute__((always_inline)) around rust/helpers/helpers.c) and
OUT_DIR/cflags.txt, cflags_module.txt (the code-generation flags of those
command lines, for compiling linked bitcode).  The patches build helpers.bc
with the pre-link pipeline (-flto=thin); Linux 7.1 uses the whole -O2
pipeline (-emit-llvm), so -flto* becomes -emit-llvm here.  Exit status 0, or 1 with a
message when a command file is missing or clang fails.
"""

import os
import shlex
import subprocess
import sys

# Flags that only matter to the preprocessor or to dependency output; with
# one value in the next argument when listed in TAKES_VALUE.
TAKES_VALUE = {"-include", "-isystem", "-o", "-MF", "-MT"}


def saved_command(cmd_file):
    with open(cmd_file, encoding="utf-8") as f:
        first = f.readline()
    _, sep, cmd = first.partition(" := ")
    if not sep:
        raise ValueError("%s: no saved command" % cmd_file)
    return shlex.split(cmd)


def is_lto(arg):
    return arg == "-flto" or arg.startswith("-flto=")


def codegen_flags(argv, source):
    out, skip = [], False
    for a in argv[1:]:
        if skip:
            skip = False
            continue
        if a in TAKES_VALUE:
            skip = True
            continue
        if a == source or a in ("-c", "-emit-llvm", "-nostdinc") or is_lto(a) or \
                a.startswith(("-Wp,", "-I", "-D", "-U", "-std=")):
            continue
        out.append(a)
    return out


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    build, out = sys.argv[1], os.path.abspath(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for suffix in ("", "_module"):
        cmd_file = os.path.join(build, "rust", "helpers", ".helpers%s.bc.cmd" % suffix)
        try:
            argv = saved_command(cmd_file)
        except (OSError, ValueError) as err:
            print("kernel_always.py: %s (build %s with CONFIG_RUST_INLINE_HELPERS=y first)" % (err, build),
                  file=sys.stderr)
            return 1
        source = next(a for a in argv if a.endswith("rust/helpers/helpers.c"))
        wrapper = os.path.join(out, "helpers-always%s.c" % suffix)
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write("#pragma clang attribute push(__attribute__((always_inline)), apply_to = function)\n")
            f.write('#include "%s"\n' % source)
            f.write("#pragma clang attribute pop\n")
        compile_argv, skip = [], False
        for a in argv:
            if skip:
                skip = False
                continue
            if a == "-o":
                skip = True
                continue
            if a.startswith("-Wp,") or is_lto(a) or a == "-emit-llvm":
                continue
            compile_argv.append(wrapper if a == source else a)
        compile_argv += ["-emit-llvm", "-o", os.path.join(out, "helpers-always%s.bc" % suffix)]
        proc = subprocess.run(compile_argv, cwd=build, capture_output=True, text=True)
        if proc.returncode != 0:
            print("kernel_always.py: clang failed on %s:\n%s" % (wrapper, proc.stderr), file=sys.stderr)
            return 1
        with open(os.path.join(out, "cflags%s.txt" % suffix), "w", encoding="utf-8") as f:
            f.write("\n".join(codegen_flags(argv, source)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
