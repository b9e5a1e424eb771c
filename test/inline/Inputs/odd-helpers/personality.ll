; A hand-written helper with a landing pad: C built with -fexceptions and a
; cleanup uses __gcc_personality_v0, not Rust's rust_eh_personality.  No
; module flags, as hand-written IR usually has none.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare i32 @c_may_throw(i32)
declare void @c_cleanup()
declare i32 @__gcc_personality_v0(...)

define i32 @rust_helper_guarded(i32 %x) #0 personality ptr @__gcc_personality_v0 {
entry:
  %r = invoke i32 @c_may_throw(i32 %x)
          to label %ok unwind label %lpad
ok:
  %s = add i32 %r, 1
  ret i32 %s
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @c_cleanup()
  resume { ptr, i32 } %lp
}

attributes #0 = { uwtable "target-cpu"="x86-64" }
