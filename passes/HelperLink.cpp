//===- HelperLink.cpp - Link the helpers a crate calls --------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLink.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/ModuleFlagPolicy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Transforms/IPO/Internalize.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

namespace rih {
namespace {

/// Collects what the IR linker reports while one helper file is linked, so
/// that it can be reported again with the file's name and a fix.
struct CapturingHandler : public DiagnosticHandler {
  SmallVector<std::pair<DiagnosticSeverity, std::string>, 2> Messages;
  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    std::string Text;
    raw_string_ostream OS(Text);
    DiagnosticPrinterRawOStream DP(OS);
    DI.print(DP);
    Messages.emplace_back(DI.getSeverity(), std::move(Text));
    return true;
  }
};

struct HelperFile {
  std::string Path;
  std::unique_ptr<MemoryBuffer> Buffer;
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
  Expected<std::unique_ptr<Module>> openLazily(const HelperFile &File);
  bool providesNeededSymbol(const Module &Src) const;
  void dropImportedCopies(const Module &Src);
  bool checkTarget(Module &Src, const HelperFile &File);
  bool checkDataLayout(Module &Src, const HelperFile &File);
  bool linkOne(std::unique_ptr<Module> Src, const HelperFile &File);
  void recordLinked(const StringSet<> &Linked, const HelperFile &File);
  void noteFlagChange(const ModuleFlagChange &Change, const HelperFile &File);
  void noteSkipped(const HelperFile &File, StringRef Reason);
  Function *firstDefinition();

  Module &M;
  LLVMContext &Ctx;
  const HelperLinkOptions &Options;
  HelperReport *Report;
  std::vector<HelperFile> Files;
  StringSet<> Skipped; ///< Files hardening=refuse kept out.
};

bool HelperLinker::openAll() {
  if (Options.HelperFiles.empty()) {
    reportError(M, "no helper bitcode file given for module '" +
                       M.getModuleIdentifier() +
                       "'; pass one or more, e.g. "
                       "-passes='rust-inline-helpers<helpers=helpers.bc>'");
    return false;
  }
  for (const std::string &Path : Options.HelperFiles) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> BufOrErr =
        MemoryBuffer::getFile(Path, /*IsText=*/false,
                              /*RequiresNullTerminator=*/false);
    if (std::error_code EC = BufOrErr.getError()) {
      reportError(M, "cannot read helper file '" + Path + "': " + EC.message() +
                         "; build it with 'clang -emit-llvm -c helpers.c -o " +
                         Path + "' or fix the helpers= parameter");
      return false;
    }
    Files.push_back({Path, std::move(*BufOrErr)});
  }
  // Parse every header now, so that a bad file is reported before the module
  // is touched.
  for (const HelperFile &File : Files) {
    Expected<std::unique_ptr<Module>> Src = openLazily(File);
    if (!Src) {
      reportError(M, "helper file '" + File.Path +
                         "' is not readable LLVM bitcode (" +
                         toString(Src.takeError()) +
                         "); build it with 'clang -emit-llvm -c' (not -S), "
                         "with a clang whose LLVM is at most this one's");
      return false;
    }
  }
  return true;
}

Expected<std::unique_ptr<Module>>
HelperLinker::openLazily(const HelperFile &File) {
  Expected<std::unique_ptr<Module>> Src =
      getLazyBitcodeModule(File.Buffer->getMemBufferRef(), Ctx);
  if (Src)
    (*Src)->setModuleIdentifier(File.Path);
  return Src;
}

/// A ThinLTO backend imports bodies before the plugin runs: the crate then
/// holds available_externally copies of helpers, which LinkOnlyNeeded would
/// never replace.  Turn those into declarations of the helpers \p Src
/// defines, so that the helper file's definition is linked and reconciled.
void HelperLinker::dropImportedCopies(const Module &Src) {
  for (const GlobalValue &SGV : Src.global_values()) {
    if (SGV.isDeclaration() || SGV.hasLocalLinkage() || !SGV.hasName())
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
    if (SGV.isDeclaration() || SGV.hasLocalLinkage() || !SGV.hasName())
      continue;
    const GlobalValue *DGV = M.getNamedValue(SGV.getName());
    if (DGV && DGV->isDeclaration())
      return true;
  }
  return false;
}

