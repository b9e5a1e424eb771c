; LLVM's checks do not look at the stack protector, register zeroing, return
; thunks or frame pointers, and forcing a helper in would silently drop them
; from the inlined body (what __always_inline does in Linux 7.1).  The plugin
; makes the caller carry them instead (rows StackProtector, ZeroCallUsedRegs,
; ReturnThunk, FramePointer).  Positive control: a caller that already zeroes
; registers differently cannot keep both settings, so that call stays a call.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt
; hardening=refuse: the call that needs the caller to gain them stays a call.
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;hardening=refuse>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/refuse.ll 2>%t/refuse.txt
; RUN: FileCheck %s --check-prefix=REFUSE --input-file=%t/refuse.ll
; RUN: FileCheck %s --check-prefix=REFUSE-REMARK --input-file=%t/refuse.txt
; hardening=ignore: Linux 7.1's behaviour, for comparison: inlined everywhere,
; protections dropped, one warning per protection.
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;hardening=ignore>' \
; RUN:   %t/crate.ll -S -o %t/ignore.ll 2>%t/ignore.txt
; RUN: FileCheck %s --check-prefix=IGNORE --input-file=%t/ignore.ll
; RUN: FileCheck %s --check-prefix=IGNORE-WARN --input-file=%t/ignore.txt

; CHECK-LABEL: define void @rust_plain(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       ret void
; CHECK-LABEL: define void @rust_zero_all(
; CHECK:       call void @rust_helper_hardened(
; CHECK:       attributes #0 = { fn_ret_thunk_extern nounwind sspstrong "frame-pointer"="all" "stack-protector-buffer-size"="8" "zero-call-used-regs"="used-gpr" }

; REFUSE-LABEL: define void @rust_plain(
; REFUSE:       call void @rust_helper_hardened(
; REFUSE:       attributes #0 = { nounwind }
; REFUSE-REMARK: rust_helper_hardened not inlined into rust_plain: StackProtector (strongest-wins, hardening=refuse): sspstrong

; IGNORE-LABEL: define void @rust_plain(
; IGNORE-NOT:   call {{.*}}@rust_helper_
; IGNORE-LABEL: define void @rust_zero_all(
; IGNORE-NOT:   call {{.*}}@rust_helper_
; IGNORE:       attributes #0 = { nounwind }
; IGNORE-WARN-DAG: warning: rust-inline-helpers: hardening=ignore: inlining rust_helper_hardened into rust_plain drops a protection: sspstrong (policy row StackProtector)
; IGNORE-WARN-DAG: warning: rust-inline-helpers: hardening=ignore: inlining rust_helper_hardened into rust_plain drops a protection: zero-call-used-regs=used-gpr (policy row ZeroCallUsedRegs)
; IGNORE-WARN-DAG: warning: rust-inline-helpers: hardening=ignore: inlining rust_helper_hardened into rust_plain drops a protection: fn_ret_thunk_extern (policy row ReturnThunk)
; IGNORE-WARN-DAG: warning: rust-inline-helpers: hardening=ignore: inlining rust_helper_hardened into rust_plain drops a protection: frame-pointer=all (policy row FramePointer)

; REMARK-DAG: rust_helper_hardened inlined into rust_plain {{.*}}reconciled: StackProtector, ZeroCallUsedRegs, ReturnThunk, FramePointer
; REMARK-DAG: rust_helper_hardened not inlined into rust_zero_all: OtherHardening (must-match): zero-call-used-regs is "used-gpr" in the helper, "all" in the caller

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare void @rust_helper_hardened(ptr)
define void @rust_plain(ptr %p) #0 {
  call void @rust_helper_hardened(ptr %p)
  ret void
}
define void @rust_zero_all(ptr %p) #1 {
  call void @rust_helper_hardened(ptr %p)
  ret void
}
attributes #0 = { nounwind }
attributes #1 = { nounwind "zero-call-used-regs"="all" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define void @rust_helper_hardened(ptr %p) #0 {
  %buf = alloca [16 x i8]
  call void @llvm.memset.p0.i64(ptr %buf, i8 0, i64 16, i1 false)
  store ptr %buf, ptr %p
  ret void
}
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
attributes #0 = { nounwind sspstrong fn_ret_thunk_extern "stack-protector-buffer-size"="8" "zero-call-used-regs"="used-gpr" "frame-pointer"="all" }
