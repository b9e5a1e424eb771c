"""Checks that README.md's policy table names exactly the rows of
passes/ReconcilePolicy.def, with the same rule and the same hardening mark:
the table is a summary of the .def and must not drift from it.

    check-policy-table.py REPO

Prints one line per disagreement and "policy table: N rows, agrees" when
there is none.  Exit status 0 when they agree, 1 otherwise.
"""

import os
import re
import sys

RULE_WORDS = {  # The .def's rule, as README's rule column starts.
    "CallerGains": "caller gains",
    "StrongestWins": "strongest wins",
    "CalleeAdopts": "helper adopts",
    "CalleeDropped": "helper's value dropped",
    "MustMatch": "must match",
    "Respect": "respect",
    "LinkerMerge": "linker merge",
}


def def_rows(path):
    text = open(path).read()
    rows = {}
    for m in re.finditer(r"^RIH_POLICY_ROW\((\w+),\s*(\w+),\s*(\w+),\s*(\w+),", text, re.M):
        rows[m.group(1)] = (m.group(3), m.group(4))
    return rows


def readme_rows(path):
    text = open(path).read()
    section = text.split("## The policy", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`(\w+)`", cells[0]):
            rows[name] = cells[1]
    return rows


def main():
    repo = sys.argv[1]
    spec = def_rows(os.path.join(repo, "passes", "ReconcilePolicy.def"))
    table = readme_rows(os.path.join(repo, "README.md"))
    bad = []
    for name in sorted(set(spec) - set(table)):
        bad.append("%s: in the .def, not in README's policy table" % name)
    for name in sorted(set(table) - set(spec)):
        bad.append("%s: in README's policy table, not in the .def" % name)
    for name in sorted(set(spec) & set(table)):
        cls, rule = spec[name]
        cell = table[name]
        if not cell.startswith(RULE_WORDS[rule]):
            bad.append("%s: the .def says %s, README's table '%s'" % (name, rule, cell))
        if (cls == "Hardening") != ("(H" in cell):
            bad.append("%s: the .def's class is %s, README's table %s (H)"
                       % (name, cls, "has" if "(H" in cell else "lacks"))
    for line in bad:
        print("policy table: " + line)
    if not bad:
        print("policy table: %d rows, agrees" % len(spec))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
