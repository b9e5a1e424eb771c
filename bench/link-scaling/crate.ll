; The crate of bench/link-scaling: one Rust-style function calling ten
; helpers, rust_helper_f0 .. rust_helper_f9 of bench/link-scaling/gen-helpers.py
; (the signatures of its first ten kinds), with the function attributes and
; module flags rustc -O gives an x86_64-unknown-linux-gnu library.
; Written by hand; every helper file the benchmark builds defines all ten.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%Obj = type { i32, i32, i64, { ptr, ptr } }

; Function Attrs: nounwind nonlazybind uwtable
define noundef i64 @rust_use_helpers(i64 noundef %x, ptr noundef %obj, ptr noundef %bits, ptr noundef %node, ptr noundef %head, ptr noundef %vals, i32 noundef %n) unnamed_addr #0 {
start:
  %a = tail call noundef i64 @rust_helper_f0(i64 noundef %x, i64 noundef 3) #1
  %t = tail call noundef i32 @rust_helper_f1(ptr noundef %bits, i64 noundef %x) #1
  tail call void @rust_helper_f2(i64 noundef 5, ptr noundef %bits) #1
  %p = tail call noundef ptr @rust_helper_f3(i64 noundef %x) #1
  %e = tail call noundef i64 @rust_helper_f4(ptr noundef %p) #1
  %count = getelementptr inbounds nuw i8, ptr %obj, i64 4
  tail call void @rust_helper_f5(ptr noundef %count) #1
  %z = tail call noundef i32 @rust_helper_f6(ptr noundef %count) #1
  %w = tail call noundef i32 @rust_helper_f7(i32 noundef %t) #1
  %s = tail call noundef i64 @rust_helper_f8(ptr noundef %vals, i32 noundef %n) #1
  tail call void @rust_helper_f9(ptr noundef %node, ptr noundef %head) #1
  %t64 = zext i32 %t to i64
  %z64 = zext i32 %z to i64
  %w64 = zext i32 %w to i64
  %r0 = add i64 %a, %t64
  %r1 = add i64 %r0, %e
  %r2 = add i64 %r1, %z64
  %r3 = add i64 %r2, %w64
  %r4 = add i64 %r3, %s
  ret i64 %r4
}

; Function Attrs: nounwind nonlazybind uwtable
declare noundef i64 @rust_helper_f0(i64 noundef, i64 noundef) unnamed_addr #0
declare noundef i32 @rust_helper_f1(ptr noundef, i64 noundef) unnamed_addr #0
declare void @rust_helper_f2(i64 noundef, ptr noundef) unnamed_addr #0
declare noundef ptr @rust_helper_f3(i64 noundef) unnamed_addr #0
declare noundef i64 @rust_helper_f4(ptr noundef) unnamed_addr #0
declare void @rust_helper_f5(ptr noundef) unnamed_addr #0
declare noundef i32 @rust_helper_f6(ptr noundef) unnamed_addr #0
declare noundef i32 @rust_helper_f7(i32 noundef) unnamed_addr #0
declare noundef i64 @rust_helper_f8(ptr noundef, i32 noundef) unnamed_addr #0
declare void @rust_helper_f9(ptr noundef, ptr noundef) unnamed_addr #0

attributes #0 = { nounwind nonlazybind uwtable "probe-stack"="inline-asm" "target-cpu"="x86-64" }
attributes #1 = { nounwind }

!llvm.module.flags = !{!0, !1}

!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 2, !"RtLibUseGOT", i32 1}
