; Only the helpers the crate references are linked, transitively; an unused
; helper of the same file never reaches the output, and every linked helper
; is internal (constant data with a symbol is available_externally: it keeps
; the helper object's symbol, data-symbols.test).  -pass-remarks-analysis
; shows which file each came from.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-helpers-link<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks-analysis=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; CHECK-NOT:  @rust_helper_unused
; CHECK-NOT:  @unused_data
; CHECK-DAG:  @table = available_externally constant [2 x i32] [i32 3, i32 5]
; CHECK-DAG:  define internal i32 @rust_helper_used(i32 %i) {{.*}}!rust-inline-helpers.origin [[ORIGIN:![0-9]+]]
; CHECK-DAG:  define internal i32 @inner(i32 %i) {{.*}}!rust-inline-helpers.origin [[ORIGIN]]
; CHECK-DAG:  [[ORIGIN]] = !{!"{{.*}}helpers.bc", i1 false, i8 0, i1 false, !""}

; REMARK-DAG: linked helper rust_helper_used from {{.*}}helpers.bc
; REMARK-DAG: linked helper inner from {{.*}}helpers.bc
; REMARK-NOT: rust_helper_unused

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_used(i32)
define i32 @rust_caller(i32 %i) {
  %v = call i32 @rust_helper_used(i32 %i)
  ret i32 %v
}

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
@table = constant [2 x i32] [i32 3, i32 5]
@unused_data = global i32 9
define i32 @inner(i32 %i) {
  %p = getelementptr [2 x i32], ptr @table, i32 0, i32 %i
  %v = load i32, ptr %p
  ret i32 %v
}
define i32 @rust_helper_used(i32 %i) {
  %v = call i32 @inner(i32 %i)
  ret i32 %v
}
define i32 @rust_helper_unused() {
  %v = load i32, ptr @unused_data
  ret i32 %v
}
