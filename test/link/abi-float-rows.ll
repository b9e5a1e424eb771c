; Rows of passes/AbiRules.def that no clang/rustc pair spells differently
; today, hand-written: a float where the other side reads a double in the
; same FP register.  On AArch64 s0 is the low half of d0 (row SmallerFloat,
; AdaptIfUnread): the caller reads only the float's 4 bytes, so the call is
; rewritten and inlined; a caller that reads the whole double is refused.
; On RISC-V a float in a 64-bit FP register is NaN-boxed, so the same pair
; is refused whatever the caller reads.  Same-size <2 x float> against
; double on AArch64 is one register (row SameSizeFloat).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/a64-helpers.ll -o %t/a64-helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a64-helpers.bc>' \
; RUN:   -pass-remarks-analysis=rust-inline-helpers %t/a64-crate.ll -S -o %t/a64.ll 2>%t/a64.remarks
; RUN: FileCheck %s --check-prefix=A64 --input-file=%t/a64.ll
; RUN: FileCheck %s --check-prefix=A64-REMARK --input-file=%t/a64.remarks
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/a64-helpers.bc>' %t/a64-whole.ll \
; RUN:   -disable-output 2>&1 | FileCheck %s --check-prefix=A64-WHOLE
; RUN: %llvm-as %t/rv-helpers.ll -o %t/rv-helpers.bc
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/rv-helpers.bc>' %t/rv-crate.ll \
; RUN:   -disable-output 2>&1 | FileCheck %s --check-prefix=RV
; REQUIRES: aarch64-registered-target, riscv-registered-target

; A64-LABEL: define float @rust_first(
; A64-NOT:   call
; A64:       ret float
; A64-LABEL: define i64 @rust_pair(
; A64-NOT:   call
; A64-REMARK-DAG: calls to make_fd rewritten {{.*}} under AAPCS64 (SmallerFloat)
; A64-REMARK-DAG: calls to make_ff rewritten {{.*}} under AAPCS64 (SameSizeFloat)
; A64-WHOLE: error: rust-inline-helpers: helper 'make_fd' {{.*}}SmallerFloat (AAPCS64): {{.*}}; the call in 'rust_whole' reads bytes 4-7, which the helper leaves unspecified)
; RV: error: rust-inline-helpers: helper 'make_fd' {{.*}}(the return value: SmallerFloat (RISC-V LP64/LP64D): a float in a 64-bit FP register is NaN-boxed

;--- a64-crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"
declare { double, double } @make_fd(float)
declare double @make_ff(float)
define float @rust_first(float %x) {
  %r = call { double, double } @make_fd(float %x)
  %d = extractvalue { double, double } %r, 0
  %bits = bitcast double %d to i64
  %lo = trunc i64 %bits to i32
  %f = bitcast i32 %lo to float
  ret float %f
}
define i64 @rust_pair(float %x) {
  %r = call double @make_ff(float %x)
  %bits = bitcast double %r to i64
  ret i64 %bits
}

;--- a64-whole.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"
declare { double, double } @make_fd(float)
define double @rust_whole(float %x) {
  %r = call { double, double } @make_fd(float %x)
  %d = extractvalue { double, double } %r, 0
  ret double %d
}

;--- a64-helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"
define { float, double } @make_fd(float %x) {
  %d = fpext float %x to double
  %a = insertvalue { float, double } poison, float %x, 0
  %b = insertvalue { float, double } %a, double %d, 1
  ret { float, double } %b
}
define <2 x float> @make_ff(float %x) {
  %a = insertelement <2 x float> poison, float %x, i32 0
  %b = insertelement <2 x float> %a, float 1.0, i32 1
  ret <2 x float> %b
}

;--- rv-crate.ll
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"
declare { double, double } @make_fd(float)
define float @rust_first(float %x) {
  %r = call { double, double } @make_fd(float %x)
  %d = extractvalue { double, double } %r, 0
  %bits = bitcast double %d to i64
  %lo = trunc i64 %bits to i32
  %f = bitcast i32 %lo to float
  ret float %f
}
!llvm.module.flags = !{!0}
!0 = !{i32 1, !"target-abi", !"lp64d"}

;--- rv-helpers.ll
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"
define { float, double } @make_fd(float %x) {
  %d = fpext float %x to double
  %a = insertvalue { float, double } poison, float %x, 0
  %b = insertvalue { float, double } %a, double %d, 1
  ret { float, double } %b
}
!llvm.module.flags = !{!0}
!0 = !{i32 1, !"target-abi", !"lp64d"}
