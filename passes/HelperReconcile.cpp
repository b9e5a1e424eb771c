//===- HelperReconcile.cpp - Make helpers and callers agree ---------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperReconcile.h"
#include "passes/LLVMCompat.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperOrigin.h"
#include "passes/InlineBlockers.h"
#include "passes/SubtargetNeeds.h"
#include "passes/TargetFeatures.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Analysis.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Debug.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-reconcile"

namespace rih {
namespace {

/// One decision of the policy for one call: a row and what it found.
struct Finding {
  Finding(PolicyRowId Row, std::string Detail,
          SmallVector<std::string, 4> Features = {})
      : Row(Row), Detail(std::move(Detail)), Features(std::move(Features)) {}

  PolicyRowId Row;
  std::string Detail;
  /// HardeningFeatures: the features the caller gains ("+name").
  SmallVector<std::string, 4> Features;
};

const PolicyRow &rowOf(const Finding &F) { return getPolicyRow(F.Row); }

//===----------------------------------------------------------------------===//
// Attribute helpers
//===----------------------------------------------------------------------===//

StringRef strAttr(const Function &F, StringRef Kind) {
  return F.getFnAttribute(Kind).getValueAsString();
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

/// Frame-pointer strength, or -1 for a value this policy does not know.
int framePointerLevel(const Function &F) {
  if (!F.hasFnAttribute("frame-pointer"))
    return 0;
  return StringSwitch<int>(strAttr(F, "frame-pointer"))
      .Case("none", 0)
      .Case("reserved", 1)
      .Case("non-leaf-no-reserve", 2)
      .Case("non-leaf", 3)
      .Case("all", 4)
      .Default(-1);
}

/// pac-ret strength: none 0, non-leaf 1, all 2; -1 unknown.
int signReturnLevel(const Function &F) {
  if (!F.hasFnAttribute("sign-return-address"))
    return 0;
  return StringSwitch<int>(strAttr(F, "sign-return-address"))
      .Case("none", 0)
      .Case("non-leaf", 1)
      .Case("all", 2)
      .Default(-1);
}

/// True when the shadow call stack's register is kept out of \p F's
/// register allocation: x18 on AArch64 only with +reserve-x18 (-ffixed-x18,
/// -Zfixed-x18); on RISC-V the shadow stack is gp, which LLVM never
/// allocates (RISCVRegisterInfo::getReservedRegs), and the kernel links with
/// --no-relax-gp when CONFIG_SHADOW_CALL_STACK is on.
bool reservesShadowStackRegister(const Function &F) {
  if (compat::targetTriple(*F.getParent()).isRISCV())
    return true;
  return strAttr(F, "target-features").contains("+reserve-x18");
}

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

/// Returns a reason why \p F's body may depend on target features, or an
/// empty string when it is plain IR that any subtarget of the triple lowers
/// (row UnneededFeatures): no inline asm, no target-specific intrinsic, no
/// vector or floating-point value.
std::string whyBodyNeedsFeatures(const Function &F) {
  auto Special = [](Type *T) {
    return T->isVectorTy() || T->isFPOrFPVectorTy() || T->isX86_AMXTy();
  };
  for (const Argument &A : F.args())
    if (Special(A.getType()))
      return "it takes a vector or floating-point argument";
  if (Special(F.getReturnType()))
    return "it returns a vector or floating-point value";
  for (const Instruction &I : instructions(F)) {
    if (const auto *CB = dyn_cast<CallBase>(&I)) {
      if (CB->isInlineAsm())
        return "it contains inline asm";
      if (const Function *Callee = CB->getCalledFunction())
        if (compat::isTargetIntrinsic(Callee->getIntrinsicID()))
          return ("it calls " + Callee->getName()).str();
    }
    if (Special(I.getType()) || any_of(I.operands(), [&](const Use &U) {
          return Special(U->getType());
        }))
      return "it computes with vector or floating-point values";
  }
  return {};
}

std::string plusList(ArrayRef<std::string> Features) {
  SmallVector<std::string, 8> Plus;
  for (const std::string &F : Features)
    Plus.push_back("+" + F);
  return join(Plus, ",");
}

//===----------------------------------------------------------------------===//
// Reconciler
//===----------------------------------------------------------------------===//

class Reconciler {
public:
  Reconciler(Module &M, FunctionAnalysisManager &FAM, ReconcileOptions Options)
      : M(M), FAM(FAM), Options(Options), Features(compat::targetTriple(M)),
        Limits(compat::targetTriple(M)) {}

  bool run();

private:
  bool reconcile(CallBase &CB, Function &Callee);
  SmallVector<Finding, 4> decide(CallBase &CB, Function &Callee);
  void decideCompatRule(const Function &Caller, const Function &Callee,
                        SmallVectorImpl<Finding> &Out);
  void decideHardening(const Function &Caller, const Function &Callee,
                       SmallVectorImpl<Finding> &Out);
  void decideTarget(Function &Caller, Function &Callee,
                    SmallVectorImpl<Finding> &Out);
  void apply(const Finding &F, Function &Caller, Function &Callee);
  void adoptSubtarget(Function &Caller, Function &Callee);
  void refuse(CallBase &CB, const Finding &F, StringRef Why = {});
  void warnLost(CallBase &CB, Function &Callee, const Finding &F);

  Module &M;
  FunctionAnalysisManager &FAM;
  ReconcileOptions Options;
  TargetFeatureOracle Features;
  SubtargetLimits Limits;
  /// Helpers that took a caller's subtarget; a second, different caller
  /// cannot be served by the same copy.
  SmallPtrSet<Function *, 8> Adopted;
};

void Reconciler::decideCompatRule(const Function &Caller,
                                  const Function &Callee,
                                  SmallVectorImpl<Finding> &Out) {
  size_t Before = Out.size();
  for (Attribute::AttrKind K : getSanitizerKinds())
    if (Caller.hasFnAttribute(K) != Callee.hasFnAttribute(K))
      Out.push_back({PolicyRowId::Sanitizers,
                     Attribute::getNameFromAttrKind(K).str() +
                         (Callee.hasFnAttribute(K) ? " on the helper only"
                                                   : " on the caller only")});

  if (Caller.hasFnAttribute(Attribute::ShadowCallStack) !=
      Callee.hasFnAttribute(Attribute::ShadowCallStack)) {
    const Function &Lacking =
        Callee.hasFnAttribute(Attribute::ShadowCallStack) ? Caller : Callee;
    if (reservesShadowStackRegister(Lacking))
      Out.push_back({PolicyRowId::ShadowCallStack,
                     &Lacking == &Caller
                         ? "shadowcallstack on the helper only"
                         : "shadowcallstack on the caller only"});
    else
      Out.push_back({PolicyRowId::OtherHardening,
                     "shadowcallstack differs and the side without it does "
                     "not reserve x18 (-ffixed-x18 / -Zfixed-x18)"});
  }
  if (Caller.hasFnAttribute(Attribute::SafeStack) !=
      Callee.hasFnAttribute(Attribute::SafeStack))
    Out.push_back({PolicyRowId::OtherHardening,
                   "safestack differs (needs the runtime's unsafe stack)"});

  int CallerPac = signReturnLevel(Caller), CalleePac = signReturnLevel(Callee);
  StringRef CallerKey = strAttr(Caller, "sign-return-address-key");
  StringRef CalleeKey = strAttr(Callee, "sign-return-address-key");
  bool PacDiffers = CallerPac != CalleePac || CallerKey != CalleeKey ||
                    strAttr(Caller, "branch-protection-pauth-lr") !=
                        strAttr(Callee, "branch-protection-pauth-lr");
  if (PacDiffers) {
    if (CallerPac < 0 || CalleePac < 0 ||
        (CallerPac > 0 && CalleePac > 0 && CallerKey != CalleeKey))
      Out.push_back({PolicyRowId::OtherHardening,
                     "sign-return-address values or keys that cannot both "
                     "hold"});
    else
      Out.push_back({PolicyRowId::PointerAuth,
                     ("sign-return-address=\"" +
                      strAttr(CalleePac >= CallerPac ? Callee : Caller,
                              "sign-return-address") +
                      "\"")
                         .str()});
  }

  for (StringRef K : {"strictfp", "denormal-fp-math", "denormal-fp-math-f32"}) {
    bool Differs = K == "strictfp"
                       ? Caller.hasFnAttribute(Attribute::StrictFP) !=
                             Callee.hasFnAttribute(Attribute::StrictFP)
                       : strAttr(Caller, K) != strAttr(Callee, K);
    if (Differs)
      Out.push_back({PolicyRowId::FloatSemantics, (K + " differs").str()});
  }
  if (Caller.hasFnAttribute(Attribute::NoProfile) !=
          Callee.hasFnAttribute(Attribute::NoProfile) ||
      strAttr(Caller, "use-sample-profile") !=
          strAttr(Callee, "use-sample-profile"))
    Out.push_back({PolicyRowId::ProfileAttributes,
                   "noprofile or use-sample-profile differs"});

  if (Out.size() == Before)
    Out.push_back({PolicyRowId::CompatRuleAttributes,
                   "AttributeFuncs::areInlineCompatible refuses"});
}

/// Hardening that LLVM's checks do not look at and inlining would drop.
void Reconciler::decideHardening(const Function &Caller, const Function &Callee,
                                 SmallVectorImpl<Finding> &Out) {
  if (sspLevel(Callee) > sspLevel(Caller))
    Out.push_back({PolicyRowId::StackProtector,
                   Callee.hasFnAttribute(Attribute::StackProtectReq) ? "sspreq"
                   : Callee.hasFnAttribute(Attribute::StackProtectStrong)
                       ? "sspstrong"
                       : "ssp"});

  StringRef CalleeZero = strAttr(Callee, "zero-call-used-regs");
  StringRef CallerZero = strAttr(Caller, "zero-call-used-regs");
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
    if (strAttr(Callee, "frame-pointer") != strAttr(Caller, "frame-pointer"))
      Out.push_back({PolicyRowId::OtherHardening,
                     "frame-pointer values this policy does not know"});
  } else if (CalleeFP > CallerFP) {
    Out.push_back(
        {PolicyRowId::FramePointer,
         ("frame-pointer=" + strAttr(Callee, "frame-pointer")).str()});
  }

  if (Callee.hasFnAttribute("probe-stack") &&
      !Caller.hasFnAttribute("probe-stack"))
    Out.push_back({PolicyRowId::ProbeStack,
                   ("probe-stack=" + strAttr(Callee, "probe-stack")).str()});

  if (Callee.hasFnAttribute("branch-target-enforcement") &&
      !Caller.hasFnAttribute("branch-target-enforcement"))
    Out.push_back({PolicyRowId::BranchTargets, "branch-target-enforcement"});
}

void Reconciler::decideTarget(Function &Caller, Function &Callee,
                              SmallVectorImpl<Finding> &Out) {
  std::optional<FeatureComparison> C = Features.compare(Caller, Callee);
  if (!C) {
    Out.push_back({PolicyRowId::OtherFeatures,
                   "the target of triple '" + compat::targetTriple(M).str() +
                       "' is not registered in this process, so the "
                       "subtargets cannot be compared"});
    return;
  }
  SmallVector<std::string, 8> Hardening, Codegen, Encoding, Float, Other;
  // Inline asm may spell a compressed instruction: then the compressed
  // encodings are needed like any other feature.  Linker relaxation never
  // is: code assembled without it is only left unshortened.
  bool HasAsm = any_of(instructions(Callee), [](const Instruction &I) {
    const auto *CB = dyn_cast<CallBase>(&I);
    return CB && CB->isInlineAsm();
  });
  for (const std::string &F : C->Extra) {
    if (isHardeningFeature(F))
      Hardening.push_back(F);
    else if (isCodegenOnlyFeature(F))
      Codegen.push_back(F);
    else if (isEncodingFeature(F) && (!HasAsm || F == "relax"))
      Encoding.push_back(F);
    else if (F == "soft-float")
      Float.push_back(F);
    else if (!is_contained(C->Baseline, F))
      Other.push_back(F);
  }
  if (!Float.empty()) {
    Out.push_back({PolicyRowId::FloatABI, "the helper has +soft-float, the "
                                          "caller passes floats in FP "
                                          "registers"});
    return;
  }
  bool Adopt = false;
  if (!Other.empty()) {
    std::string Why = whyBodyNeedsFeatures(Callee);
    if (!Why.empty()) {
      Out.push_back({PolicyRowId::OtherFeatures,
                     "the helper has " + plusList(Other) +
                         ", which the caller lacks, and " + Why});
      return;
    }
    Out.push_back({PolicyRowId::UnneededFeatures,
                   "the helper's " + plusList(Other) +
                       " cannot be needed by its plain-IR body"});
    Adopt = true;
  }
  if (!Hardening.empty()) {
    Finding F(PolicyRowId::HardeningFeatures, plusList(Hardening));
    for (const std::string &H : Hardening)
      F.Features.push_back("+" + H);
    Out.push_back(std::move(F));
  }
  SmallVector<std::string, 8> Baseline;
  for (const std::string &F : C->Baseline)
    if (!isHardeningFeature(F) && !isCodegenOnlyFeature(F))
      Baseline.push_back(F);
  if (!Baseline.empty()) {
    Out.push_back({PolicyRowId::BaselineFeatures,
                   "helper's extra " + plusList(Baseline) +
                       " belong to the baseline CPU '" +
                       Features.getBaselineCPU().str() + "'"});
    Adopt = true;
  }
  if (!Codegen.empty()) {
    Out.push_back({PolicyRowId::CodegenFeatures, plusList(Codegen)});
    Adopt = true;
  }
  if (!Encoding.empty()) {
    Out.push_back(
        {PolicyRowId::EncodingFeatures,
         "the helper's " + plusList(Encoding) +
             (HasAsm ? " (linker relaxation; the body has inline "
                       "asm, so compressed encodings would stay)"
                     : " (encodings and relaxation; no inline asm)")});
    Adopt = true;
  }
  if (C->Extra.empty()) {
    if (C->Tuning.empty()) {
      Out.push_back({PolicyRowId::OtherFeatures,
                     "a call inside the helper passes vectors or aggregates "
                     "whose ABI depends on target features"});
      return;
    }
    Out.push_back({PolicyRowId::TuningFeatures, plusList(C->Tuning)});
    Adopt = true;
  }
  if (Adopt && hasFeatureDependentCallABI(Callee))
    Out.push_back({PolicyRowId::OtherFeatures,
                   "a call inside the helper passes vectors or aggregates "
                   "whose ABI depends on target features"});
  if (Adopt && Adopted.contains(&Callee))
    Out.push_back({PolicyRowId::OtherFeatures,
                   "the helper already serves a caller with other target "
                   "features"});
}

SmallVector<Finding, 4> Reconciler::decide(CallBase &CB, Function &Callee) {
  Function &Caller = *CB.getCaller();
  SmallVector<Finding, 4> Out;
  // What the body needs, also where LLVM's feature check lets the call
  // through (it leaves some features out of the comparison).
  if (std::string Need = findUnmetBodyNeed(Caller, Callee, Limits, Features);
      !Need.empty())
    Out.push_back({PolicyRowId::OtherFeatures, std::move(Need)});
  decideHardening(Caller, Callee, Out);
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
      decideCompatRule(Caller, Callee, Out);
      break;
    case BlockerKind::NullPointer:
      Out.push_back({PolicyRowId::NullPointerIsValid, B.Detail});
      break;
    case BlockerKind::Builtins:
      Out.push_back({PolicyRowId::NoBuiltins, B.Detail});
      break;
    case BlockerKind::Target:
      decideTarget(Caller, Callee, Out);
      break;
    }
  }
  return Out;
}

