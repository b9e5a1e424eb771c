; Module-flag rows that end in an error, with what LLVM alone does:
;   KeyFlags (must match): "sign-return-address-with-bkey" 1 in the helpers,
;     0 in the crate.  LLVM's IR linker merges the flag silently (behaviour
;     Min); the plugin stops and names the row, the files and the fix.
;   ModuleFlags (the IR linker's behaviour): "wchar_size" 2 against 4 is an
;     Error-behaviour conflict; the plugin reports LLVM's message with the
;     helper file, the module and the fix.
; Positive control: the same helper files without the conflict link.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/bkey-helpers.ll -o %t/bkey-helpers.bc
; RUN: %llvm-as %t/wchar-helpers.ll -o %t/wchar-helpers.bc
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/bkey-helpers.bc>' \
; RUN:   %t/bkey-crate.ll -S -o %t/bkey-out.ll 2>%t/bkey.txt
; RUN: FileCheck %s --check-prefix=KEY --input-file=%t/bkey.txt
; RUN: not test -e %t/bkey-out.ll
; RUN: %llvm-link %t/bkey-crate.ll %t/bkey-helpers.bc -S -o %t/bkey-alone.ll
; RUN: FileCheck %s --check-prefix=KEY-ALONE --input-file=%t/bkey-alone.ll
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/wchar-helpers.bc>' \
; RUN:   %t/wchar-crate.ll -S -o %t/wchar-out.ll 2>%t/wchar.txt
; RUN: FileCheck %s --check-prefix=WCHAR --input-file=%t/wchar.txt
; RUN: not test -e %t/wchar-out.ll
; RUN: not %llvm-link %t/wchar-crate.ll %t/wchar-helpers.bc -o %t/wchar-alone.bc 2>%t/wchar-alone.txt
; RUN: FileCheck %s --check-prefix=WCHAR-ALONE --input-file=%t/wchar-alone.txt
; Positive control: the crate's own values in the helper files.
; RUN: sed 's/i32 1}/i32 0}/' %t/bkey-helpers.ll | %llvm-as -o %t/bkey-same.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/bkey-same.bc>' %t/bkey-crate.ll -S -o - | FileCheck %s --check-prefix=LINKED
; RUN: sed 's/i32 2}/i32 4}/' %t/wchar-helpers.ll | %llvm-as -o %t/wchar-same.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wchar-same.bc>' %t/wchar-crate.ll -S -o - | FileCheck %s --check-prefix=LINKED
; REQUIRES: aarch64-registered-target

; KEY: error: rust-inline-helpers: module flag 'sign-return-address-with-bkey' is 1 in helper file '{{.*}}bkey-helpers.bc' but 0 in module '{{.*}}bkey-crate.ll' (policy row KeyFlags: must match); build the C helpers and the Rust crate with the same setting (arm64 -mbranch-protection)
; KEY-ALONE: !{i32 8, !"sign-return-address-with-bkey", i32 0}
; (LLVM 19 words LLVM's part "conflicting values in 'A' and 'B'".)
; WCHAR: error: rust-inline-helpers: cannot link helper file '{{.*}}wchar-helpers.bc' into module '{{.*}}wchar-crate.ll': linking module flags 'wchar_size': IDs have conflicting values{{.*}}; build the helpers with the C flags that match the crate's code generation
; WCHAR-ALONE: error: linking module flags 'wchar_size': IDs have conflicting values
; LINKED-LABEL: define i32 @rust_
; LINKED-NOT:   call {{.*}}@rust_helper_
; LINKED:       ret i32

;--- bkey-crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-none"
declare i32 @rust_helper_k(i32)
define i32 @rust_k(i32 %x) {
  %v = call i32 @rust_helper_k(i32 %x)
  ret i32 %v
}
!llvm.module.flags = !{!0}
!0 = !{i32 8, !"sign-return-address-with-bkey", i32 0}

;--- bkey-helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-none"
define i32 @rust_helper_k(i32 %x) {
  %v = add i32 %x, 1
  ret i32 %v
}
!llvm.module.flags = !{!0}
!0 = !{i32 8, !"sign-return-address-with-bkey", i32 1}

;--- wchar-crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_w(i32)
define i32 @rust_w(i32 %x) {
  %v = call i32 @rust_helper_w(i32 %x)
  ret i32 %v
}
!llvm.module.flags = !{!0}
!0 = !{i32 1, !"wchar_size", i32 4}

;--- wchar-helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
define i32 @rust_helper_w(i32 %x) {
  %v = add i32 %x, 1
  ret i32 %v
}
!llvm.module.flags = !{!0}
!0 = !{i32 1, !"wchar_size", i32 2}
