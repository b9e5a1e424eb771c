; With mismatch=warn, a helper whose C definition disagrees with the crate's
; declaration stays a call wherever it ends up: also where another helper
; calls it and that helper is inlined into the crate.  Each such call in the
; crate gets the missed remark; a remark never names a helper body.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/a.ll -o %t/a.bc
; RUN: %llvm-as %t/b.ll -o %t/b.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;helpers=%t/b.bc;mismatch=warn>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/missed.txt
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=MISSED --input-file=%t/missed.txt
; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call {{.*}}@rust_helper_outer(
; CHECK:       call i32 @rust_helper_bad(
; CHECK:       call i32 @rust_helper_bad(
; CHECK:       ret i32
; MISSED-COUNT-2: rust_helper_bad not inlined into rust_caller: the Rust declaration and the C definition differ
; MISSED-NOT: into rust_helper_outer

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_bad(i32 signext)
declare i32 @rust_helper_outer(i32)
define i32 @rust_caller(i32 %x) {
  %1 = call i32 @rust_helper_bad(i32 signext %x)
  %2 = call i32 @rust_helper_outer(i32 %1)
  ret i32 %2
}

;--- a.ll
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_bad(i32 zeroext)
define i32 @rust_helper_outer(i32 %x) {
  %y = call i32 @rust_helper_bad(i32 zeroext %x)
  ret i32 %y
}

;--- b.ll
target triple = "x86_64-unknown-linux-gnu"
define i32 @rust_helper_bad(i32 zeroext %x) {
  ret i32 %x
}
