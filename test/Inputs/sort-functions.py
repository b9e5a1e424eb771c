#!/usr/bin/env python3
"""Prints a textual IR file with its function definitions sorted by name.

rustc 1.96 emits a crate's functions sorted by symbol; rustc 1.85 (the
LLVM 19 suite) in another order.  Tests whose CHECK-LABELs follow the
functions in name order read the IR through this (%sort-functions FILE), so
that they hold for both.  A definition is its "define" line, the comment
lines right above it, and every line up to its closing "}".
"""

import re
import sys

DEFINE = re.compile(r"^define [^@]*@(\"[^\"]+\"|[-\w.$]+)\(")


def main(path):
    lines = open(path).read().split("\n")
    head, blocks, tail = [], [], []
    i = 0
    while i < len(lines):
        m = DEFINE.match(lines[i])
        if not m:
            (tail if blocks else head).append(lines[i])
            i += 1
            continue
        # The comments just above the definition belong to it.
        before = tail if blocks else head
        comments = []
        while before and before[-1].startswith(";"):
            comments.insert(0, before.pop())
        if blocks:
            blocks[-1][1].extend(tail)
        tail = []
        body = comments + [lines[i]]
        i += 1
        while i < len(lines) and lines[i] != "}":
            body.append(lines[i])
            i += 1
        if i < len(lines):
            body.append(lines[i])
            i += 1
        blocks.append((m.group(1), body))
    out = head[:]
    for _, body in sorted(blocks, key=lambda b: b[0]):
        out.extend(body)
        out.append("")
    out.extend(tail)
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
