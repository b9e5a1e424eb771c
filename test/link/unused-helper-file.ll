; A helper file that defines nothing the crate uses is not an error: it is
; not linked, and an analysis remark says so.  The used file still links.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/used.ll -o %t/used.bc
; RUN: %llvm-as %t/unused.ll -o %t/unused.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/used.bc;helpers=%t/unused.bc>' \
; RUN:   -pass-remarks-analysis=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call
; CHECK:       ret i32
; CHECK-NOT:   rust_helper_other
; REMARK: helper file {{.*}}unused.bc not linked: it defines nothing that module '{{.*}}crate.ll' uses
; REMARK-NOT: used.bc not linked

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_x(i32)
define i32 @rust_caller(i32 %x) {
  %v = call i32 @rust_helper_x(i32 %x)
  ret i32 %v
}

;--- used.ll
target triple = "x86_64-unknown-linux-gnu"
define i32 @rust_helper_x(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}

;--- unused.ll
target triple = "x86_64-unknown-linux-gnu"
define i32 @rust_helper_other(i32 %x) {
  ret i32 %x
}