bool HelperLinker::checkTarget(Module &Src, const HelperFile &File) {
  const Triple &DstTT = M.getTargetTriple();
  const Triple &SrcTT = Src.getTargetTriple();
  if (SrcTT == DstTT || DstTT.str().empty() || SrcTT.str().empty())
    return true;
  if (SrcTT.getArch() != DstTT.getArch()) {
    reportError(M, "helper file '" + File.Path + "' targets '" + SrcTT.str() +
                       "' but module '" + M.getModuleIdentifier() +
                       "' targets '" + DstTT.str() +
                       "'; build the helpers with --target=" + DstTT.str());
    return false;
  }
  // clang says x86_64-pc-linux-gnu where rustc says x86_64-unknown-linux-gnu
  // (and the kernel's Rust target x86_64-unknown-none): same architecture,
  // the crate's triple wins as it would in the IR linker, without a warning.
  Src.setTargetTriple(DstTT);
  return checkDataLayout(Src, File);
}

bool HelperLinker::checkDataLayout(Module &Src, const HelperFile &File) {
  const DataLayout &D = M.getDataLayout(), &S = Src.getDataLayout();
  if (Src.getDataLayoutStr().empty() || M.getDataLayoutStr().empty() || D == S)
    return true;
  // Layouts that disagree on byte order, pointer size or the alignment of
  // the integer and pointer types describe another ABI.
  auto Same = [&](Type *T) {
    return D.getTypeAllocSize(T) == S.getTypeAllocSize(T) &&
           D.getABITypeAlign(T) == S.getABITypeAlign(T);
  };
  LLVMContext &C = Ctx;
  bool Compatible = D.isLittleEndian() == S.isLittleEndian() &&
                    D.getPointerSizeInBits(0) == S.getPointerSizeInBits(0) &&
                    Same(PointerType::getUnqual(C)) &&
                    Same(Type::getInt64Ty(C)) && Same(Type::getInt128Ty(C)) &&
                    Same(Type::getDoubleTy(C));
  if (!Compatible) {
    reportError(M, "helper file '" + File.Path + "' has data layout '" +
                       Src.getDataLayoutStr() + "' but module '" +
                       M.getModuleIdentifier() + "' has '" +
                       M.getDataLayoutStr() +
                       "', another ABI; build the helpers for the crate's "
                       "target (--target=" +
                       M.getTargetTriple().str() + ")");
    return false;
  }
  // Same ABI, another spelling (e.g. a newer clang's extra components): the
  // crate's layout wins, without the IR linker's warning.
  Src.setDataLayout(M.getDataLayout());
  return true;
}

void HelperLinker::recordLinked(const StringSet<> &Linked,
                                const HelperFile &File) {
  for (const auto &Entry : Linked) {
    auto *F = dyn_cast_or_null<Function>(M.getNamedValue(Entry.getKey()));
    if (!F || F->isDeclaration())
      continue;
    setHelperOrigin(*F, File.Path);
    if (Report)
      Report->noteLinked(F->getName(), File.Path);
    OptimizationRemarkEmitter ORE(F);
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(RemarkPassName, "Linked", F)
             << "linked helper " << ore::NV("Helper", F->getName()) << " from "
             << ore::NV("File", File.Path);
    });
  }
}

Function *HelperLinker::firstDefinition() {
  auto It = llvm::find_if(M, [](Function &F) { return !F.isDeclaration(); });
  return It == M.end() ? nullptr : &*It;
}

void HelperLinker::noteSkipped(const HelperFile &File, StringRef Reason) {
  Skipped.insert(File.Path);
  if (Report)
    Report->noteSkippedFile(File.Path, Reason);
  Function *F = firstDefinition();
  if (!F)
    return;
  OptimizationRemarkEmitter ORE(F);
  ORE.emit([&] {
    return OptimizationRemarkMissed(RemarkPassName, "FileNotLinked", F)
           << "helper file " << ore::NV("File", File.Path)
           << " not linked, its helpers stay calls: "
           << ore::NV("Reason", Reason);
  });
}

void HelperLinker::noteFlagChange(const ModuleFlagChange &Change,
                                  const HelperFile &File) {
  const PolicyRow &Row = getPolicyRow(Change.Row);
  if (Report)
    Report->noteModuleFlag(Change.Flag, Row.Name, Change.What, File.Path);
  // Remarks need a function to hang on: the crate's first definition.
  Function *F = firstDefinition();
  if (!F)
    return;
  OptimizationRemarkEmitter ORE(F);
  ORE.emit([&] {
    return OptimizationRemarkAnalysis(RemarkPassName, "ModuleFlag", F)
           << "module flag " << ore::NV("Flag", Change.Flag) << " "
           << ore::NV("Change", Change.What) << " (policy row "
           << ore::NV("Row", Row.Name) << ", " << getRuleName(Row.Rule)
           << ") for helper file " << ore::NV("File", File.Path);
  });
}

