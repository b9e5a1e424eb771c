; Linux 6.12's Rust target names no CPU ("generic"); clang's kernel helpers
; say "x86-64" and spell out +cmov,+cx8,+fxsr.  The helper's extra features
; all belong to the triple's baseline CPU, so the helper adopts the caller's
; subtarget (row BaselineFeatures).  A positive control with a real ISA
; extension (+avx2) the caller lacks, whose body needs it (inline asm), must
; stay a call (row OtherFeatures).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -o - | %plain-opt -passes=inline \
; RUN:   -pass-remarks-missed=inline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; PLAIN: 'rust_helper_baseline' not inlined into 'rust_caller' {{.*}}conflicting attributes
; PLAIN: 'rust_helper_avx2' not inlined into 'rust_caller' {{.*}}conflicting attributes

; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call {{.*}}@rust_helper_baseline
; CHECK:       call i32 @rust_helper_avx2(
; CHECK:       ret i32
; The helper that stays a call is again a declaration of the helper
; object's definition, with that definition's own subtarget.
; CHECK:       declare i32 @rust_helper_avx2({{.*}}) [[AVX:#[0-9]+]]
; CHECK-NOT:   define {{.*}}@rust_helper_baseline
; CHECK:       attributes #0 = { nounwind "target-cpu"="generic" "target-features"="-mmx,+soft-float,-sse,-sse2" }
; CHECK:       attributes [[AVX]] = { {{.*}}"target-features"="+avx2"

; REMARK: rust_helper_baseline inlined into rust_caller {{.*}}reconciled: BaselineFeatures
; REMARK: rust_helper_avx2 not inlined into rust_caller: OtherFeatures (must-match): the helper has {{.*}}+avx2{{.*}}which the caller lacks, and it contains inline asm

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_baseline(i32, i32)
declare i32 @rust_helper_avx2(i32)
define i32 @rust_caller(i32 %a, i32 %b) #0 {
  %m = call i32 @rust_helper_baseline(i32 %a, i32 %b)
  %r = call i32 @rust_helper_avx2(i32 %m)
  ret i32 %r
}
attributes #0 = { nounwind "target-cpu"="generic" "target-features"="-mmx,+soft-float,-sse,-sse2" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_baseline(i32 %a, i32 %b) #0 {
  %c = icmp slt i32 %a, %b
  %m = select i1 %c, i32 %a, i32 %b
  ret i32 %m
}
define i32 @rust_helper_avx2(i32 %a) #1 {
  call void asm sideeffect "vzeroupper", ""()
  %r = add i32 %a, 7
  ret i32 %r
}
attributes #0 = { nounwind "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,-mmx,-sse,-sse2,-x87" }
attributes #1 = { nounwind "target-cpu"="x86-64" "target-features"="+avx2" }
