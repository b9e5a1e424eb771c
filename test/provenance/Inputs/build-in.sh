#!/bin/bash
# build-in.sh DIR RUSTC PLUGIN CLANG MODE: builds Inputs/cgus.rs with the
# helper Inputs/helper_a.c, debug info on, in DIR (a fresh copy), to DIR/out.o.
#   MODE mapped    clang -ffile-prefix-map, rustc --remap-path-prefix and the
#                  plugin's RUST_INLINE_HELPERS_FILE_PREFIX_MAP, helper named
#                  by its absolute path
#   MODE relative  the same, helper named relative to DIR, no plugin map
#   MODE nomap     the plugin's map left out (the path leaks into the note)
#   MODE cnomap    clang's map left out (the path leaks into the helper's
#                  debug info, inlined into the crate)
set -euo pipefail
dir=$1 rustc=$2 plugin=$3 clang=$4 mode=$5
inputs=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$dir"
cd "$dir"
dir=$(pwd)
cp "$inputs/helper_a.c" helpers.c
cp "$inputs/cgus.rs" crate.rs
cmap=(-ffile-prefix-map="$dir"=.)
[[ $mode == cnomap ]] && cmap=()
"$clang" -g -O2 "${cmap[@]}" -emit-llvm -c helpers.c -o helpers.bc
helpers=$dir/helpers.bc map=$dir/=./
[[ $mode == relative ]] && helpers=helpers.bc map=
[[ $mode == nomap ]] && map=
RUSTC_BOOTSTRAP=1 RUST_INLINE_HELPERS=$helpers RUST_INLINE_HELPERS_FILE_PREFIX_MAP=$map \
  "$rustc" --crate-type=lib -O -g --remap-path-prefix="$dir"=. -Zllvm-plugins="$plugin" \
  --emit=obj -o out.o crate.rs
