"""Checks that docs/policy.md's table names exactly the rows of
passes/ReconcilePolicy.def, with the same rule and the same hardening mark:
the table is a summary of the .def and must not drift from it.

    check-policy-table.py REPO

Prints one line per disagreement and "policy table: N rows, agrees" when
there is none.  Exit status 0 when they agree, 1 otherwise.
"""

import os
import re
import sys

RULE_WORDS = {  # The .def's rule, as the rule column starts.
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


def doc_rows(path):
    rows = {}
    for line in open(path).read().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`(\w+)`", cells[0]):
            rows[name] = cells[1]
    return rows


def main():
    repo = sys.argv[1]
    spec = def_rows(os.path.join(repo, "passes", "ReconcilePolicy.def"))
    table = doc_rows(os.path.join(repo, "docs", "policy.md"))
    bad = []
    for name in sorted(set(spec) - set(table)):
        bad.append("%s: in the .def, not in docs/policy.md's table" % name)
    for name in sorted(set(table) - set(spec)):
        bad.append("%s: in docs/policy.md's table, not in the .def" % name)
    for name in sorted(set(spec) & set(table)):
        cls, rule = spec[name]
        cell = table[name]
        if not cell.startswith(RULE_WORDS[rule]):
            bad.append("%s: the .def says %s, docs/policy.md '%s'" % (name, rule, cell))
        if (cls == "Hardening") != ("(H" in cell):
            bad.append("%s: the .def's class is %s, docs/policy.md %s (H)"
                       % (name, cls, "has" if "(H" in cell else "lacks"))
    for line in bad:
        print("policy table: " + line)
    if not bad:
        print("policy table: %d rows, agrees" % len(spec))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
