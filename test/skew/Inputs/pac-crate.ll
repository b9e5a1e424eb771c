; An arm64 Rust caller without pac-ret (the "Rust lacks" case) and one with
; it, calling a helper.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
target triple = "aarch64-unknown-linux-gnu"

declare i32 @rust_helper_add(i32, i32)
declare i32 @c_other(i32)

; Not a leaf (it calls c_other): non-leaf pac-ret signs its return.
define i32 @rust_plain(i32 %a) #0 {
  %r = call i32 @rust_helper_add(i32 %a, i32 1)
  %s = call i32 @c_other(i32 %r)
  ret i32 %s
}

define i32 @rust_pac(i32 %a) #1 {
  %r = call i32 @rust_helper_add(i32 %a, i32 2)
  ret i32 %r
}

attributes #0 = { nounwind "target-cpu"="generic" }
attributes #1 = { nounwind "frame-pointer"="non-leaf" "target-cpu"="generic" "sign-return-address"="non-leaf" "sign-return-address-key"="a_key" "branch-target-enforcement" }

!llvm.module.flags = !{!0, !1, !2}
!0 = !{i32 8, !"branch-target-enforcement", i32 2}
!1 = !{i32 8, !"sign-return-address", i32 2}
!2 = !{i32 7, !"frame-pointer", i32 1}
