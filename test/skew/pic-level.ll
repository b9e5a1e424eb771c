; Policy row PICFlags: the crate decides how it is linked.  A helper less
; position-independent than the crate (clang-13's default is no PIC at all;
; or a PIE helper for a shared-library crate) assumed its symbols resolve
; locally: they lose dso_local, so that the crate reaches them through the
; GOT, and the helper's PIC/PIE Level take the crate's, so the IR linker's
; Min/Max cannot lower the crate's PIC Level or make a library PIE.
; Control: a helper as position-independent as the crate keeps dso_local.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/nopic.ll>' -pass-remarks-analysis=rust-inline-helpers \
; RUN:   %t/dylib-crate.ll -S -o %t/a.ll 2>%t/a.txt
; RUN: FileCheck %s --check-prefix=NOPIC --input-file=%t/a.ll
; RUN: FileCheck %s --check-prefix=NOPIC-REMARK --input-file=%t/a.txt
; NOPIC: @counter = external global i32
; NOPIC-LABEL: define i32 @rust_get(
; NOPIC-NOT: call
; NOPIC: load i32, ptr @counter
; NOPIC: !{i32 8, !"PIC Level", i32 2}
; NOPIC-NOT: PIE Level
; NOPIC-REMARK: module flag PIC Level helper built with PIC Level 0 and PIE Level 0 for a crate with 2 and 0: 1 of its symbols made preemptible (dso_local dropped) (policy row PICFlags
; RUN: %llc -relocation-model=pic %t/a.ll -o - | FileCheck %s --check-prefix=GOT
; GOT: counter@GOTPCREL
;
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/pie.ll>' %t/dylib-crate.ll -S -o - | FileCheck %s --check-prefix=PIE
; PIE: @counter = external global i32
; PIE: !{i32 8, !"PIC Level", i32 2}
; PIE-NOT: PIE Level
;
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/pie.ll>' %t/pie-crate.ll -S -o - | FileCheck %s --check-prefix=SAME
; SAME: @counter = external dso_local global i32
; SAME: !{i32 7, !"PIE Level", i32 2}

;--- nopic.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@counter = external dso_local global i32

define i32 @rust_helper_get() {
  %v = load i32, ptr @counter
  ret i32 %v
}

!llvm.module.flags = !{!0}
!0 = !{i32 1, !"wchar_size", i32 4}

;--- pie.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@counter = external dso_local global i32

define i32 @rust_helper_get() {
  %v = load i32, ptr @counter
  ret i32 %v
}

!llvm.module.flags = !{!0, !1, !2}
!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}

;--- dylib-crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_get()

define i32 @rust_get() {
  %v = call i32 @rust_helper_get()
  ret i32 %v
}

!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}

;--- pie-crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_get()

define i32 @rust_get() {
  %v = call i32 @rust_helper_get()
  ret i32 %v
}

!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}
