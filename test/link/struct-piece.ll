; clang returns a small struct as an integer of the struct's exact size
; (x86-64: libdivide's { u32, u8 } as i40) where rustc returns the same
; register as i64: one ABI, the bits beyond i40 being padding.  The call is
; adapted (zext) and inlined.  An i32 against an i64, which a C scalar can
; be, stays a mismatch.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/wrappers.ll -o %t/wrappers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc>' %t/crate.ll -S -o %t/out.ll
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; CHECK-LABEL: define i64 @caller(
; CHECK-NOT: call
; CHECK: [[V:%.*]] = or i40
; CHECK: zext i40 [[V]] to i64
; CHECK: ret i64
;
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc>' %t/scalar.ll -disable-output 2>&1 | FileCheck %s --check-prefix=SCALAR
; SCALAR: error: rust-inline-helpers: helper 'word__extern' is declared by module '{{.*}}scalar.ll' as 'i64 (i32)' but defined in '{{.*}}wrappers.bc' as 'i32 (i32)': the return types differ

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i64 @gen__extern(i32)
define i64 @caller(i32 %d) {
  %r = call i64 @gen__extern(i32 %d)
  ret i64 %r
}

;--- scalar.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i64 @word__extern(i32)
define i64 @caller(i32 %d) {
  %r = call i64 @word__extern(i32 %d)
  ret i64 %r
}

;--- wrappers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i40 @gen__extern(i32 %d) {
  %m = zext i32 %d to i40
  %more = shl i40 7, 32
  %r = or i40 %m, %more
  ret i40 %r
}
define i32 @word__extern(i32 %d) {
  ret i32 %d
}
