; Helpers that call helpers are inlined all the way down, also when the
; callee lives in another helper file given before or after; a helper marked
; noinline in its C source stays a call (positive control); helpers left
; without users are deleted.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/a.ll -o %t/a.bc
; RUN: %llvm-as %t/b.ll -o %t/b.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;helpers=%t/b.bc>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/ab.ll 2>%t/ab.txt
; RUN: FileCheck %s --input-file=%t/ab.ll
; RUN: FileCheck %s --check-prefix=MISSED --input-file=%t/ab.txt
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/b.bc;helpers=%t/a.bc>' \
; RUN:   %t/crate.ll -S -o %t/ba.ll
; RUN: FileCheck %s --input-file=%t/ba.ll

; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call {{.*}}@rust_helper_outer
; CHECK-NOT:   call {{.*}}@rust_helper_inner
; CHECK:       mul i32
; CHECK:       call i32 @rust_helper_noinline(
; CHECK-NOT:   define {{.*}}@rust_helper_outer
; CHECK-NOT:   define {{.*}}@rust_helper_inner
; CHECK:       declare i32 @rust_helper_noinline(

; MISSED: rust_helper_noinline not inlined into rust_caller: NoInline (respect): noinline on the helper

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_outer(i32)
declare i32 @rust_helper_noinline(i32)
define i32 @rust_caller(i32 %x) #0 {
  %a = call i32 @rust_helper_outer(i32 %x)
  %b = call i32 @rust_helper_noinline(i32 %a)
  ret i32 %b
}
attributes #0 = { nounwind "target-cpu"="x86-64" }

;--- a.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
declare i32 @rust_helper_inner(i32)
define i32 @rust_helper_outer(i32 %x) #0 {
  %v = call i32 @rust_helper_inner(i32 %x)
  %w = add i32 %v, 1
  ret i32 %w
}
define i32 @rust_helper_noinline(i32 %x) #1 {
  %v = xor i32 %x, 5
  ret i32 %v
}
attributes #0 = { nounwind null_pointer_is_valid "target-cpu"="x86-64" }
attributes #1 = { noinline nounwind "target-cpu"="x86-64" }

;--- b.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_inner(i32 %x) #0 {
  %v = mul i32 %x, 3
  ret i32 %v
}
attributes #0 = { nounwind null_pointer_is_valid "no-builtin-wcslen" "target-cpu"="x86-64" }
