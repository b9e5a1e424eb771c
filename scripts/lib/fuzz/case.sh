#!/usr/bin/env bash
# One case of scripts/fuzz: builds CASE_DIR (made by gen.py) three ways,
# runs the three programs and writes CASE_DIR/result.  Always exits 0 once
# the result is written; scripts/fuzz reads the result.
#
#   case.sh CASE_DIR
#
# Environment (set by scripts/fuzz):
#   RIH_FUZZ_RUNTIME  directory with librust-runtime.a and native-libs.txt
#                     (std for the link, built once per run)
#   RIH_FUZZ_PLUGIN   the plugin (.so)
#   RIH_FUZZ_PARAMS   more parameters of the plugin pass (';'-separated)
#   RIH_FUZZ_TIMEOUT  seconds per tool run (default 300); a program gets 20
#   RIH_FUZZ_INJECT   self-test only: `crash` gives opt a helper file that
#                     does not exist; `miscompare` appends a line to the
#                     plugin program's output
#
# The variants (CASE_DIR has the layout of examples/userspace, so the
# functions of scripts/lib/examples.sh build it):
#   plain   rustc's object of main.rs, linked with helpers.o (clang, the
#           case's C flags): every helper call is a real call
#   plugin  rustc's crate.bc, opt rust-inline-helpers<helpers=helpers.bc>
#           then default<O2>, clang -O2 -c, linked with libhelpers.a
#   kernel  Linux 7.1's way: a wrapper file pushes always_inline on every
#           function and includes the helper files, one translation unit as
#           in rust/helpers/helpers.c (kernel-src/helpers.c, with the C
#           flags of helpers.c; a pragma push in an `-include`d header is an
#           error in clang: it must be popped in the same file),
#           llvm-link --internalize crate.bc with its bitcode, opt
#           default<O2>, clang -O2 -c, linked
#
# A case may have more helper files, each with its own C flags:
# part2/helpers.c (generated C), part3/helpers.c (a csmith program),
# part4/helpers.c (C++: -x c++ -fexceptions in its flags; the programs link
# libstdc++): plain and plugin use all objects / bitcode files
# (helpers=a.bc;helpers=b.bc), the kernel variant compiles the C files as one
# translation unit and the C++ one as another.  override.c, when there is
# one, holds strong definitions of symbols the helper files define weak; its
# object is linked into every program, as the helper objects are.
#
# CASE_DIR/result, one fact per line:
#   crash STEP STATUS     a tool failed (STATUS: exit status, 124 timeout,
#                         128+N signal N); its output is in log/STEP.log
#                         (steps kernel-*: Linux 7.1's way failed)
#   skip WHY              the plain program of a csmith case did not finish
#                         (csmith programs may loop forever): not compared
#   miscompare VARIANT    VARIANT's program printed something else or exited
#                         differently than the plain program
#   calls VARIANT N       calls to rust_helper_* in the crate's functions of
#                         VARIANT's IR (crate = rustc's crate.bc)
#   report INLINED REFUSED  the plugin's JSON report totals
#   refusal COUNT WHY     calls the plugin refused, by reason (its text up
#                         to the first ':' or ';', names replaced by '...')
# log/commands.txt has every command run, log/times.txt their wall times.
set -uo pipefail

LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/examples.sh
source "$LIB/examples.sh"
LLVM_DIS=$LLVM_BINDIR/llvm-dis

dir=$(cd "$1" && pwd) || exit 1
cd "$dir" || exit 1
mkdir -p log
: >result
TIMEOUT=${RIH_FUZZ_TIMEOUT:-300}

# The examples.sh functions run under `timeout` in a child bash: export
# them and the tool variables they use.
# shellcheck disable=SC2046
export -f $(compgen -A function rih_)
export RUSTC CLANG OPT LLVM_LINK LLVM_AR LLVM_BINDIR RIH_ROOT RIH_BUILD

note() { echo "$*" >>result; }

