//===- SubtargetNeeds.cpp - What a helper's body needs of a subtarget -----===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/SubtargetNeeds.h"
#include "passes/LLVMCompat.h"

#include "passes/TargetFeatures.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/CodeGen/TargetLowering.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"

using namespace llvm;

namespace rih {

SubtargetLimits::SubtargetLimits(const Triple &TT) : TT(TT) {}

SubtargetLimits::~SubtargetLimits() = default;

std::optional<unsigned> SubtargetLimits::getMaxAtomicBits(const Function &F) {
  if (!Initialized) {
    Initialized = true;
    std::string Err;
    if (const Target *T = compat::lookupTarget(TT, Err))
      TM.reset(compat::createTargetMachine(*T, TT));
  }
  if (!TM)
    return std::nullopt;
  const TargetSubtargetInfo *STI = TM->getSubtargetImpl(F);
  if (!STI || !STI->getTargetLowering())
    return std::nullopt;
  return STI->getTargetLowering()->getMaxAtomicSizeInBitsSupported();
}

/// The widest atomic access of \p F, in bits, and the instruction's name;
/// 0 when it has none.
static std::pair<uint64_t, StringRef> widestAtomic(const Function &F) {
  const DataLayout &DL = F.getDataLayout();
  std::pair<uint64_t, StringRef> Widest{0, ""};
  for (const Instruction &I : instructions(F)) {
    Type *Ty = nullptr;
    if (const auto *LI = dyn_cast<LoadInst>(&I); LI && LI->isAtomic())
      Ty = LI->getType();
    else if (const auto *SI = dyn_cast<StoreInst>(&I); SI && SI->isAtomic())
      Ty = SI->getValueOperand()->getType();
    else if (const auto *CX = dyn_cast<AtomicCmpXchgInst>(&I))
      Ty = CX->getCompareOperand()->getType();
    else if (const auto *RMW = dyn_cast<AtomicRMWInst>(&I))
      Ty = RMW->getValOperand()->getType();
    if (!Ty)
      continue;
    uint64_t Bits = DL.getTypeStoreSizeInBits(Ty).getFixedValue();
    if (Bits > Widest.first)
      Widest = {Bits, I.getOpcodeName()};
  }
  return Widest;
}

std::string findUnmetBodyNeed(const Function &Caller, const Function &Callee,
                              SubtargetLimits &Limits,
                              TargetFeatureOracle &Features) {
  auto [Bits, What] = widestAtomic(Callee);
  if (Bits == 0)
    return {};
  std::optional<unsigned> CallerMax = Limits.getMaxAtomicBits(Caller);
  std::optional<unsigned> CalleeMax = Limits.getMaxAtomicBits(Callee);
  // Wider than either side does inline: a libcall with or without inlining.
  if (!CallerMax || !CalleeMax || Bits <= *CallerMax || Bits > *CalleeMax)
    return {};
  std::string Extra;
  if (std::optional<FeatureComparison> C = Features.compare(Caller, Callee);
      C && !C->Extra.empty()) {
    SmallVector<std::string, 4> Plus;
    for (const std::string &F : C->Extra)
      Plus.push_back("+" + F);
    Extra = " (the helper has " + join(Plus, ",") + ", which the caller lacks)";
  }
  return ("the helper does a " + Twine(Bits / 8) + "-byte atomic " + What +
          ", which the caller's subtarget does inline only up to " +
          Twine(*CallerMax / 8) + " bytes" + Extra +
          ": inlined, it would become an __atomic_* libcall")
      .str();
}

} // namespace rih
