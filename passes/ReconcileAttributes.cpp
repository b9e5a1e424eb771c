//===- ReconcileAttributes.cpp - The function-attribute rows --------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One section per Attribute row of ReconcilePolicy.def that reconciles: how
// the difference is detected, next to how it is applied.  The names each row
// covers come from its Keys where the code iterates over them (sanitizers,
// no-builtin-*, the CompatRule list); values and orders are the rows' own.
//
//===----------------------------------------------------------------------===//

#include "passes/ReconcileRules.h"
#include "passes/LLVMCompat.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace rih {
namespace {

StringRef strAttr(const Function &F, StringRef Kind) {
  return F.getFnAttribute(Kind).getValueAsString();
}

} // namespace

//===----------------------------------------------------------------------===//
// Rows detected by LLVM's own checks (HelperReconcile.cpp maps the blockers)
//===----------------------------------------------------------------------===//

void applyNullPointerIsValid(Function &Caller, Function &) {
  Caller.addFnAttr(Attribute::NullPointerIsValid);
}

void applyNoBuiltins(Function &Caller, Function &Callee) {
  for (const Attribute &A : Callee.getAttributes().getFnAttrs())
    if (A.isStringAttribute() &&
        rowCovers(PolicyRowId::NoBuiltins, A.getKindAsString()))
      Caller.addFnAttr(A);
}

void applyOptNoneHelper(Function &, Function &Callee) {
  Callee.removeFnAttr(Attribute::OptimizeNone);
  Callee.removeFnAttr(Attribute::NoInline);
}

//===----------------------------------------------------------------------===//
// Row StackProtector
//===----------------------------------------------------------------------===//

namespace {
constexpr Attribute::AttrKind SSPKinds[] = {Attribute::StackProtect,
                                            Attribute::StackProtectStrong,
                                            Attribute::StackProtectReq};

/// Stack protector level: none 0, ssp 1, sspstrong 2, sspreq 3.
unsigned sspLevel(const Function &F) {
  for (unsigned I = std::size(SSPKinds); I != 0; --I)
    if (F.hasFnAttribute(SSPKinds[I - 1]))
      return I;
  return 0;
}

void detectStackProtector(const Function &Caller, const Function &Callee,
                          SmallVectorImpl<Finding> &Out) {
  if (unsigned Level = sspLevel(Callee); Level > sspLevel(Caller))
    Out.push_back({PolicyRowId::StackProtector,
                   Attribute::getNameFromAttrKind(SSPKinds[Level - 1]).str()});
}
} // namespace

void applyStackProtector(Function &Caller, Function &Callee) {
  for (Attribute::AttrKind K : SSPKinds)
    Caller.removeFnAttr(K);
  for (Attribute::AttrKind K : SSPKinds)
    if (Callee.hasFnAttribute(K))
      Caller.addFnAttr(K);
  // The smaller buffer size protects more functions.
  unsigned Mine = 0, Theirs = 0;
  bool HasMine =
      Caller.hasFnAttribute("stack-protector-buffer-size") &&
      !strAttr(Caller, "stack-protector-buffer-size").getAsInteger(10, Mine);
  if (Callee.hasFnAttribute("stack-protector-buffer-size") &&
      !strAttr(Callee, "stack-protector-buffer-size")
           .getAsInteger(10, Theirs) &&
      (!HasMine || Theirs < Mine))
    Caller.addFnAttr(Callee.getFnAttribute("stack-protector-buffer-size"));
}

//===----------------------------------------------------------------------===//
// Row ZeroCallUsedRegs (propagated after inlining, below)
//===----------------------------------------------------------------------===//

