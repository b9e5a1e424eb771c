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
    examples/kernel-common/prelude.rs reads;
  - a target spec (target.json) gives "target-pointer-width" as a string
    ("64") and has no "rustc-abi" field: target_json() writes such a copy.

The gate (1.89) lies between the two rustcs the project tests, 1.85 and
1.96; which release changed each spelling is not checked here.

Usage: rustc_compat.py RUSTC FILE   prints FILE's flags, one per line
       rustc_compat.py --target-json RUSTC SPEC DIR
                                     prints the path of SPEC for RUSTC (SPEC
                                     itself, or its copy written in DIR)
"""

import json
import os
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
    if not old_rustc(rustc):
        return list(flags)
    out = ["-Zno-jump-tables" if f == "-Cjump-tables=n" else f for f in flags]
    out += ["--cfg", "rih_no_sized_hierarchy"]
    return out


def old_rustc(rustc):
    release = rustc_release(rustc) if rustc else None
    return release is not None and release < (1, 89)


def target_json(spec, rustc, directory):
    """The path of target spec `spec` as rustc reads it: spec itself, or for
    an older rustc a copy in `directory` (named after spec's directory)."""
    if not old_rustc(rustc):
        return spec
    with open(spec) as f:
        data = json.load(f)
    if isinstance(data.get("target-pointer-width"), int):
        data["target-pointer-width"] = str(data["target-pointer-width"])
    data.pop("rustc-abi", None)
    os.makedirs(directory, exist_ok=True)
    out = os.path.join(directory, os.path.basename(os.path.dirname(os.path.abspath(spec))) + "-target.json")
    text = json.dumps(data, indent=2) + "\n"
    if not (os.path.exists(out) and open(out).read() == text):
        tmp = "%s.tmp%d" % (out, os.getpid())
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, out)
    return out


def main(argv):
    if len(argv) == 5 and argv[1] == "--target-json":
        print(target_json(argv[3], argv[2], argv[4]))
        return 0
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
