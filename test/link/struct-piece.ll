; clang returns a small struct as an integer of the struct's exact size
; (x86-64: libdivide's { u32, u8 } as i40) where rustc returns the same
; register as i64: one ABI (AbiRules.def row WiderIntegerReturn) when the
; caller reads only the struct's 5 bytes, as a Rust caller reading its
; fields does.  The call is adapted (zext) and inlined.  A caller that reads
; bytes 5-7, which the helper leaves unspecified (a u64 declared for the
; struct, or an i64 for a C int), stays a mismatch.
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
; SCALAR: error: rust-inline-helpers: helper 'word__extern' is declared by module '{{.*}}scalar.ll' as 'i64 (i32)' but defined in '{{.*}}wrappers.bc' as 'i32 (i32)': the return types differ (the return value: WiderIntegerReturn (x86-64 SysV): {{.*}}; the call in 'caller' reads bytes 4-7, which the helper leaves unspecified)
;
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc>' %t/wide.ll -disable-output 2>&1 | FileCheck %s --check-prefix=WIDE
; WIDE: error: rust-inline-helpers: helper 'gen__extern' is declared by module '{{.*}}wide.ll' as 'i64 (i32)' but defined in '{{.*}}wrappers.bc' as 'i40 (i32)': the return types differ (the return value: WiderIntegerReturn (x86-64 SysV): {{.*}}; the call in 'caller' reads bytes 5-7, which the helper leaves unspecified)

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i64 @gen__extern(i32)
define i64 @caller(i32 %d) {
  %r = call i64 @gen__extern(i32 %d)
  %fields = and i64 %r, 1099511627775
  ret i64 %fields
}

;--- wide.ll
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
