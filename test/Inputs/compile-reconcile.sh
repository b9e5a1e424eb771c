#!/usr/bin/env bash
# compile-reconcile.sh REPO WORKDIR [ROW]
# Compiles a copy of passes/HelperReconcile.cpp (syntax only, with the
# plugin's -Werror=switch) against the LLVM found as llvm-config on PATH.
# With ROW, a new Attribute row of that name is first added to the copy's
# ReconcilePolicy.def: the switch that applies the rows names every row, so
# the copy must then fail to compile, naming ROW.
set -euo pipefail
repo=$1 work=$2 row=${3:-}
rm -rf "$work" && mkdir -p "$work/passes"
cp "$repo"/passes/*.h "$repo"/passes/*.def "$repo/passes/HelperReconcile.cpp" \
  "$work/passes/"
if [[ -n $row ]]; then
  sed -i "s|^// clang-format on\$|RIH_POLICY_ROW($row, Attribute, Semantic, CallerGains, \"x\", \"\", \"r\", \"s\")\n// clang-format on|" \
    "$work/passes/ReconcilePolicy.def"
  grep -q "RIH_POLICY_ROW($row," "$work/passes/ReconcilePolicy.def"
fi
# shellcheck disable=SC2046
exec clang++ -fsyntax-only $(llvm-config --cxxflags) -fno-rtti -Werror=switch \
  -I"$work" "$work/passes/HelperReconcile.cpp"
