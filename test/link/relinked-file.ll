; A helper file linked a second time, in a later round (a helper of another
; file needs one of its helpers that the first round did not link): the
; helper the first round brought in is already here as an internal copy, so
; the file's definition of it binds to that copy instead of coming in again
; under a fresh name (rust_helper_a1.1) that, declared again for its call
; that stays (noinline), nothing defines: an undefined symbol at the link.
; Found by scripts/fuzz (seed 2026, case 404).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/a.ll -o %t/a.bc
; RUN: %llvm-as %t/b.ll -o %t/b.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;helpers=%t/b.bc>' %t/crate.ll -S -o %t/out.ll
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; CHECK-NOT: rust_helper_a1.
; CHECK-LABEL: define i32 @rust_caller(
; The noinline helper stays a call (positive control), twice: once from the
; crate, once from the inlined rust_helper_a2; the others are inlined.
; CHECK:       call i32 @rust_helper_a1(
; CHECK-NOT:   call i32 @rust_helper_{{(a2|b)}}(
; CHECK:       call i32 @rust_helper_a1(
; CHECK-NOT:   call i32 @rust_helper_{{(a2|b)}}(
; CHECK:       ret i32
; CHECK-NOT: rust_helper_a1.
; CHECK:     declare i32 @rust_helper_a1(
; CHECK-NOT: rust_helper_a1.

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_a1(i32)
declare i32 @rust_helper_b(i32)
define i32 @rust_caller(i32 %x) {
  %1 = call i32 @rust_helper_a1(i32 %x)
  %2 = call i32 @rust_helper_b(i32 %1)
  ret i32 %2
}

;--- a.ll
target triple = "x86_64-unknown-linux-gnu"
define i32 @rust_helper_a1(i32 %x) noinline {
  %r = add i32 %x, 1
  ret i32 %r
}
define i32 @rust_helper_a2(i32 %x) {
  %r = call i32 @rust_helper_a1(i32 %x)
  %s = mul i32 %r, 3
  ret i32 %s
}

;--- b.ll
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_a2(i32)
define i32 @rust_helper_b(i32 %x) {
  %r = call i32 @rust_helper_a2(i32 %x)
  ret i32 %r
}
