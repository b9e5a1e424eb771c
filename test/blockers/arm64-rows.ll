; arm64 kernel differences, hand-written after the kernel's flags: clang's
; +outline-atomics (row CodegenFeatures: the helper takes the caller's
; subtarget), shadow call stack on the helper (row ShadowCallStack: the caller
; reserves x18, so it gains SCS), pac-ret "all" vs "non-leaf" (row PointerAuth:
; the stronger wins on both sides).  Positive control: a caller that does not
; reserve x18 cannot gain SCS, so its call stays a call.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; REQUIRES: aarch64-registered-target

; CHECK-LABEL: define void @rust_get(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       atomicrmw add
; CHECK-LABEL: define void @rust_no_x18(
; CHECK:       call void @rust_helper_inc(
; CHECK:       attributes #0 = { nounwind null_pointer_is_valid shadowcallstack "branch-target-enforcement" "probe-stack"="inline-asm" "sign-return-address"="all" "sign-return-address-key"="a_key" "target-cpu"="generic" "target-features"="+v8a,+strict-align,-neon,-fp-armv8,+reserve-x18" }

; REMARK-DAG: rust_helper_inc inlined into rust_get {{.*}}reconciled: ShadowCallStack, PointerAuth, NullPointerIsValid, CodegenFeatures
; REMARK-DAG: rust_helper_inc not inlined into rust_no_x18: OtherHardening (must-match): shadowcallstack differs and the side without it does not reserve x18

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-none"
declare void @rust_helper_inc(ptr)
define void @rust_get(ptr %p) #0 {
  call void @rust_helper_inc(ptr %p)
  ret void
}
define void @rust_no_x18(ptr %p) #1 {
  call void @rust_helper_inc(ptr %p)
  ret void
}
attributes #0 = { nounwind "target-cpu"="generic" "target-features"="+v8a,+strict-align,-neon,-fp-armv8,+reserve-x18" "probe-stack"="inline-asm" "branch-target-enforcement" "sign-return-address"="non-leaf" "sign-return-address-key"="a_key" }
attributes #1 = { nounwind "target-cpu"="generic" "target-features"="+v8a,+strict-align,-neon,-fp-armv8" "branch-target-enforcement" "sign-return-address"="all" "sign-return-address-key"="a_key" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"
define void @rust_helper_inc(ptr %p) #0 {
  %o = atomicrmw add ptr %p, i32 1 monotonic
  ret void
}
attributes #0 = { nounwind null_pointer_is_valid shadowcallstack "target-cpu"="generic" "target-features"="+outline-atomics,+v8a,-fp-armv8,-neon,+reserve-x18" "branch-target-enforcement" "sign-return-address"="all" "sign-return-address-key"="a_key" }
