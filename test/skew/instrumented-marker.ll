; Policy row InstrumentedMarker: clang >= 20 marks a module it instrumented
; with AddressSanitizer (also KASAN) with the flag nosanitize_address.  It is
; true of the helper module only: merged into the crate, rustc's own
; sanitizer pass would skip the whole Rust module.  The helper's copy of the
; flag is dropped; the helper body keeps its own checks.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/asan.ll>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; CHECK-LABEL: define i32 @rust_get(
; CHECK-NOT: call {{.*}}@rust_helper_get
; CHECK: call void @__asan_report_load4(
; CHECK-NOT: nosanitize_address
; REMARK: module flag nosanitize_address dropped from the helper file (was 1) (policy row InstrumentedMarker
; Control: the IR linker alone would merge it into the crate.
; RUN: %llvm-link %t/crate.ll %t/asan.ll -S -o - | FileCheck %s --check-prefix=MERGED
; MERGED: !"nosanitize_address", i32 1}

;--- asan.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @__asan_report_load4(i64)

define i32 @rust_helper_get(ptr %p) sanitize_address {
  %a = ptrtoint ptr %p to i64
  %bad = icmp eq i64 %a, 0
  br i1 %bad, label %report, label %ok
report:
  call void @__asan_report_load4(i64 %a)
  br label %ok
ok:
  %v = load i32, ptr %p
  ret i32 %v
}

!llvm.module.flags = !{!0}
!0 = !{i32 4, !"nosanitize_address", i32 1}

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_get(ptr)

define i32 @rust_get(ptr %p) sanitize_address {
  %v = call i32 @rust_helper_get(ptr %p)
  ret i32 %v
}
