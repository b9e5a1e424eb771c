; Two helpers built with -fno-delete-null-pointer-checks called from one
; Rust function: the first call makes the caller gain null_pointer_is_valid
; (row NullPointerIsValid); the second then has no difference left.  Its
; remark says the caller was reconciled by the earlier call, not that there
; was nothing to reconcile; a caller that never needed a row still says
; "nothing to reconcile", and so does a call that precedes the reconciling
; one (rust_plain_first: the reconciler's second round sees the caller
; reconciled, but not by an earlier call).  The noinline helper is the
; control that stays a call.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks=rust-inline-helpers -pass-remarks-missed=rust-inline-helpers \
; RUN:   %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; CHECK-LABEL: define i32 @rust_two(
; CHECK-NOT:   call {{.*}}@rust_helper_
; CHECK:       ret i32
; CHECK-LABEL: define i32 @rust_plain(
; CHECK-NOT:   call {{.*}}@rust_helper_load_a
; CHECK:       call i32 @rust_helper_kept(
; CHECK:       ret i32

; REMARK-DAG: rust_helper_load_a inlined into rust_two (from {{.*}}helpers.bc); reconciled: NullPointerIsValid{{$}}
; REMARK-DAG: rust_helper_load_b inlined into rust_two (from {{.*}}helpers.bc); caller already reconciled by earlier calls: NullPointerIsValid (for rust_helper_load_a){{$}}
; REMARK-DAG: rust_helper_plain inlined into rust_plain (from {{.*}}helpers.bc); nothing to reconcile{{$}}
; REMARK-DAG: rust_helper_kept not inlined into rust_plain: NoInline
; REMARK-DAG: rust_helper_plain inlined into rust_plain_first (from {{.*}}helpers.bc); nothing to reconcile{{$}}
; REMARK-DAG: rust_helper_load_a inlined into rust_plain_first (from {{.*}}helpers.bc); reconciled: NullPointerIsValid{{$}}
; REMARK-NOT: rust_helper_load_a inlined into rust_two {{.*}}already reconciled

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_load_a(ptr)
declare i32 @rust_helper_load_b(ptr)
declare i32 @rust_helper_plain(i32)
declare i32 @rust_helper_kept(i32)
define i32 @rust_two(ptr %p, ptr %q) #0 {
  %a = call i32 @rust_helper_load_a(ptr %p)
  %b = call i32 @rust_helper_load_b(ptr %q)
  %s = add i32 %a, %b
  ret i32 %s
}
define i32 @rust_plain(i32 %x) #0 {
  %a = call i32 @rust_helper_plain(i32 %x)
  %b = call i32 @rust_helper_kept(i32 %a)
  ret i32 %b
}
define i32 @rust_plain_first(ptr %p, i32 %x) #0 {
  %a = call i32 @rust_helper_plain(i32 %x)
  %b = call i32 @rust_helper_load_a(ptr %p)
  %s = add i32 %a, %b
  ret i32 %s
}
attributes #0 = { nounwind "target-cpu"="x86-64" }

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_load_a(ptr %p) #0 {
  %v = load i32, ptr %p
  ret i32 %v
}
define i32 @rust_helper_load_b(ptr %p) #0 {
  %v = load i32, ptr %p
  %w = add i32 %v, 1
  ret i32 %w
}
define i32 @rust_helper_plain(i32 %x) #1 {
  %y = mul i32 %x, 3
  ret i32 %y
}
define i32 @rust_helper_kept(i32 %x) #2 {
  %y = xor i32 %x, 5
  ret i32 %y
}
attributes #0 = { nounwind null_pointer_is_valid "target-cpu"="x86-64" }
attributes #1 = { nounwind "target-cpu"="x86-64" }
attributes #2 = { noinline nounwind "target-cpu"="x86-64" }
