; The data rules of docs/linking.md, one linkage at a time, on
; hand-written IR (data-symbols.test has them from real C):
;
;   linkonce_odr, weak_odr data      kept as it is: the final link keeps one
;                                    copy, C's or this one
;   linkonce data (no ODR)           no symbol to count on: its helper stays
;                                    a call (positive control)
;   strong constant                  available_externally
;   strong constant naming a local   a declaration
;   static constant, address stored  the helper loading the address stays a
;     in another constant            call (positive control); one that loads
;                                    from the table itself is inlined
;   static unnamed_addr constant     copied even when its address is returned
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc>' \
; RUN:   -pass-remarks-missed=rust-inline-helpers %t/crate.ll -S -o %t/out.ll 2>%t/remarks.txt
; RUN: %plain-opt -passes=verify -disable-output %t/out.ll
; RUN: FileCheck %s --input-file=%t/out.ll
; RUN: FileCheck %s --check-prefix=REMARK --input-file=%t/remarks.txt

; CHECK-DAG: @odr_const = linkonce_odr constant i32 5, comdat
; CHECK-DAG: @odr_var = weak_odr global i32 6
; CHECK-DAG: @plain = available_externally constant i32 9
; CHECK-DAG: @ref = external constant ptr
; CHECK-DAG: @table = internal constant [2 x i32] [i32 1, i32 2]
; CHECK-DAG: @copied = internal unnamed_addr constant [2 x i32] [i32 3, i32 4]
; No copy of the linkonce data, the state or the table of addresses.
; CHECK-NOT: @lo_var =
; CHECK-NOT: @state =
; CHECK-NOT: @ptrs =

; CHECK-LABEL: define i32 @rust_caller(
; CHECK-NOT:   call
; CHECK:       call i32 @rust_helper_lo_var()
; CHECK-NOT:   call
; CHECK:       call ptr @rust_helper_via_ptrs()
; CHECK-NOT:   call
; CHECK:       ret i32

; REMARK-DAG: rust_helper_lo_var not inlined into rust_caller: it uses 'lo_var', which '{{.*}}helpers.bc' defines linkonce: the final link may keep another definition or none
; REMARK-DAG: rust_helper_via_ptrs not inlined into rust_caller: it exposes the address of 'table', constant data of '{{.*}}helpers.bc' without a symbol
; REMARK-NOT: {{(odr_const|odr_var|plain|ref|table_load|copied_addr)}} not inlined

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

$odr_const = comdat any
@odr_const = linkonce_odr constant i32 5, comdat
@odr_var = weak_odr global i32 6
@lo_var = linkonce global i32 7
@plain = constant i32 9
@state = internal global i32 0
@ref = constant ptr @state
@table = internal constant [2 x i32] [i32 1, i32 2]
@ptrs = internal constant [1 x ptr] [ptr @table]
@copied = internal unnamed_addr constant [2 x i32] [i32 3, i32 4]

define i32 @rust_helper_odr_const() {
  %v = load i32, ptr @odr_const
  ret i32 %v
}
define i32 @rust_helper_odr_var() {
  %v = load i32, ptr @odr_var
  ret i32 %v
}
define i32 @rust_helper_lo_var() {
  %v = load i32, ptr @lo_var
  ret i32 %v
}
define i32 @rust_helper_plain() {
  %v = load i32, ptr @plain
  ret i32 %v
}
define i32 @rust_helper_ref() {
  %p = load ptr, ptr @ref
  %v = load i32, ptr %p
  ret i32 %v
}
define ptr @rust_helper_via_ptrs() {
  %p = load ptr, ptr @ptrs
  ret ptr %p
}
define i32 @rust_helper_table_load(i64 %i) {
  %p = getelementptr [2 x i32], ptr @table, i64 0, i64 %i
  %v = load i32, ptr %p
  ret i32 %v
}
define ptr @rust_helper_copied_addr() {
  ret ptr @copied
}

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_odr_const()
declare i32 @rust_helper_odr_var()
declare i32 @rust_helper_lo_var()
declare i32 @rust_helper_plain()
declare i32 @rust_helper_ref()
declare ptr @rust_helper_via_ptrs()
declare i32 @rust_helper_table_load(i64)
declare ptr @rust_helper_copied_addr()

define i32 @rust_caller(i64 %i) {
  %a = call i32 @rust_helper_odr_const()
  %b = call i32 @rust_helper_odr_var()
  %c = call i32 @rust_helper_lo_var()
  %d = call i32 @rust_helper_plain()
  %e = call i32 @rust_helper_ref()
  %f = call ptr @rust_helper_via_ptrs()
  %g = call i32 @rust_helper_table_load(i64 %i)
  %h = call ptr @rust_helper_copied_addr()
  %x = load i32, ptr %f
  %y = load i32, ptr %h
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %e
  %s5 = add i32 %s4, %g
  %s6 = add i32 %s5, %x
  %s7 = add i32 %s6, %y
  ret i32 %s7
}
