//===- ReconcileTarget.cpp - The target-feature rows ----------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The FeatureClass rows of ReconcilePolicy.def: each feature a helper has and
// its caller lacks falls into one class, by the rows' Keys (HardeningFeatures,
// CodegenFeatures, EncodingFeatures, FloatABI) or by the target's
// MCSubtargetInfo tables (BaselineFeatures, TuningFeatures; TargetFeatures.h);
// the rest is OtherFeatures unless the helper's body cannot need it
// (UnneededFeatures).  Every class that reconciles is applied by one of two
// actions: the caller gains hardening features, or the helper adopts the
// caller's subtarget.
//
//===----------------------------------------------------------------------===//

#include "passes/ReconcileRules.h"
#include "passes/LLVMCompat.h"

#include "passes/HelperOrigin.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace rih {
namespace {

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

} // namespace

TargetRules::TargetRules(Module &M)
    : M(M), Features(compat::targetTriple(M)), Limits(compat::targetTriple(M)) {
}

SmallPtrSet<Function *, 8> TargetRules::dropRemovedFeatures() {
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
  }
  return Cleaned;
}

void TargetRules::detectBodyNeeds(const Function &Caller,
                                  const Function &Callee,
                                  SmallVectorImpl<Finding> &Out) {
  if (std::string Need = findUnmetBodyNeed(Caller, Callee, Limits, Features);
      !Need.empty())
    Out.push_back({PolicyRowId::OtherFeatures, std::move(Need)});
}

void TargetRules::detect(Function &Caller, Function &Callee,
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
    if (rowCovers(PolicyRowId::HardeningFeatures, F))
      Hardening.push_back(F);
    else if (rowCovers(PolicyRowId::CodegenFeatures, F))
      Codegen.push_back(F);
    else if (rowCovers(PolicyRowId::EncodingFeatures, F) &&
             (!HasAsm || F == "relax"))
      Encoding.push_back(F);
    else if (rowCovers(PolicyRowId::FloatABI, F))
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
    if (!rowCovers(PolicyRowId::HardeningFeatures, F) &&
        !rowCovers(PolicyRowId::CodegenFeatures, F))
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

void TargetRules::applyHardeningFeatures(const Finding &F, Function &Caller) {
  std::string FS = Caller.getFnAttribute("target-features")
                       .getValueAsString()
                       .str();
  for (const std::string &Feature : F.Features)
    FS += (FS.empty() ? "" : ",") + Feature;
  Caller.addFnAttr("target-features", FS);
  // A helper that adopts later takes these too; one that does not is now a
  // subset of the caller.
}

void TargetRules::adoptSubtarget(Function &Caller, Function &Callee) {
  for (StringRef Kind : {"target-cpu", "target-features", "tune-cpu"}) {
    if (Caller.hasFnAttribute(Kind))
      Callee.addFnAttr(Caller.getFnAttribute(Kind));
    else
      Callee.removeFnAttr(Kind);
  }
  Adopted.insert(&Callee);
}

} // namespace rih