bool HelperLinker::linkOne(std::unique_ptr<Module> Src,
                           const HelperFile &File) {
  if (!checkTarget(*Src, File))
    return false;
  SmallVector<ModuleFlagChange, 4> FlagChanges;
  std::string SkipReason;
  switch (reconcileModuleFlags(M, *Src, File.Path, Options.Hardening,
                               FlagChanges, SkipReason)) {
  case FlagVerdict::Error:
    return false;
  case FlagVerdict::Skip:
    noteSkipped(File, SkipReason);
    return true;
  case FlagVerdict::Link:
    break;
  }
  for (const ModuleFlagChange &Change : FlagChanges)
    noteFlagChange(Change, File);

  StringSet<> Linked;
  auto Internalize = [&Linked](Module &Dst, const StringSet<> &GVS) {
    for (const auto &E : GVS)
      Linked.insert(E.getKey());
    internalizeModule(Dst, [&GVS](const GlobalValue &GV) {
      return !GV.hasName() || !GVS.contains(GV.getName());
    });
  };

  // Report what the linker says with the file's name attached.
  std::unique_ptr<DiagnosticHandler> Saved = Ctx.getDiagnosticHandler();
  auto Capture = std::make_unique<CapturingHandler>();
  CapturingHandler *Captured = Capture.get();
  Ctx.setDiagnosticHandler(std::move(Capture));
  bool Failed = Linker::linkModules(M, std::move(Src), Linker::LinkOnlyNeeded,
                                    Internalize);
  std::unique_ptr<DiagnosticHandler> Mine = Ctx.getDiagnosticHandler();
  auto Messages = std::move(Captured->Messages);
  // LLVMContext does not tell whether the host asked for remark filtering;
  // restore with filtering on, as LTO sets it: every host's handler applies
  // the same -pass-remarks filters itself, and without it an lld LTO link
  // would print every remark of every pass.
  Ctx.setDiagnosticHandler(std::move(Saved), /*RespectFilters=*/true);

  for (auto &[Severity, Text] : Messages) {
    if (Severity == DS_Error)
      continue;
    reportWarning(Ctx,
                  "while linking helper file '" + File.Path + "': " + Text);
  }
  if (Failed) {
    std::string Why;
    for (auto &[Severity, Text] : Messages)
      if (Severity == DS_Error)
        Why += (Why.empty() ? "" : "; ") + Text;
    reportError(M, "cannot link helper file '" + File.Path + "' into module '" +
                       M.getModuleIdentifier() + "': " + Why +
                       "; build the helpers with the C flags that match "
                       "the crate's code generation (same code model, "
                       "kCFI and patchable-entry settings)");
    return false;
  }
  recordLinked(Linked, File);
  LLVM_DEBUG(dbgs() << "linked " << Linked.size() << " globals from "
                    << File.Path << "\n");
  return !Linked.empty();
}

bool HelperLinker::run() {
  if (!openAll())
    return false;
  // A helper of one file may call a helper of another: link in rounds until
  // no file provides anything that is still only declared.
  bool Changed = false;
  for (unsigned Round = 0; Round <= Files.size(); ++Round) {
    bool Progress = false;
    for (const HelperFile &File : Files) {
      if (Skipped.contains(File.Path))
        continue;
      Expected<std::unique_ptr<Module>> Src = openLazily(File);
      if (!Src) {
        consumeError(Src.takeError()); // Already checked in openAll.
        continue;
      }
      dropImportedCopies(**Src);
      if (!providesNeededSymbol(**Src))
        continue;
      if (!linkOne(std::move(*Src), File))
        return true; // The linker may have moved part of the file.
      if (Skipped.contains(File.Path))
        continue;
      Progress = Changed = true;
    }
    if (!Progress)
      break;
  }
  return Changed;
}

} // namespace

void HelperLinkPass::printPipeline(raw_ostream &OS,
                                   function_ref<StringRef(StringRef)>) {
  OS << "rust-helpers-link<";
  ListSeparator Sep(";");
  for (const std::string &F : Options.HelperFiles)
    OS << Sep << "helpers=" << F;
  if (Options.Hardening != HardeningMode::Strengthen)
    OS << Sep << "hardening=" << getHardeningModeName(Options.Hardening);
  OS << ">";
}

PreservedAnalyses HelperLinkPass::run(Module &M, ModuleAnalysisManager &) {
  HelperLinker Linker(M, Options, Report);
  if (!Linker.run())
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

} // namespace rih