namespace {
/// The register-zeroing setting of \p F; "skip" counts as none.
StringRef zeroCallUsedRegs(const Function &F) {
  StringRef V = strAttr(F, "zero-call-used-regs");
  return V == "skip" ? StringRef() : V;
}

void detectZeroCallUsedRegs(const Function &Caller, const Function &Callee,
                            SmallVectorImpl<Finding> &Out) {
  StringRef CalleeZero = zeroCallUsedRegs(Callee);
  StringRef CallerZero = strAttr(Caller, "zero-call-used-regs");
  if (CalleeZero.empty() || CalleeZero == CallerZero)
    return;
  if (zeroCallUsedRegs(Caller).empty())
    Out.push_back({PolicyRowId::ZeroCallUsedRegs,
                   ("zero-call-used-regs=" + CalleeZero).str()});
  else
    Out.push_back({PolicyRowId::OtherHardening,
                   ("zero-call-used-regs is \"" + CalleeZero +
                    "\" in the helper, \"" + CallerZero + "\" in the caller")
                       .str()});
}
} // namespace

void applyZeroCallUsedRegs(Function &Caller, Function &Callee) {
  Caller.addFnAttr(Callee.getFnAttribute("zero-call-used-regs"));
}

//===----------------------------------------------------------------------===//
// Row ReturnThunk (propagated after inlining, below)
//===----------------------------------------------------------------------===//

namespace {
void detectReturnThunk(const Function &Caller, const Function &Callee,
                       SmallVectorImpl<Finding> &Out) {
  if (Callee.hasFnAttribute(Attribute::FnRetThunkExtern) &&
      !Caller.hasFnAttribute(Attribute::FnRetThunkExtern))
    Out.push_back({PolicyRowId::ReturnThunk, "fn_ret_thunk_extern"});
}
} // namespace

void applyReturnThunk(Function &Caller, Function &) {
  Caller.addFnAttr(Attribute::FnRetThunkExtern);
}

//===----------------------------------------------------------------------===//
// Row FramePointer
//===----------------------------------------------------------------------===//

namespace {
/// The strength of \p F's frame-pointer (absent: none), or std::nullopt for
/// a value this policy does not know.
std::optional<unsigned> framePointerStrength(const Function &F) {
  if (!F.hasFnAttribute("frame-pointer"))
    return 0;
  return getFramePointerStrength(strAttr(F, "frame-pointer"));
}

void detectFramePointer(const Function &Caller, const Function &Callee,
                        SmallVectorImpl<Finding> &Out) {
  std::optional<unsigned> CalleeFP = framePointerStrength(Callee),
                          CallerFP = framePointerStrength(Caller);
  if (!CalleeFP || !CallerFP) {
    if (strAttr(Callee, "frame-pointer") != strAttr(Caller, "frame-pointer"))
      Out.push_back({PolicyRowId::OtherHardening,
                     "frame-pointer values this policy does not know"});
  } else if (*CalleeFP > *CallerFP) {
    Out.push_back(
        {PolicyRowId::FramePointer,
         ("frame-pointer=" + strAttr(Callee, "frame-pointer")).str()});
  }
}
} // namespace

void applyFramePointer(Function &Caller, Function &Callee) {
  Caller.addFnAttr(Callee.getFnAttribute("frame-pointer"));
}

//===----------------------------------------------------------------------===//
// Row ProbeStack
//===----------------------------------------------------------------------===//

namespace {
void detectProbeStack(const Function &Caller, const Function &Callee,
                      SmallVectorImpl<Finding> &Out) {
  if (Callee.hasFnAttribute("probe-stack") &&
      !Caller.hasFnAttribute("probe-stack"))
    Out.push_back({PolicyRowId::ProbeStack,
                   ("probe-stack=" + strAttr(Callee, "probe-stack")).str()});
}
} // namespace

void applyProbeStack(Function &Caller, Function &Callee) {
  Caller.addFnAttr(Callee.getFnAttribute("probe-stack"));
  if (Callee.hasFnAttribute("stack-probe-size"))
    Caller.addFnAttr(Callee.getFnAttribute("stack-probe-size"));
}

//===----------------------------------------------------------------------===//
// Row BranchTargets
//===----------------------------------------------------------------------===//

