#!/usr/bin/env bash
# Prints what llvm-symbolizer --inlining says of the first address of the
# first inlined subroutine in OBJ's DWARF: the frames a backtrace would show.
#   symbolize-inlined.sh LLVM_BINDIR OBJ
set -euo pipefail
bin=$1 obj=$2
dwarf=$("$bin/llvm-dwarfdump" --debug-info "$obj")
addr=$(awk '/DW_TAG_inlined_subroutine/ { want = 1 }
            want && /DW_AT_low_pc/ { gsub(/[()]/, "", $2); print $2; exit }' <<<"$dwarf")
[[ -n $addr ]] || { echo "no inlined subroutine in $obj" >&2; exit 1; }
"$bin/llvm-symbolizer" --obj="$obj" --inlining "$addr"
