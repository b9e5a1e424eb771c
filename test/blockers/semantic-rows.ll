; Semantic rows: a helper built at -O0 (optnone + noinline) is not a request
; for a call: both are stripped and it is inlined (row OptNoneHelper); a
; strictfp helper in a normal caller, or a +soft-float helper in a hard-float
; caller, stays a call (rows FloatSemantics, FloatABI); a helper built with
; -fsanitize=address is already instrumented and the caller gains the
; attribute (row Sanitizers).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; CHECK-LABEL: define i32 @rust_o0(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK-LABEL: define double @rust_strict(
; CHECK:       call double @rust_helper_strict(
; CHECK-LABEL: define i32 @rust_softfloat(
; CHECK:       call i32 @rust_helper_softfloat(
; CHECK-LABEL: define i32 @rust_asan(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       ret i32
; CHECK:       declare double @rust_helper_strict(

; REMARK-DAG: rust_helper_o0 inlined into rust_o0 {{.*}}reconciled: OptNoneHelper
; REMARK-DAG: rust_helper_strict not inlined into rust_strict: FloatSemantics (must-match): strictfp differs
; REMARK-DAG: rust_helper_softfloat not inlined into rust_softfloat: FloatABI (must-match)
; REMARK-DAG: rust_helper_asan inlined into rust_asan {{.*}}reconciled: Sanitizers

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_o0(i32)
declare double @rust_helper_strict(double)
declare i32 @rust_helper_softfloat(i32)
declare i32 @rust_helper_asan(ptr)
define i32 @rust_o0(i32 %x) #0 {
  %v = call i32 @rust_helper_o0(i32 %x)
  ret i32 %v
}
define double @rust_strict(double %x) #0 {
  %v = call double @rust_helper_strict(double %x)
  ret double %v
}
define i32 @rust_softfloat(i32 %x) #0 {
  %v = call i32 @rust_helper_softfloat(i32 %x)
  ret i32 %v
}
define i32 @rust_asan(ptr %p) #0 {
  %v = call i32 @rust_helper_asan(ptr %p)
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="x86-64" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_o0(i32 %x) #1 {
  %v = add i32 %x, 1
  ret i32 %v
}
define double @rust_helper_strict(double %x) #2 {
  %v = call double @llvm.experimental.constrained.fadd.f64(double %x, double 1.0, metadata !"round.dynamic", metadata !"fpexcept.strict") #2
  ret double %v
}
define i32 @rust_helper_softfloat(i32 %x) #3 {
  %v = add i32 %x, 2
  ret i32 %v
}
define i32 @rust_helper_asan(ptr %p) #4 {
  %v = load i32, ptr %p
  ret i32 %v
}
declare double @llvm.experimental.constrained.fadd.f64(double, double, metadata, metadata)
attributes #0 = { nounwind "target-cpu"="x86-64" }
attributes #1 = { noinline optnone nounwind "target-cpu"="x86-64" }
attributes #2 = { nounwind strictfp "target-cpu"="x86-64" }
attributes #3 = { nounwind "target-cpu"="x86-64" "target-features"="+soft-float" }
attributes #4 = { nounwind sanitize_address "target-cpu"="x86-64" }
