//===- SharedState.cpp - Keep one copy of a helper's state ----------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/SharedState.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace rih {

bool isMutableState(const GlobalValue &GV) {
  const auto *Var = dyn_cast<GlobalVariable>(&GV);
  return Var && !Var->isDeclaration() && !Var->isConstant();
}

SmallVector<std::pair<GlobalValue *, GlobalVariable *>, 2>
findStateUsers(Module &M, const SmallPtrSetImpl<GlobalValue *> &Linked,
               function_ref<bool(const GlobalValue &)> IsExported) {
  // Which state each value reaches (the first found is enough to name it).
  DenseMap<const Value *, GlobalVariable *> Reaches;
  SmallVector<const Value *, 16> Worklist;
  for (GlobalValue *GV : Linked)
    if (GV->hasLocalLinkage() && isMutableState(*GV)) {
      Reaches[GV] = cast<GlobalVariable>(GV);
      Worklist.push_back(GV);
    }
  while (!Worklist.empty()) {
    const Value *V = Worklist.pop_back_val();
    GlobalVariable *State = Reaches.lookup(V);
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
      if (Reaches.try_emplace(Next, State).second && PassesOn)
        Worklist.push_back(Next);
    }
  }
  SmallVector<std::pair<GlobalValue *, GlobalVariable *>, 2> Out;
  for (GlobalValue &GV : M.global_values())
    if (Linked.contains(&GV) && IsExported(GV))
      if (GlobalVariable *State = Reaches.lookup(&GV))
        Out.push_back({&GV, State});
  return Out;
}

unsigned eraseDeadLocals(Module &M, SmallPtrSetImpl<GlobalValue *> &Linked) {
  unsigned Erased = 0;
  bool Progress = true;
  while (Progress) {
    Progress = false;
    SmallVector<GlobalValue *, 8> Dead;
    for (GlobalValue &GV : M.global_values()) {
      if (!Linked.contains(&GV) || !GV.hasLocalLinkage())
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
