# shellcheck shell=bash
# Builds the bundled examples' inputs.  Source it (it sources toolchain.sh);
# it only defines functions.  Flags live in the examples' *flags.txt files:
# one flag per line, '#' starts a comment.
#
#   rih_build_userspace SRC OUT     crate.bc, helpers.bc, helpers.o and the
#                                   archives the link needs, in OUT
#   rih_link_userspace OUT BC EXE [ARG...]
#                                   BC (optimized crate bitcode) -> EXE.o -> EXE;
#                                   ARGs (objects, -l...) come before the
#                                   archives
#   rih_link_userspace_obj OUT OBJ EXE [ARG...]
#                                   OBJ (the crate's machine code) -> EXE
#   rih_rustc_userspace SRC ARG...  rustc with SRC's flags and ARGs on main.rs
#   rih_cc_userspace_helpers SRC FILE ARG...
#                                   helpers.c with SRC's C flags and ARGs -c
#                                   -> FILE (e.g. -flto=thin, -emit-llvm)
#   rih_build_userspace_lto SRC OUT OUT/librust-lto.a: the crate as bitcode
#                                   (-Clinker-plugin-lto) plus std
#   rih_link_userspace_lto OUT EXE ARG...
#                                   clang -fuse-ld=lld -flto -O2 ARGs (helper
#                                   objects, -Wl,...) + librust-lto.a -> EXE
#   rih_build_kernel SRC OUT        crate.bc and helpers.bc of examples/kernel-common
#                                   with the kernel flags in SRC
#   rih_always_inline_source OUT SRC...
#                                   OUT: a C file that includes each SRC with
#                                   every function always_inline (Linux 7.1)
#   rih_count_helper_calls OBJ      "COUNT NAME" per rust_helper_* called or
#                                   tail-jumped to in OBJ, sorted by name
#   rih_supported_cflags CLANG LOG FLAG...
#                                   prints, one per line, the FLAGs CLANG
#                                   accepts (probed one by one, as Kbuild's
#                                   cc-option does); LOG gets each one left
#                                   out

# shellcheck source=scripts/lib/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"

