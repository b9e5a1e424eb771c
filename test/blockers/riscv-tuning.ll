; Row TuningFeatures (callee adopts): a riscv64 helper whose subtarget has
; tuning-only features the caller lacks (+no-default-unroll,
; +lui-addi-fusion: they change instruction choice, never what is legal).
; LLVM alone refuses ("conflicting attributes": RISC-V wants the callee's
; features to be a subset of the caller's); the row drops them and the
; helper is inlined, the caller's features unchanged.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; LLVM alone:
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -o %t/linked.bc 2>/dev/null
; RUN: %opt -passes=inline -pass-remarks-missed=inline %t/linked.bc -S -o %t/alone.ll 2>%t/alone.txt
; RUN: FileCheck %s --check-prefix=ALONE --input-file=%t/alone.txt
; REQUIRES: riscv-registered-target

; CHECK-LABEL: define i32 @rust_tuned(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       attributes #0 = { nounwind "target-cpu"="generic-rv64" "target-features"="+64bit,+m,+a,+c" }
; REMARK: rust_helper_tuned inlined into rust_tuned (from {{.*}}helpers.bc); reconciled: TuningFeatures
; ALONE: 'rust_helper_tuned' not inlined into 'rust_tuned' because it should never be inlined (cost=never): conflicting attributes

;--- crate.ll
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"
declare i32 @rust_helper_tuned(i32)
define i32 @rust_tuned(i32 %x) #0 {
  %v = call i32 @rust_helper_tuned(i32 %x)
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="generic-rv64" "target-features"="+64bit,+m,+a,+c" }

;--- helpers.ll
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"
define i32 @rust_helper_tuned(i32 %x) #1 {
  %v = add i32 %x, 1
  ret i32 %v
}
attributes #1 = { nounwind "target-cpu"="generic-rv64" "target-features"="+64bit,+m,+a,+c,+no-default-unroll,+lui-addi-fusion" }
