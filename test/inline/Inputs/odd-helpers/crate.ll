; A rustc-like crate (opt-level=2, panic=unwind) calling each odd helper of
; helpers.c, chain.c, o0.c and personality.ll; main.c calls these functions.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_sum(i32, ...) unnamed_addr #0
declare i32 @rust_helper_first(i32, ...) unnamed_addr #0
declare i32 @rust_helper_setjmp(i32) unnamed_addr #0
declare i32 @rust_helper_setjmp_wrapper() unnamed_addr #2
declare zeroext i1 @rust_helper_static_branch() unnamed_addr #0
declare i32 @rust_helper_bswap(i32) unnamed_addr #0
declare i32 @rust_helper_vla(i32) unnamed_addr #0
declare i32 @rust_helper_missing(i32) unnamed_addr #0
declare i32 @rust_helper_uses_missing(i32) unnamed_addr #0
declare i32 @rust_helper_outer(i32) unnamed_addr #0
declare i32 @rust_helper_o0(i32) unnamed_addr #0
declare i32 @rust_helper_guarded(i32) unnamed_addr #1
declare i32 @rust_eh_personality(i32, i32, i64, ptr, ptr) unnamed_addr #1

define i32 @rust_varargs(i32 %a) unnamed_addr #0 {
start:
  %s = call i32 (i32, ...) @rust_helper_sum(i32 3, i32 %a, i32 20, i32 300)
  %f = call i32 (i32, ...) @rust_helper_first(i32 %s, i32 5, double 1.5)
  ret i32 %f
}

define i32 @rust_setjmp(i32 %a) unnamed_addr #0 {
start:
  %v = call i32 @rust_helper_setjmp(i32 %a)
  ret i32 %v
}

define i32 @rust_setjmp_wrapper() unnamed_addr #0 {
start:
  %v = call i32 @rust_helper_setjmp_wrapper() #2
  ret i32 %v
}

define i32 @rust_static_branch() unnamed_addr #0 {
start:
  %b = call zeroext i1 @rust_helper_static_branch()
  %v = select i1 %b, i32 11, i32 22
  ret i32 %v
}

define i32 @rust_bswap(i32 %a) unnamed_addr #0 {
start:
  %v = call i32 @rust_helper_bswap(i32 %a)
  ret i32 %v
}

define i32 @rust_vla_loop(i32 %iters, i32 %n) unnamed_addr #0 {
start:
  br label %loop
loop:
  %i = phi i32 [ 0, %start ], [ %i.next, %loop ]
  %acc = phi i32 [ 0, %start ], [ %acc.next, %loop ]
  %v = call i32 @rust_helper_vla(i32 %n)
  %acc.next = xor i32 %acc, %v
  %i.next = add i32 %i, 1
  %done = icmp eq i32 %i.next, %iters
  br i1 %done, label %exit, label %loop
exit:
  ret i32 %acc.next
}

define i32 @rust_missing(i32 %a) unnamed_addr #0 {
start:
  %v = call i32 @rust_helper_missing(i32 %a)
  %w = call i32 @rust_helper_uses_missing(i32 %v)
  ret i32 %w
}

define i32 @rust_chain(i32 %a) unnamed_addr #0 {
start:
  %v = call i32 @rust_helper_outer(i32 %a)
  ret i32 %v
}

define i32 @rust_o0(i32 %a) unnamed_addr #0 {
start:
  %v = call i32 @rust_helper_o0(i32 %a)
  ret i32 %v
}

define i32 @rust_may_unwind(i32 %a) unnamed_addr #1 {
start:
  %v = add i32 %a, 7
  ret i32 %v
}

; Has landing pads of its own, so rustc gave it Rust's personality.
define i32 @rust_unwind(i32 %a) unnamed_addr #1 personality ptr @rust_eh_personality {
start:
  %v = invoke i32 @rust_may_unwind(i32 %a)
          to label %ok unwind label %cleanup
ok:
  %w = call i32 @rust_helper_guarded(i32 %v)
  ret i32 %w
cleanup:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; No landing pad, no personality.
define i32 @rust_no_personality(i32 %a) unnamed_addr #1 {
start:
  %w = call i32 @rust_helper_guarded(i32 %a)
  ret i32 %w
}

attributes #0 = { nounwind nonlazybind uwtable "probe-stack"="inline-asm" "target-cpu"="x86-64" }
attributes #1 = { nonlazybind uwtable "probe-stack"="inline-asm" "target-cpu"="x86-64" }
attributes #2 = { nounwind returns_twice }

!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 2, !"RtLibUseGOT", i32 1}
