//===- HelperLink.cpp - Link the helpers a crate calls --------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLinker.h"
#include "passes/LLVMCompat.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperFiles.h"
#include "passes/HelperReport.h"
#include "passes/PassOptions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

namespace rih {
namespace linker {

/// The kernel's name prefix of C helpers (rust/helpers/*.c): without
/// prefix= or suffix=, a crate call to such a function that no helper file
/// defines gets a missed remark.
constexpr StringRef KernelHelperPrefix = "rust_helper_";

/// Returns true when \p GV, in a helper file, is a helper: an exported
/// definition whose name prefix= and suffix= accept.
bool HelperLinker::isHelper(const GlobalValue &GV) const {
  return isExportedDefinition(GV) && Options.isHelperName(GV.getName());
}

/// Returns true when a crate call to \p Name that no file defines deserves a
/// remark: a name that prefix= and suffix= accept, or without them the
/// kernel's rust_helper_*.
bool HelperLinker::looksLikeHelper(StringRef Name) const {
  if (Options.Prefix.empty() && Options.Suffix.empty())
    return Name.starts_with(KernelHelperPrefix);
  return Options.isHelperName(Name);
}

bool HelperLinker::openAll() {
  if (Options.HelperFiles.empty()) {
    reportError(M, "no helper bitcode file given for module '" +
                       M.getModuleIdentifier() +
                       "'; pass one or more, e.g. "
                       "-passes='rust-inline-helpers<helpers=helpers.bc>'");
    return false;
  }
  // Every file is read and parsed (bodies excepted) before the module is
  // touched, so that a bad file is reported with nothing changed.
  StringSet<> Seen;
  for (const std::string &Path : Options.HelperFiles) {
    if (!Seen.insert(Path).second) {
      reportError(M, "helper file '" + Path +
                         "' is given twice; name each file once");
      return false;
    }
    Expected<HelperFile> File = readHelperFile(Path, Ctx);
    if (!File) {
      reportError(M, toString(File.takeError()));
      return false;
    }
    if (Report)
      Report->noteFileDigest(File->Path, File->SHA256);
    Files.push_back(std::move(*File));
  }
  // The output must not depend on the order of helpers= parameters: link in
  // the order of the paths.
  llvm::sort(Files, [](const HelperFile &A, const HelperFile &B) {
    return A.Path < B.Path;
  });
  return checkDefinitions();
}

/// A ThinLTO backend imports bodies before the plugin runs: the crate then
/// holds available_externally copies of helpers, which LinkOnlyNeeded would
/// never replace.  Turn those into declarations of the helpers \p Src
/// defines, so that the helper file's definition is linked and reconciled.
void HelperLinker::dropImportedCopies(const Module &Src) {
  for (const GlobalValue &SGV : Src.global_values()) {
    if (!isHelper(SGV))
      continue;
    auto *F = dyn_cast_or_null<Function>(M.getNamedValue(SGV.getName()));
    if (F && F->hasAvailableExternallyLinkage())
      F->deleteBody(); // Leaves an external declaration.
  }
}

/// Returns true when \p Src defines a non-local symbol that the crate only
/// declares.  Bodies are not read: a lazily loaded function counts as a
/// definition.
bool HelperLinker::providesNeededSymbol(const Module &Src) const {
  for (const GlobalValue &SGV : Src.global_values()) {
    if (!isHelper(SGV))
      continue;
    const GlobalValue *DGV = M.getNamedValue(SGV.getName());
    if (DGV && DGV->isDeclaration() && !KeptAsCalls.contains(SGV.getName()))
      return true;
  }
  return false;
}

bool HelperLinker::run() {
  if (!openAll())
    return false;
  bool Adopted = false;
  for (const HelperFile &File : Files)
    if (auto It = InModule.find(File.Path); It != InModule.end()) {
      if (!adoptInModule(File, It->second))
        return true;
      Adopted = true;
      Used.insert(File.Path);
    }
  // A helper of one file may call a helper of another: link in rounds until
  // no file provides anything that is still only declared.
  bool Changed = false;
  for (unsigned Round = 0; Round <= Files.size(); ++Round) {
    bool Progress = false;
    for (HelperFile &File : Files) {
      if (Skipped.contains(File.Path))
        continue;
      // A file linked in an earlier round is parsed again only when the
      // crate now lacks one of its definitions.
      if (!File.Parsed && Provides.count(File.Path) &&
          llvm::none_of(Provides[File.Path], [&](const std::string &Name) {
            const GlobalValue *GV = M.getNamedValue(Name);
            return GV && GV->isDeclaration() && !KeptAsCalls.contains(Name);
          }))
        continue;
      Expected<Module &> Peek = peekHelperModule(File, Ctx);
      if (!Peek) {
        consumeError(Peek.takeError()); // Already checked in openAll.
        continue;
      }
      dropImportedCopies(*Peek);
      for (const Function &F : *Peek)
        if (F.isDeclaration() && looksLikeHelper(F.getName()))
          DeclaredOnly.try_emplace(F.getName().str(), File.Path);
      if (!providesNeededSymbol(*Peek))
        continue;
      std::vector<std::string> &Names = Provides[File.Path];
      Names.clear();
      for (const GlobalValue &GV : Peek->global_values())
        if (isHelper(GV))
          Names.push_back(GV.getName().str());
      Expected<std::unique_ptr<Module>> Src = openHelperModule(File, Ctx);
      if (!Src) {
        consumeError(Src.takeError());
        continue;
      }
      if (!linkOne(std::move(*Src), File))
        return true; // The linker may have moved part of the file.
      if (Skipped.contains(File.Path))
        continue;
      Used.insert(File.Path);
      Progress = Changed = true;
    }
    if (!Progress)
      break;
  }
  for (const HelperFile &File : Files)
    if (!Used.contains(File.Path) && !Skipped.contains(File.Path))
      noteUnused(File, "it defines nothing that module '" +
                           M.getModuleIdentifier() + "' uses");
  noteNotDefined();
  return Changed || Adopted;
}

} // namespace linker

using linker::HelperLinker;

std::optional<bool> parseDropDebugInfo(StringRef Value) {
  if (Value == "keep")
    return false;
  if (Value == "drop")
    return true;
  return std::nullopt;
}

void HelperLinkPass::printPipeline(raw_ostream &OS,
                                   function_ref<StringRef(StringRef)>) {
  RustInlineHelpersOptions View;
  View.Link = Options;
  OS << "rust-helpers-link<" << printOptions(View, LinkPass) << ">";
}

PreservedAnalyses HelperLinkPass::run(Module &M, ModuleAnalysisManager &) {
  HelperLinker Linker(M, Options, Report);
  if (!Linker.run())
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

} // namespace rih
