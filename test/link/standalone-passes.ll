; The three passes also run one by one.  Without rust-helpers-reconcile, the
; inline pass refuses the call and names LLVM's check; with it, the call is
; inlined.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-helpers-link<helpers=%t/helpers.bc>,rust-helpers-inline' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/plain.ll 2>%t/plain.txt
; RUN: FileCheck %s --check-prefix=KEPT --input-file=%t/plain.ll
; RUN: FileCheck %s --check-prefix=WHY --input-file=%t/plain.txt
; RUN: %opt -passes='rust-helpers-link<helpers=%t/helpers.bc>,rust-helpers-reconcile,rust-helpers-inline' \
; RUN:   %t/crate.ll -S -o %t/all.ll
; RUN: FileCheck %s --check-prefix=GONE --input-file=%t/all.ll

; KEPT:  call i32 @rust_helper_get(
; WHY:   rust_helper_get not inlined into rust_caller: nullptr definitions incompatible (null_pointer_is_valid on the helper only)
; GONE-NOT: call {{.*}}@rust_helper_get
; GONE-NOT: rust-inline-helpers.reconciled

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_get(ptr)
define i32 @rust_caller(ptr %p) {
  %v = call i32 @rust_helper_get(ptr %p)
  ret i32 %v
}

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_get(ptr %p) null_pointer_is_valid {
  %v = load i32, ptr %p
  ret i32 %v
}
