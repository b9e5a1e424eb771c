#!/usr/bin/env python3
"""Writes a C file with N helpers rust_helper_f0 .. rust_helper_f{N-1}, each
with its own small body, some calling the next one (a chain of static
helpers), plus a file-scope table.  Usage: many-helpers.py N OUT.c"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
lines = ["static const int table[8] = {3, 1, 4, 1, 5, 9, 2, 6};"]
for i in range(n):
    op = ("+", "^", "*", "-")[i % 4]
    lines.append(
        "static inline int step%d(int x) { return (x %s %d) & 0xffff; }" % (i, op, i + 1)
    )
    lines.append(
        "int rust_helper_f%d(int x) { return step%d(x) + table[x & 7]; }" % (i, i)
    )
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
