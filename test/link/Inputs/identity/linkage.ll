; Helpers with other linkages (test/link/symbol-identity.test).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
$rust_helper_comdat = comdat any
define weak i32 @rust_helper_weak(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define linkonce_odr i32 @rust_helper_odr(i32 %x) {
  %r = add i32 %x, 2
  ret i32 %r
}
define weak_odr i32 @rust_helper_weak_odr(i32 %x) {
  %r = add i32 %x, 3
  ret i32 %r
}
define i32 @rust_helper_comdat(i32 %x) comdat {
  %r = add i32 %x, 4
  ret i32 %r
}
