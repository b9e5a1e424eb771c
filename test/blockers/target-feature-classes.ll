; Target features by class.  A caller that turns off cmov: cmov is baseline
; but the caller said no, so it counts as an ISA feature the caller lacks.  A
; helper whose body is plain IR cannot need it and adopts the caller's
; subtarget (row UnneededFeatures); one with inline asm keeps its call (row
; OtherFeatures).  A helper with
; a mitigation feature (retpoline) the caller lacks: with the default
; hardening=strengthen the caller gains the features (row HardeningFeatures)
; and the call is inlined; with hardening=refuse it stays a call.  Positive
; control: the same body without those differences is inlined.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARKS --input-file=%t/remarks.txt
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;hardening=refuse>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/refuse.ll 2>%t/refuse.txt
; RUN: FileCheck %s --check-prefix=REFUSE --input-file=%t/refuse.ll
; RUN: FileCheck %s --check-prefix=REFUSE-REMARKS --input-file=%t/refuse.txt

; CHECK-LABEL: define i32 @rust_no_cmov(
; CHECK-NOT:   call
; CHECK:       select
; CHECK-LABEL: define i32 @rust_no_cmov_asm(
; CHECK:       call i32 @rust_helper_min_asm(
; CHECK-LABEL: define i32 @rust_no_retpoline(
; CHECK-NOT:   call
; CHECK:       select
; CHECK-LABEL: define i32 @rust_control(
; CHECK-NOT:   call
; CHECK:       select
; CHECK:       ret i32
; CHECK:       attributes #{{[0-9]+}} = { nounwind "target-cpu"="x86-64" "target-features"="+retpoline-indirect-branches,+retpoline-indirect-calls" }

; REMARKS-DAG: rust_helper_min inlined into rust_no_cmov {{.*}}reconciled: UnneededFeatures
; REMARKS-DAG: rust_helper_min_asm not inlined into rust_no_cmov_asm: OtherFeatures (must-match): the helper has +cmov, which the caller lacks, and it contains inline asm
; REMARKS-DAG: rust_helper_min_retpoline inlined into rust_no_retpoline {{.*}}reconciled: HardeningFeatures
; REMARKS-DAG: rust_helper_min_plain inlined into rust_control

; REFUSE-LABEL: define i32 @rust_no_retpoline(
; REFUSE:       call i32 @rust_helper_min_retpoline(
; REFUSE-LABEL: define i32 @rust_control(
; REFUSE-NOT:   call
; REFUSE:       ret i32
; REFUSE-REMARKS: rust_helper_min_retpoline not inlined into rust_no_retpoline: HardeningFeatures (caller-gains, hardening=refuse): +retpoline-indirect-branches,+retpoline-indirect-calls

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_min(i32, i32)
declare i32 @rust_helper_min_retpoline(i32, i32)
declare i32 @rust_helper_min_plain(i32, i32)
declare i32 @rust_helper_min_asm(i32, i32)
define i32 @rust_no_cmov(i32 %a, i32 %b) #0 {
  %m = call i32 @rust_helper_min(i32 %a, i32 %b)
  ret i32 %m
}
define i32 @rust_no_cmov_asm(i32 %a, i32 %b) #3 {
  %m = call i32 @rust_helper_min_asm(i32 %a, i32 %b)
  ret i32 %m
}
define i32 @rust_no_retpoline(i32 %a, i32 %b) #1 {
  %m = call i32 @rust_helper_min_retpoline(i32 %a, i32 %b)
  ret i32 %m
}
define i32 @rust_control(i32 %a, i32 %b) #2 {
  %m = call i32 @rust_helper_min_plain(i32 %a, i32 %b)
  ret i32 %m
}
attributes #0 = { nounwind "target-cpu"="x86-64" "target-features"="-cmov" }
attributes #1 = { nounwind "target-cpu"="x86-64" }
attributes #2 = { nounwind "target-cpu"="x86-64" }
attributes #3 = { nounwind "target-cpu"="x86-64" "target-features"="-cmov" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_min(i32 %a, i32 %b) #0 {
  %c = icmp slt i32 %a, %b
  %m = select i1 %c, i32 %a, i32 %b
  ret i32 %m
}
define i32 @rust_helper_min_retpoline(i32 %a, i32 %b) #1 {
  %c = icmp slt i32 %a, %b
  %m = select i1 %c, i32 %a, i32 %b
  ret i32 %m
}
define i32 @rust_helper_min_asm(i32 %a, i32 %b) #0 {
  %m = call i32 asm "cmpl $2, $1; cmovll $2, $0", "=r,r,r,0"(i32 %a, i32 %b, i32 %a)
  ret i32 %m
}
define i32 @rust_helper_min_plain(i32 %a, i32 %b) #0 {
  %c = icmp slt i32 %a, %b
  %m = select i1 %c, i32 %a, i32 %b
  ret i32 %m
}
attributes #0 = { nounwind "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr" }
attributes #1 = { nounwind "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+retpoline-indirect-calls,+retpoline-indirect-branches" }
