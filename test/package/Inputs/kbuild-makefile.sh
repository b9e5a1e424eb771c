#!/usr/bin/env bash
# Writes DIR/Makefile: the top-level Makefile hunk of the Kbuild patch
# (scripts/kbuild/patches/0001-*), applied with patch(1) to a stand-in for
# Linux 6.12's Makefile that has the hunk's context at its line numbers,
# with CONFIG_RUST_INLINE_HELPERS=y and a target printing KBUILD_RUSTFLAGS.
#
#   kbuild-makefile.sh PATCH DIR
set -euo pipefail
patch_file=$1 dir=$2
mkdir -p "$dir/tree"
# Only the Makefile's own diff, up to the next file's.
awk '/^diff --git a\/Makefile b\/Makefile$/ {on = 1} on && /^diff --git / && !/a\/Makefile / {exit} on' \
  "$patch_file" >"$dir/makefile.patch"
grep -q '^+++ b/Makefile$' "$dir/makefile.patch" || { echo "no Makefile hunk in $patch_file" >&2; exit 1; }
[[ $(grep -c '^@@ ' "$dir/makefile.patch") == 1 ]] || { echo "$patch_file: expected one Makefile hunk" >&2; exit 1; }
start=$(sed -n 's/^@@ -\([0-9]*\),.*/\1/p' "$dir/makefile.patch")
{
  for ((i = 1; i < start; i++)); do echo "# line $i"; done
  # The hunk's context and removed lines, as the tree has them.
  awk 'hunk && /^[ -]/ {print substr($0, 2)} hunk && /^$/ {print ""} /^@@ / {hunk = 1}' "$dir/makefile.patch"
} >"$dir/tree/Makefile"
# No fuzz: the hunk must apply exactly where it says.
patch -s -F0 -p1 -d "$dir/tree" <"$dir/makefile.patch"
{
  echo 'CONFIG_RUST_INLINE_HELPERS := y'
  echo 'KBUILD_RUSTFLAGS :='
  echo "include $dir/tree/Makefile"
  printf 'show:\n\t@echo KBUILD_RUSTFLAGS=$(KBUILD_RUSTFLAGS)\n'
} >"$dir/Makefile"
