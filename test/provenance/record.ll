; A module the plugin changed records what went in: the named metadata
; !rust-inline-helpers.provenance and, on ELF, the note in
; .note.rust-inline-helpers (plugin version, each helper file's path and
; SHA-256, the helpers inlined from it).  A file that gave nothing is not
; listed, a module the plugin left alone gets no record (controls), and
; file-prefix-map= rewrites the recorded paths.  tools/rih-provenance reads
; both forms and --check tells an output built from an older helper file.
;
; RUN: rm -rf %t && split-file %s %t && cd %t
; RUN: %llvm-as a.ll -o a.bc
; RUN: %llvm-as unused.ll -o unused.bc
; RUN: %opt -passes='rust-inline-helpers<helpers=a.bc;helpers=%t/unused.bc>' crate.ll -o out.bc
; RUN: %llvm-dis out.bc -o out.ll
; RUN: bash -c 'FileCheck %s --check-prefix=IR --input-file=out.ll -DMAJOR=%llvm-major -DSHA=$(sha256sum a.bc | cut -c1-64)'
; IR: @rust_inline_helpers.provenance = private constant {{.*}} c"rust-inline-helpers\00", {{.*}} c"plugin: rust-inline-helpers {{.*}}, LLVM [[MAJOR]].{{.*}}\0Amodule: crate.ll\0Afile: a.bc\0Asha256: [[SHA]]\0Ainlined: rust_helper_add rust_helper_twice\0A\00{{.*}}, section ".note.rust-inline-helpers", align 4
; IR: @llvm.compiler.used = {{.*}}@rust_inline_helpers.provenance
; IR-LABEL: define i32 @rust_caller(
; IR-NOT: call {{.*}}@rust_helper_
; IR: call i32 @c_function(
; IR: !rust-inline-helpers.provenance = !{![[R:[0-9]+]]}
; IR: ![[R]] = !{!"rust-inline-helpers {{.*}}", !"crate.ll", ![[F:[0-9]+]]}
; IR: ![[F]] = !{!"a.bc", !"[[SHA]]", !"rust_helper_add", !"rust_helper_twice"}
; IR-NOT: unused.bc
;
; The note reaches the object file, as an allocated SHT_NOTE section.
; RUN: %llc -filetype=obj out.bc -o out.o
; RUN: %llvm-bindir/llvm-readelf -S -n out.o | FileCheck %s --check-prefix=ELF
; ELF: .note.rust-inline-helpers NOTE {{.*}} A {{.*}} 4
; ELF: Displaying notes found in: .note.rust-inline-helpers
; ELF: rust-inline-helpers 0x{{[0-9a-f]+}} Unknown note type: (0x52494801)
;
; RUN: %rih-provenance out.bc out.o > both.txt
; RUN: bash -c 'FileCheck %s --check-prefix=PRINT --input-file=both.txt -DMAJOR=%llvm-major -DSHA=$(sha256sum a.bc | cut -c1-64)'
; PRINT: out.bc: 1 record
; PRINT-NEXT: record 1:
; PRINT-NEXT: plugin: rust-inline-helpers {{.*}}, LLVM [[MAJOR]].
; PRINT-NEXT: module: crate.ll
; PRINT-NEXT: file: a.bc
; PRINT-NEXT: sha256: [[SHA]]
; PRINT-NEXT: inlined: rust_helper_add rust_helper_twice
; PRINT-NEXT: out.o: 1 record
; PRINT-NEXT: record 1:
; PRINT-NEXT: plugin: rust-inline-helpers {{.*}}, LLVM [[MAJOR]].
; PRINT-NEXT: module: crate.ll
; PRINT-NEXT: file: a.bc
; PRINT-NEXT: sha256: [[SHA]]
; PRINT-NEXT: inlined: rust_helper_add rust_helper_twice
;
; --check: up to date, then stale once the helper file changes.
; RUN: %rih-provenance --check out.o | FileCheck %s --check-prefix=FRESH
; FRESH: check: a.bc: up to date
; RUN: sed -i 's/add i32 %x, 1/add i32 %x, 2/' a.ll && %llvm-as a.ll -o a.bc
; RUN: not %rih-provenance --check out.o | FileCheck %s --check-prefix=STALE
; STALE: check: a.bc: stale (now sha256 {{[0-9a-f]+}}); rebuild the output
; RUN: mkdir -p elsewhere && not %rih-provenance --check --root elsewhere out.o | FileCheck %s --check-prefix=MISSING
; MISSING: check: a.bc: missing (No such file or directory)
;
; Controls: no helper called, no record; an object without a record is an
; error of the script (exit 2).
; RUN: %opt -passes='rust-inline-helpers<helpers=a.bc>' plain.ll -S -o plain-out.ll
; RUN: FileCheck %s --check-prefix=NONE --input-file=plain-out.ll
; NONE-NOT: provenance
; NONE-NOT: .note.rust-inline-helpers
; RUN: %llc -filetype=obj plain-out.ll -o plain.o
; RUN: not %rih-provenance plain.o 2>&1 | FileCheck %s --check-prefix=NOREC
; NOREC: rih-provenance: plain.o: no rust-inline-helpers record
;
; file-prefix-map=OLD=NEW: the last matching entry wins, only on a path
; component boundary; the environment's entries are separated by ':'.
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;file-prefix-map=%t=/nomatch;file-prefix-map=%t/=src/>' crate.ll -S -o - | FileCheck %s --check-prefix=MAP
; MAP: c"plugin: {{.*}}\0Amodule: crate.ll\0Afile: src/a.bc\0A
; MAP: !{!"src/a.bc", !"
; RUN: %opt -passes='rust-inline-helpers<helpers=%t/a.bc;file-prefix-map=%t/a=/x>' crate.ll -S -o - | FileCheck %s --check-prefix=BOUNDARY -DT=%t
; BOUNDARY: !{!"[[T]]/a.bc", !"
; RUN: env RUST_INLINE_HELPERS=%t/a.bc RUST_INLINE_HELPERS_FILE_PREFIX_MAP=/none=:%t/=/build/ \
; RUN:   %opt -passes='rust-inline-helpers' crate.ll -S -o - | FileCheck %s --check-prefix=ENVMAP
; ENVMAP: !{!"/build/a.bc", !"
; RUN: not %opt -passes='rust-inline-helpers<helpers=a.bc;file-prefix-map=nomap>' crate.ll -disable-output 2>&1 | FileCheck %s --check-prefix=BADMAP
; BADMAP: invalid parameter 'file-prefix-map=nomap' of pass 'rust-inline-helpers'; valid parameters: file-prefix-map=OLD=NEW
;
; A release link drops the note with a linker script.
; RUN: printf 'SECTIONS { /DISCARD/ : { *(.note.rust-inline-helpers) } }\n' > discard.lds
; RUN: %llvm-bindir/ld.lld -r out.o -o kept.o
; RUN: %llvm-bindir/ld.lld -r out.o -T discard.lds -o dropped.o
; RUN: %llvm-bindir/llvm-readelf -S kept.o | FileCheck %s --check-prefix=KEPT
; KEPT: .note.rust-inline-helpers
; RUN: %llvm-bindir/llvm-readelf -S dropped.o | FileCheck %s --check-prefix=DROPPED
; DROPPED-NOT: .note.rust-inline-helpers
;
; Not ELF (Mach-O): the named metadata only.
; RUN: sed 's/x86_64-unknown-linux-gnu/x86_64-apple-macosx11.0.0/' crate.ll > macho.ll
; RUN: %opt -passes='rust-inline-helpers<helpers=a.bc>' macho.ll -S -o - | FileCheck %s --check-prefix=MACHO
; MACHO-NOT: .note.rust-inline-helpers
; MACHO: !rust-inline-helpers.provenance = !{

;--- a.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @rust_helper_add(i32 %x) {
  %r = add i32 %x, 1
  ret i32 %r
}

define i32 @rust_helper_twice(i32 %x) {
  %r = shl i32 %x, 1
  ret i32 %r
}

define i32 @rust_helper_not_called(i32 %x) {
  ret i32 %x
}

;--- unused.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @rust_helper_other(i32 %x) {
  ret i32 %x
}

;--- crate.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @rust_helper_add(i32)
declare i32 @rust_helper_twice(i32)
declare i32 @c_function(i32)

define i32 @rust_caller(i32 %x) {
  %a = call i32 @rust_helper_add(i32 %x)
  %b = call i32 @rust_helper_twice(i32 %a)
  %c = call i32 @c_function(i32 %b)
  ret i32 %c
}

;--- plain.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @c_function(i32)

define i32 @rust_caller(i32 %x) {
  %c = call i32 @c_function(i32 %x)
  ret i32 %c
}
