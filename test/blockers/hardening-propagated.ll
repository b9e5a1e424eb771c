; zero-call-used-regs and fn_ret_thunk_extern are neither checked nor merged
; by LLVM's inliner.  The plugin gives them to the Rust function that
; inlines a helper having them (rows ZeroCallUsedRegs, ReturnThunk); but the
; normal inliner may later inline that function into its own callers, which
; would then hold the helper's code without the protection.  So every
; function that calls it, transitively, gains them too.  Positive controls: a
; function that calls none of them keeps its attributes, and one with an
; explicit zero-call-used-regs "skip" keeps it (it still gains the return
; thunk); with hardening=ignore nothing is propagated.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;report=%t/report.json>' \
; RUN:   -pass-remarks-analysis=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; RUN: FileCheck %s --check-prefix=REPORT --input-file=%t/report.json
; The normal inliner afterwards: the helper's code ends up in @outer, which
; zeroes registers.
; RUN: %plain-opt -passes='cgscc(inline)' %t/out.ll -S -o - | FileCheck %s --check-prefix=LATER
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;hardening=ignore>' \
; RUN:   %t/crate.ll -S -o - 2>/dev/null | FileCheck %s --check-prefix=IGNORE

; CHECK:       define void @uses_helper() #[[ZR:[0-9]+]] {
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       ret void
; CHECK:       define void @middle() #[[ZR]] {
; CHECK:       define void @outer() #[[ZR]] {
; CHECK:       define void @unrelated() #[[PLAIN:[0-9]+]] {
; CHECK:       define void @skips() #[[SKIP:[0-9]+]] {
; CHECK-DAG:   attributes #[[ZR]] = { fn_ret_thunk_extern nounwind "target-cpu"="x86-64" "zero-call-used-regs"="used-gpr" }
; CHECK-DAG:   attributes #[[PLAIN]] = { nounwind "target-cpu"="x86-64" }
; CHECK-DAG:   attributes #[[SKIP]] = { fn_ret_thunk_extern nounwind "target-cpu"="x86-64" "zero-call-used-regs"="skip" }

; REMARK-DAG: remark: {{.*}}middle gains the hardening of uses_helper, whose code it may inline
; REMARK-DAG: remark: {{.*}}outer gains the hardening of middle, whose code it may inline
; REMARK-DAG: remark: {{.*}}skips gains the hardening of uses_helper, whose code it may inline
; REPORT:      "propagated_hardening": {
; REPORT-NEXT:   "fn_ret_thunk_extern": 3,
; REPORT-NEXT:   "zero-call-used-regs": 2
; LATER:       define void @outer() #[[OUTER:[0-9]+]]
; LATER-NOT:   call
; LATER:       attributes #[[OUTER]] = { fn_ret_thunk_extern {{.*}}"zero-call-used-regs"="used-gpr" }
; IGNORE-NOT:  "zero-call-used-regs"="used-gpr"

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @rust_helper_touch(ptr %p) #0 {
  store volatile i32 1, ptr %p
  ret void
}

attributes #0 = { nounwind fn_ret_thunk_extern "target-cpu"="x86-64" "zero-call-used-regs"="used-gpr" }

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@cell = global i32 0

declare void @rust_helper_touch(ptr)

define void @uses_helper() #0 {
  call void @rust_helper_touch(ptr @cell)
  ret void
}

define void @middle() #0 {
  call void @uses_helper()
  ret void
}

define void @outer() #0 {
  call void @middle()
  ret void
}

define void @unrelated() #0 {
  store i32 2, ptr @cell
  ret void
}

define void @skips() #1 {
  call void @uses_helper()
  ret void
}

attributes #0 = { nounwind "target-cpu"="x86-64" }
attributes #1 = { nounwind "target-cpu"="x86-64" "zero-call-used-regs"="skip" }
