//===- HelperOrigin.cpp - Which functions are linked C helpers ------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperOrigin.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace rih {

// The origin mark is !{!"path", i1 dso_local, i8 visibility, i1 discardable,
// !"in-module definition"}.
void setHelperOrigin(Function &F, StringRef Path, const HelperSymbol &Symbol) {
  LLVMContext &Ctx = F.getContext();
  auto Int = [&Ctx](unsigned Bits, uint64_t V) {
    return ConstantAsMetadata::get(
        ConstantInt::get(IntegerType::get(Ctx, Bits), V));
  };
  F.setMetadata(
      OriginMDKind,
      MDTuple::get(Ctx, {MDString::get(Ctx, Path), Int(1, Symbol.DSOLocal),
                         Int(8, Symbol.Visibility), Int(1, Symbol.Discardable),
                         MDString::get(Ctx, Symbol.InModule)}));
}

HelperSymbol getHelperSymbol(const Function &F) {
  HelperSymbol Symbol;
  const MDNode *N = F.getMetadata(OriginMDKind);
  if (!N || N->getNumOperands() != 5)
    return Symbol;
  auto Int = [N](unsigned I) {
    return mdconst::extract<ConstantInt>(N->getOperand(I))->getZExtValue();
  };
  Symbol.DSOLocal = Int(1);
  Symbol.Visibility = static_cast<GlobalValue::VisibilityTypes>(Int(2));
  Symbol.Discardable = Int(3);
  if (auto *S = dyn_cast<MDString>(N->getOperand(4)))
    Symbol.InModule = S->getString().str();
  return Symbol;
}

bool restoreDeclaration(Function &F) {
  HelperSymbol Symbol = getHelperSymbol(F);
  if (Symbol.Discardable)
    return false;
  if (!Symbol.InModule.empty()) {
    Function *Original = F.getParent()->getFunction(Symbol.InModule);
    if (!Original || Original->isDeclaration() ||
        Original->getFunctionType() != F.getFunctionType())
      return false; // Keep the copy: nothing else defines it here.
    F.replaceAllUsesWith(Original);
    F.eraseFromParent();
    return true;
  }
  MDNode *KCFIType = F.getMetadata(LLVMContext::MD_kcfi_type);
  F.deleteBody(); // Also makes the linkage external.
  F.clearMetadata();
  F.setComdat(nullptr);
  F.setVisibility(Symbol.Visibility);
  F.setDSOLocal(Symbol.DSOLocal || !F.hasDefaultVisibility());
  if (KCFIType)
    F.setMetadata(LLVMContext::MD_kcfi_type, KCFIType);
  return true;
}

void setKeptReason(Function &F, StringRef Reason) {
  LLVMContext &Ctx = F.getContext();
  F.setMetadata(KeptMDKind, MDTuple::get(Ctx, {MDString::get(Ctx, Reason)}));
}

StringRef getKeptReason(const Function &F) {
  const MDNode *N = F.getMetadata(KeptMDKind);
  if (!N || N->getNumOperands() != 1)
    return {};
  if (auto *S = dyn_cast<MDString>(N->getOperand(0)))
    return S->getString();
  return {};
}

StringRef getHelperOrigin(const Function &F) {
  const MDNode *N = F.getMetadata(OriginMDKind);
  if (!N || N->getNumOperands() == 0)
    return {};
  if (auto *S = dyn_cast<MDString>(N->getOperand(0)))
    return S->getString();
  return {};
}

std::string getHelperName(const Function &F) {
  std::string InModule = getHelperSymbol(F).InModule;
  if (!InModule.empty())
    return InModule;
  StringRef Name = F.getName();
  Name.consume_back(LateCopySuffix);
  return Name.str();
}

bool isLinkedHelper(const Function &F) {
  return !F.isDeclaration() && !getHelperOrigin(F).empty();
}

Function *getCalledHelper(const CallBase &CB) {
  Function *Callee = CB.getCalledFunction();
  if (Callee && isLinkedHelper(*Callee))
    return Callee;
  return nullptr;
}

static SmallVector<StringRef, 4> readStrings(const MDNode *N) {
  SmallVector<StringRef, 4> Out;
  if (!N)
    return Out;
  for (const MDOperand &Op : N->operands())
    if (auto *S = dyn_cast_or_null<MDString>(Op.get()))
      Out.push_back(S->getString());
  return Out;
}

/// Sets \p CB's metadata \p Kind to a tuple of the strings \p Strings.
template <typename StringT>
static void writeStrings(CallBase &CB, const char *Kind,
                         ArrayRef<StringT> Strings) {
  LLVMContext &Ctx = CB.getContext();
  SmallVector<Metadata *, 4> Ops;
  for (StringRef S : Strings)
    Ops.push_back(MDString::get(Ctx, S));
  CB.setMetadata(Kind, MDTuple::get(Ctx, Ops));
}

void addReconciledRows(CallBase &CB, ArrayRef<StringRef> Rows) {
  SmallVector<StringRef, 4> All = readStrings(CB.getMetadata(ReconciledMDKind));
  for (StringRef R : Rows)
    if (!is_contained(All, R))
      All.push_back(R);
  writeStrings<StringRef>(CB, ReconciledMDKind, All);
}

SmallVector<StringRef, 4> getReconciledRows(const CallBase &CB) {
  return readStrings(CB.getMetadata(ReconciledMDKind));
}

void setReconciledEarlier(CallBase &CB, ArrayRef<std::string> Rows) {
  writeStrings(CB, EarlierMDKind, Rows);
}

SmallVector<StringRef, 4> getReconciledEarlier(const CallBase &CB) {
  return readStrings(CB.getMetadata(EarlierMDKind));
}

void setRefusal(CallBase &CB, StringRef Reason) {
  writeStrings(CB, RefusedMDKind, ArrayRef<StringRef>(Reason));
}

StringRef getRefusal(const CallBase &CB) {
  SmallVector<StringRef, 4> S = readStrings(CB.getMetadata(RefusedMDKind));
  return S.empty() ? StringRef() : S.front();
}

void setForced(CallBase &CB) {
  CB.setMetadata(ForcedMDKind, MDTuple::get(CB.getContext(), {}));
}

bool isForced(const CallBase &CB) {
  return CB.getMetadata(ForcedMDKind) != nullptr;
}

void clearRefusal(CallBase &CB) { CB.setMetadata(RefusedMDKind, nullptr); }

void clearCallMarks(CallBase &CB) {
  CB.setMetadata(ReconciledMDKind, nullptr);
  CB.setMetadata(RefusedMDKind, nullptr);
  CB.setMetadata(ForcedMDKind, nullptr);
  CB.setMetadata(EarlierMDKind, nullptr);
}

} // namespace rih
