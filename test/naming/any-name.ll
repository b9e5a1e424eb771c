; Helpers are whatever the helper files define: bindgen --wrap-static-fns'
; *__extern wrappers and a hand-written name inline as rust_helper_* does.
; suffix= (or prefix=) restricts which definitions count; the others stay
; calls to the C object, and crate calls to an accepted name that no file
; defines get a missed remark.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/wrappers.ll -o %t/wrappers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc>' %t/crate.ll -S -o - | FileCheck %s --check-prefix=ALL
; ALL-LABEL: define i32 @caller(
; ALL-NOT: call {{.*}}@divide__extern
; ALL-NOT: call {{.*}}@bump__extern
; ALL-NOT: call {{.*}}@mylib_scale
; ALL: call i32 @missing__extern(
; ALL: ret i32
;
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;suffix=__extern>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/suffix.ll 2>%t/suffix.err
; RUN: FileCheck %s --check-prefix=SUFFIX --input-file=%t/suffix.ll
; RUN: FileCheck %s --check-prefix=SUFFIX-REMARK --input-file=%t/suffix.err
; SUFFIX-LABEL: define i32 @caller(
; SUFFIX-NOT: call {{.*}}@divide__extern
; SUFFIX-NOT: call {{.*}}@bump__extern
; SUFFIX: call i32 @mylib_scale(
; SUFFIX: call i32 @missing__extern(
; SUFFIX: ret i32
; SUFFIX-REMARK: missing__extern not inlined into caller: no helper file defines it
; SUFFIX-REMARK-NOT: mylib_scale
;
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;prefix=mylib_>' %t/crate.ll -S -o - | FileCheck %s --check-prefix=PREFIX
; PREFIX-LABEL: define i32 @caller(
; PREFIX: call i32 @divide__extern(
; PREFIX: call i32 @bump__extern(
; PREFIX-NOT: call i32 @mylib_scale(
; PREFIX: ret i32
;
; The environment gives the same (RUST_INLINE_HELPERS_SUFFIX), and the
; parameters print back.
; RUN: env RUST_INLINE_HELPERS=%t/wrappers.bc RUST_INLINE_HELPERS_SUFFIX=__extern %opt -passes=rust-inline-helpers %t/crate.ll -S -o - | FileCheck %s --check-prefix=SUFFIX
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;prefix=my;suffix=__extern>' -print-pipeline-passes -disable-output %t/crate.ll | FileCheck %s --check-prefix=PRINT
; PRINT: rust-inline-helpers<helpers={{.*}}wrappers.bc;prefix=my;suffix=__extern>
; RUN: not %opt -passes='rust-inline-helpers<helpers=%t/wrappers.bc;suffix=a;suffix=b>' -disable-output %t/crate.ll 2>&1 | FileCheck %s --check-prefix=TWICE
; TWICE: invalid parameter 'suffix=b' of pass 'rust-inline-helpers'; valid parameters: suffix= given twice

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @divide__extern(i32)
declare i32 @bump__extern(i32)
declare i32 @mylib_scale(i32)
declare i32 @missing__extern(i32)
define i32 @caller(i32 %x) {
  %a = call i32 @divide__extern(i32 %x)
  %b = call i32 @bump__extern(i32 %a)
  %c = call i32 @mylib_scale(i32 %b)
  %d = call i32 @missing__extern(i32 %c)
  ret i32 %d
}

;--- wrappers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @divide__extern(i32 %x) {
  %r = udiv i32 %x, 7
  ret i32 %r
}
define i32 @bump__extern(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}
define i32 @mylib_scale(i32 %x) {
  %r = mul i32 %x, 3
  ret i32 %r
}
