//===- HelperFileChunks.h - Cut a helper module into chunks -----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// How a helper file's split form is made (HelperFileSplit.h holds the cache
// file around it): its definitions are grouped by what they refer to (an
// IntEqClasses over the definitions, joined through operands, constants,
// metadata that names a global value, and shared distinct metadata nodes),
// and the groups, in the order of their first definition, are gathered into
// chunks.  Each chunk becomes a bitcode module of its own: the definitions
// are moved out of the module (so their values keep their use-list order),
// and declarations of everything else they use are added, with the linkage,
// attributes and metadata of the module's declarations.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERFILECHUNKS_H
#define RUST_INLINE_HELPERS_PASSES_HELPERFILECHUNKS_H

#include "passes/HelperFileIndex.h"

#include "llvm/Support/Allocator.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace llvm {
class Module;
} // namespace llvm

namespace rih {

/// A helper module cut into chunks, or why it stays whole.
struct HelperFileChunks {
  /// Why the module is kept whole ("debug info", "aliases or ifuncs", ...),
  /// or empty when it was cut.
  std::string Why;
  /// Every global value of the module, in its order, each definition with
  /// its chunk (HelperFileSymbol::Chunk).
  std::vector<HelperFileSymbol> Symbols;
  /// Bitcode: the header module (triple, data layout, named metadata, no
  /// globals), then each chunk.
  std::vector<std::string> Modules;
  /// The Symbols' names (the module they came from goes first).
  llvm::BumpPtrAllocator NameBytes;
};

/// Cuts \p M, whose bodies are all read (materializeBodies), in a context of
/// its own (the chunks carry its metadata kinds), into chunks of at least
/// \p ChunkTarget definitions (a group is never cut).  Moves the definitions
/// out of \p M, which then holds only declarations.
///
/// A module a split could change is kept whole (HelperFileChunks::Why, and
/// no Symbols or Modules): debug info, module asm, aliases or ifuncs,
/// comdats, appending globals, unnamed globals, named metadata that refers
/// to values or distinct nodes, metadata on a variable, or a chunk that the
/// verifier rejects.
HelperFileChunks splitIntoChunks(llvm::Module &M, unsigned ChunkTarget);

/// Reads every function body of the lazily read \p M, one at a time, as the
/// IR linker would (Module::materializeAll would also upgrade debug info,
/// whose verifier registers metadata kinds in the context).  Returns the
/// bitcode reader's error.
llvm::Error materializeBodies(llvm::Module &M);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERFILECHUNKS_H
