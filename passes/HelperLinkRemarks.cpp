//===- HelperLinkRemarks.cpp - Remarks and report of linking --------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What the linker tells: the optimization remarks about files and helpers,
// and the matching entries of the JSON report (HelperReport.h).
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLinker.h"
#include "passes/LLVMCompat.h"

#include "passes/AbiEquivalence.h"
#include "passes/HelperDiagnostics.h"
#include "passes/HelperFiles.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/ModuleFlagPolicy.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

STATISTIC(NumHelpersLinked, "Helpers linked from helper files");
STATISTIC(NumFilesSkipped, "Helper files not linked (hardening=refuse)");

namespace rih {
namespace linker {

/// Emits a NotInlined remark with \p Reason at every call to \p F written in
/// the crate (calls inside helper bodies are remarked if inlining brings
/// them into the crate).  Returns true when anything calls \p F.
bool HelperLinker::remarkCrateCalls(Function &F, const Twine &Reason) {
  SmallVector<CallBase *, 4> CrateCalls;
  bool Called = false;
  for (User *U : F.users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &F) {
      Called = true;
      if (!isLinkedHelper(*CB->getFunction()))
        CrateCalls.push_back(CB);
    }
  std::string Text = Reason.str();
  for (CallBase *CB : CrateCalls)
    remarkNotInlined(*CB, F.getName(), Text, Report);
  return Called;
}

void HelperLinker::recordLinked(const LinkedFromFile &Linked,
                                const HelperFile &File) {
  for (Function &F : M) {
    if (!Linked.Globals.contains(&F) || !isLinkedHelper(F))
      continue;
    ++NumHelpersLinked;
    if (Report)
      Report->noteLinked(F.getName(), File.Path);
    OptimizationRemarkEmitter ORE(&F);
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(RemarkPassName, "Linked", &F)
             << "linked helper " << ore::NV("Helper", F.getName()) << " from "
             << ore::NV("File", File.Path);
    });
    if (auto It = AbiAdapted.find(F.getName()); It != AbiAdapted.end())
      ORE.emit([&] {
        return OptimizationRemarkAnalysis(RemarkPassName, "AbiAdapted", &F)
               << "calls to " << ore::NV("Helper", F.getName())
               << " rewritten from the crate's signature to the C one, the "
                  "same registers under "
               << ore::NV("ABI", getAbiTargetName(
                                     *getAbiTarget(compat::targetTriple(M))))
               << " (" << ore::NV("Rows", It->second) << ")";
      });
  }
}

Function *HelperLinker::firstDefinition() {
  auto It = llvm::find_if(M, [](Function &F) { return !F.isDeclaration(); });
  return It == M.end() ? nullptr : &*It;
}

/// Emits a remark about the whole module or a helper file.  Remarks need a
/// function to hang on: the crate's first definition (none, no remark).
template <typename RemarkT>
void HelperLinker::remarkOnModule(StringRef Name,
                                  function_ref<void(RemarkT &)> Text) {
  Function *F = firstDefinition();
  if (!F)
    return;
  OptimizationRemarkEmitter ORE(F);
  ORE.emit([&] {
    RemarkT R(RemarkPassName, Name, F);
    Text(R);
    return R;
  });
}

void HelperLinker::noteSkipped(const HelperFile &File, StringRef Reason) {
  Skipped.insert(File.Path);
  ++NumFilesSkipped;
  if (Report)
    Report->noteSkippedFile(File.Path, Reason);
  remarkOnModule<OptimizationRemarkMissed>(
      "FileNotLinked", [&](OptimizationRemarkMissed &R) {
        R << "helper file " << ore::NV("File", File.Path)
          << " not linked, its helpers stay calls: "
          << ore::NV("Reason", Reason);
      });
}

void HelperLinker::noteUnused(const HelperFile &File, StringRef Why) {
  remarkOnModule<OptimizationRemarkAnalysis>(
      "FileUnused", [&](OptimizationRemarkAnalysis &R) {
        R << "helper file " << ore::NV("File", File.Path)
          << " not linked: " << ore::NV("Reason", Why);
      });
}

/// Returns what the optimizer's code-generation stage left in \p F's loops:
/// "vectorized" (llvm.loop.isvectorized, LoopVectorize), "unrolled"
/// (llvm.loop.unroll.runtime.disable on a runtime-unrolled remainder,
/// LoopUnroll), or "" when its loops carry neither.  The pre-link pipelines
/// (clang -flto, -flto=thin) stop before both passes.
static StringRef codegenLoopMark(const Function &F) {
  for (const BasicBlock &BB : F) {
    const MDNode *Loop =
        BB.getTerminator()
            ? BB.getTerminator()->getMetadata(LLVMContext::MD_loop)
            : nullptr;
    if (!Loop)
      continue;
    for (const MDOperand &Op : Loop->operands()) {
      auto *Prop = dyn_cast_or_null<MDNode>(Op.get());
      auto *Name = Prop && Prop->getNumOperands()
                       ? dyn_cast<MDString>(Prop->getOperand(0))
                       : nullptr;
      if (!Name)
        continue;
      if (Name->getString() == "llvm.loop.isvectorized")
        return "vectorized";
      if (Name->getString() == "llvm.loop.unroll.runtime.disable")
        return "unrolled";
    }
  }
  return "";
}

