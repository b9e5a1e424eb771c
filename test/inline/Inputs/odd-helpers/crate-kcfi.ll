; A rustc-like crate built with kCFI (-Zsanitizer=kcfi): the module flags
; kcfi and kcfi-hash as clang writes them, a type hash on each function.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare !kcfi_type !3 i32 @rust_helper_apply(ptr, i32) unnamed_addr #0

define i32 @rust_apply(ptr %f, i32 %a) unnamed_addr #0 !kcfi_type !3 {
start:
  %v = call i32 @rust_helper_apply(ptr %f, i32 %a)
  ret i32 %v
}

attributes #0 = { nounwind nonlazybind uwtable "probe-stack"="inline-asm" "target-cpu"="x86-64" }

!llvm.module.flags = !{!0, !1, !2}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 4, !"kcfi", i32 1}
!2 = !{i32 4, !"kcfi-hash", !"xxHash64"}
!3 = !{i32 -1208610390}
