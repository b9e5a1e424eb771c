; A helper built with -fno-delete-null-pointer-checks carries
; null_pointer_is_valid; a Rust caller never does.  Plain LLVM refuses the
; inline; the plugin lets the caller gain the attribute (row
; NullPointerIsValid) and inlines.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -o - | %plain-opt -passes=inline \
; RUN:   -pass-remarks-missed=inline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; PLAIN: 'rust_helper_load' not inlined into 'rust_caller' {{.*}}nullptr definitions incompatible

; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       load i32, ptr %p
; CHECK:       ret i32
; The caller gained the helper's attribute, so no assumption is lost.
; CHECK:       attributes #0 = { {{.*}}null_pointer_is_valid
; CHECK-NOT:   define {{.*}}@rust_helper_load

; REMARK: rust_helper_load inlined into rust_caller (from {{.*}}helpers.bc); reconciled: NullPointerIsValid

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_load(ptr)
define i32 @rust_caller(ptr %p) #0 {
  %v = call i32 @rust_helper_load(ptr %p)
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="x86-64" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_load(ptr %p) #0 {
  %v = load i32, ptr %p
  ret i32 %v
}
attributes #0 = { nounwind null_pointer_is_valid "target-cpu"="x86-64" }
