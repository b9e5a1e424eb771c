; The output is byte-identical from run to run, and does not depend on the
; order of the helpers= files (issue 5.7): files are linked in the order of
; their paths.  Two files that define the same helper are an error instead
; (test/errors/duplicate-definition.test).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/a.ll -o %t/a.bc
; RUN: %llvm-as %t/b.ll -o %t/b.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;helpers=%t/b.bc;report=%t/ab.json>' %t/crate.ll -o %t/ab1.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;helpers=%t/b.bc;report=%t/ab2.json>' %t/crate.ll -o %t/ab2.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/b.bc;helpers=%t/a.bc;report=%t/ba.json>' %t/crate.ll -o %t/ba.bc
; RUN: cmp %t/ab1.bc %t/ab2.bc
; RUN: cmp %t/ab1.bc %t/ba.bc
; RUN: diff %t/ab.json %t/ba.json
; Not trivially equal: both files are linked, and one helper of each stays.
; RUN: %llvm-dis %t/ba.bc -o - | FileCheck %s
; CHECK-LABEL: define i32 @rust_caller(
; CHECK-DAG:   call i32 @rust_helper_a_kept(
; CHECK-DAG:   call i32 @rust_helper_b_kept(
; CHECK-NOT:   call i32 @rust_helper_a(
; CHECK-NOT:   call i32 @rust_helper_b(
; CHECK:       ret i32

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_a(i32)
declare i32 @rust_helper_b(i32)
declare i32 @rust_helper_a_kept(i32)
declare i32 @rust_helper_b_kept(i32)
define i32 @rust_caller(i32 %x) {
  %1 = call i32 @rust_helper_b(i32 %x)
  %2 = call i32 @rust_helper_a(i32 %1)
  %3 = call i32 @rust_helper_b_kept(i32 %2)
  %4 = call i32 @rust_helper_a_kept(i32 %3)
  ret i32 %4
}

;--- a.ll
target triple = "x86_64-unknown-linux-gnu"
@a_table = internal constant [2 x i32] [i32 1, i32 2]
define i32 @rust_helper_a(i32 %x) {
  %p = getelementptr [2 x i32], ptr @a_table, i32 0, i32 1
  %v = load i32, ptr %p
  %r = add i32 %x, %v
  ret i32 %r
}
define i32 @rust_helper_a_kept(i32 %x) noinline {
  ret i32 %x
}

;--- b.ll
target triple = "x86_64-unknown-linux-gnu"
@b_table = internal constant [2 x i32] [i32 3, i32 4]
define i32 @rust_helper_b(i32 %x) {
  %p = getelementptr [2 x i32], ptr @b_table, i32 0, i32 1
  %v = load i32, ptr %p
  %r = mul i32 %x, %v
  ret i32 %r
}
define i32 @rust_helper_b_kept(i32 %x) noinline {
  ret i32 %x
}
