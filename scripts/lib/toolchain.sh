# shellcheck shell=bash disable=SC2034  # the variables are for the sourcing script
# Resolves the tools rust-inline-helpers uses, by explicit path (never by
# PATH order).  Source it; it only defines variables and functions.
#
#   RIH_LLVM_MAJOR  the LLVM the tools belong to: 22 (default) or 19
#                   (scripts/setup --llvm 19, scripts/check --llvm 19)
#   LLVM_BINDIR   its tools (default /usr/lib/llvm-$RIH_LLVM_MAJOR/bin; env
#                 overrides)
#   CLANG OPT LLC LLVM_LINK LLVM_AR LLVM_OBJDUMP FILECHECK   in LLVM_BINDIR
#   LIT           lit (LLVM 22's: lit is plain Python, the same for both)
#   RIH_BUILD     the plugin's build directory for that LLVM: $RIH_BUILD_DIR,
#                 else build/ for 22 and build-llvm19/ for 19
#   RUSTC         rih_find_rustc's answer, or empty when there is none
#   rih_find_rustc   prints the rustc whose LLVM major matches LLVM_BINDIR's
#   rih_need_rustc   sets RUSTC or dies with rih_find_rustc's message
#   rih_die MSG      prints "error: MSG" to stderr and exits 1

RIH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RIH_LLVM_MAJOR=${RIH_LLVM_MAJOR:-22}
LLVM_BINDIR=${LLVM_BINDIR:-/usr/lib/llvm-$RIH_LLVM_MAJOR/bin}
if [[ -n ${RIH_BUILD_DIR:-} ]]; then
  RIH_BUILD=$RIH_BUILD_DIR
elif [[ $RIH_LLVM_MAJOR == 22 ]]; then
  RIH_BUILD=$RIH_ROOT/build
else
  RIH_BUILD=$RIH_ROOT/build-llvm$RIH_LLVM_MAJOR
fi
# clang-N is the binary (clang is a symlink to it); accept either.
if [[ -x $LLVM_BINDIR/clang-$RIH_LLVM_MAJOR ]]; then CLANG=$LLVM_BINDIR/clang-$RIH_LLVM_MAJOR; else CLANG=$LLVM_BINDIR/clang; fi
OPT=$LLVM_BINDIR/opt
LLC=$LLVM_BINDIR/llc
LLVM_LINK=$LLVM_BINDIR/llvm-link
LLVM_AR=$LLVM_BINDIR/llvm-ar
LLVM_OBJDUMP=$LLVM_BINDIR/llvm-objdump
FILECHECK=$LLVM_BINDIR/FileCheck
if [[ -x $LLVM_BINDIR/lit ]]; then LIT=$LLVM_BINDIR/lit; else LIT=/usr/lib/llvm-22/bin/lit; fi

rih_die() {
  echo "error: $*" >&2
  exit 1
}

# The LLVM major of LLVM_BINDIR, from its llvm-config.
rih_llvm_major() {
  local v
  v=$("$LLVM_BINDIR/llvm-config" --version 2>/dev/null) ||
    { echo "error: cannot run $LLVM_BINDIR/llvm-config (set LLVM_BINDIR to an LLVM 22 bin directory)" >&2; return 1; }
  echo "${v%%.*}"
}

# The LLVM major a rustc was built with ("LLVM version:" of rustc -vV).
rih_rustc_llvm_major() {
  local v
  v=$("$1" -vV 2>/dev/null | sed -n 's/^LLVM version: *//p') || return 1
  [[ -n $v ]] || return 1
  echo "${v%%.*}"
}

# Prints the first of $RIH_RUSTC, build-llvmN/bin/rustc (scripts/setup
# --llvm N's unpacked Debian rustc), /usr/bin/rustc, ~/.cargo/bin/rustc whose
# LLVM major equals LLVM_BINDIR's; fails naming both versions otherwise.
rih_find_rustc() {
  local want have candidate list tried=()
  want=$(rih_llvm_major) || return 1
  for candidate in ${RIH_RUSTC:+"$RIH_RUSTC"} "$RIH_ROOT/build-llvm$want/bin/rustc" /usr/bin/rustc ${HOME:+"$HOME/.cargo/bin/rustc"}; do
    if [[ ! -x $candidate ]]; then
      [[ $candidate == "${RIH_RUSTC:-}" ]] && tried+=("$candidate (RIH_RUSTC, not executable)")
      continue
    fi
    if have=$(rih_rustc_llvm_major "$candidate"); then
      if [[ $have == "$want" ]]; then
        echo "$candidate"
        return 0
      fi
      tried+=("$candidate (LLVM $have)")
    else
      tried+=("$candidate (no LLVM version in -vV)")
    fi
  done
  if ((${#tried[@]})); then
    printf -v list '%s, ' "${tried[@]}"
    echo "error: no rustc built with LLVM $want (the LLVM in $LLVM_BINDIR); found ${list%, }. $(rih_rustc_hint "$want")" >&2
  else
    echo "error: no rustc found (looked at \$RIH_RUSTC, build-llvm$want/bin/rustc, /usr/bin/rustc, ~/.cargo/bin/rustc); need one built with LLVM $want. $(rih_rustc_hint "$want")" >&2
  fi
  return 1
}

# How to get a rustc for LLVM major $1.
rih_rustc_hint() {
  case $1 in
    22) echo "Install rustc-web (1.96) or set RIH_RUSTC" ;;
    19) echo "Run scripts/setup --llvm 19 (unpacks Debian's rustc-web 1.85) or set RIH_RUSTC" ;;
    *) echo "The plugin supports LLVM 19 (rustc 1.85, scripts/setup --llvm 19) and 22 (rustc 1.96, scripts/setup)" ;;
  esac
}

rih_need_rustc() {
  [[ -n $RUSTC ]] && return 0
  RUSTC=$(rih_find_rustc) || exit 1
}

RUSTC=$(rih_find_rustc 2>/dev/null) || RUSTC=

# Prints the KEY=VALUE lines that head every benchmark's results (date,
# machine, compilers), for bench/report.py; needs CLANG and RUSTC.
rih_bench_meta() {
  echo "date=$(date -u +%Y-%m-%d)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "cores=$(nproc)"
  echo "kernel=$(uname -sr)"
  echo "clang=$("$CLANG" --version | head -n 1)"
  echo "rustc=$("$RUSTC" -V) (LLVM $("$RUSTC" -vV | sed -n 's/^LLVM version: //p'))"
}

# Prints the cargo that belongs to rustc $1: $RIH_CARGO, or the cargo next
# to it (Debian's cargo-web is /usr/bin/cargo, beside rustc-web), when its
# version equals rustc's; fails naming both otherwise.
rih_find_cargo() {
  local rustc=$1 cargo rv cv
  cargo=${RIH_CARGO:-$(dirname "$rustc")/cargo}
  [[ -x $cargo ]] || { echo "error: no cargo at $cargo for $rustc; install cargo-web or set RIH_CARGO" >&2; return 1; }
  rv=$("$rustc" -V | awk '{print $2}')
  cv=$("$cargo" -V | awk '{print $2}')
  [[ $rv == "$cv" ]] ||
    { echo "error: $cargo is cargo $cv but $rustc is rustc $rv; install the matching cargo (cargo-web for rustc-web) or set RIH_CARGO" >&2; return 1; }
  echo "$cargo"
}
