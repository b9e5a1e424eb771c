; -pass-remarks-output writes every decision as YAML under the pass name
; rust-inline-helpers, and report=PATH writes the JSON summary: per helper
; the file, the calls found, inlined and refused (with the reason) and the
; policy rows that reconciled them (counted once: the second call finds the
; caller already reconciled).
;
; RUN: rm -rf %t && split-file %s %t
; RUN: %llvm-as %t/helpers.ll -o %t/helpers.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/helpers.bc;report=%t/report.json>' \
; RUN:   -pass-remarks-output=%t/remarks.yaml %t/crate.ll -o %t/out.bc
; RUN: FileCheck %s --check-prefix=YAML --input-file=%t/remarks.yaml
; RUN: FileCheck %s --check-prefix=JSON --input-file=%t/report.json

; YAML:      --- !Passed
; YAML-NEXT: Pass: rust-inline-helpers
; YAML-NEXT: Name: Inlined
; YAML:      Helper: rust_helper_inc
; YAML:      Caller: rust_caller
; YAML:      Reconciled: NullPointerIsValid, NoBuiltins
; YAML:      --- !Missed
; YAML-NEXT: Pass: rust-inline-helpers
; YAML-NEXT: Name: NotInlined
; YAML:      Helper: rust_helper_slow
; YAML:      Reason: 'NoInline (respect): noinline on the helper [LLVM: noinline function attribute]'

; JSON:      "plugin": "rust-inline-helpers",
; JSON:      "totals": {
; JSON-NEXT:   "helpers": 2,
; JSON-NEXT:   "calls": 3,
; JSON-NEXT:   "inlined": 2,
; JSON-NEXT:   "refused": 1
; JSON:        "name": "rust_helper_inc",
; JSON-NEXT:   "file": "{{.*}}helpers.bc",
; JSON-NEXT:   "body": "file",
; JSON-NEXT:   "calls": 2,
; JSON-NEXT:   "inlined": 2,
; JSON-NEXT:   "refused": 0,
; JSON-NEXT:   "reconciled": {
; JSON-NEXT:     "NoBuiltins": 1,
; JSON-NEXT:     "NullPointerIsValid": 1
; JSON:        "name": "rust_helper_slow",
; JSON:        "refused": 1,
; JSON:        "caller": "rust_caller",
; JSON-NEXT:   "reason": "NoInline (respect): noinline on the helper [LLVM: noinline function attribute]"

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare i32 @rust_helper_inc(i32)
declare i32 @rust_helper_slow(i32)
define i32 @rust_caller(i32 %x) {
  %a = call i32 @rust_helper_inc(i32 %x)
  %b = call i32 @rust_helper_inc(i32 %a)
  %c = call i32 @rust_helper_slow(i32 %b)
  ret i32 %c
}

;--- helpers.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
define i32 @rust_helper_inc(i32 %x) #0 {
  %v = add i32 %x, 1
  ret i32 %v
}
define i32 @rust_helper_slow(i32 %x) #1 {
  %v = add i32 %x, 2
  ret i32 %v
}
attributes #0 = { nounwind null_pointer_is_valid "no-builtin-wcslen" }
attributes #1 = { noinline nounwind }
