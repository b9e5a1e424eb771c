//===- HelperInline.cpp - Force-inline linked helpers ---------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperInline.h"
#include "passes/LLVMCompat.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperLateInline.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/InlineBlockers.h"
#include "passes/ReconcileRules.h"
#include "passes/TargetFeatures.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/InlineCost.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-inline"

// -stats prints these with an LLVM built with assertions or
// LLVM_FORCE_ENABLE_STATS; in a release build such as Debian's they compile
// to nothing, as LLVM's own do.
STATISTIC(NumInlined, "Helper calls inlined");
STATISTIC(NumKeptRecursion, "Helper calls kept: recursion through helpers");
STATISTIC(NumKeptBody, "Helper calls kept: the body cannot be inlined");
STATISTIC(NumKeptCallSite, "Helper calls kept: noinline on the call site");
STATISTIC(NumKeptByPolicy, "Helper calls kept: a policy row refused them");
STATISTIC(NumKeptByLLVM, "Helper calls kept: LLVM's checks still refuse");
STATISTIC(NumKeptInlineFailed, "Helper calls kept: InlineFunction failed");
// One per policy row: the calls inlined after that row reconciled them.
#define RIH_POLICY_ROW(Id, Kind, Class, Rule, Keys, Subject, Reason, Source)   \
  STATISTIC(NumInlinedWith##Id, "Helper calls inlined with policy row " #Id);
#include "passes/ReconcilePolicy.def"

namespace rih {
namespace {

/// Counts one inlined call for each policy row named in \p Rows.
void countRows(ArrayRef<std::string> Rows) {
  if (!AreStatisticsEnabled())
    return;
  static const std::pair<StringRef, Statistic *> ByName[] = {
#define RIH_POLICY_ROW(Id, Kind, Class, Rule, Keys, Subject, Reason, Source)   \
  {#Id, &NumInlinedWith##Id},
#include "passes/ReconcilePolicy.def"
  };
  for (const std::string &Row : Rows)
    for (const auto &[Name, Stat] : ByName)
      if (Name == Row)
        ++*Stat;
}

class HelperInliner {
public:
  HelperInliner(Module &M, FunctionAnalysisManager &FAM, HelperReport *Report,
                bool KeepLateCopies)
      : M(M), FAM(FAM), Report(Report), KeepLateCopies(KeepLateCopies),
        Features(compat::targetTriple(M)) {}

  /// Returns true when the module changed.
  bool run();

private:
  /// A call to inline, and the chain of helpers it was inlined through
  /// (index into History, -1 for a call written in the crate).
  struct WorkItem {
    CallBase *CB;
    int HistoryId;
  };

  std::optional<std::string> whyNot(CallBase &CB, Function &Callee,
                                    int HistoryId);
  bool inlineOne(const WorkItem &Item);
  void missed(CallBase &CB, Function &Callee, StringRef Reason);
  bool finishHelpers();

  Module &M;
  FunctionAnalysisManager &FAM;
  HelperReport *Report;
  bool KeepLateCopies;
  /// Names the features that differ in missed remarks.
  TargetFeatureOracle Features;
  SmallVector<std::pair<Function *, int>, 16> History;
  SmallVector<WorkItem, 32> Worklist;
};

std::optional<std::string> HelperInliner::whyNot(CallBase &CB, Function &Callee,
                                                 int HistoryId) {
  for (int Id = HistoryId; Id != -1; Id = History[Id].second)
    if (History[Id].first == &Callee) {
      ++NumKeptRecursion;
      return "the helper calls itself through other helpers (recursion)";
    }
  if (std::optional<std::string> Body = findBodyBlocker(CB, Callee)) {
    ++NumKeptBody;
    return Body;
  }
  if (isForced(CB)) {
    // hardening=ignore: like __always_inline, only a call-site noinline and
    // the body can refuse.
    if (CB.isNoInline()) {
      ++NumKeptCallSite;
      return std::string("noinline on the call site");
    }
    return std::nullopt;
  }
  std::optional<std::string> LLVMSays = askLLVM(CB, Callee, FAM);
  StringRef Refusal = getRefusal(CB);
  if (!Refusal.empty()) {
    ++NumKeptByPolicy;
    return Refusal.str() +
           (LLVMSays ? " [LLVM: " + *LLVMSays + "]" : std::string());
  }
  if (!LLVMSays)
    return std::nullopt;
  ++NumKeptByLLVM;
  // Name the check that failed, not only LLVM's summary.
  SmallVector<std::string, 4> Parts;
  for (const Blocker &B : findBlockers(CB, Callee, FAM, &Features))
    Parts.push_back(B.Detail);
  if (Parts.empty())
    return *LLVMSays;
  return *LLVMSays + " (" + join(Parts, "; ") + ")";
}

void HelperInliner::missed(CallBase &CB, Function &Callee, StringRef Reason) {
  remarkNotInlined(CB, getHelperName(Callee), Reason, Report);
  LLVM_DEBUG(dbgs() << "not inlined: " << Callee.getName() << " into "
                    << CB.getCaller()->getName() << ": " << Reason << "\n");
}

bool HelperInliner::inlineOne(const WorkItem &Item) {
  CallBase &CB = *Item.CB;
  Function &Callee = *CB.getCalledFunction();
  Function &Caller = *CB.getCaller();
  if (std::optional<std::string> Why = whyNot(CB, Callee, Item.HistoryId)) {
    missed(CB, Callee, *Why);
    clearCallMarks(CB);
    return false;
  }
  SmallVector<StringRef, 4> RowRefs = getReconciledRows(CB);
  SmallVector<std::string, 4> Rows(RowRefs.begin(), RowRefs.end());
  SmallVector<StringRef, 4> EarlierRefs = getReconciledEarlier(CB);
  std::string Earlier = join(EarlierRefs, ", ");
  clearCallMarks(CB);
  DebugLoc DLoc = CB.getDebugLoc();
  BasicBlock *Block = CB.getParent();

  auto GetAC = [this](Function &F) -> AssumptionCache & {
    return FAM.getResult<AssumptionAnalysis>(F);
  };
  InlineFunctionInfo IFI(GetAC);
  InlineResult R = InlineFunction(CB, IFI, /*MergeAttributes=*/true);
  if (!R.isSuccess()) {
    ++NumKeptInlineFailed;
    missed(CB, Callee, R.getFailureReason());
    return false;
  }
  ++NumInlined;
  countRows(Rows);
  LLVM_DEBUG(dbgs() << "inlined: " << Callee.getName() << " into "
                    << Caller.getName() << " (rows: " << join(Rows, ", ")
                    << ")\n");
  // Merged attributes may have changed what TargetLibraryInfo and TTI
  // would answer; those results never invalidate themselves.
  FAM.clear(Caller, Caller.getName());

  SmallVector<StringRef, 4> RowNames(Rows.begin(), Rows.end());
  std::string Helper = getHelperName(Callee);
  if (Report)
    Report->noteInlined(Helper, Caller.getName(), RowNames);
  OptimizationRemarkEmitter ORE(&Caller);
  ORE.emit([&] {
    OptimizationRemark Rem(RemarkPassName, "Inlined", DLoc, Block);
    Rem << ore::NV("Helper", Helper) << " inlined into "
        << ore::NV("Caller", Caller.getName()) << " (from "
        << ore::NV("File", getHelperOrigin(Callee)) << ")";
    if (Rows.empty() && !Earlier.empty())
      Rem << "; caller already reconciled by earlier calls: "
          << ore::NV("ReconciledEarlier", Earlier);
    else if (Rows.empty())
      Rem << "; nothing to reconcile";
    else
      Rem << "; reconciled: " << ore::NV("Reconciled", join(Rows, ", "));
    return Rem;
  });

  int NewId = History.size();
  History.push_back({&Callee, Item.HistoryId});
  for (CallBase *NewCB : IFI.InlinedCallSites) {
    if (getCalledHelper(*NewCB))
      Worklist.push_back({NewCB, NewId});
    else if (Function *Kept = NewCB->getCalledFunction())
      if (StringRef Why = getKeptReason(*Kept); !Why.empty())
        missed(*NewCB, *Kept, Why);
  }
  return true;
}

/// A helper whose calls were all inlined is deleted.  One that is still
/// called, or whose address is taken, becomes a declaration of the one
/// definition in the helper object again: the program keeps one canonical
/// symbol and one copy of the helper's state (a linkonce helper, which the
/// helper object may not emit, keeps its internal copy).
bool HelperInliner::finishHelpers() {
  bool Changed = false;
  bool Progress = true;
  while (Progress) {
    Progress = false;
    for (Function &F : make_early_inc_range(M)) {
      if (!isLinkedHelper(F) || !F.hasLocalLinkage())
        continue;
      F.removeDeadConstantUsers();
      if (!F.use_empty())
        continue;
      FAM.clear(F, F.getName());
      F.eraseFromParent();
      Progress = Changed = true;
    }
  }
  SmallVector<Function *, 8> Left;
  for (Function &F : M)
    if (isLinkedHelper(F) && F.hasLocalLinkage())
      Left.push_back(&F);
  // Copies for the late round are made before any kept mark is cleared, and
  // are not in Left: they stay definitions until that round.
  if (KeepLateCopies)
    for (Function *F : Left)
      if (!getHelperSymbol(*F).Discardable)
        Changed |= keepCopyForLateRound(*F);
  for (Function &F : M)
    F.setMetadata(KeptMDKind, nullptr);
  for (Function *F : Left) {
    FAM.clear(*F, F->getName());
    // A linkonce helper keeps its internal copy.
    Changed |= restoreDeclaration(*F);
  }
  return Changed;
}

bool HelperInliner::run() {
  // Calls written in the crate; calls inside helper bodies are reached when
  // a body is inlined (and a body left over is deleted or declared again).
  for (Function &F : M) {
    if (F.isDeclaration() || isLinkedHelper(F))
      continue;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (getCalledHelper(*CB))
          Worklist.push_back({CB, -1});
  }
  // Inline the calls written in the crate in order; calls that come out of
  // an inlined body are queued behind them.
  std::reverse(Worklist.begin(), Worklist.end());
  bool Changed = false;
  while (!Worklist.empty()) {
    WorkItem Item = Worklist.pop_back_val();
    Changed |= inlineOne(Item);
  }
  // Drop the marks of helper calls that were never queued (inside helpers
  // that got deleted are gone anyway).
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        clearCallMarks(*CB);
  if (Changed)
    Changed |= propagateUnmergedHardening(M, Report);
  Changed |= finishHelpers();
  return Changed;
}

} // namespace

PreservedAnalyses HelperInlinePass::run(Module &M, ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  HelperInliner Inliner(M, FAM, Report, KeepLateCopies);
  if (!Inliner.run())
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

} // namespace rih