namespace {
void detectBranchTargets(const Function &Caller, const Function &Callee,
                         SmallVectorImpl<Finding> &Out) {
  if (Callee.hasFnAttribute("branch-target-enforcement") &&
      !Caller.hasFnAttribute("branch-target-enforcement"))
    Out.push_back({PolicyRowId::BranchTargets, "branch-target-enforcement"});
}
} // namespace

void applyBranchTargets(Function &Caller, Function &Callee) {
  Caller.addFnAttr(Callee.getFnAttribute("branch-target-enforcement"));
}

void detectUnmergedHardening(const Function &Caller, const Function &Callee,
                             SmallVectorImpl<Finding> &Out) {
  detectStackProtector(Caller, Callee, Out);
  detectZeroCallUsedRegs(Caller, Callee, Out);
  detectReturnThunk(Caller, Callee, Out);
  detectFramePointer(Caller, Callee, Out);
  detectProbeStack(Caller, Callee, Out);
  detectBranchTargets(Caller, Callee, Out);
}

//===----------------------------------------------------------------------===//
// Row Sanitizers
//===----------------------------------------------------------------------===//

namespace {
void detectSanitizers(const Function &Caller, const Function &Callee,
                      SmallVectorImpl<Finding> &Out) {
  for (Attribute::AttrKind K : getSanitizerKinds())
    if (Caller.hasFnAttribute(K) != Callee.hasFnAttribute(K))
      Out.push_back({PolicyRowId::Sanitizers,
                     Attribute::getNameFromAttrKind(K).str() +
                         (Callee.hasFnAttribute(K) ? " on the helper only"
                                                   : " on the caller only")});
}
} // namespace

void applySanitizers(Function &Caller, Function &Callee) {
  for (Attribute::AttrKind K : getSanitizerKinds()) {
    if (Callee.hasFnAttribute(K))
      Caller.addFnAttr(K);
    if (Caller.hasFnAttribute(K))
      Callee.addFnAttr(K);
  }
}

//===----------------------------------------------------------------------===//
// Row ShadowCallStack
//===----------------------------------------------------------------------===//

namespace {
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

void detectShadowCallStack(const Function &Caller, const Function &Callee,
                           SmallVectorImpl<Finding> &Out) {
  if (Caller.hasFnAttribute(Attribute::ShadowCallStack) ==
      Callee.hasFnAttribute(Attribute::ShadowCallStack))
    return;
  const Function &Lacking =
      Callee.hasFnAttribute(Attribute::ShadowCallStack) ? Caller : Callee;
  if (reservesShadowStackRegister(Lacking))
    Out.push_back({PolicyRowId::ShadowCallStack,
                   &Lacking == &Caller ? "shadowcallstack on the helper only"
                                       : "shadowcallstack on the caller only"});
  else
    Out.push_back({PolicyRowId::OtherHardening,
                   "shadowcallstack differs and the side without it does "
                   "not reserve x18 (-ffixed-x18 / -Zfixed-x18)"});
}
} // namespace

void applyShadowCallStack(Function &Caller, Function &Callee) {
  Caller.addFnAttr(Attribute::ShadowCallStack);
  Callee.addFnAttr(Attribute::ShadowCallStack);
}

//===----------------------------------------------------------------------===//
// Row PointerAuth
//===----------------------------------------------------------------------===//

