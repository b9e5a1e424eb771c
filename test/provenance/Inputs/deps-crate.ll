; The crate module of deps.test: one call to rust_helper_from_a.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_from_a(i32)

define i32 @caller(i32 %x) {
  %r = call i32 @rust_helper_from_a(i32 %x)
  ret i32 %r
}
