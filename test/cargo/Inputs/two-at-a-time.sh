# Runs each argument, a shell command, at most two at once, and fails when
# any of them failed, after all have ended, showing that command and its
# output (each command's output is kept apart until then).
#
#   bash two-at-a-time.sh 'COMMAND' 'COMMAND'...
set -uo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pids=() failed=0
finish() { # wait for the oldest running command
  local p=${pids[0]} n
  pids=("${pids[@]:1}")
  n=${index[$p]}
  if ! wait "$p"; then
    echo "two-at-a-time: failed: ${cmds[$n]}" >&2
    cat "$dir/$n.out" >&2
    failed=1
  fi
}
declare -A index
cmds=("$@")
for ((n = 0; n < ${#cmds[@]}; n++)); do
  ((${#pids[@]} < 2)) || finish
  bash -c "${cmds[$n]}" >"$dir/$n.out" 2>&1 &
  index[$!]=$n
  pids+=($!)
done
while ((${#pids[@]})); do finish; done
exit $failed
