# Runs "PROGRAM check" into OUT.  Exit 77 (io_uring forbidden here) is a
# skip: OUT then holds the program's message and "skipped", and lit prints
# the message; any other failure fails.
prog=$1 out=$2
"$prog" check >"$out"
rc=$?
if ((rc == 77)); then
  echo skipped >>"$out"
  echo "note: $(head -1 "$out"); the io_uring run is skipped" >&2
  exit 0
fi
exit $rc
