"""Compares the instruction count of one function in two executables.

    compare.py OBJDUMP FUNCTION EXE REFERENCE

Prints "FUNCTION: not bigger than with ThinLTO alone" when FUNCTION has at
most as many instructions in EXE as in REFERENCE, else the two counts.
"""
import re
import subprocess
import sys


def count(objdump, function, exe):
    out = subprocess.run(
        [objdump, "-d", "--no-show-raw-insn", exe],
        capture_output=True, text=True, check=True,
    ).stdout
    n, inside = 0, False
    for line in out.splitlines():
        if re.match(r"^[0-9a-f]+ <%s>:$" % re.escape(function), line):
            inside = True
        elif inside and not line.strip():
            break
        elif inside and re.match(r"^\s+[0-9a-f]+:\s+\S", line):
            n += 1
    if not n:
        sys.exit("%s: no function %s" % (exe, function))
    return n


objdump, function, exe, reference = sys.argv[1:]
mine, theirs = count(objdump, function, exe), count(objdump, function, reference)
if mine <= theirs:
    print("%s: not bigger than with ThinLTO alone" % function)
else:
    print("%s: %d instructions, %d with ThinLTO alone" % (function, mine, theirs))
