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

#include "passes/HelperFileIndex.h"
#include "passes/HelperFileSplit.h"

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
  /// Bitcode whose module carries an LTO summary: the output of a pre-link
  /// pipeline (clang -flto, -flto=thin), or an index-only or thin-link file,
  /// which readHelperFile refuses.
  bool HasLTOSummary = false;
  /// SHA-256 of the file's bytes as read, in lowercase hex (64 characters):
  /// what the provenance records and what `sha256sum` prints.
  std::string SHA256;
  /// The module parsed by readHelperFile (lazily for bitcode), until
  /// openHelperModule hands it out: a file is parsed once unless it is
  /// linked twice.  Parsing a large file lazily still creates every
  /// declaration, which is most of a pass run's cost.
  std::unique_ptr<llvm::Module> Parsed;
  /// The file's split form in the cache (cache-dir=), when it has one that
  /// is not kept whole: then nothing of the file is parsed until a link
  /// needs its chunks.
  std::unique_ptr<HelperFileSplit> Split;
  /// Why the cache could not be used (a directory that is not writable),
  /// for a warning; empty when it was used or there is none.
  std::string CacheProblem;
  /// Why the cache keeps the file whole (HelperFileSplit.h), for a remark;
  /// empty when it is split or there is no cache.
  std::string KeptWhole;

  /// The index built from the module, when the file is not read from its
  /// split form.
  HelperFileIndex ModuleIndex;

  /// What the file defines and declares.
  const HelperFileIndex &index() const {
    return Split ? Split->index() : ModuleIndex;
  }
};

/// Reads the helper file \p Path and checks that it can be parsed, without
/// reading function bodies.  With a cache directory \p CacheDir (cache-dir=;
/// empty for none), a bitcode file is looked up there by its contents and
/// split into it on first use, in chunks of at least \p ChunkSize
/// definitions (chunk-size=; HelperFileSplit.h); a file read from its
/// split form is not parsed here (it was, in full, when it was split).  A
/// cache that cannot be written is no error: the file is read whole and
/// HelperFile::CacheProblem says why.
///
/// Errors, each with the fix: the file is missing, unreadable or a directory;
/// it is empty; it is bitcode that this LLVM cannot read (truncated or
/// corrupt, or written by a newer LLVM, named from the bitcode's producer
/// string); it holds several modules (clang -fsplit-lto-unit); it is neither
/// bitcode nor valid textual IR (the parser's message, with line and column).
/// The message does not start with the plugin's name.
llvm::Expected<HelperFile>
readHelperFile(const std::string &Path, llvm::LLVMContext &Ctx,
               llvm::StringRef CacheDir = "",
               unsigned ChunkSize = HelperFileSplit::DefaultChunkSize);

/// Returns the module to link \p File from, in \p Ctx, named after the file:
///  * from its split form, the chunks that define what \p Crate declares,
///    merged in the file's order;
///  * else the module readHelperFile parsed when it is still there, or a new
///    one: lazily for bitcode (bodies are read when the IR linker needs
///    them), in full for textual IR.
/// \p ChunksRead, when given, is set to the number of chunks merged (0 for
/// a file read whole).  Can only fail on a file that readHelperFile did not
/// accept, or a split form damaged since it was read.
llvm::Expected<std::unique_ptr<llvm::Module>>
openHelperModule(HelperFile &File, llvm::LLVMContext &Ctx,
                 const llvm::Module &Crate, size_t *ChunksRead = nullptr);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERFILES_H
