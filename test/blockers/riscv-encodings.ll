; RISC-V encodings and linker relaxation (row EncodingFeatures): clang's
; default +relax and the compressed extensions (+c, +zca, +zcd) are other
; encodings of the same operations, so a helper whose body does floating
; point (which row UnneededFeatures cannot vouch for) still takes the Rust
; caller's subtarget and inlines.  Relaxation is adopted even from a helper
; with inline asm (code assembled without it is only left unshortened, as
; the riscv64 kernel's atomics helpers show).  Positive control: the
; compressed encodings on a helper with inline asm, which may spell a
; compressed instruction, stay a requirement, and that call stays a call.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   -pass-remarks-analysis=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; REQUIRES: riscv-registered-target

; CHECK-LABEL: define void @rust_fence(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       asm sideeffect "fence rw, rw"
; CHECK-LABEL: define float @rust_scale(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       fmul float
; CHECK-LABEL: define i64 @rust_cycles(
; CHECK:       call i64 @rust_helper_cycles(

; REMARK-DAG: reconciled call to rust_helper_scale in rust_scale: EncodingFeatures (callee-adopts-caller: the helper's +c,+relax,+zca,+zcd (encodings and relaxation; no inline asm))
; REMARK-DAG: rust_helper_scale inlined into rust_scale
; REMARK-DAG: rust_helper_cycles not inlined into rust_cycles: OtherFeatures (must-match): the helper has +c,+zca,+zcd, which the caller lacks, and it contains inline asm
; REMARK-DAG: reconciled call to rust_helper_fence in rust_fence: EncodingFeatures (callee-adopts-caller: the helper's +relax (linker relaxation; the body has inline asm, so compressed encodings would stay))
; REMARK-DAG: rust_helper_fence inlined into rust_fence {{.*}}reconciled: EncodingFeatures

;--- crate.ll
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"
declare float @rust_helper_scale(float)
declare i64 @rust_helper_cycles()
declare void @rust_helper_fence()
define void @rust_fence() #0 {
  call void @rust_helper_fence()
  ret void
}
define float @rust_scale(float %x) #0 {
  %r = call float @rust_helper_scale(float %x)
  ret float %r
}
define i64 @rust_cycles() #0 {
  %r = call i64 @rust_helper_cycles()
  ret i64 %r
}
attributes #0 = { nounwind "target-cpu"="generic-rv64" "target-features"="+m,+a,+f,+d" }
!llvm.module.flags = !{!0}
!0 = !{i32 1, !"target-abi", !"lp64d"}

;--- helpers.ll
target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"
define float @rust_helper_scale(float %x) #0 {
  %r = fmul float %x, 1.5
  ret float %r
}
define i64 @rust_helper_cycles() #0 {
  %r = call i64 asm sideeffect "rdcycle $0", "=r"()
  ret i64 %r
}
define void @rust_helper_fence() #1 {
  call void asm sideeffect "fence rw, rw", "~{memory}"()
  ret void
}
attributes #0 = { nounwind "target-cpu"="generic-rv64" "target-features"="+m,+a,+f,+d,+c,+zca,+zcd,+relax" }
attributes #1 = { nounwind "target-cpu"="generic-rv64" "target-features"="+m,+a,+f,+d,+relax" }
!llvm.module.flags = !{!0}
!0 = !{i32 1, !"target-abi", !"lp64d"}
