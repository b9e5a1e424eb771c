//===- HelperReconcile.cpp - Make helpers and callers agree ---------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The driver of the policy: for each call to a helper, maps what LLVM's
// checks say (InlineBlockers.h) to rows, adds the hardening those checks do
// not see, decides whether every row allows the call, and applies the rows
// (ReconcileRules.h has each row's detect/apply pair).
//
//===----------------------------------------------------------------------===//

#include "passes/HelperReconcile.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperOrigin.h"
#include "passes/InlineBlockers.h"
#include "passes/PassOptions.h"
#include "passes/ReconcileRules.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Analysis.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-reconcile"

namespace rih {
namespace {

const PolicyRow &rowOf(const Finding &F) { return getPolicyRow(F.Row); }

class Reconciler {
public:
  Reconciler(Module &M, FunctionAnalysisManager &FAM, ReconcileOptions Options)
      : M(M), FAM(FAM), Options(Options), Target(M) {}

  bool run();

private:
  bool reconcile(CallBase &CB, Function &Callee);
  SmallVector<Finding, 4> decide(CallBase &CB, Function &Callee);
  void apply(const Finding &F, Function &Caller, Function &Callee);
  void refuse(CallBase &CB, const Finding &F, StringRef Why = {});
  void warnLost(CallBase &CB, Function &Callee, const Finding &F);

