#!/bin/bash
# value.sh OBJECT FUNCTION: prints what FUNCTION returns when its body is
# "mov $N, %eax; ret" (a helper inlined as a constant), else "call".
dis=$(/usr/lib/llvm-22/bin/llvm-objdump -d --no-show-raw-insn --disassemble-symbols="$2" "$1")
if n=$(grep -oE 'movl[[:space:]]+\$0x[0-9a-f]+, %eax' <<<"$dis" | head -1 | grep -oE '0x[0-9a-f]+'); then
  echo "returns $((n))"
else
  echo call
fi
