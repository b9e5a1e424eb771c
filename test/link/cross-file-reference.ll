; A helper of a later file (by path order) calling a helper that an earlier
; file already brought in and made internal: the later file's reference is
; bound to that helper, not left as a fresh external name (rust_helper_a.1)
; that nothing defines.  Found by scripts/fuzz.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/a.ll -o %t/a.bc
; RUN: %llvm-as %t/b.ll -o %t/b.bc
; RUN: %opt -passes='rust-helpers-link<helpers=%t/a.bc;helpers=%t/b.bc>' %t/crate.ll -S -o %t/linked.ll
; RUN: FileCheck %s --check-prefix=LINKED --input-file=%t/linked.ll
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/b.bc;helpers=%t/a.bc>' %t/crate.ll -S -o %t/out.ll
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; LINKED-NOT: rust_helper_a.
; LINKED-NOT: rust-inline-helpers.ref
; LINKED: define internal i32 @rust_helper_b(
; LINKED: call i32 @rust_helper_a(
; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT: call
; CHECK: ret i32
; CHECK-NOT: rust_helper_a.
; CHECK-NOT: declare

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_a(i32)
declare i32 @rust_helper_b(i32)
define i32 @rust_caller(i32 %x) {
  %1 = call i32 @rust_helper_a(i32 %x)
  %2 = call i32 @rust_helper_b(i32 %1)
  ret i32 %2
}

;--- a.ll
target triple = "x86_64-unknown-linux-gnu"
define i32 @rust_helper_a(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}

;--- b.ll
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_a(i32)
define i32 @rust_helper_b(i32 %x) {
  %y = call i32 @rust_helper_a(i32 %x)
  %r = mul i32 %y, 3
  ret i32 %r
}
