; Row BranchTargets (caller gains): an arm64 helper built with
; -mbranch-protection=bti has "branch-target-enforcement"; a Rust caller
; without it gains it, so the inlined body keeps BTI landing pads.  LLVM
; alone inlines the helper too, but the caller stays without the attribute:
; the helper's code loses BTI (what the row exists to prevent).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; LLVM alone:
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -o %t/linked.bc 2>/dev/null
; RUN: %opt -passes=inline %t/linked.bc -S -o %t/alone.ll
; RUN: FileCheck %s --check-prefix=ALONE --input-file=%t/alone.ll
; REQUIRES: aarch64-registered-target

; CHECK-LABEL: define i32 @rust_bti(
; CHECK-SAME:  #[[BTI:[0-9]+]] {
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       attributes #[[BTI]] = { nounwind "branch-target-enforcement" "target-cpu"="generic"
; REMARK: rust_helper_bti inlined into rust_bti (from {{.*}}helpers.bc); reconciled: BranchTargets

; ALONE-LABEL: define i32 @rust_bti(
; ALONE-SAME:  #[[PLAIN:[0-9]+]] {
; ALONE-NOT:   call {{.*}}@rust_helper_
; ALONE:       attributes #[[PLAIN]] = { nounwind "target-cpu"="generic"

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-none"
declare i32 @rust_helper_bti(i32)
define i32 @rust_bti(i32 %x) #0 {
  %v = call i32 @rust_helper_bti(i32 %x)
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="generic" "target-features"="+v8a,+strict-align,-neon,-fp-armv8" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"
define i32 @rust_helper_bti(i32 %x) #1 {
  %v = add i32 %x, 1
  ret i32 %v
}
attributes #1 = { nounwind "branch-target-enforcement" "target-cpu"="generic" "target-features"="+v8a,+strict-align,-neon,-fp-armv8" }
