; -fno-builtin-wcslen gives the helper "no-builtin-wcslen"; TargetLibraryInfo
; refuses to inline it into a caller that may still use wcslen.  The plugin
; lets the caller gain the helper's disabled builtins (row NoBuiltins).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %llvm-link %t/crate.ll %t/helpers.bc -o - | %plain-opt -passes=inline \
; RUN:   -pass-remarks-missed=inline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; PLAIN: 'rust_helper_twice' not inlined into 'rust_caller' {{.*}}conflicting attributes

; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       shl i32 %x, 1
; CHECK:       attributes #0 = { {{.*}}"no-builtin-wcslen"
; CHECK-NOT:   define {{.*}}@rust_helper_twice

; REMARK: rust_helper_twice inlined into rust_caller (from {{.*}}); reconciled: NoBuiltins

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_twice(i32)
define i32 @rust_caller(i32 %x) #0 {
  %v = call i32 @rust_helper_twice(i32 %x)
  ret i32 %v
}
attributes #0 = { nounwind "target-cpu"="x86-64" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_twice(i32 %x) #0 {
  %v = shl i32 %x, 1
  ret i32 %v
}
attributes #0 = { nounwind "no-builtin-wcslen" "target-cpu"="x86-64" }
