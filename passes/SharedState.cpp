//===- SharedState.cpp - Keep one copy of a helper's data -----------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/SharedState.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace rih {

bool isMutableState(const GlobalValue &GV) {
  const auto *Var = dyn_cast<GlobalVariable>(&GV);
  return Var && !Var->isDeclaration() && !Var->isConstant();
}

/// Returns true when the constant \p C names a global with local linkage
/// that \p IsExported does not accept.
static bool
namesLocalGlobal(const Constant *C,
                 function_ref<bool(const GlobalValue &)> IsExported) {
  SmallVector<const Constant *, 8> Work{C};
  SmallPtrSet<const Constant *, 16> Seen;
  while (!Work.empty()) {
    const Constant *Cur = Work.pop_back_val();
    if (!Seen.insert(Cur).second)
      continue;
    if (const auto *GV = dyn_cast<GlobalValue>(Cur)) {
      if (GV->hasLocalLinkage() && !IsExported(*GV))
        return true;
      continue;
    }
    for (const Use &Op : Cur->operands())
      if (const auto *OpC = dyn_cast<Constant>(Op.get()))
        Work.push_back(OpC);
  }
  return false;
}

DataSymbolRule
getDataSymbolRule(const GlobalVariable &Var,
                  function_ref<bool(const GlobalValue &)> IsExported) {
  if (Var.hasLinkOnceODRLinkage() || Var.hasWeakODRLinkage())
    return DataSymbolRule::KeepODR;
  if (Var.hasLinkOnceLinkage())
    return DataSymbolRule::NoSymbol;
  if (Var.isConstant() && Var.hasExternalLinkage() &&
      !Var.isExternallyInitialized() && Var.hasInitializer() &&
      !namesLocalGlobal(Var.getInitializer(), IsExported))
    return DataSymbolRule::AvailableExternally;
  return DataSymbolRule::Declare;
}

bool hasSignificantAddress(const GlobalVariable &Var) {
  return Var.hasLocalLinkage() && Var.isConstant() &&
         !Var.hasAtLeastLocalUnnamedAddr();
}

/// Appends to \p Where the functions and globals that use the constant
/// \p C, looking through other constants (constant expressions, aggregates).
static void findOwners(Constant *C, SmallVectorImpl<GlobalValue *> &Where) {
  SmallVector<Constant *, 8> Work{C};
  SmallPtrSet<Constant *, 16> Seen;
  while (!Work.empty()) {
    Constant *Cur = Work.pop_back_val();
    if (!Seen.insert(Cur).second)
      continue;
    for (User *U : Cur->users()) {
      if (auto *I = dyn_cast<Instruction>(U))
        Where.push_back(I->getFunction());
      else if (auto *GV = dyn_cast<GlobalValue>(U))
        Where.push_back(GV);
      else if (auto *UC = dyn_cast<Constant>(U))
        Work.push_back(UC);
    }
  }
}

void findAddressEscapes(GlobalVariable &Var,
                        SmallVectorImpl<GlobalValue *> &Where) {
  // The pointer and what is derived from it without losing it: address
  // arithmetic and casts, as instructions or constant expressions.
  SmallVector<Value *, 8> Work{&Var};
  SmallPtrSet<Value *, 16> Seen;
  while (!Work.empty()) {
    Value *V = Work.pop_back_val();
    if (!Seen.insert(V).second)
      continue;
    for (Use &U : V->uses()) {
      User *Usr = U.getUser();
      auto *Op = dyn_cast<Operator>(Usr);
      bool Derives =
          Op && U.getOperandNo() == 0 &&
          (isa<GEPOperator>(Op) || Op->getOpcode() == Instruction::BitCast ||
           Op->getOpcode() == Instruction::AddrSpaceCast);
      if (Derives) {
        Work.push_back(Usr);
        continue;
      }
      if (auto *LI = dyn_cast<LoadInst>(Usr);
          LI && LI->getPointerOperand() == V)
        continue;
      if (auto *MT = dyn_cast<MemTransferInst>(Usr);
          MT && MT->getRawSource() == V && MT->getRawDest() != V)
        continue;
      if (auto *I = dyn_cast<Instruction>(Usr))
        Where.push_back(I->getFunction());
      else if (auto *GV = dyn_cast<GlobalValue>(Usr))
        Where.push_back(GV);
      else if (auto *C = dyn_cast<Constant>(Usr))
        findOwners(C, Where);
    }
  }
}

SmallVector<std::pair<GlobalValue *, GlobalVariable *>, 2>
findExportedUsers(Module &M, const SmallPtrSetImpl<GlobalValue *> &Linked,
                  function_ref<bool(const GlobalValue &)> IsExported,
                  ArrayRef<DataSeed> Seeds) {
  // Which data each value reaches (the first found is enough to name it).
  DenseMap<const Value *, GlobalVariable *> Reaches;
  SmallVector<const Value *, 16> Worklist;
  for (auto [From, Data] : Seeds)
    if (Reaches.try_emplace(From, Data).second)
      Worklist.push_back(From);
  while (!Worklist.empty()) {
    const Value *V = Worklist.pop_back_val();
    GlobalVariable *Data = Reaches.lookup(V);
    for (const User *U : V->users()) {
      const Value *Next = U;
      if (const auto *I = dyn_cast<Instruction>(U))
        Next = I->getFunction();
      // A global reached through its initializer or body; constant
      // expressions and aggregates pass the taint on.
      bool PassesOn = true;
      if (const auto *GV = dyn_cast<GlobalValue>(Next)) {
        if (!Linked.contains(const_cast<GlobalValue *>(GV)))
          continue; // Crate code: it only gets there through a helper.
        if (!GV->hasLocalLinkage() && !IsExported(*GV))
          continue; // Keeps its own symbol: not copied.
        // An exported global becomes a declaration: whoever uses it then
        // uses the helper object's, not a copy.
        PassesOn = !IsExported(*GV);
      } else if (!isa<Constant>(Next)) {
        continue;
      }
      if (Reaches.try_emplace(Next, Data).second && PassesOn)
        Worklist.push_back(Next);
    }
  }
  SmallVector<std::pair<GlobalValue *, GlobalVariable *>, 2> Out;
  for (GlobalValue &GV : M.global_values())
    if (Linked.contains(&GV) && IsExported(GV))
      if (GlobalVariable *Data = Reaches.lookup(&GV))
        Out.push_back({&GV, Data});
  return Out;
}

unsigned eraseDeadLocals(Module &M, SmallPtrSetImpl<GlobalValue *> &Linked) {
  unsigned Erased = 0;
  bool Progress = true;
  while (Progress) {
    Progress = false;
    SmallVector<GlobalValue *, 8> Dead;
    for (GlobalValue &GV : M.global_values()) {
      if (!Linked.contains(&GV) ||
          !(GV.hasLocalLinkage() || GV.hasLinkOnceLinkage()))
        continue;
      GV.removeDeadConstantUsers();
      if (GV.use_empty())
        Dead.push_back(&GV);
    }
    for (GlobalValue *GV : Dead) {
      Linked.erase(GV);
      if (auto *F = dyn_cast<Function>(GV))
        F->deleteBody(); // Drop its uses of others first.
      else if (auto *Var = dyn_cast<GlobalVariable>(GV))
        Var->setInitializer(nullptr);
    }
    for (GlobalValue *GV : Dead)
      GV->eraseFromParent();
    Erased += Dead.size();
    Progress = !Dead.empty();
  }
  return Erased;
}

} // namespace rih
