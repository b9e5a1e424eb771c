//===- HelperFileSplit.h - A helper file split into chunks ------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The split form of a helper file, kept in the cache directory (cache-dir=,
// RUST_INLINE_HELPERS_CACHE_DIR), so that linking a few helpers from a file
// of thousands costs what linking from a small file costs.  LLVM's bitcode
// reader creates every function of a module even when it reads the bodies
// lazily; for a kernel-size helper file that is most of a pass run.
//
// The first run that meets a file (named by the 128-bit xxh3 hash of its
// bytes, llvm/Support/xxhash.h) reads it in full, in a context of its own,
// and writes one cache file holding:
//   - the file's SHA-256 (what the provenance records);
//   - its index (HelperFileIndex.h), each definition with its chunk;
//   - a header module: the triple, data layout, module flags and the other
//     named metadata (llvm.ident);
//   - the chunks: the definitions grouped so that whatever one of them
//     refers to (another definition, a distinct metadata node) is in the
//     same chunk, a few definitions per chunk, each chunk a bitcode module
//     with declarations of what else it uses.  Definitions are moved, not
//     cloned, into the chunks, and written with their use-list order.
// Later runs read the index, and build the module to link from the header
// and the chunks that define what the crate declares, in the file's order:
// the same module the file gives, less what the crate cannot reach.
//
// A file the split could change is kept whole (its cache file says why, and
// holds the SHA-256 only): debug info, module asm, aliases, ifuncs, comdats,
// appending globals (llvm.used, constructors), unnamed globals, named
// metadata that refers to values or distinct nodes, metadata attached to a
// variable, or a chunk the verifier rejects.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERFILESPLIT_H
#define RUST_INLINE_HELPERS_PASSES_HELPERFILESPLIT_H

#include "passes/HelperFileIndex.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace rih {

/// A helper file's cache entry, read.
class HelperFileSplit {
public:
  /// Looks up the cache entry of the helper file \p Path, whose bytes are
  /// \p Bytes, split into chunks of at least \p ChunkSize definitions, in
  /// the directory \p CacheDir, and writes it first when there
  /// is none (or it is unreadable: a cache file is never trusted past its
  /// checks).  Creates \p CacheDir when missing.
  ///
  /// Returns the entry, or an error when the entry can be neither read nor
  /// written (the directory is not writable, the disk is full): the caller
  /// then reads the file whole, as without a cache.  The error names the
  /// directory and the fix.  A file that parses but cannot be split gives an
  /// entry with isWhole().
  static llvm::Expected<std::unique_ptr<HelperFileSplit>>
  open(llvm::StringRef CacheDir, llvm::StringRef Path,
       llvm::MemoryBufferRef Bytes, unsigned ChunkSize = DefaultChunkSize);

  /// Definitions per chunk, at least (a group that refers to itself is never
  /// cut): fewer chunks make a smaller cache file, smaller chunks read fewer
  /// unused bodies.  16 keeps both small for kernel-size files.  The pass
  /// parameter chunk-size= sets another, for tests that look at the groups
  /// themselves; a cache file made with another size is made again.
  static constexpr unsigned DefaultChunkSize = 16;

  /// The SHA-256 of the file's bytes, in lowercase hex.
  llvm::StringRef sha256() const { return SHA256; }

  /// True when the file is kept whole; whyWhole() says why.
  bool isWhole() const { return !Why.empty(); }
  llvm::StringRef whyWhole() const { return Why; }

  /// The file's index (only when !isWhole()).
  const HelperFileIndex &index() const { return Index; }

  /// The number of chunks (0 when isWhole()).
  size_t numChunks() const { return Modules.empty() ? 0 : Modules.size() - 1; }

  /// Returns the module to link from, in \p Ctx, named \p Path: the header
  /// with the chunks \p Chunks (indices into the chunk table, ascending,
  /// each once) linked in and every global in the file's order.
  /// Errors: a chunk that does not parse or link (a damaged cache file).
  llvm::Expected<std::unique_ptr<llvm::Module>>
  merge(llvm::LLVMContext &Ctx, llvm::StringRef Path,
        llvm::ArrayRef<uint32_t> Chunks) const;

private:
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  std::string SHA256;
  std::string Why;
  HelperFileIndex Index;
  /// Byte ranges in Buffer: the header module, then each chunk.
  std::vector<std::pair<uint64_t, uint64_t>> Modules;

  static llvm::Expected<std::unique_ptr<HelperFileSplit>>
  read(std::unique_ptr<llvm::MemoryBuffer> Buffer, uint64_t SourceSize,
       unsigned WantedChunkSize);
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERFILESPLIT_H
