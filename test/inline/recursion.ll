; A recursive helper, directly or through another helper, is not inlined
; without end: LLVM's isInlineViable refuses the self-call and the pass's
; inline history stops the cycle.  Each stays a call with a missed remark.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/missed.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=MISSED --input-file=%t/missed.txt

; CHECK-LABEL: define i32 @rust_self(
; CHECK:       call i32 @rust_helper_fact(
; CHECK-LABEL: define i32 @rust_mutual(
; CHECK:       call i32 @rust_helper_ping(
; CHECK:       declare i32 @rust_helper_fact(

; MISSED-DAG: rust_helper_fact not inlined into rust_self: {{.*}}recursive
; MISSED-DAG: rust_helper_ping not inlined into rust_mutual: the helper calls itself through other helpers (recursion)

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_fact(i32)
declare i32 @rust_helper_ping(i32)
define i32 @rust_self(i32 %x) {
  %v = call i32 @rust_helper_fact(i32 %x)
  ret i32 %v
}
define i32 @rust_mutual(i32 %x) {
  %v = call i32 @rust_helper_ping(i32 %x)
  ret i32 %v
}

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_fact(i32 %x) {
entry:
  %z = icmp eq i32 %x, 0
  br i1 %z, label %done, label %rec
rec:
  %y = sub i32 %x, 1
  %f = call i32 @rust_helper_fact(i32 %y)
  %r = mul i32 %x, %f
  ret i32 %r
done:
  ret i32 1
}
define i32 @rust_helper_ping(i32 %x) {
entry:
  %z = icmp eq i32 %x, 0
  br i1 %z, label %done, label %rec
rec:
  %y = sub i32 %x, 1
  %r = call i32 @rust_helper_pong(i32 %y)
  ret i32 %r
done:
  ret i32 0
}
define i32 @rust_helper_pong(i32 %x) {
  %r = call i32 @rust_helper_ping(i32 %x)
  ret i32 %r
}
