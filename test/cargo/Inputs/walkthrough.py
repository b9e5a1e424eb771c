#!/usr/bin/python3
"""Runs the walkthrough of docs/cargo.md as a user would: the shell blocks
marked `<!-- walkthrough:NAME -->`, in order, in one bash (so that `cd` and
variables carry over), with `set -euo pipefail`, in a fresh directory.

usage: walkthrough.py run DOC DIR        extract DOC's blocks into
                                         DIR/walkthrough.sh and run it in DIR
       walkthrough.py exec DOC DIR CMD...  run CMD in the same environment
                                         (for steps after the walkthrough)
       walkthrough.py list DOC           print the blocks' names

The environment is what the doc asks for: Debian's cargo and rustc first in
PATH (DIR/bin links to $RIH_CARGO and $RIH_RUSTC, which lit sets), RIH the
repository DOC belongs to, and nothing from the caller that changes a cargo
build (RUSTFLAGS, RUSTC, CARGO_TARGET_DIR, RIH_*, RUST_INLINE_HELPERS*).
cargo's own files go to DIR/cargo-home; nothing is downloaded.  Each block
is announced on stdout as "== walkthrough:NAME".  Exit status: the script's.
"""

import os
import re
import subprocess
import sys

MARK = re.compile(r"^<!-- walkthrough:([\w-]+) -->\s*$")


def blocks(doc):
    """[(name, text)] of the marked fenced blocks of doc, in order."""
    lines = open(doc).read().splitlines()
    found = []
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        i += 1
        if not m:
            continue
        if i >= len(lines) or not lines[i].startswith("```"):
            sys.exit("walkthrough.py: %s:%d: the mark %s is not followed by a fenced block" % (doc, i, m.group(1)))
        end = i + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        if end == len(lines):
            sys.exit("walkthrough.py: %s:%d: the block %s is not closed" % (doc, i + 1, m.group(1)))
        found.append((m.group(1), "\n".join(lines[i + 1 : end])))
        i = end + 1
    if not found:
        sys.exit("walkthrough.py: %s has no <!-- walkthrough:NAME --> block" % doc)
    return found


def environment(doc, work):
    env = {
        k: v
        for k, v in os.environ.items()
        if not (
            k.startswith(("RIH_", "RUST_INLINE_HELPERS", "CARGO_"))
            or k in ("RUSTC", "RUSTFLAGS", "RUSTDOCFLAGS", "RUSTC_WRAPPER", "RUSTC_BOOTSTRAP", "RUSTUP_TOOLCHAIN")
        )
    }
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir, exist_ok=True)
    for name, var in (("cargo", "RIH_CARGO"), ("rustc", "RIH_RUSTC")):
        target = os.environ.get(var)
        if not target:
            sys.exit("walkthrough.py: %s is not set (lit sets it to Debian's %s)" % (var, name))
        link = os.path.join(bindir, name)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(target, link)
    env["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    env["CARGO_HOME"] = os.path.join(work, "cargo-home")
    env["CARGO_NET_OFFLINE"] = "true"
    env["RIH"] = os.path.dirname(os.path.dirname(os.path.abspath(doc)))
    return env


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "list":
        for name, _ in blocks(sys.argv[2]):
            print(name)
        return 0
    if len(sys.argv) < 4 or sys.argv[1] not in ("run", "exec"):
        sys.exit(__doc__)
    doc, work = sys.argv[2], os.path.abspath(sys.argv[3])
    os.makedirs(work, exist_ok=True)
    env = environment(doc, work)
    if sys.argv[1] == "exec":
        return subprocess.run(sys.argv[4:], env=env, cwd=work).returncode
    script = ["set -euo pipefail"]
    for name, text in blocks(doc):
        script += ["echo '== walkthrough:%s'" % name, text]
    path = os.path.join(work, "walkthrough.sh")
    with open(path, "w") as f:
        f.write("\n".join(script) + "\n")
    sys.stdout.flush()
    return subprocess.run(["bash", path], env=env, cwd=work, stderr=subprocess.STDOUT).returncode


if __name__ == "__main__":
    sys.exit(main())
