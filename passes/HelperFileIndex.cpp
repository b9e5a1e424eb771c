//===- HelperFileIndex.cpp - What a helper file defines and declares ------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperFileIndex.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace rih {

HelperFileIndex HelperFileIndex::fromModule(const Module &M) {
  auto Names = std::make_unique<BumpPtrAllocator>();
  StringSaver Saver(*Names);
  std::vector<HelperFileSymbol> Symbols;
  uint32_t Position = 0;
  for (const GlobalValue &GV : M.global_values()) {
    uint32_t Here = Position++;
    if (!GV.hasName())
      continue;
    HelperFileSymbol S;
    S.Name = Saver.save(GV.getName());
    S.Position = Here;
    S.Linkage = GV.getLinkage();
    S.Visibility = GV.getVisibility();
    S.IsFunction = isa<Function>(GV);
    S.IsDefinition = !GV.isDeclaration();
    S.IsDSOLocal = GV.isDSOLocal();
    Symbols.push_back(S);
  }
  HelperFileIndex Index = fromSymbols(std::move(Symbols));
  Index.Names = std::move(Names);
  return Index;
}

HelperFileIndex HelperFileIndex::fromSymbols(std::vector<HelperFileSymbol> S) {
  llvm::sort(S, [](const HelperFileSymbol &A, const HelperFileSymbol &B) {
    return A.Name < B.Name;
  });
  return *fromSortedSymbols(std::move(S));
}

std::optional<HelperFileIndex>
HelperFileIndex::fromSortedSymbols(std::vector<HelperFileSymbol> S) {
  for (size_t I = 1; I < S.size(); ++I)
    if (!(S[I - 1].Name < S[I].Name))
      return std::nullopt;
  HelperFileIndex Index;
  Index.Symbols = std::move(S);
  return Index;
}

const HelperFileSymbol *HelperFileIndex::lookup(StringRef Name) const {
  auto It = llvm::partition_point(
      Symbols, [&](const HelperFileSymbol &S) { return S.Name < Name; });
  if (It == Symbols.end() || It->Name != Name)
    return nullptr;
  return &*It;
}

ArrayRef<const HelperFileSymbol *> HelperFileIndex::inModuleOrder() const {
  if (Ordered.size() != Symbols.size()) {
    Ordered.clear();
    for (const HelperFileSymbol &S : Symbols)
      Ordered.push_back(&S);
    llvm::sort(Ordered,
               [](const HelperFileSymbol *A, const HelperFileSymbol *B) {
                 return A->Position < B->Position;
               });
  }
  return Ordered;
}

} // namespace rih
