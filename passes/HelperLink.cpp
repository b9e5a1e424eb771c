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

/// The same for a symbol of a helper file's index.
bool HelperLinker::isHelper(const HelperFileSymbol &S) const {
  return S.isExportedDefinition() && Options.isHelperName(S.Name);
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
    Expected<HelperFile> File =
        readHelperFile(Path, Ctx, Options.CacheDir, Options.ChunkSize);
    if (!File) {
      reportError(M, toString(File.takeError()));
      return false;
    }
    if (!File->CacheProblem.empty())
      reportWarning(Ctx, File->CacheProblem);
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

/// Returns true when \p File defines a helper that the crate only declares
/// (and that did not stay a call).  Only the crate is walked: the file's
/// index answers for it.
bool HelperLinker::providesNeededSymbol(const HelperFile &File) const {
  for (const GlobalValue &DGV : M.global_values()) {
    if (!DGV.isDeclaration() || !DGV.hasName() ||
        KeptAsCalls.contains(DGV.getName()))
      continue;
    if (const HelperFileSymbol *S = File.index().lookup(DGV.getName());
        S && isHelper(*S))
      return true;
  }
  return false;
}

bool HelperLinker::run() {
  if (!openAll())
    return false;
  bool Changed = false;
  for (const HelperFile &File : Files)
    if (auto It = InModule.find(File.Path); It != InModule.end()) {
      std::optional<unsigned> N =
          adoptInModule(File, It->second, HelperBody::LTOModule);
      if (!N)
        return true;
      if (*N) {
        Changed = true;
        Used.insert(File.Path);
      }
    }
  // A helper of one file may call a helper of another: link in rounds until
  // no file provides anything that is still only declared.
  for (unsigned Round = 0; Round <= Files.size(); ++Round) {
    bool Progress = false;
    for (HelperFile &File : Files) {
      if (Skipped.contains(File.Path))
        continue;
      for (const HelperFileSymbol &S : File.index().symbols())
        if (S.IsFunction && !S.IsDefinition && looksLikeHelper(S.Name))
          DeclaredOnly.try_emplace(S.Name.str(), File.Path);
      // A file is parsed (again, for one linked in an earlier round) only
      // when the crate lacks one of its definitions.
      if (!providesNeededSymbol(File))
        continue;
      size_t ChunksRead = 0;
      Expected<std::unique_ptr<Module>> Src =
          openHelperModule(File, Ctx, M, &ChunksRead);
      if (!Src) { // A split form damaged since openAll read it.
        reportError(M, toString(Src.takeError()));
        return true;
      }
      noteCacheUse(File, ChunksRead);
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
  // A ThinLTO backend imports bodies (available_externally) before the
  // plugin runs.  After the rounds, so that the calls of helpers linked
  // from a file reach them too.
  for (const HelperFile &File : Files) {
    if (Skipped.contains(File.Path))
      continue;
    std::vector<std::string> Imported = importedHelpers(File);
    if (Imported.empty())
      continue;
    std::optional<unsigned> N =
        adoptInModule(File, Imported, HelperBody::ThinLTOImport);
    if (!N)
      return true;
    if (*N) {
      Used.insert(File.Path);
      Changed = true;
    }
  }
  for (const HelperFile &File : Files)
    if (!Used.contains(File.Path) && !Skipped.contains(File.Path))
      noteUnused(File, "it defines nothing that module '" +
                           M.getModuleIdentifier() + "' uses");
  noteNotDefined();
  return Changed;
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
