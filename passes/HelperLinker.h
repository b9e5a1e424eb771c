//===- HelperLinker.h - The helper linker's state ---------------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Private to the rust-helpers-link pass (HelperLink.h): the linker's state
// and methods, defined along its seams:
//   HelperLink.cpp        the rounds over the helper files, and the pass
//   HelperLinkChecks.cpp  what is checked before a file links
//   HelperLinkFile.cpp    linking one file
//   HelperLinkAdopt.cpp   helpers whose body the module already holds
//   HelperLinkRemarks.cpp remarks and report entries
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERLINKER_H
#define RUST_INLINE_HELPERS_PASSES_HELPERLINKER_H

#include "passes/HelperFiles.h"
#include "passes/HelperLink.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/ModuleFlagPolicy.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rih {
namespace linker {

using namespace llvm;

/// The fix that the note on a helper file optimized for code generation
/// gives (noteOptimizedBodies).
constexpr StringLiteral PreLinkFix =
    "build the helper bitcode with 'clang -O2 -flto=thin -c' (the pre-link "
    "pipeline) instead of 'clang -O2 -emit-llvm -c', so that the crate's "
    "optimizer makes the loops for the caller";

/// Returns true when \p GV is a definition with a symbol: what a helper file
/// exports (the helper object defines it too).
inline bool isExportedDefinition(const llvm::GlobalValue &GV) {
  return !GV.isDeclaration() && !GV.hasLocalLinkage() && GV.hasName();
}

/// What the IR linker brought from one helper file.
struct LinkedFromFile {
  /// Every global new in the crate, local ones included.
  SmallPtrSet<GlobalValue *, 16> Globals;
  /// Names of the linked globals that the file exports (the helper object
  /// defines them too).
  StringSet<> Exported;
  /// Exported functions whose definition in the file is weak or linkonce:
  /// the final link may pick another body.
  StringSet<> Interposable;
  /// Symbol properties of the exported functions, from the file.
  StringMap<HelperSymbol> Symbols;
  /// Symbols the file defines as ifuncs or weak aliases, which stay calls,
  /// each with the reason its calls get.
  StringMap<std::string> KeptIndirect;
};

class HelperLinker {
public:
  HelperLinker(Module &M, const HelperLinkOptions &Options,
               HelperReport *Report)
      : M(M), Ctx(M.getContext()), Options(Options), Report(Report) {}

  /// Returns true when the module changed.
  bool run();

private:
  bool openAll();
  bool isHelper(const GlobalValue &GV) const;
  bool isHelper(const HelperFileSymbol &S) const;
  bool looksLikeHelper(StringRef Name) const;
  bool checkDefinitions();
  std::optional<unsigned> adoptInModule(const HelperFile &File,
                                        ArrayRef<std::string> Names,
                                        HelperBody Body);
  std::vector<std::string> importedHelpers(const HelperFile &File) const;
  Function *adaptToC(Function &Decl, const Function &Def, std::string &AbiWhy);
  Function *adaptCalls(Function &Def, FunctionType *CallType,
                       ArrayRef<CallBase *> Calls, const HelperFile &File);
  bool providesNeededSymbol(const HelperFile &File) const;
  bool checkTarget(Module &Src, const HelperFile &File);
  bool checkDataLayout(Module &Src, const HelperFile &File);
  void resolveIndirectSymbols(Module &Src, LinkedFromFile &Linked,
                              const HelperFile &File);
  bool checkSignatures(Module &Src, const HelperFile &File);
  std::string describeMismatch(StringRef Verb, const Function &Decl,
                               StringRef Where, const Function &Def,
                               const HelperFile &File, StringRef There,
                               StringRef Why);
  void dropModuleAsm(Module &Src, const HelperFile &File);
  bool linkOne(std::unique_ptr<Module> Src, const HelperFile &File);
  void keepOneCopy(LinkedFromFile &Linked, const HelperFile &File);
  void dropDebugInfo(LinkedFromFile &Linked, unsigned CompileUnitsBefore);
  void declareAgain(GlobalValue &GV, StringRef Reason);
  bool remarkCrateCalls(Function &F, const Twine &Reason);
  void recordLinked(const LinkedFromFile &Linked, const HelperFile &File);
  void noteFlagChange(const ModuleFlagChange &Change, const HelperFile &File);
  void noteSkipped(const HelperFile &File, StringRef Reason);
  void noteUnused(const HelperFile &File, StringRef Why);
  void noteCacheUse(const HelperFile &File, size_t ChunksRead);
  void noteOptimizedBodies(const LinkedFromFile &Linked,
                           const HelperFile &File);
  void noteNotDefined();
  Function *firstDefinition();
  template <typename RemarkT>
  void remarkOnModule(StringRef Name, function_ref<void(RemarkT &)> Text);

  Module &M;
  LLVMContext &Ctx;
  const HelperLinkOptions &Options;
  HelperReport *Report;
  std::vector<HelperFile> Files;
  StringSet<> Skipped; ///< Files hardening=refuse kept out.
  StringSet<> Used;    ///< Files that something was linked from.
  /// For each helper the crate declares, its dso_local before linking.
  StringMap<bool> CrateDSOLocal;
  /// rust_helper_* functions that a helper file declares without a body.
  std::map<std::string, std::string> DeclaredOnly;
  /// Helpers turned back into declarations (state, weak, signature): never
  /// linked again in a later round.
  StringSet<> KeptAsCalls;
  /// Helpers whose calls were rewritten from the crate's spelling of the
  /// signature to the C one, with the AbiRules.def situations that did it.
  StringMap<std::string> AbiAdapted;
  /// Exported symbols linked (and made internal) from the files so far.
  StringSet<> LinkedEarlier;
  /// Files already noted as optimized for code generation.
  StringSet<> NotedOptimized;
  /// With `lto`: per file, the helpers the module already defines.
  StringMap<std::vector<std::string>> InModule;
};

} // namespace linker
} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERLINKER_H