/// A helper file built with the whole optimization pipeline (clang -O2
/// -emit-llvm), whose linked bodies hold loops already vectorized or
/// unrolled for an unknown caller: inlined, they stay that way, where the
/// crate's pipeline would have optimized the loop in the caller's context.
/// Once per file, a note with the fix; bitcode with an LTO summary (the
/// pre-link pipelines' output) never gets it.
void HelperLinker::noteOptimizedBodies(const LinkedFromFile &Linked,
                                       const HelperFile &File) {
  if (!File.IsBitcode || File.HasLTOSummary ||
      NotedOptimized.contains(File.Path))
    return;
  std::vector<std::string> Marked;
  for (Function &F : M)
    if (Linked.Globals.contains(&F) && !F.isDeclaration())
      if (StringRef Mark = codegenLoopMark(F); !Mark.empty())
        Marked.push_back((F.getName() + " (" + Mark + ")").str());
  if (Marked.empty())
    return; // A later round may link such a body.
  NotedOptimized.insert(File.Path);
  std::string List = llvm::join(Marked, ", ");
  if (Report)
    Report->noteOptimizedFile(File.Path, Marked, PreLinkFix);
  remarkOnModule<OptimizationRemarkAnalysis>(
      "FileOptimized", [&](OptimizationRemarkAnalysis &R) {
        R << "helper file " << ore::NV("File", File.Path)
          << " holds bodies already optimized for code generation, whose "
             "loops stay as they were made for an unknown caller: "
          << ore::NV("Functions", List) << "; " << PreLinkFix;
      });
}

/// With cache-dir=, how a file that is linked was read: from its split form
/// (how many of its chunks), or whole, and why.
void HelperLinker::noteCacheUse(const HelperFile &File, size_t ChunksRead) {
  if (!File.Split && File.KeptWhole.empty())
    return;
  remarkOnModule<OptimizationRemarkAnalysis>(
      "FileCache", [&](OptimizationRemarkAnalysis &R) {
        R << "helper file " << ore::NV("File", File.Path);
        if (File.Split)
          R << " read from its split form in the cache: "
            << ore::NV("ChunksRead", unsigned(ChunksRead)) << " of "
            << ore::NV("Chunks", unsigned(File.Split->numChunks()))
            << " chunks";
        else
          R << " read whole: the cache keeps it whole ("
            << ore::NV("Reason", File.KeptWhole) << ")";
      });
}

/// A crate call to a rust_helper_* function that no helper file defines
/// stays a call to the helper object.
void HelperLinker::noteNotDefined() {
  for (Function &F : M) {
    if (!F.isDeclaration() || !looksLikeHelper(F.getName()) ||
        F.isIntrinsic() || KeptAsCalls.contains(F.getName()))
      continue;
    auto It = DeclaredOnly.find(F.getName().str());
    std::string Why =
        It == DeclaredOnly.end()
            ? "no helper file defines it; add its body to a helper file"
            : "no helper file defines it ('" + It->second +
                  "' only declares it); add its body to a helper file";
    // Calls in helper bodies get the remark when they are inlined.
    if (remarkCrateCalls(F, Why))
      setKeptReason(F, Why);
  }
}

void HelperLinker::noteFlagChange(const ModuleFlagChange &Change,
                                  const HelperFile &File) {
  const PolicyRow &Row = getPolicyRow(Change.Row);
  if (Report)
    Report->noteModuleFlag(Change.Flag, Row.Name, Change.What, File.Path);
  remarkOnModule<OptimizationRemarkAnalysis>(
      "ModuleFlag", [&](OptimizationRemarkAnalysis &R) {
        R << "module flag " << ore::NV("Flag", Change.Flag) << " "
          << ore::NV("Change", Change.What) << " (policy row "
          << ore::NV("Row", Row.Name) << ", " << getRuleName(Row.Rule)
          << ") for helper file " << ore::NV("File", File.Path);
      });
}

template void HelperLinker::remarkOnModule<OptimizationRemarkAnalysis>(
    StringRef, function_ref<void(OptimizationRemarkAnalysis &)>);
template void HelperLinker::remarkOnModule<OptimizationRemarkMissed>(
    StringRef, function_ref<void(OptimizationRemarkMissed &)>);

} // namespace linker
} // namespace rih
