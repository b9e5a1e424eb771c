#!/usr/bin/env python3
"""The rustc flags of a flags file, spelled for the rustc that will read them.

The examples' rustflags.txt files are written for rustc 1.96 (LLVM 22).
Debian's rustc 1.85 (LLVM 19, scripts/setup --llvm 19) spells two things
differently; every reader of a rustflags.txt (scripts/lib/examples.sh's
rih_read_flags, test/lit.cfg.py) goes through adapt() so that the rules live
here only:

  - `-Cjump-tables=n` is `-Zno-jump-tables` before rustc 1.88 (rustc 1.96
    rejects the -Z form; rust-lang/rust PR 105812 stabilized -Cjump-tables);
  - `#![no_core]` callers define the Sized hierarchy's lang items
    (pointee_sized, meta_sized) only from rustc 1.89 on, which added them:
    older rustcs get `--cfg rih_no_sized_hierarchy`, which
    examples/kernel-common/prelude.rs reads.

Usage: rustc_compat.py RUSTC FILE   prints FILE's flags, one per line.
"""

import re
import subprocess
import sys

_RELEASES = {}


def rustc_release(rustc):
    """(major, minor) of rustc's release (rustc -vV), or None."""
    if rustc not in _RELEASES:
        try:
            out = subprocess.run([rustc, "-vV"], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        m = re.search(r"^release: (\d+)\.(\d+)", out, re.M)
        _RELEASES[rustc] = (int(m.group(1)), int(m.group(2))) if m else None
    return _RELEASES[rustc]


def read_flags(path):
    """The flags of a flags file: one per line, '#' starts a comment."""
    with open(path) as f:
        return [l.split("#", 1)[0].strip() for l in f if l.split("#", 1)[0].strip()]


def adapt(flags, rustc):
    """flags (a list) as rustc spells them; unchanged for rustc >= 1.89."""
    release = rustc_release(rustc) if rustc else None
    if release is None or release >= (1, 89):
        return list(flags)
    out = ["-Zno-jump-tables" if f == "-Cjump-tables=n" else f for f in flags]
    out += ["--cfg", "rih_no_sized_hierarchy"]
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: rustc_compat.py RUSTC FILE\n")
        return 2
    try:
        flags = read_flags(argv[2])
    except OSError as e:
        sys.stderr.write("error: cannot read flags file %s: %s\n" % (argv[2], e.strerror))
        return 1
    for flag in adapt(flags, argv[1]):
        print(flag)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
