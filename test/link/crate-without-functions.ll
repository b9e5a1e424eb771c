; A crate module with no function (only data, as a codegen unit of statics
; can be): nothing to link, no remark to anchor, no crash; the output
; verifies and keeps the data.
;
; RUN: %clang -O2 -emit-llvm -c %S/../errors/Inputs/helper.c -o %t.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t.bc>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %s -S -o %t.ll 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
; RUN: %plain-opt -passes=verify -disable-output %t.ll
; RUN: FileCheck %s --input-file=%t.ll
; QUIET-NOT: error
; CHECK: @RUST_DATA = constant i32 7
; CHECK-NOT: define
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
@RUST_DATA = constant i32 7
