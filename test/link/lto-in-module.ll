; lto: after a link (lld's full LTO merge, or a ThinLTO backend of the
; helper object), the module already holds the helpers' C definitions.
; Calls are inlined from internal copies, adapted where the crate's call
; spells a struct return differently (i64 against clang's i40, the caller
; reading the struct's 5 bytes); the
; definitions keep their symbols for other users.  Without lto the file
; counts as already merged and the calls stay (the positive control).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/wrappers.ll -o %t/wrappers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' %t/merged.ll -S -o %t/out.ll
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; CHECK-NOT: {{@[A-Za-z_]+}}.rust-inline-helpers
; CHECK-NOT: .rust-call
; CHECK: define i40 @gen__extern(
; CHECK: define i32 @bump__extern(
; CHECK-LABEL: define i64 @rust_caller(
; CHECK-NOT: call
; CHECK: zext i40
; CHECK: ret i64
;
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc>' %t/merged.ll -S -o - | FileCheck %s --check-prefix=NOLTO
; NOLTO-LABEL: define i64 @rust_caller(
; NOLTO: call i32 @bump__extern(
; NOLTO: call i64 @gen__extern(
;
; The file counts as used only when a call reaches one of its helpers:
; merged but never called, it gets the unused-file remark and the module
; is left as it was; ThinLTO-imported bodies nobody calls, the same.
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %t/merged.ll -disable-output 2>&1 | FileCheck %s --check-prefix=USED
; USED-NOT: not linked
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %t/uncalled.ll -S -o %t/uncalled.out.ll 2>%t/uncalled.txt
; RUN: FileCheck %s --check-prefix=UNCALLED --input-file=%t/uncalled.txt
; RUN: FileCheck %s --check-prefix=UNCALLED-IR --input-file=%t/uncalled.out.ll
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %t/imported.ll -S -o %t/imported.out.ll 2>%t/imported.txt
; RUN: FileCheck %s --check-prefix=UNCALLED --input-file=%t/imported.txt
; RUN: FileCheck %s --check-prefix=UNCALLED-IR --input-file=%t/imported.out.ll
; UNCALLED: helper file {{.*}}wrappers.bc not linked: it defines nothing that module '{{.*}}.ll' uses
; UNCALLED-IR-NOT: .rust-inline-helpers
; UNCALLED-IR: define i64 @rust_other(
; Positive control: the same imported body, called, is adopted.
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %t/imported-called.ll -S -o %t/imported-called.out.ll 2>%t/imported-called.txt
; RUN: FileCheck %s --check-prefix=USED --input-file=%t/imported-called.txt
; RUN: FileCheck %s --check-prefix=IMPORTED --input-file=%t/imported-called.out.ll
; IMPORTED-LABEL: define i64 @rust_other(
; IMPORTED-NOT: call
; IMPORTED: ret i64
;
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' -print-pipeline-passes -disable-output %t/merged.ll | FileCheck %s --check-prefix=PRINT
; PRINT: rust-inline-helpers<helpers={{.*}}wrappers.bc;lto>

; A call that disagrees with the definition beyond a struct's spelling (i64
; against a plain i32) is an error naming both, or with mismatch=warn a
; warning, the call staying.
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto>' %t/scalar.ll -disable-output 2>&1 | FileCheck %s --check-prefix=SCALAR
; SCALAR: error: rust-inline-helpers: helper 'bump__extern' is called in module '{{.*}}scalar.ll' as 'i64 (i32)' but defined in '{{.*}}wrappers.bc' as 'i32 (i32)': the return types differ (the return value: WiderIntegerReturn {{.*}} reads bytes 4-7, which the helper leaves unspecified); fix the Rust extern declaration to match the C definition (or pass mismatch=warn to keep such calls)
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;lto;mismatch=warn>' %t/scalar.ll -S -o %t/warn.ll 2>%t/warn.err
; RUN: FileCheck %s --check-prefix=WARN --input-file=%t/warn.ll
; RUN: FileCheck %s --check-prefix=WARN-MSG --input-file=%t/warn.err
; WARN-LABEL: define i64 @rust_caller(
; WARN: call i64 @bump__extern(
; WARN-MSG: warning: {{.*}}helper 'bump__extern' is called in module {{.*}}(mismatch=warn: the call is kept)

;--- scalar.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define i64 @rust_caller(i32 %x) {
  %a = call i64 @bump__extern(i32 %x)
  ret i64 %a
}

;--- merged.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define i40 @gen__extern(i32 %d) {
  %m = zext i32 %d to i40
  ret i40 %m
}
define i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define i64 @rust_caller(i32 %x) {
  %a = call i32 @bump__extern(i32 %x)
  %b = call i64 @gen__extern(i32 %a)
  %fields = and i64 %b, 1099511627775
  ret i64 %fields
}

;--- wrappers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define i40 @gen__extern(i32 %d) {
  %m = zext i32 %d to i40
  ret i40 %m
}
define i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
;--- uncalled.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define i64 @rust_other(i64 %x) {
  ret i64 %x
}

;--- imported.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define available_externally i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define i64 @rust_other(i64 %x) {
  ret i64 %x
}

;--- imported-called.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define available_externally i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define i64 @rust_other(i64 %x) {
  %t = trunc i64 %x to i32
  %r = call i32 @bump__extern(i32 %t)
  %z = zext i32 %r to i64
  ret i64 %z
}
