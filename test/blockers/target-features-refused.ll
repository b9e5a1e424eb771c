; The BaselineFeatures row only covers features every CPU of the triple has
; and the caller did not turn off.  A caller that turns off cmov, and a helper
; that carries a mitigation feature (retpoline) the caller lacks, keep their
; calls, with the features named.  Positive control: the same helper body
; without those differences is inlined.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/missed.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=MISSED --input-file=%t/missed.txt

; CHECK-LABEL: define i32 @rust_no_cmov(
; CHECK:       call i32 @rust_helper_min(
; CHECK-LABEL: define i32 @rust_no_retpoline(
; CHECK:       call i32 @rust_helper_min_retpoline(
; CHECK-LABEL: define i32 @rust_control(
; CHECK-NOT:   call
; CHECK:       select
; CHECK:       ret i32

; MISSED-DAG: rust_helper_min not inlined into rust_no_cmov: OtherFeatures (must-match): the helper has +cmov, which the caller lacks
; MISSED-DAG: rust_helper_min_retpoline not inlined into rust_no_retpoline: OtherFeatures (must-match): the helper has {{.*}}+retpoline-indirect-calls{{.*}}, which the caller lacks
; MISSED-NOT: rust_control

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_min(i32, i32)
declare i32 @rust_helper_min_retpoline(i32, i32)
declare i32 @rust_helper_min_plain(i32, i32)
define i32 @rust_no_cmov(i32 %a, i32 %b) #0 {
  %m = call i32 @rust_helper_min(i32 %a, i32 %b)
  ret i32 %m
}
define i32 @rust_no_retpoline(i32 %a, i32 %b) #1 {
  %m = call i32 @rust_helper_min_retpoline(i32 %a, i32 %b)
  ret i32 %m
}
define i32 @rust_control(i32 %a, i32 %b) #1 {
  %m = call i32 @rust_helper_min_plain(i32 %a, i32 %b)
  ret i32 %m
}
attributes #0 = { nounwind "target-cpu"="x86-64" "target-features"="-cmov" }
attributes #1 = { nounwind "target-cpu"="x86-64" }

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
define i32 @rust_helper_min_plain(i32 %a, i32 %b) #0 {
  %c = icmp slt i32 %a, %b
  %m = select i1 %c, i32 %a, i32 %b
  ret i32 %m
}
attributes #0 = { nounwind "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr" }
attributes #1 = { nounwind "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+retpoline-indirect-calls,+retpoline-indirect-branches" }