void Reconciler::adoptSubtarget(Function &Caller, Function &Callee) {
  for (StringRef Kind : {"target-cpu", "target-features", "tune-cpu"}) {
    if (Caller.hasFnAttribute(Kind))
      Callee.addFnAttr(Caller.getFnAttribute(Kind));
    else
      Callee.removeFnAttr(Kind);
  }
  Adopted.insert(&Callee);
}

void Reconciler::apply(const Finding &F, Function &Caller, Function &Callee) {
  switch (F.Row) {
  case PolicyRowId::NullPointerIsValid:
    Caller.addFnAttr(Attribute::NullPointerIsValid);
    return;
  case PolicyRowId::NoBuiltins:
    for (const Attribute &A : Callee.getAttributes().getFnAttrs()) {
      if (!A.isStringAttribute())
        continue;
      StringRef K = A.getKindAsString();
      if (K == "no-builtins" || K.starts_with("no-builtin-"))
        Caller.addFnAttr(A);
    }
    return;
  case PolicyRowId::OptNoneHelper:
    Callee.removeFnAttr(Attribute::OptimizeNone);
    Callee.removeFnAttr(Attribute::NoInline);
    return;
  case PolicyRowId::StackProtector: {
    for (Attribute::AttrKind K :
         {Attribute::StackProtect, Attribute::StackProtectStrong,
          Attribute::StackProtectReq})
      Caller.removeFnAttr(K);
    for (Attribute::AttrKind K :
         {Attribute::StackProtect, Attribute::StackProtectStrong,
          Attribute::StackProtectReq})
      if (Callee.hasFnAttribute(K))
        Caller.addFnAttr(K);
    unsigned Mine = 0, Theirs = 0;
    bool HasMine =
        Caller.hasFnAttribute("stack-protector-buffer-size") &&
        !strAttr(Caller, "stack-protector-buffer-size").getAsInteger(10, Mine);
    if (Callee.hasFnAttribute("stack-protector-buffer-size") &&
        !strAttr(Callee, "stack-protector-buffer-size")
             .getAsInteger(10, Theirs) &&
        (!HasMine || Theirs < Mine))
      Caller.addFnAttr(Callee.getFnAttribute("stack-protector-buffer-size"));
    return;
  }
  case PolicyRowId::ZeroCallUsedRegs:
    Caller.addFnAttr(Callee.getFnAttribute("zero-call-used-regs"));
    return;
  case PolicyRowId::FramePointer:
    Caller.addFnAttr(Callee.getFnAttribute("frame-pointer"));
    return;
  case PolicyRowId::ReturnThunk:
    Caller.addFnAttr(Attribute::FnRetThunkExtern);
    return;
  case PolicyRowId::ProbeStack:
    Caller.addFnAttr(Callee.getFnAttribute("probe-stack"));
    if (Callee.hasFnAttribute("stack-probe-size"))
      Caller.addFnAttr(Callee.getFnAttribute("stack-probe-size"));
    return;
  case PolicyRowId::BranchTargets:
    Caller.addFnAttr(Callee.getFnAttribute("branch-target-enforcement"));
    return;
  case PolicyRowId::Sanitizers:
    for (Attribute::AttrKind K : getSanitizerKinds()) {
      if (Callee.hasFnAttribute(K))
        Caller.addFnAttr(K);
      if (Caller.hasFnAttribute(K))
        Callee.addFnAttr(K);
    }
    return;
  case PolicyRowId::ShadowCallStack:
    Caller.addFnAttr(Attribute::ShadowCallStack);
    Callee.addFnAttr(Attribute::ShadowCallStack);
    return;
  case PolicyRowId::PointerAuth: {
    Function &Strong =
        signReturnLevel(Callee) >= signReturnLevel(Caller) ? Callee : Caller;
    Function &Weak = &Strong == &Callee ? Caller : Callee;
    for (StringRef K : {"sign-return-address", "sign-return-address-key",
                        "branch-protection-pauth-lr"}) {
      if (Strong.hasFnAttribute(K))
        Weak.addFnAttr(Strong.getFnAttribute(K));
      else if (Weak.hasFnAttribute(K) && K != "branch-protection-pauth-lr")
        Strong.addFnAttr(Weak.getFnAttribute(K));
    }
    if (Callee.hasFnAttribute("branch-protection-pauth-lr") ||
        Caller.hasFnAttribute("branch-protection-pauth-lr")) {
      Callee.addFnAttr("branch-protection-pauth-lr");
      Caller.addFnAttr("branch-protection-pauth-lr");
    }
    return;
  }
  case PolicyRowId::HardeningFeatures: {
    std::string FS = strAttr(Caller, "target-features").str();
    for (const std::string &Feature : F.Features)
      FS += (FS.empty() ? "" : ",") + Feature;
    Caller.addFnAttr("target-features", FS);
    // A helper that adopts later takes these too; one that does not is
    // now a subset of the caller.
    return;
  }
  case PolicyRowId::BaselineFeatures:
  case PolicyRowId::UnneededFeatures:
  case PolicyRowId::CodegenFeatures:
  case PolicyRowId::EncodingFeatures:
  case PolicyRowId::TuningFeatures:
    adoptSubtarget(Caller, Callee);
    return;
  default:
    return;
  }
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
  SmallVector<Finding, 4> Findings = decide(CB, Callee);
  if (Findings.empty())
    return false;

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
  SmallPtrSet<Function *, 8> Cleaned;
  for (Function &F : M) {
    if (!isLinkedHelper(F) || !F.hasFnAttribute("target-features"))
      continue;
    SmallVector<std::string, 4> Dropped;
    std::string Kept = Features.dropUnknownDisables(
        F.getFnAttribute("target-features").getValueAsString(), Dropped);
    if (Dropped.empty())
      continue;
    F.addFnAttr("target-features", Kept);
    Cleaned.insert(&F);
    Changed = true;
  }
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
  OS << "rust-helpers-reconcile";
  if (Options.Hardening != HardeningMode::Strengthen)
    OS << "<hardening=" << getHardeningModeName(Options.Hardening) << ">";
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
