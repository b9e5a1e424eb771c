//===- HelperReconcile.cpp - Make helpers and callers agree ---------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperReconcile.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperOrigin.h"
#include "passes/InlineBlockers.h"
#include "passes/ReconcilePolicy.h"
#include "passes/TargetFeatures.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Analysis.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-reconcile"

namespace rih {
namespace {

/// One decision of the policy for one call: a row and what it found.
struct Finding {
  PolicyRowId Row;
  std::string Detail;
};

class Reconciler {
public:
  Reconciler(Module &M, FunctionAnalysisManager &FAM)
      : M(M), FAM(FAM), Features(M.getTargetTriple()) {}

  bool run();

private:
  /// Evaluates one call; returns true when it changed an attribute.
  bool reconcile(CallBase &CB, Function &Callee);
  SmallVector<Finding, 4> decide(CallBase &CB, Function &Callee);
  Finding decideTarget(Function &Caller, Function &Callee);
  bool apply(const Finding &F, Function &Caller, Function &Callee);
  void refuse(CallBase &CB, Function &Callee, const Finding &F);

  Module &M;
  FunctionAnalysisManager &FAM;
  TargetFeatureOracle Features;
  /// Helpers that took a caller's subtarget; a second, different caller
  /// cannot be served by the same copy.
  SmallPtrSet<Function *, 8> Adopted;
};

/// Returns true when a call inside \p F passes or returns vectors or
/// aggregates to a real function: its ABI can depend on target features
/// (X86TargetTransformInfo.cpp checks the same).
bool hasFeatureDependentCallABI(const Function &F) {
  for (const Instruction &I : instructions(F)) {
    const auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || CB->isInlineAsm() || isa<IntrinsicInst>(CB))
      continue;
    auto NotSimple = [](Type *T) {
      return T->isVectorTy() || T->isAggregateType();
    };
    if (NotSimple(CB->getType()) || any_of(CB->args(), [&](const Use &U) {
          return NotSimple(U->getType());
        }))
      return true;
  }
  return false;
}

Finding Reconciler::decideTarget(Function &Caller, Function &Callee) {
  std::optional<FeatureComparison> C = Features.compare(Caller, Callee);
  if (!C)
    return {PolicyRowId::OtherFeatures,
            "the target of triple '" + M.getTargetTriple().str() +
                "' is not registered in this process, so the subtargets "
                "cannot be compared"};
  if (C->Extra.empty())
    return {PolicyRowId::OtherFeatures,
            "a call inside the helper passes vectors or aggregates whose ABI "
            "depends on target features"};
  if (!C->onlyBaseline()) {
    SmallVector<std::string, 8> Missing;
    for (const std::string &F : C->Extra)
      if (!is_contained(C->Baseline, F))
        Missing.push_back("+" + F);
    return {PolicyRowId::OtherFeatures, "the helper has " + join(Missing, ",") +
                                            ", which the caller lacks"};
  }
  if (hasFeatureDependentCallABI(Callee))
    return {PolicyRowId::OtherFeatures,
            "a call inside the helper passes vectors or aggregates whose ABI "
            "depends on target features"};
  SmallVector<std::string, 8> Plus;
  for (const std::string &F : C->Extra)
    Plus.push_back("+" + F);
  return {PolicyRowId::BaselineFeatures, "helper's extra " + join(Plus, ",") +
                                             " belong to the baseline CPU '" +
                                             Features.getBaselineCPU().str() +
                                             "'"};
}

/// Stack protector level: none 0, ssp 1, sspstrong 2, sspreq 3.
unsigned sspLevel(const Function &F) {
  if (F.hasFnAttribute(Attribute::StackProtectReq))
    return 3;
  if (F.hasFnAttribute(Attribute::StackProtectStrong))
    return 2;
  if (F.hasFnAttribute(Attribute::StackProtect))
    return 1;
  return 0;
}

/// Frame-pointer strength, or -1 for a value this table does not know.
int framePointerLevel(const Function &F) {
  Attribute A = F.getFnAttribute("frame-pointer");
  if (!A.isValid())
    return 0;
  return StringSwitch<int>(A.getValueAsString())
      .Case("none", 0)
      .Case("reserved", 1)
      .Case("non-leaf", 2)
      .Case("non-leaf-no-reserve", 2)
      .Case("all", 3)
      .Default(-1);
}

/// Hardening that LLVM's checks do not look at and inlining would drop.
void decideHardening(const Function &Caller, const Function &Callee,
                     SmallVectorImpl<Finding> &Out) {
  if (sspLevel(Callee) > sspLevel(Caller))
    Out.push_back({PolicyRowId::StackProtector,
                   "the helper's stack protector level is stronger"});

  StringRef CalleeZero =
      Callee.getFnAttribute("zero-call-used-regs").getValueAsString();
  StringRef CallerZero =
      Caller.getFnAttribute("zero-call-used-regs").getValueAsString();
  if (!CalleeZero.empty() && CalleeZero != "skip" && CalleeZero != CallerZero) {
    if (CallerZero.empty() || CallerZero == "skip")
      Out.push_back({PolicyRowId::ZeroCallUsedRegs,
                     ("zero-call-used-regs=" + CalleeZero).str()});
    else
      Out.push_back({PolicyRowId::OtherHardening,
                     ("zero-call-used-regs is \"" + CalleeZero +
                      "\" in the helper, \"" + CallerZero + "\" in the caller")
                         .str()});
  }

  if (Callee.hasFnAttribute(Attribute::FnRetThunkExtern) &&
      !Caller.hasFnAttribute(Attribute::FnRetThunkExtern))
    Out.push_back({PolicyRowId::ReturnThunk, "fn_ret_thunk_extern"});

  int CalleeFP = framePointerLevel(Callee),
      CallerFP = framePointerLevel(Caller);
  if (CalleeFP < 0 || CallerFP < 0) {
    if (Callee.getFnAttribute("frame-pointer") !=
        Caller.getFnAttribute("frame-pointer"))
      Out.push_back({PolicyRowId::OtherHardening,
                     "frame-pointer values this policy does not know"});
  } else if (CalleeFP > CallerFP) {
    Out.push_back({PolicyRowId::FramePointer,
                   ("frame-pointer=" +
                    Callee.getFnAttribute("frame-pointer").getValueAsString())
                       .str()});
  }
}

SmallVector<Finding, 4> Reconciler::decide(CallBase &CB, Function &Callee) {
  SmallVector<Finding, 4> Out;
  decideHardening(*CB.getCaller(), Callee, Out);
  for (Blocker &B : findBlockers(CB, Callee, FAM)) {
    switch (B.Kind) {
    case BlockerKind::NoInline:
      Out.push_back({PolicyRowId::NoInline, B.Detail});
      break;
    case BlockerKind::OptNoneCaller:
      Out.push_back({PolicyRowId::OptNoneCaller, B.Detail});
      break;
    case BlockerKind::CompatRule:
      Out.push_back({PolicyRowId::CompatRuleAttributes, B.Detail});
      break;
    case BlockerKind::NullPointer:
      Out.push_back({PolicyRowId::NullPointerIsValid, B.Detail});
      break;
    case BlockerKind::Builtins:
      Out.push_back({PolicyRowId::NoBuiltins, B.Detail});
      break;
    case BlockerKind::Target:
      Out.push_back(decideTarget(*CB.getCaller(), Callee));
      break;
    }
  }
  return Out;
}

bool Reconciler::apply(const Finding &F, Function &Caller, Function &Callee) {
  switch (F.Row) {
  case PolicyRowId::NullPointerIsValid:
    Caller.addFnAttr(Attribute::NullPointerIsValid);
    return true;
  case PolicyRowId::NoBuiltins:
    for (const Attribute &A : Callee.getAttributes().getFnAttrs()) {
      if (!A.isStringAttribute())
        continue;
      StringRef K = A.getKindAsString();
      if (K == "no-builtins" || K.starts_with("no-builtin-"))
        Caller.addFnAttr(A);
    }
    return true;
  case PolicyRowId::StackProtector:
    Caller.removeFnAttr(Attribute::StackProtect);
    Caller.removeFnAttr(Attribute::StackProtectStrong);
    Caller.removeFnAttr(Attribute::StackProtectReq);
    for (Attribute::AttrKind K :
         {Attribute::StackProtect, Attribute::StackProtectStrong,
          Attribute::StackProtectReq})
      if (Callee.hasFnAttribute(K))
        Caller.addFnAttr(K);
    if (Attribute Size = Callee.getFnAttribute("stack-protector-buffer-size");
        Size.isValid()) {
      unsigned Mine = 0, Theirs = 0;
      bool HasMine = !Caller.getFnAttribute("stack-protector-buffer-size")
                          .getValueAsString()
                          .getAsInteger(10, Mine);
      if (!Size.getValueAsString().getAsInteger(10, Theirs) &&
          (!HasMine || Theirs < Mine))
        Caller.addFnAttr(Size);
    }
    return true;
  case PolicyRowId::ZeroCallUsedRegs:
  case PolicyRowId::FramePointer:
    Caller.addFnAttr(Callee.getFnAttribute(
        F.Row == PolicyRowId::ZeroCallUsedRegs ? "zero-call-used-regs"
                                               : "frame-pointer"));
    return true;
  case PolicyRowId::ReturnThunk:
    Caller.addFnAttr(Attribute::FnRetThunkExtern);
    return true;
  case PolicyRowId::BaselineFeatures: {
    if (Adopted.contains(&Callee))
      return false; // Serves another caller's subtarget already.
    for (StringRef Kind : {"target-cpu", "target-features", "tune-cpu"}) {
      if (Caller.hasFnAttribute(Kind))
        Callee.addFnAttr(Caller.getFnAttribute(Kind));
      else
        Callee.removeFnAttr(Kind);
    }
    Adopted.insert(&Callee);
    return true;
  }
  default:
    return false;
  }
}

void Reconciler::refuse(CallBase &CB, Function &Callee, const Finding &F) {
  const PolicyRow &Row = getPolicyRow(F.Row);
  std::string Reason =
      (Twine(Row.Name) + " (" + getRuleName(Row.Rule) + "): " + F.Detail).str();
  setRefusal(CB, Reason);
}

bool Reconciler::reconcile(CallBase &CB, Function &Callee) {
  Function &Caller = *CB.getCaller();
  clearRefusal(CB); // Decided again below; reconciled rows accumulate.
  SmallVector<Finding, 4> Findings = decide(CB, Callee);
  if (Findings.empty())
    return false;

  // Change nothing unless every row allows it.
  for (const Finding &F : Findings) {
    if (!ruleReconciles(getPolicyRow(F.Row).Rule)) {
      refuse(CB, Callee, F);
      return false;
    }
    if (F.Row == PolicyRowId::BaselineFeatures && Adopted.contains(&Callee)) {
      refuse(CB, Callee,
             {PolicyRowId::OtherFeatures,
              "the helper already serves a caller with other target "
              "features; " +
                  F.Detail});
      return false;
    }
  }

  bool Changed = false;
  SmallVector<StringRef, 4> Rows;
  for (const Finding &F : Findings) {
    Changed |= apply(F, Caller, Callee);
    Rows.push_back(getPolicyRow(F.Row).Name);
  }
  // TargetLibraryInfo and TTI results never invalidate themselves; drop
  // them so that LLVM's checks see the new attributes.
  FAM.clear(Caller, Caller.getName());
  FAM.clear(Callee, Callee.getName());

  // Ask LLVM again: the rows must have removed every blocker.
  if (std::optional<std::string> Still = askLLVM(CB, Callee, FAM)) {
    setRefusal(CB, "still refused by LLVM after reconciling " +
                       join(Rows, ", ") + ": " + *Still);
    return Changed;
  }
  addReconciledRows(CB, Rows);

  OptimizationRemarkEmitter ORE(&Caller);
  ORE.emit([&] {
    OptimizationRemarkAnalysis R(RemarkPassName, "Reconciled", &CB);
    R << "reconciled call to " << ore::NV("Helper", Callee.getName()) << " in "
      << ore::NV("Caller", Caller.getName()) << ":";
    for (const Finding &F : Findings) {
      const PolicyRow &Row = getPolicyRow(F.Row);
      R << " " << ore::NV("Row", Row.Name) << " ("
        << ore::NV("Rule", getRuleName(Row.Rule)) << ": " << F.Detail << ")";
    }
    return R;
  });
  return Changed;
}

bool Reconciler::run() {
  // Calls from crate code first, then calls between helpers: a helper that
  // took its caller's subtarget passes it on to the helpers it calls.
  SmallVector<std::pair<CallBase *, Function *>, 32> Calls, HelperCalls;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *H = getCalledHelper(*CB))
          (isLinkedHelper(F) ? HelperCalls : Calls).push_back({CB, H});
  }
  Calls.append(HelperCalls.begin(), HelperCalls.end());

  bool Changed = false;
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

PreservedAnalyses HelperReconcilePass::run(Module &M,
                                           ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  Reconciler R(M, FAM);
  R.run();
  // Attributes changed on some functions, and call metadata was written.
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

} // namespace rih