namespace {
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

void detectPointerAuth(const Function &Caller, const Function &Callee,
                       SmallVectorImpl<Finding> &Out) {
  int CallerPac = signReturnLevel(Caller), CalleePac = signReturnLevel(Callee);
  StringRef CallerKey = strAttr(Caller, "sign-return-address-key");
  StringRef CalleeKey = strAttr(Callee, "sign-return-address-key");
  if (CallerPac == CalleePac && CallerKey == CalleeKey &&
      strAttr(Caller, "branch-protection-pauth-lr") ==
          strAttr(Callee, "branch-protection-pauth-lr"))
    return;
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
} // namespace

void applyPointerAuth(Function &Caller, Function &Callee) {
  Function &Strong =
      signReturnLevel(Callee) >= signReturnLevel(Caller) ? Callee : Caller;
  Function &Weak = &Strong == &Callee ? Caller : Callee;
  for (StringRef K : getRowKeys(PolicyRowId::PointerAuth)) {
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
}

//===----------------------------------------------------------------------===//
// Rows that must match: OtherHardening (safestack), FloatSemantics,
// ProfileAttributes; CompatRuleAttributes for the rest.
//===----------------------------------------------------------------------===//

void detectCompatRule(const Function &Caller, const Function &Callee,
                      SmallVectorImpl<Finding> &Out) {
  size_t Before = Out.size();
  detectSanitizers(Caller, Callee, Out);
  detectShadowCallStack(Caller, Callee, Out);
  if (Caller.hasFnAttribute(Attribute::SafeStack) !=
      Callee.hasFnAttribute(Attribute::SafeStack))
    Out.push_back({PolicyRowId::OtherHardening,
                   "safestack differs (needs the runtime's unsafe stack)"});
  detectPointerAuth(Caller, Callee, Out);
  for (StringRef K : getRowKeys(PolicyRowId::FloatSemantics))
    if (attributeDiffers(Caller, Callee, K))
      Out.push_back({PolicyRowId::FloatSemantics, (K + " differs").str()});
  if (any_of(getRowKeys(PolicyRowId::ProfileAttributes),
             [&](StringRef K) { return attributeDiffers(Caller, Callee, K); }))
    Out.push_back({PolicyRowId::ProfileAttributes,
                   "noprofile or use-sample-profile differs"});

  if (Out.size() == Before)
    Out.push_back({PolicyRowId::CompatRuleAttributes,
                   "AttributeFuncs::areInlineCompatible refuses"});
}

//===----------------------------------------------------------------------===//
// Propagation of rows ZeroCallUsedRegs and ReturnThunk after inlining
//===----------------------------------------------------------------------===//

bool propagateUnmergedHardening(Module &M, HelperReport *Report) {
  SmallVector<Function *, 16> Work;
  for (Function &F : M)
    if (!F.isDeclaration() && !isLinkedHelper(F) &&
        (!zeroCallUsedRegs(F).empty() ||
         F.hasFnAttribute(Attribute::FnRetThunkExtern)))
      Work.push_back(&F);
  bool Changed = false;
  while (!Work.empty()) {
    Function *F = Work.pop_back_val();
    for (User *U : F->users()) {
      auto *CB = dyn_cast<CallBase>(U);
      if (!CB || CB->getCalledOperand() != F)
        continue;
      Function *G = CB->getFunction();
      if (isLinkedHelper(*G))
        continue;
      bool Gained = false;
      if (!zeroCallUsedRegs(*F).empty() &&
          strAttr(*G, "zero-call-used-regs").empty()) {
        G->addFnAttr("zero-call-used-regs", zeroCallUsedRegs(*F));
        Gained = true;
        if (Report)
          Report->notePropagated("zero-call-used-regs", G->getName());
      }
      if (F->hasFnAttribute(Attribute::FnRetThunkExtern) &&
          !G->hasFnAttribute(Attribute::FnRetThunkExtern)) {
        G->addFnAttr(Attribute::FnRetThunkExtern);
        Gained = true;
        if (Report)
          Report->notePropagated("fn_ret_thunk_extern", G->getName());
      }
      if (!Gained)
        continue;
      Changed = true;
      Work.push_back(G);
      OptimizationRemarkEmitter ORE(G);
      ORE.emit([&] {
        return OptimizationRemarkAnalysis(RemarkPassName, "Propagated", G)
               << ore::NV("Caller", G->getName()) << " gains the hardening of "
               << ore::NV("Callee", F->getName())
               << ", whose code it may inline";
      });
    }
  }
  return Changed;
}

} // namespace rih
