target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_weak(i32)
declare i32 @rust_helper_odr(i32)
declare i32 @rust_helper_weak_odr(i32)
declare i32 @rust_helper_comdat(i32)
define i32 @rust_linkage(i32 %x) {
  %a = call i32 @rust_helper_weak(i32 %x)
  %b = call i32 @rust_helper_odr(i32 %a)
  %c = call i32 @rust_helper_weak_odr(i32 %b)
  %d = call i32 @rust_helper_comdat(i32 %c)
  ret i32 %d
}