# step NAME COMMAND...: runs COMMAND (a program or an rih_* function) with
# a timeout; output in log/NAME.log.  Fails (and notes the crash) when
# COMMAND fails.
step() {
  local name=$1 status=0 t0=$EPOCHREALTIME
  shift
  {
    printf '%s:' "$name"
    printf ' %q' "$@"
    echo
  } >>log/commands.txt
  timeout -k 10 "$TIMEOUT" bash -c '"$@"' step "$@" >"log/$name.log" 2>&1 || status=$?
  awk -v n="$name" -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%s %.2f s\n", n, b - a }' >>log/times.txt
  if ((status)); then
    # rih_run dies with 1 and prints the real status: "failed (N): ...".
    if ((status == 1)) && grep -q '^error: failed ([0-9]*)' "log/$name.log"; then
      status=$(sed -n 's/^error: failed (\([0-9]*\)).*/\1/p' "log/$name.log" | head -1)
    fi
    note "crash $name $status"
    return 1
  fi
}

# run VARIANT: runs the program VARIANT; stdout and exit status in
# VARIANT.out / VARIANT.status.
run() {
  local status=0
  timeout -k 5 20 "./$1" >"$1.out" 2>"log/$1-run.log" || status=$?
  echo "$status" >"$1.status"
  [[ $1 == plugin && ${RIH_FUZZ_INJECT:-} == miscompare ]] && echo "injected fault" >>"$1.out"
  return 0
}

# Same output and exit status as the plain program?
compare() {
  [[ -f $1.status ]] || return 0
  if ! cmp -s plain.out "$1.out" || ! cmp -s plain.status "$1.status"; then
    note "miscompare $1"
    diff plain.out "$1.out" >"log/$1-diff.log" 2>&1
  fi
}

