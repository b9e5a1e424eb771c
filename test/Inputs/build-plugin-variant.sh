#!/usr/bin/env bash
# build-plugin-variant.sh REPO WORKDIR SED-EXPRESSION FILE
# Builds a copy of the plugin (every passes/ and plugin/ source, -O0, one
# shared object at WORKDIR/plugin.so) against the LLVM found as llvm-config
# on PATH, after applying SED-EXPRESSION to the copy's passes/FILE: for
# tests that need a policy this LLVM cannot produce, e.g. a CompatRule
# attribute that no row of ReconcilePolicy.def knows (a newer LLVM's).
# Fails when the expression changes nothing.
set -euo pipefail
repo=$1 work=$2 expr=$3 file=$4
rm -rf "$work" && mkdir -p "$work"
cp -r "$repo/passes" "$repo/plugin" "$work/"
cp "$work/passes/$file" "$work/original"
sed -i "$expr" "$work/passes/$file"
! cmp -s "$work/original" "$work/passes/$file"
# shellcheck disable=SC2046
exec clang++ -O0 -shared -fPIC -fno-rtti -std=c++17 $(llvm-config --cxxflags) \
  -DRIH_VERSION='"variant"' -I"$work" "$work"/passes/*.cpp "$work"/plugin/*.cpp \
  -o "$work/plugin.so"