  Module &M;
  FunctionAnalysisManager &FAM;
  ReconcileOptions Options;
  TargetRules Target;
  /// Per caller, the rows applied to it so far, as "Row (for helper)".
  DenseMap<const Function *, SmallVector<std::string, 2>> AppliedTo;
  /// The calls decided at least once: only a call's first look tells
  /// whether earlier calls had already reconciled its caller.
  SmallPtrSet<const CallBase *, 32> Seen;
};

SmallVector<Finding, 4> Reconciler::decide(CallBase &CB, Function &Callee) {
  Function &Caller = *CB.getCaller();
  SmallVector<Finding, 4> Out;
  // What the body needs, also where LLVM's feature check lets the call
  // through (it leaves some features out of the comparison).
  Target.detectBodyNeeds(Caller, Callee, Out);
  detectUnmergedHardening(Caller, Callee, Out);
  for (Blocker &B : findBlockers(CB, Callee, FAM, /*Features=*/nullptr)) {
    switch (B.Kind) {
    case BlockerKind::NoInline:
      if (!CB.getAttributes().hasFnAttr(Attribute::NoInline) &&
          Callee.hasOptNone())
        Out.push_back({PolicyRowId::OptNoneHelper,
                       "optnone noinline: the helper was built at -O0"});
      else
        Out.push_back({PolicyRowId::NoInline, B.Detail});
      break;
    case BlockerKind::OptNoneCaller:
      Out.push_back({PolicyRowId::OptNoneCaller, B.Detail});
      break;
    case BlockerKind::CompatRule:
      detectCompatRule(Caller, Callee, Out);
      break;
    case BlockerKind::NullPointer:
      Out.push_back({PolicyRowId::NullPointerIsValid, B.Detail});
      break;
    case BlockerKind::Builtins:
      Out.push_back({PolicyRowId::NoBuiltins, B.Detail});
      break;
    case BlockerKind::Target:
      Target.detect(Caller, Callee, Out);
      break;
    }
  }
  return Out;
}

/// Applies the row of \p F.  Every row is listed, without a default: a row
/// added to ReconcilePolicy.def and not handled here does not compile
/// (-Werror=switch).
void Reconciler::apply(const Finding &F, Function &Caller, Function &Callee) {
  switch (F.Row) {
  case PolicyRowId::NullPointerIsValid:
    return applyNullPointerIsValid(Caller, Callee);
  case PolicyRowId::NoBuiltins:
    return applyNoBuiltins(Caller, Callee);
  case PolicyRowId::OptNoneHelper:
    return applyOptNoneHelper(Caller, Callee);
  case PolicyRowId::StackProtector:
    return applyStackProtector(Caller, Callee);
  case PolicyRowId::ZeroCallUsedRegs:
    return applyZeroCallUsedRegs(Caller, Callee);
  case PolicyRowId::ReturnThunk:
    return applyReturnThunk(Caller, Callee);
  case PolicyRowId::FramePointer:
    return applyFramePointer(Caller, Callee);
  case PolicyRowId::ProbeStack:
    return applyProbeStack(Caller, Callee);
  case PolicyRowId::BranchTargets:
    return applyBranchTargets(Caller, Callee);
  case PolicyRowId::Sanitizers:
    return applySanitizers(Caller, Callee);
  case PolicyRowId::ShadowCallStack:
    return applyShadowCallStack(Caller, Callee);
  case PolicyRowId::PointerAuth:
    return applyPointerAuth(Caller, Callee);
  case PolicyRowId::HardeningFeatures:
    return Target.applyHardeningFeatures(F, Caller);
  case PolicyRowId::BaselineFeatures:
  case PolicyRowId::UnneededFeatures:
  case PolicyRowId::CodegenFeatures:
  case PolicyRowId::EncodingFeatures:
  case PolicyRowId::TuningFeatures:
    return Target.adoptSubtarget(Caller, Callee);
  // Rows whose rule refuses the call: reconcile() never applies them.
  case PolicyRowId::FloatSemantics:
  case PolicyRowId::ProfileAttributes:
  case PolicyRowId::NoInline:
  case PolicyRowId::NakedHelper:
  case PolicyRowId::OptNoneCaller:
  case PolicyRowId::OtherHardening:
  case PolicyRowId::FloatABI:
  case PolicyRowId::OtherFeatures:
  case PolicyRowId::CompatRuleAttributes:
    llvm_unreachable("a refusing row is never applied");
  // FollowCaller: LLVM's checks never refuse for these hints; nothing to
  // change.  RemovedFeatures: applied to every helper in run(), first.
  case PolicyRowId::FollowCaller:
  case PolicyRowId::RemovedFeatures:
    return;
  // Module flags: reconciled before the link (ModuleFlagPolicy.cpp).
  case PolicyRowId::CFIFlags:
  case PolicyRowId::CodeModelFlags:
  case PolicyRowId::ControlFlowFlags:
  case PolicyRowId::FramePointerFlag:
  case PolicyRowId::OldBranchProtection:
  case PolicyRowId::PICFlags:
  case PolicyRowId::InstrumentedMarker:
  case PolicyRowId::KeyFlags:
  case PolicyRowId::ModuleFlags:
    llvm_unreachable("module flag rows are not findings of a call");
  }
  llvm_unreachable("unknown policy row");
}

void Reconciler::refuse(CallBase &CB, const Finding &F, StringRef Why) {
  const PolicyRow &Row = rowOf(F);
  std::string Reason = (Twine(Row.Name) + " (" + getRuleName(Row.Rule) +
                        (Why.empty() ? "" : ", ") + Why + "): " + F.Detail)
                           .str();
  setRefusal(CB, Reason);
}

void Reconciler::warnLost(CallBase &CB, Function &Callee, const Finding &F) {
  Function &Caller = *CB.getCaller();
  reportWarning(M.getContext(),
                "hardening=ignore: inlining " + getHelperName(Callee) +
                    " into " + Caller.getName() + " drops a protection: " +
                    F.Detail + " (policy row " + rowOf(F).Name + ")");
  OptimizationRemarkEmitter ORE(&Caller);
  ORE.emit([&] {
    return OptimizationRemarkMissed(RemarkPassName, "HardeningLost", &CB)
           << "hardening=ignore: " << ore::NV("Helper", getHelperName(Callee))
           << " loses " << ore::NV("Protection", F.Detail) << " in "
           << ore::NV("Caller", Caller.getName()) << " ("
           << ore::NV("Row", rowOf(F).Name) << ")";
  });
}

bool Reconciler::reconcile(CallBase &CB, Function &Callee) {
  Function &Caller = *CB.getCaller();
  if (isForced(CB))
    return false;   // hardening=ignore decided it, and warned, already.
  clearRefusal(CB); // Decided again below; reconciled rows accumulate.
  // A body that cannot be inlined at all: change no attribute for nothing.
  if (std::optional<std::string> Why = findBodyBlocker(CB, Callee)) {
    setRefusal(CB, *Why);
    return false;
  }
  bool FirstLook = Seen.insert(&CB).second;
  SmallVector<Finding, 4> Findings = decide(CB, Callee);
  if (Findings.empty()) {
    // Nothing left to do: on the first look, say whether earlier calls had
    // done it.  A later round's rows came after this call, not before.
    auto It = AppliedTo.find(&Caller);
    if (FirstLook && It != AppliedTo.end())
      setReconciledEarlier(CB, It->second);
    return false;
  }

  // Change nothing unless every row allows it.
  HardeningMode Mode = Options.Hardening;
  bool Force = false;
  SmallVector<const Finding *, 4> ToApply, Lost;
  for (const Finding &F : Findings) {
    const PolicyRow &Row = rowOf(F);
    bool IsHardening = Row.Class == PolicyClass::Hardening;
    if (IsHardening && Mode == HardeningMode::Ignore) {
      Lost.push_back(&F);
      Force = true;
      continue;
    }
    if (!ruleReconciles(Row.Rule)) {
      refuse(CB, F);
      return false;
    }
    if (IsHardening && Mode == HardeningMode::Refuse) {
      refuse(CB, F, "hardening=refuse");
      return false;
    }
    ToApply.push_back(&F);
  }

  SmallVector<StringRef, 4> Rows;
  for (const Finding *F : ToApply) {
    apply(*F, Caller, Callee);
    Rows.push_back(rowOf(*F).Name);
    std::string Applied =
        (Twine(rowOf(*F).Name) + " (for " + getHelperName(Callee) + ")").str();
    SmallVector<std::string, 2> &Done = AppliedTo[&Caller];
    if (!is_contained(Done, Applied))
      Done.push_back(std::move(Applied));
  }
  for (const Finding *F : Lost)
    warnLost(CB, Callee, *F);
  // TargetLibraryInfo and TTI results never invalidate themselves; drop
  // them so that LLVM's checks see the new attributes.
  FAM.clear(Caller, Caller.getName());
  FAM.clear(Callee, Callee.getName());

  if (Force) {
    setForced(CB);
  } else if (std::optional<std::string> Still = askLLVM(CB, Callee, FAM)) {
    // Ask LLVM again: the rows must have removed every blocker.
    setRefusal(CB, "still refused by LLVM after reconciling " +
                       join(Rows, ", ") + ": " + *Still);
    return !ToApply.empty();
  }
  addReconciledRows(CB, Rows);

  OptimizationRemarkEmitter ORE(&Caller);
  ORE.emit([&] {
    OptimizationRemarkAnalysis R(RemarkPassName, "Reconciled", &CB);
    R << "reconciled call to " << ore::NV("Helper", getHelperName(Callee))
      << " in " << ore::NV("Caller", Caller.getName()) << ":";
    for (const Finding *F : ToApply) {
      const PolicyRow &Row = rowOf(*F);
      R << " " << ore::NV("Row", Row.Name) << " ("
        << ore::NV("Rule", getRuleName(Row.Rule)) << ": " << F->Detail << ")";
    }
    return R;
  });
  return !ToApply.empty();
}

bool Reconciler::run() {
  bool Changed = false;
  // Row RemovedFeatures: an older clang's helper turns off features this
  // LLVM no longer has; drop them before anything asks LLVM.
  SmallPtrSet<Function *, 8> Cleaned = Target.dropRemovedFeatures();
  Changed |= !Cleaned.empty();
  // Calls from crate code first, then calls between helpers: a helper that
  // took its caller's subtarget passes it on to the helpers it calls.
  SmallVector<std::pair<CallBase *, Function *>, 32> Calls, HelperCalls;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *H = getCalledHelper(*CB)) {
          (isLinkedHelper(F) ? HelperCalls : Calls).push_back({CB, H});
          if (Cleaned.contains(H))
            addReconciledRows(
                *CB, {getPolicyRow(PolicyRowId::RemovedFeatures).Name});
        }
  }
  Calls.append(HelperCalls.begin(), HelperCalls.end());

  // Attribute changes only ever add to callers or settle a helper's
  // subtarget once, so a few rounds reach the fixed point.
  for (unsigned Round = 0; Round < 4; ++Round) {
    bool RoundChanged = false;
    for (auto &[CB, H] : Calls)
      RoundChanged |= reconcile(*CB, *H);
    Changed |= RoundChanged;
    if (!RoundChanged)
      break;
  }
  LLVM_DEBUG(dbgs() << "reconciled " << Calls.size() << " helper calls\n");
  return Changed;
}

} // namespace

void HelperReconcilePass::printPipeline(raw_ostream &OS,
                                        function_ref<StringRef(StringRef)>) {
  RustInlineHelpersOptions View;
  View.Link.Hardening = Options.Hardening;
  OS << "rust-helpers-reconcile";
  if (std::string Params = printOptions(View, ReconcilePass); !Params.empty())
    OS << "<" << Params << ">";
}

PreservedAnalyses HelperReconcilePass::run(Module &M,
                                           ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  Reconciler R(M, FAM, Options);
  R.run();
  // Attributes changed on some functions, and call metadata was written.
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

} // namespace rih
