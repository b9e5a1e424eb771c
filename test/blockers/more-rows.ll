; Policy rows that had no test of their own, each with what LLVM alone does
; (llvm-link, then LLVM's inliner) and what the row does:
;   ProfileAttributes (must-match): a noprofile helper in an instrumented
;     caller; LLVM refuses ("conflicting attributes") and so does the row.
;   OptNoneCaller (respect): an optnone caller (rustc -Copt-level=0); LLVM
;     refuses ("optnone attribute"), the row keeps the call.
;   FollowCaller (callee dropped): a cold, minsize, optsize helper; LLVM
;     inlines it and the caller stays as it was: the hints are the helper's,
;     not the caller's, so there is nothing to reconcile.
;   ProbeStack (caller gains): a helper with stack-clash probes; the caller
;     gains "probe-stack" (as InlineFunction's adjustCallerStackProbes would),
;     and the remark names the row.
; x86 ignores tuning features when it compares subtargets, so the
; TuningFeatures row shows on arm64 (arm64-more-rows.ll).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; LLVM alone:
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -o %t/linked.bc 2>/dev/null
; RUN: %opt -passes=inline -pass-remarks-missed=inline %t/linked.bc -S -o %t/alone.ll 2>%t/alone.txt
; RUN: FileCheck %s --check-prefix=ALONE --input-file=%t/alone.txt

; CHECK-LABEL: define i32 @rust_profiled(
; CHECK:       call i32 @rust_helper_noprofile(
; CHECK-LABEL: define i32 @rust_optnone(
; CHECK:       call i32 @rust_helper_plain(
; CHECK-LABEL: define i32 @rust_hints(i32 %x) #0 {
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       ret i32
; CHECK-LABEL: define i32 @rust_probe(
; CHECK-SAME:  #[[PROBE:[0-9]+]] {
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       ret i32
; CHECK:       attributes #0 = { nounwind "target-cpu"="x86-64" }
; CHECK:       attributes #[[PROBE]] = { nounwind "probe-stack"="inline-asm" "target-cpu"="x86-64" }

; REMARK-DAG: rust_helper_noprofile not inlined into rust_profiled: ProfileAttributes (must-match): noprofile or use-sample-profile differs [LLVM: conflicting attributes]
; REMARK-DAG: rust_helper_plain not inlined into rust_optnone: OptNoneCaller (respect): the caller is optnone [LLVM: optnone attribute]
; REMARK-DAG: rust_helper_hints inlined into rust_hints (from {{.*}}helpers.bc); nothing to reconcile
; REMARK-DAG: rust_helper_probe inlined into rust_probe (from {{.*}}helpers.bc); reconciled: ProbeStack

; ALONE-DAG: 'rust_helper_noprofile' not inlined into 'rust_profiled' because it should never be inlined (cost=never): conflicting attributes
; ALONE-DAG: 'rust_helper_plain' not inlined into 'rust_optnone' because it should never be inlined (cost=never): optnone attribute
; ALONE-NOT: rust_helper_hints
; ALONE-NOT: rust_helper_probe

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_noprofile(i32)
declare i32 @rust_helper_plain(i32)
declare i32 @rust_helper_hints(i32)
declare i32 @rust_helper_probe(i32)
define i32 @rust_profiled(i32 %x) #0 {
  %v = call i32 @rust_helper_noprofile(i32 %x)
  ret i32 %v
}
define i32 @rust_optnone(i32 %x) #1 {
  %v = call i32 @rust_helper_plain(i32 %x)
  ret i32 %v
}
define i32 @rust_hints(i32 %x) #0 {
  %v = call i32 @rust_helper_hints(i32 %x)
  ret i32 %v
}
define i32 @rust_probe(i32 %x) #0 {
  %v = call i32 @rust_helper_probe(i32 %x)
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="x86-64" }
attributes #1 = { noinline nounwind optnone "target-cpu"="x86-64" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_noprofile(i32 %x) #1 {
  %v = add i32 %x, 1
  ret i32 %v
}
define i32 @rust_helper_plain(i32 %x) #0 {
  %v = add i32 %x, 2
  ret i32 %v
}
define i32 @rust_helper_hints(i32 %x) #2 {
  %v = add i32 %x, 3
  ret i32 %v
}
define i32 @rust_helper_probe(i32 %x) #3 {
  %v = add i32 %x, 4
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="x86-64" }
attributes #1 = { noprofile nounwind "target-cpu"="x86-64" }
attributes #2 = { cold minsize nounwind optsize "target-cpu"="x86-64" }
attributes #3 = { nounwind "probe-stack"="inline-asm" "target-cpu"="x86-64" }
