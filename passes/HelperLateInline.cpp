//===- HelperLateInline.cpp - Inline calls that optimization exposes ------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLateInline.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperInline.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/InternalCopy.h"
#include "passes/PassOptions.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-late-inline"

STATISTIC(NumLateCalls, "Calls the optimizer made direct, for the late round");

namespace rih {

bool keepCopyForLateRound(Function &F) {
  if (!getKeptReason(F).empty())
    return false;
  F.removeDeadConstantUsers();
  if (F.use_empty())
    return false;
  for (const Use &U : F.uses())
    if (const auto *CB = dyn_cast<CallBase>(U.getUser()))
      if (CB->isCallee(&U))
        return false; // Calls were refused: they stay calls, on purpose.
  Function *Copy = cloneAsInternalCopy(F, F.getName() + LateCopySuffix);
  Module &M = *F.getParent();
  appendToCompilerUsed(M, {Copy});
  LLVMContext &Ctx = M.getContext();
  M.getOrInsertNamedMetadata(LateMDName)
      ->addOperand(MDTuple::get(
          Ctx, {ValueAsMetadata::get(&F), ValueAsMetadata::get(Copy)}));
  return true;
}

namespace {

struct LatePair {
  Function *Decl;
  Function *Copy;
};

SmallVector<LatePair, 4> takeLatePairs(Module &M) {
  SmallVector<LatePair, 4> Pairs;
  NamedMDNode *N = M.getNamedMetadata(LateMDName);
  if (!N)
    return Pairs;
  for (const MDNode *Op : N->operands()) {
    if (Op->getNumOperands() != 2)
      continue;
    auto *D = dyn_cast_or_null<ValueAsMetadata>(Op->getOperand(0).get());
    auto *C = dyn_cast_or_null<ValueAsMetadata>(Op->getOperand(1).get());
    auto *Decl = D ? dyn_cast<Function>(D->getValue()) : nullptr;
    auto *Copy = C ? dyn_cast<Function>(C->getValue()) : nullptr;
    if (Decl && Copy)
      Pairs.push_back({Decl, Copy});
  }
  N->eraseFromParent();
  return Pairs;
}

} // namespace

void HelperLateInlinePass::printPipeline(raw_ostream &OS,
                                         function_ref<StringRef(StringRef)>) {
  RustInlineHelpersOptions View;
  View.Link.Hardening = Options.Reconcile.Hardening;
  View.ReportPath = Options.ReportPath;
  OS << "rust-helpers-late-inline";
  if (std::string Params = printOptions(View, LateInlinePass); !Params.empty())
    OS << "<" << Params << ">";
}

PreservedAnalyses HelperLateInlinePass::run(Module &M,
                                            ModuleAnalysisManager &MAM) {
  SmallVector<LatePair, 4> Pairs = takeLatePairs(M);
  if (Pairs.empty())
    return PreservedAnalyses::all();
  SmallPtrSet<Constant *, 4> Copies;
  for (const LatePair &P : Pairs)
    Copies.insert(P.Copy);
  removeFromUsedLists(M, [&](Constant *C) { return Copies.count(C) != 0; });

  // Direct calls that the optimizer made of address uses go to the copy,
  // which takes the helper's name for the remarks and the report.
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  SmallVector<std::string, 4> Names;
  unsigned Moved = 0;
  for (const LatePair &P : Pairs) {
    SmallVector<CallBase *, 8> Calls;
    for (Use &U : P.Decl->uses())
      if (auto *CB = dyn_cast<CallBase>(U.getUser()))
        if (CB->isCallee(&U) &&
            CB->getFunctionType() == P.Copy->getFunctionType())
          Calls.push_back(CB);
    for (CallBase *CB : Calls)
      CB->setCalledFunction(P.Copy);
    Moved += Calls.size();
    NumLateCalls += Calls.size();
    Names.push_back(P.Decl->getName().str());
    P.Decl->setName(Names.back() + ".rih.decl");
    P.Copy->setName(Names.back());
    LLVM_DEBUG(dbgs() << Names.back() << ": " << Calls.size()
                      << " late call(s)\n");
  }

  if (Moved) {
    HelperReport Report;
    std::string ReportPath = expandReportPath(Options.ReportPath, M);
    bool Reporting = !ReportPath.empty();
    if (Reporting && sys::fs::exists(ReportPath))
      Reporting = Report.read(ReportPath, M);
    MAM.invalidate(M, PreservedAnalyses::none());
    MAM.invalidate(M, HelperReconcilePass(Options.Reconcile).run(M, MAM));
    // The inline pass deletes a copy whose calls were all inlined and turns
    // one with calls left into a declaration, which the loop below folds
    // into the helper's own.
    MAM.invalidate(M,
                   HelperInlinePass(Reporting ? &Report : nullptr).run(M, MAM));
    if (Reporting)
      Report.write(ReportPath, M);
  }

  // Whatever is left of a copy (calls refused, or none made) is folded into
  // the helper's declaration, which gets its name back.
  for (size_t I = 0; I < Pairs.size(); ++I) {
    Function *Decl = Pairs[I].Decl;
    if (Function *Left = M.getFunction(Names[I]); Left && Left != Decl) {
      Left->replaceAllUsesWith(Decl);
      FAM.clear(*Left, Left->getName());
      Left->eraseFromParent();
    }
    Decl->setName(Names[I]);
  }
  return PreservedAnalyses::none();
}

} // namespace rih
