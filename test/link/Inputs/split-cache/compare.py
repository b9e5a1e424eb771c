"""Runs the plugin on each input of test/link/split-cache.test three ways and checks
that they agree byte for byte.

    compare.py [--params=P] OPT... DIR NAME...

OPT is the %opt command (the opt binary and its -load-pass-plugin flag); P
are more pass parameters for the runs with the cache (chunk-size=1).
Each NAME has DIR/NAME.bc (helpers) and DIR/NAME-crate.bc.  Way 0 runs
without a cache, way 1 with cache-dir=DIR/cache on a cache without the file
(it writes the file's split form), way 2 with the same cache (it reads it).
Each way writes DIR/NAME.W.bc, .remarks and .json.  The outputs and reports
must be identical, and so must the remarks once the cache's own remark is
left out.  Exit status 1 with the first difference otherwise.
"""

import filecmp
import os
import subprocess
import sys


def run(opt, dir_, name, way, extra):
    params = "helpers=%s/%s.bc;report=%s/%s.%d.json" % (dir_, name, dir_, name, way)
    if way:
        params += ";cache-dir=%s/cache%s" % (dir_, extra)
    out = "%s/%s.%d" % (dir_, name, way)
    with open(out + ".remarks", "w") as remarks:
        subprocess.run(
            opt
            + [
                "-passes=rust-inline-helpers<%s>" % params,
                "-pass-remarks-analysis=rust-inline-helpers",
                "-pass-remarks-missed=rust-inline-helpers",
                "-pass-remarks=rust-inline-helpers",
                "%s/%s-crate.bc" % (dir_, name),
                "-o",
                out + ".bc",
            ],
            stderr=remarks,
            check=True,
        )
    return out


def without_cache_remark(path):
    with open(path) as f:
        return [
            line
            for line in f
            if "read from its split form" not in line and "keeps it whole" not in line
        ]


def main():
    args = sys.argv[1:]
    extra = ""
    if args[0].startswith("--params="):
        extra = ";" + args[0][len("--params="):]
        args = args[1:]
    # OPT is everything before DIR: the arguments that start with '-' and
    # the opt binary itself.
    opt = [args[0]] + [a for a in args[1:] if a.startswith("-")]
    rest = [a for a in args[1:] if not a.startswith("-")]
    dir_, names = rest[0], rest[1:]
    for name in names:
        outs = [run(opt, dir_, name, way, extra) for way in (0, 1, 2)]
        for way in (1, 2):
            for ext in (".bc", ".json"):
                if not filecmp.cmp(outs[0] + ext, outs[way] + ext, shallow=False):
                    sys.exit("%s: %s%s differs from %s%s" % (name, outs[way], ext, outs[0], ext))
            if without_cache_remark(outs[0] + ".remarks") != without_cache_remark(
                outs[way] + ".remarks"
            ):
                sys.exit("%s: the remarks of %s differ from the run without cache" % (name, outs[way]))
        print("%s: identical three ways" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
