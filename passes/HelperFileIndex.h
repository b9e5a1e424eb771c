//===- HelperFileIndex.h - What a helper file defines and declares -*- C++
//-*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The index of one helper file: every named global value of its module, with
// its kind, linkage, visibility and place, sorted by name.  The linker asks
// it which file defines what (HelperLink.cpp, HelperLinkChecks.cpp) instead
// of walking the file's module, so that what a crate link costs depends on
// what the crate uses, not on the size of the file.  It is built from the
// module (HelperFiles.cpp) or read from the file's split form in the cache
// (HelperFileSplit.h), where each entry also names the chunk that defines it.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERFILEINDEX_H
#define RUST_INLINE_HELPERS_PASSES_HELPERFILEINDEX_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/GlobalValue.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/StringSaver.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace llvm {
class Module;
} // namespace llvm

namespace rih {

/// One named global value of a helper file.
struct HelperFileSymbol {
  llvm::StringRef Name;
  /// Its place in the module's global_values() order (functions, then
  /// variables, aliases and ifuncs), from 0: what orders messages and
  /// lists the way a walk over the module would.
  uint32_t Position = 0;
  /// The split form's chunk that defines it (HelperFileSplit.h); NoChunk
  /// for a declaration or an index built from a module.
  uint32_t Chunk = NoChunk;
  llvm::GlobalValue::LinkageTypes Linkage = llvm::GlobalValue::ExternalLinkage;
  llvm::GlobalValue::VisibilityTypes Visibility =
      llvm::GlobalValue::DefaultVisibility;
  bool IsFunction = false;
  bool IsDefinition = false;
  bool IsDSOLocal = false;

  static constexpr uint32_t NoChunk = ~uint32_t(0);

  /// An exported definition (HelperLinker.h, isExportedDefinition): a
  /// definition with a symbol the helper object defines too.
  bool isExportedDefinition() const {
    return IsDefinition && !llvm::GlobalValue::isLocalLinkage(Linkage) &&
           !Name.empty();
  }
};

/// What a helper file defines and declares, sorted by name.  The names live
/// as long as the index (or, for an index read from the cache, as long as
/// the buffer it was read from, which HelperFile keeps).
class HelperFileIndex {
public:
  HelperFileIndex() = default;
  HelperFileIndex(HelperFileIndex &&) = default;
  HelperFileIndex &operator=(HelperFileIndex &&) = default;

  /// Builds the index of \p M's named global values (unnamed ones cannot be
  /// referred to from another module and are left out).  The names are
  /// copied: the index outlives the module.
  static HelperFileIndex fromModule(const llvm::Module &M);

  /// Builds an index from \p Symbols, whose names must outlive it and be
  /// unique; sorts them.
  static HelperFileIndex fromSymbols(std::vector<HelperFileSymbol> Symbols);

  /// The same for \p Symbols already sorted by name (an index read from the
  /// cache), or nothing when they are not sorted or a name repeats.
  static std::optional<HelperFileIndex>
  fromSortedSymbols(std::vector<HelperFileSymbol> Symbols);

  /// Returns the symbol named \p Name, or nullptr.  O(log n).
  const HelperFileSymbol *lookup(llvm::StringRef Name) const;

  /// Every symbol, sorted by name.
  llvm::ArrayRef<HelperFileSymbol> symbols() const { return Symbols; }

  /// Every symbol in the module's order (sorted by Position), built on the
  /// first call: for the walks that must see the whole file in order, which
  /// only a link of several files or a module that defines the file's
  /// helpers itself needs.
  llvm::ArrayRef<const HelperFileSymbol *> inModuleOrder() const;

private:
  std::vector<HelperFileSymbol> Symbols;
  mutable std::vector<const HelperFileSymbol *> Ordered;
  std::unique_ptr<llvm::BumpPtrAllocator> Names;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERFILEINDEX_H
