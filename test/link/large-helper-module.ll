; A 5,000-function helper module of which the crate uses 3: only those 3 are
; linked (with the table they read), and they are inlined.
; RUN: rm -rf %t && mkdir -p %t
; RUN: %python %S/Inputs/many-helpers.py 5000 %t/many.c
; RUN: %clang -O2 -emit-llvm -c %t/many.c -o %t/many.bc
; RUN: %opt -passes='rust-helpers-link<helpers=%t/many.bc>' %s -S -o %t/linked.ll
; RUN: FileCheck %s --check-prefix=LINKED --input-file=%t/linked.ll
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/many.bc>' %s -S -o %t/out.ll
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; LINKED-COUNT-3: define internal {{.*}}@rust_helper_f{{(7|1234|4999)}}(
; LINKED-NOT: define {{.*}}@rust_helper_f
; CHECK-LABEL: define i32 @rust_three(
; CHECK-NOT: call
; CHECK: ret i32
; CHECK-NOT: define {{.*}}@rust_helper_

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_f7(i32)
declare i32 @rust_helper_f1234(i32)
declare i32 @rust_helper_f4999(i32)
define i32 @rust_three(i32 %x) {
  %a = call i32 @rust_helper_f7(i32 %x)
  %b = call i32 @rust_helper_f1234(i32 %a)
  %c = call i32 @rust_helper_f4999(i32 %b)
  ret i32 %c
}