# Prints FILE's flags, one per line, without comments and blank lines.
rih_read_flags() {
  [[ -r $1 ]] || rih_die "missing flags file $1"
  if [[ $(basename "$1") == rustflags.txt && -n ${RUSTC:-} ]]; then
    # Spelled for the rustc in use (scripts/lib/rustc_compat.py: rustc 1.85
    # of the LLVM 19 build spells some flags differently).
    python3 "$RIH_ROOT/scripts/lib/rustc_compat.py" "$RUSTC" "$1"
    return
  fi
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

# The path of target spec $1 as $RUSTC reads it (scripts/lib/rustc_compat.py:
# rustc 1.85 of the LLVM 19 build needs a copy, kept in $RIH_BUILD).
rih_target_json() {
  python3 "$RIH_ROOT/scripts/lib/rustc_compat.py" --target-json "$RUSTC" "$1" "$RIH_BUILD/rustc-compat"
}

# Runs a command with its stderr kept; on failure shows it and dies.  On
# success shows it, less lines matching the optional NOISE pattern.
rih_run() {
  local noise=$1 log status=0
  shift
  log=$(mktemp)
  "$@" 2>"$log" || status=$?
  if ((status)); then
    cat "$log" >&2
    rm -f "$log"
    rih_die "failed ($status): $*"
  fi
  if [[ -n $noise ]]; then grep -Ev "$noise" "$log" >&2 || true; else cat "$log" >&2; fi
  rm -f "$log"
}

# User-space example.  The crate is a staticlib: rustc writes crate.bc and
# the archive (crate object + std).  The crate's own member is deleted from
# the archive, kept as librust-runtime.a, so crate.bc is the only source of
# the crate's code in any link.  Helpers go in libhelpers.a, which the link
# pulls only when the crate object still calls a helper (not when
# crate.bc was linked with helpers.bc).
rih_build_userspace() {
  local src=$1 out=$2 name member
  local -a rflags cflags members
  rih_need_rustc
  mkdir -p "$out"
  mapfile -t rflags < <(rih_read_flags "$src/rustflags.txt")
  mapfile -t cflags < <(rih_read_flags "$src/cflags.txt")

  name=$("$RUSTC" "${rflags[@]}" --print crate-name "$src/main.rs") ||
    rih_die "rustc cannot read $src/main.rs"
  rm -f "$out/lib$name.a" "$out/librust-runtime.a"
  # --out-dir: rustc's temporary files go there, not to the working
  # directory, where two builds of the same crate would collide.
  rih_run '^note: native artifacts|^$' "$RUSTC" "${rflags[@]}" --out-dir="$out" \
    --emit="llvm-bc=$out/crate.bc,link=$out/lib$name.a" \
    --print="native-static-libs=$out/native-libs.txt" "$src/main.rs"

  # The crate's codegen unit(s): "<name>.<name>.<hash>-cgu.<n>.rcgu.o".
  mapfile -t members < <("$LLVM_AR" t "$out/lib$name.a" |
    grep -E "^$name\.$name\.[^.]*-cgu\.[0-9]+\.rcgu\.o$")
  ((${#members[@]} == 1)) ||
    rih_die "expected one crate object in $out/lib$name.a, found ${#members[@]} (is -Ccodegen-units=1 in $src/rustflags.txt?)"
  for member in "${members[@]}"; do "$LLVM_AR" d "$out/lib$name.a" "$member"; done
  mv "$out/lib$name.a" "$out/librust-runtime.a"

  # Pre-link bitcode (-flto=thin: the pipeline stops before the loop
  # vectorizer and unroller), so that the crate optimizes inlined bodies for
  # their callers (docs/usage.md).
  rih_run '' "$CLANG" "${cflags[@]}" -flto=thin -c "$src/helpers.c" -o "$out/helpers.bc"
  rih_run '' "$CLANG" "${cflags[@]}" -c "$src/helpers.c" -o "$out/helpers.o"
  rm -f "$out/libhelpers.a"
  "$LLVM_AR" rcs "$out/libhelpers.a" "$out/helpers.o"
}

rih_link_userspace() {
  local out=$1 bc=$2 exe=$3
  shift 3
  # rustc's triple is x86_64-unknown-linux-gnu, clang's default -pc-.
  rih_run '' "$CLANG" -O2 -Wno-override-module -c "$bc" -o "$exe.o"
  rih_link_userspace_obj "$out" "$exe.o" "$exe" "$@"
}

# As rih_link_userspace, for a crate already compiled to an object (by rustc
# or by clang from crate bitcode).
rih_link_userspace_obj() {
  local out=$1 obj=$2 exe=$3
  local -a libs
  shift 3
  [[ -f $out/librust-runtime.a && -f $out/libhelpers.a ]] ||
    rih_die "$out has no user-space build (run rih_build_userspace first)"
  [[ -f $obj ]] || rih_die "no object file $obj"
  read -r -a libs <"$out/native-libs.txt" || true
  rih_run '' "$CLANG" -o "$exe" "$obj" "$@" "$out/libhelpers.a" "$out/librust-runtime.a" "${libs[@]}"
}

# rustc with the example's flags; ARGs come after them (--emit=..., -Z...).
# rustc's note about the native libraries (--print=native-static-libs) is
# not shown.
rih_rustc_userspace() {
  local src=$1 temps
  local -a rflags
  shift
  rih_need_rustc
  mapfile -t rflags < <(rih_read_flags "$src/rustflags.txt")
  # rustc's temporary files go to a directory of this call's own, not to the
  # working directory, where two builds of the same crate would collide.
  temps=$(mktemp -d) || rih_die "cannot create a temporary directory"
  rih_run '^note: native artifacts|^$' "$RUSTC" "${rflags[@]}" --out-dir="$temps" \
    "$@" "$src/main.rs"
  rm -rf "$temps"
}

# helpers.c with the example's C flags, then ARGs, compiled with -c to FILE.
rih_cc_userspace_helpers() {
  local src=$1 file=$2
  local -a cflags
  shift 2
  mapfile -t cflags < <(rih_read_flags "$src/cflags.txt")
  rih_run '' "$CLANG" "${cflags[@]}" "$@" -c "$src/helpers.c" -o "$file"
}

# Cross-language LTO inputs: the crate as a staticlib built with
# -Clinker-plugin-lto, so its own members are (ThinLTO) bitcode and std's are
# machine code.  The link pulls the crate's member for `main`.
rih_build_userspace_lto() {
  local src=$1 out=$2
  mkdir -p "$out"
  rm -f "$out/librust-lto.a"
  rih_rustc_userspace "$src" -Clinker-plugin-lto \
    --emit="link=$out/librust-lto.a" \
    --print="native-static-libs=$out/native-libs.txt"
}

# Links with lld doing LTO; ARGs (helper objects, -Wl,--load-pass-plugin=...)
# come before the crate's archive.  lld prints LTO remarks on stdout.
rih_link_userspace_lto() {
  local out=$1 exe=$2
  local -a libs
  shift 2
  [[ -f $out/librust-lto.a ]] ||
    rih_die "$out has no LTO build (run rih_build_userspace_lto first)"
  read -r -a libs <"$out/native-libs.txt" || true
  rih_run '' "$CLANG" -fuse-ld=lld -flto -O2 -o "$exe" "$@" "$out/librust-lto.a" "${libs[@]}"
}

# x86_64 kernel example: the kernel's Rust flags plus its target spec, and
# the kernel's C flags.  -Z flags need RUSTC_BOOTSTRAP=1, as in Kbuild.
rih_build_kernel() {
  local src=$1 out=$2
  local -a rflags cflags
  rih_need_rustc
  mkdir -p "$out"
  mapfile -t rflags < <(rih_read_flags "$src/rustflags.txt")
  mapfile -t cflags < <(rih_read_flags "$src/cflags.txt")
  rih_run '' env RUSTC_BOOTSTRAP=1 "$RUSTC" "${rflags[@]}" --target="$(rih_target_json "$src/target.json")" \
    --emit=llvm-bc -o "$out/crate.bc" "$src/../kernel-common/caller.rs"
  rih_run '' "$CLANG" "${cflags[@]}" -flto=thin -c "$src/../kernel-common/helpers.c" -o "$out/helpers.bc"
}

# Linux 7.1's way of making every helper inlinable: OUT includes each SRC
# (written as given: absolute, or relative to OUT) between
# `#pragma clang attribute push(__attribute__((always_inline)), ...)` and
# its pop.  clang rejects the push alone in an -include header ("unterminated
# '#pragma clang attribute push'"), so a wrapper file it is.
rih_always_inline_source() {
  local out=$1 src
  shift
  {
    echo '#pragma clang attribute push(__attribute__((always_inline)), apply_to = function)'
    for src in "$@"; do echo "#include \"$src\""; done
    echo '#pragma clang attribute pop'
  } >"$out"
}

# "COUNT NAME" per rust_helper_* that OBJ calls or jumps to, sorted by name
# (tools/helper_calls.py says what counts).
rih_count_helper_calls() {
  local obj=$1
  [[ -f $obj ]] || rih_die "no object file $obj"
  python3 "$(dirname "${BASH_SOURCE[0]}")/../../tools/helper_calls.py" --objdump "$LLVM_OBJDUMP" "$obj" ||
    rih_die "cannot count the helper calls of $obj"
}

# Kbuild's cc-option, flag by flag: a flag is kept when CLANG compiles an
# empty file with it (and the target flags) under -Werror, so that "unknown
# argument" and "argument unused" both leave it out.  As Linux does for
# clang < 16, -ftrivial-auto-var-init=zero comes with its enabler when it
# needs one (CONFIG_CC_HAS_AUTO_VAR_INIT_ZERO_ENABLER).
rih_supported_cflags() {
  local clang=$1 log=$2 f
  local -a target=()
  shift 2
  : >"$log"
  for f in "$@"; do [[ $f == --target=* ]] && target+=("$f"); done
  probe() { "$clang" "${target[@]}" -Werror "$@" -c -x c /dev/null -o /dev/null >/dev/null 2>&1; }
  for f in "$@"; do
    if [[ $f == --target=* ]] || probe "$f"; then
      echo "$f"
    elif [[ $f == -ftrivial-auto-var-init=zero ]] &&
      probe "$f" -enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang; then
      echo "$f"
      echo -enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang
    else
      echo "$f" >>"$log"
    fi
  done
}
