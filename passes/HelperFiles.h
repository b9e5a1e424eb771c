//===- HelperFiles.h - Read helper bitcode and IR files ---------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Reads the helper files named by helpers=PATH.  A helper file is LLVM bitcode
// (clang -emit-llvm -c, also with -flto or -flto=thin) or textual IR (.ll, as
// clang -emit-llvm -S writes it); the kind is told by the content, not by the
// name.  Bitcode is parsed lazily: only the bodies that get linked are read.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERFILES_H
#define RUST_INLINE_HELPERS_PASSES_HELPERFILES_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace rih {

/// A helper file read into memory.
struct HelperFile {
  std::string Path;
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  bool IsBitcode = false;
  /// SHA-256 of the file's bytes as read, in lowercase hex (64 characters):
  /// what the provenance records and what `sha256sum` prints.
  std::string SHA256;
  /// The module parsed by readHelperFile (lazily for bitcode), until
  /// openHelperModule hands it out: a file is parsed once unless it is
  /// linked twice.  Parsing a large file lazily still creates every
  /// declaration, which is most of a pass run's cost.
  std::unique_ptr<llvm::Module> Parsed;
};

/// Reads the helper file \p Path and checks that it can be parsed, without
/// reading function bodies.
///
/// Errors, each with the fix: the file is missing, unreadable or a directory;
/// it is empty; it is bitcode that this LLVM cannot read (truncated or
/// corrupt, or written by a newer LLVM, named from the bitcode's producer
/// string); it holds several modules (clang -fsplit-lto-unit); it is neither
/// bitcode nor valid textual IR (the parser's message, with line and column).
/// The message does not start with the plugin's name.
llvm::Expected<HelperFile> readHelperFile(const std::string &Path,
                                          llvm::LLVMContext &Ctx);

/// Returns \p File's module, named after the file: the one readHelperFile
/// parsed when it is still there, or a new one in \p Ctx: lazily for bitcode
/// (bodies are read when the IR linker needs them), in full for textual IR.
/// Can only fail on a file that readHelperFile did not accept.
llvm::Expected<std::unique_ptr<llvm::Module>>
openHelperModule(HelperFile &File, llvm::LLVMContext &Ctx);

/// Returns \p File's module without taking it, parsing it first if
/// openHelperModule has handed it out.
llvm::Expected<llvm::Module &> peekHelperModule(HelperFile &File,
                                                llvm::LLVMContext &Ctx);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERFILES_H
