; Module flags are reconciled before linking (passes/ModuleFlagPolicy.cpp).
; cf-protection-branch is a Min flag in clang: when the two sides disagree
; (here the crate says 0), plain linking keeps the minimum and drops ENDBR
; from the whole module.  The plugin raises the crate's flag instead (row
; ControlFlowFlags); hardening=refuse makes it an
; error, hardening=ignore leaves the linker's Min with a warning.  kCFI on
; one side only is an error (row CFIFlags).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %llvm-as %t/kcfi.ll -o %t/kcfi.bc
; Plain linking loses the flag.
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -S -o - | FileCheck %s --check-prefix=PLAIN
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;report=%t/r.json>' \
; RUN:   -pass-remarks-analysis=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; RUN: FileCheck %s --check-prefix=JSON --input-file=%t/r.json
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;hardening=refuse>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/refuse.ll 2>%t/refuse.txt
; RUN: FileCheck %s --check-prefix=REFUSE --input-file=%t/refuse.txt
; RUN: FileCheck %s --check-prefix=REFUSE-IR --input-file=%t/refuse.ll
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;hardening=ignore>' \
; RUN:   %t/crate.ll -S -o %t/ignore.ll 2>&1 | FileCheck %s --check-prefix=IGNORE
; RUN: FileCheck %s --check-prefix=PLAIN --input-file=%t/ignore.ll
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/kcfi.bc>' \
; RUN:   %t/crate.ll -o %t/kcfi-out.bc 2>&1 | FileCheck %s --check-prefix=KCFI
; RUN: not test -e %t/kcfi-out.bc
; frame-pointer: the linker's Max of all (2) and non-leaf-no-reserve (4) is
; the weaker 4; the plugin keeps "all" (row FramePointerFlag).
; RUN: %llvm-as %t/fp.ll -o %t/fp.bc
; RUN: %llvm-link %t/fpcrate.ll %t/fp.bc -S -o - | FileCheck %s --check-prefix=FP-PLAIN
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/fp.bc>' %t/fpcrate.ll -S -o - | FileCheck %s --check-prefix=FP

; FP-PLAIN: !{i32 7, !"frame-pointer", i32 4}
; FP: !{i32 7, !"frame-pointer", i32 2}
; PLAIN: !{i32 8, !"cf-protection-branch", i32 0}
; CHECK-NOT: call {{.*}}@rust_helper_
; CHECK: !{i32 8, !"cf-protection-branch", i32 1}
; REMARK: module flag cf-protection-branch raised from 0 to 1 in the crate (policy row ControlFlowFlags, strongest-wins) for helper file {{.*}}helpers.bc
; JSON: "module_flags": [
; JSON-NEXT: {
; JSON-NEXT: "flag": "cf-protection-branch",
; JSON-NEXT: "row": "ControlFlowFlags",
; REFUSE: helper file {{.*}}helpers.bc not linked, its helpers stay calls: module flag 'cf-protection-branch' is 1 in helper file '{{.*}}helpers.bc' but 0 in module '{{.*}}crate.ll' (policy row ControlFlowFlags) and hardening=refuse forbids raising it in the crate
; REFUSE-IR: declare i32 @rust_helper_one()
; REFUSE-IR: call i32 @rust_helper_one()
; REFUSE-IR: !{i32 8, !"cf-protection-branch", i32 0}
; IGNORE: warning: rust-inline-helpers: hardening=ignore: module flag 'cf-protection-branch' is 1 in helper file
; KCFI: error: rust-inline-helpers: module flag 'kcfi' is 1 in helper file '{{.*}}kcfi.bc' but absent in module '{{.*}}crate.ll' (policy row CFIFlags: must match); build the C helpers and the Rust crate with the same setting

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_one()
define i32 @rust_caller() {
  %v = call i32 @rust_helper_one()
  ret i32 %v
}
!llvm.module.flags = !{!0}
!0 = !{i32 8, !"cf-protection-branch", i32 0}

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_one() {
  ret i32 1
}
!llvm.module.flags = !{!0}
!0 = !{i32 8, !"cf-protection-branch", i32 1}

;--- kcfi.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_one() {
  ret i32 1
}
!llvm.module.flags = !{!0}
!0 = !{i32 4, !"kcfi", i32 1}

;--- fpcrate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_one()
define i32 @rust_caller() {
  %v = call i32 @rust_helper_one()
  ret i32 %v
}
!llvm.module.flags = !{!0}
!0 = !{i32 7, !"frame-pointer", i32 2}

;--- fp.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_one() {
  ret i32 1
}
!llvm.module.flags = !{!0}
!0 = !{i32 7, !"frame-pointer", i32 4}
