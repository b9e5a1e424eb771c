#!/usr/bin/env bash
# Builds the user-space example with rustc in-process at every opt-level and
# prints, per level, the helpers still called in the executable.  Fails when a
# build fails or a program's output differs from EXPECTED.  The helper object
# (HELPERS_BC with .o for .bc) is linked: the helpers that stay calls are its.
#   opt-levels.sh RUSTC PLUGIN SRC HELPERS_BC EXPECTED OUTDIR OBJDUMP
set -euo pipefail
rustc=$1 plugin=$2 src=$3 helpers=$4 expected=$5 out=$6 objdump=$7
for o in 0 1 2 3 s z; do
  RUST_INLINE_HELPERS=$helpers "$rustc" --edition=2021 --crate-type=bin \
    -Zcrate-attr=no_main -Cpanic=abort -Crelro-level=partial -Copt-level=$o \
    -Zllvm-plugins="$plugin" -Clink-arg="${helpers%.bc}.o" "$src" -o "$out/o$o"
  "$out/o$o" | diff - "$expected"
  echo "opt-level=$o"
  "$objdump" -d "$out/o$o" | grep -E 'call.*<rust_helper_[A-Za-z0-9_]+>$' | sed 's/.*</</' || true
done