# calls VARIANT FILE.bc: counts `call`/`invoke` of a rust_helper_* in the
# functions that came from the crate (not in rust_helper_*, nor in the
# helper files' static or other functions, fzc_* and fz_ext*).
calls() {
  local n
  n=$("$LLVM_DIS" -o - "$2" | awk '
    /^define / {
      name = ""
      if (match($0, /@("[^"]*"|[-A-Za-z0-9_.$]+)\(/)) name = substr($0, RSTART + 1, RLENGTH - 2)
      gsub(/"/, "", name)
      crate = name !~ /^(rust_helper_|fzc_|fz_ext)/
      next
    }
    /^}/ { crate = 0; next }
    crate && /(^|[ \t])(call|invoke)[ \t][^@]*@"?rust_helper_/ { n++ }
    END { print n + 0 }') || { note "crash llvm-dis-$1 1"; return 1; }
  note "calls $1 $n"
}

ln -sf "$RIH_FUZZ_RUNTIME/librust-runtime.a" librust-runtime.a
cp "$RIH_FUZZ_RUNTIME/native-libs.txt" native-libs.txt

step rustc rih_rustc_userspace "$dir" --emit="llvm-bc=$dir/crate.bc,obj=$dir/crate.o" || exit 0
# The helper files: helpers.c, and part2/helpers.c (other C flags) when the
# case has one.
objs=() bcs=()
for src in "$dir" "$dir"/part[0-9]; do
  [[ -f $src/helpers.c ]] || continue
  part=${src#"$dir"}
  part=${part#/}
  step "helpers${part:+-$part}-o" rih_cc_userspace_helpers "$src" "$src/helpers.o" || exit 0
  step "helpers${part:+-$part}-bc" rih_cc_userspace_helpers "$src" "$src/helpers.bc" -emit-llvm || exit 0
  objs+=("$src/helpers.o") bcs+=("$src/helpers.bc")
done
rm -f libhelpers.a
step helpers-ar "$LLVM_AR" rcs libhelpers.a "${objs[@]}" || exit 0
calls crate crate.bc || exit 0
# What every program links besides the crate: override.c's object, and
# libstdc++ for a C++ helper file.
extra=()
if [[ -f override.c ]]; then
  mapfile -t oflags < <(rih_read_flags cflags.txt)
  step override-o "$CLANG" "${oflags[@]}" -c "$dir/override.c" -o "$dir/override.o" || exit 0
  extra+=("$dir/override.o")
fi
grep -qx 'c++' part[0-9]/cflags.txt 2>/dev/null && extra+=(-lstdc++)

# 1. plain
step plain-link rih_link_userspace_obj "$dir" "$dir/crate.o" "$dir/plain" "${extra[@]}" || exit 0
run plain
if [[ $(cat plain.status) != 0 ]]; then
  if [[ -f part3/helpers.c ]]; then
    note "skip csmith program exited $(cat plain.status)"
    note "done"
    exit 0
  fi
  note "crash plain-run $(cat plain.status)"
  exit 0
fi

# 2. plugin
printf -v helpers 'helpers=%s;' "${bcs[@]}"
[[ ${RIH_FUZZ_INJECT:-} == crash ]] && helpers="helpers=$dir/injected-missing-helpers.bc;"
if step plugin-opt "$OPT" -load-pass-plugin="$RIH_FUZZ_PLUGIN" \
  -passes="rust-inline-helpers<${helpers}report=$dir/report.json${RIH_FUZZ_PARAMS:+;$RIH_FUZZ_PARAMS}>,default<O2>" \
  "$dir/crate.bc" -o "$dir/plugin.bc"; then
  calls plugin plugin.bc
  python3 - report.json >>result <<'EOF' || note "crash report.json 1"
import collections, json, re, sys
r = json.load(open(sys.argv[1]))
print("report %d %d" % (r["totals"]["inlined"], r["totals"]["refused"]))
why = collections.Counter()
for h in r.get("helpers", []):
    for f in h.get("refusals", []):
        why[re.split(r"[:;]", re.sub(r"'[^']*'", "'...'", f["reason"]))[0].strip()] += 1
for w, n in sorted(why.items()):
    print("refusal %d %s" % (n, w))
EOF
  step plugin-link rih_link_userspace "$dir" "$dir/plugin.bc" "$dir/plugin" "${extra[@]}" && run plugin
fi

# 3. kernel
# Linux 7.1's CONFIG_RUST_INLINE_HELPERS: every function always_inline, the
# C files in one translation unit with helpers.c's flags (and csmith's
# include directory), a C++ file in one of its own.
mkdir -p kernel-src kernel-src/cxx
cp cflags.txt kernel-src/cflags.txt
[[ -f part3/helpers.c ]] && printf '%s\n' "-I/usr/include/csmith" -w >>kernel-src/cflags.txt
sources=() kernel_bcs=("$dir/kernel-helpers.bc")
for bc in "${bcs[@]}"; do
  rel=${bc#"$dir"/}
  if grep -qx 'c++' "$(dirname "$bc")/cflags.txt"; then
    cp "$(dirname "$bc")/cflags.txt" kernel-src/cxx/cflags.txt
    rih_always_inline_source kernel-src/cxx/helpers.c "../../${rel%.bc}.c"
    kernel_bcs+=("$dir/kernel-helpers-cxx.bc")
  else
    sources+=("../${rel%.bc}.c")
  fi
done
rih_always_inline_source kernel-src/helpers.c "${sources[@]}"
if step kernel-helpers-bc rih_cc_userspace_helpers "$dir/kernel-src" "$dir/kernel-helpers.bc" -emit-llvm &&
  { [[ ! -f kernel-src/cxx/helpers.c ]] ||
    step kernel-helpers-cxx-bc rih_cc_userspace_helpers "$dir/kernel-src/cxx" "$dir/kernel-helpers-cxx.bc" -emit-llvm; } &&
  step kernel-llvm-link "$LLVM_LINK" --internalize --suppress-warnings \
    "$dir/crate.bc" "${kernel_bcs[@]}" -o "$dir/kernel-linked.bc" &&
  step kernel-opt "$OPT" -passes='default<O2>' "$dir/kernel-linked.bc" -o "$dir/kernel.bc"; then
  calls kernel kernel.bc
  step kernel-link rih_link_userspace "$dir" "$dir/kernel.bc" "$dir/kernel" "${extra[@]}" && run kernel
fi

compare plugin
compare kernel
note "done"
# A case that passed keeps its sources, bitcode and outputs; the programs
# and objects (std is linked in: megabytes each) go.
if ! grep -q '^crash \|^miscompare ' result; then
  rm -f plain plugin kernel ./*.o part[0-9]/*.o kernel-linked.bc
fi
exit 0
