//===- ModuleFlagPolicy.cpp - Module flags before the IR linker -----------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/ModuleFlagPolicy.h"
#include "passes/LLVMCompat.h"

#include "passes/HelperDiagnostics.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/AutoUpgrade.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace rih {
namespace {

struct FlagValue {
  Module::ModFlagBehavior Behavior;
  Metadata *Val;
};

StringMap<FlagValue> readFlags(const Module &M) {
  SmallVector<Module::ModuleFlagEntry, 16> Entries;
  M.getModuleFlagsMetadata(Entries);
  StringMap<FlagValue> Out;
  for (const Module::ModuleFlagEntry &E : Entries)
    Out[E.Key->getString()] = {E.Behavior, E.Val};
  return Out;
}

std::optional<uint64_t> asInt(const FlagValue *V) {
  if (!V)
    return 0; // A missing flag counts as 0, as in the IR linker.
  if (auto *C = mdconst::dyn_extract_or_null<ConstantInt>(V->Val))
    return C->getZExtValue();
  return std::nullopt;
}

std::string show(const FlagValue *V) {
  if (!V)
    return "absent";
  if (std::optional<uint64_t> I = asInt(V))
    return std::to_string(*I);
  if (auto *S = dyn_cast<MDString>(V->Val))
    return ("\"" + S->getString() + "\"").str();
  return "a non-integer value";
}

/// Strength of an integer flag value: the value itself, except for row
/// FramePointerFlag's, whose values are not ordered by strength.
uint64_t strength(StringRef Key, uint64_t V) {
  if (!rowCovers(PolicyRowId::FramePointerFlag, Key))
    return V;
  return getFramePointerFlagStrength(V);
}

bool sameValue(const FlagValue *A, const FlagValue *B) {
  if (A && B && A->Val == B->Val)
    return true;
  std::optional<uint64_t> X = asInt(A), Y = asInt(B);
  return X && Y && *X == *Y; // A missing flag counts as 0.
}

/// Removes module flag \p Key from \p M.
void eraseModuleFlag(Module &M, StringRef Key) {
  NamedMDNode *Flags = M.getModuleFlagsMetadata();
  if (!Flags)
    return;
  SmallVector<MDNode *, 16> Keep;
  for (MDNode *Op : Flags->operands())
    if (Op->getNumOperands() < 2 || !isa<MDString>(Op->getOperand(1)) ||
        cast<MDString>(Op->getOperand(1))->getString() != Key)
      Keep.push_back(Op);
  Flags->clearOperands();
  for (MDNode *Op : Keep)
    Flags->addOperand(Op);
}

/// The code model a "Code Model" flag value names; an absent flag is the
/// small model, every static compiler's default for x86-64, AArch64 and
/// RISC-V (medlow).  std::nullopt for a value this LLVM does not define.
std::optional<CodeModel::Model> codeModelOf(const FlagValue *V) {
  if (!V)
    return CodeModel::Small;
  std::optional<uint64_t> I = asInt(V);
  if (!I || *I > CodeModel::Large)
    return std::nullopt;
  return static_cast<CodeModel::Model>(*I);
}

/// Whether code compiled for \p Helper stays valid when compiled again for
/// \p Crate: each larger model assumes less of where the program lies
/// (tiny < small < medium < large, as in the x86-64 and RISC-V psABIs:
/// medlow < medany).  The kernel model (x86-64: the top 2 GiB) only
/// under itself.
bool codeModelWithin(CodeModel::Model Helper, CodeModel::Model Crate) {
  if (Helper == Crate)
    return true;
  if (Helper == CodeModel::Kernel || Crate == CodeModel::Kernel)
    return false;
  auto Rank = [](CodeModel::Model M) {
    switch (M) {
    case CodeModel::Tiny:
      return 0;
    case CodeModel::Small:
      return 1;
    case CodeModel::Medium:
      return 2;
    default:
      return 3;
    }
  };
  return Rank(Helper) < Rank(Crate);
}

/// The name of \p CM as the target's compilers spell it.
std::string codeModelName(std::optional<CodeModel::Model> CM,
                          const Triple &TT) {
  if (!CM)
    return "unknown";
  if (TT.isRISCV() && (*CM == CodeModel::Small || *CM == CodeModel::Medium))
    return *CM == CodeModel::Small ? "medlow" : "medany";
  switch (*CM) {
  case CodeModel::Tiny:
    return "tiny";
  case CodeModel::Small:
    return "small";
  case CodeModel::Kernel:
    return "kernel";
  case CodeModel::Medium:
    return "medium";
  case CodeModel::Large:
    return "large";
  }
  return "unknown";
}

uint64_t intFlag(const StringMap<FlagValue> &Flags, StringRef Key) {
  auto It = Flags.find(Key);
  std::optional<uint64_t> V = asInt(It == Flags.end() ? nullptr : &It->second);
  return V.value_or(0);
}

/// Row OldBranchProtection: bitcode from clang <= 18 spells pac-ret and BTI
/// as module flags of value 1 only.  LLVM's reader copies them onto each
/// function when the module is materialized, unless a flag is 2 by then:
/// do it now, before the flags are compared (and raised).
void upgradeOldBranchProtection(Module &Helper,
                                SmallVectorImpl<ModuleFlagChange> &Changes) {
  StringMap<FlagValue> Before = readFlags(Helper);
  compat::copyBranchProtectionToFunctions(Helper);
  StringMap<FlagValue> After = readFlags(Helper);
  for (StringRef Key : getRowKeys(PolicyRowId::OldBranchProtection))
    if (intFlag(Before, Key) == 1 && intFlag(After, Key) == 2)
      Changes.push_back({Key.str(), PolicyRowId::OldBranchProtection,
                         "1 (flag only) copied onto the helper's functions "
                         "first, as LLVM's reader does"});
}

/// Row PICFlags: a helper less position-independent than the crate (no PIC
/// Level where the crate has one, or a PIE Level where the crate, a shared
/// library, has none) assumed its symbols resolve locally.  Inlined into
/// the crate, that is only true where the crate says so: drop dso_local
/// from its non-local symbols (a GOT access is right everywhere).
void makeHelperPreemptible(Module &Helper, const StringMap<FlagValue> &Mine,
                           const StringMap<FlagValue> &Theirs,
                           std::optional<unsigned> InFile,
                           SmallVectorImpl<ModuleFlagChange> &Changes) {
  uint64_t CratePIC = intFlag(Mine, "PIC Level"),
           HelperPIC = intFlag(Theirs, "PIC Level"),
           CratePIE = intFlag(Mine, "PIE Level"),
           HelperPIE = intFlag(Theirs, "PIE Level");
  if (HelperPIC >= CratePIC && HelperPIE <= CratePIE)
    return;
  unsigned Changed = 0;
  for (GlobalValue &GV : Helper.global_values())
    if (!GV.hasLocalLinkage() && GV.hasDefaultVisibility() && GV.isDSOLocal()) {
      GV.setDSOLocal(false);
      ++Changed;
    }
  Changes.push_back(
      {"PIC Level", PolicyRowId::PICFlags,
       "helper built with PIC Level " + std::to_string(HelperPIC) +
           " and PIE Level " + std::to_string(HelperPIE) +
           " for a crate with " + std::to_string(CratePIC) + " and " +
           std::to_string(CratePIE) + ": " +
           std::to_string(InFile.value_or(Changed)) +
           " of its symbols made preemptible (dso_local dropped)"});
}

} // namespace

FlagVerdict reconcileModuleFlags(Module &Crate, Module &Helper,
                                 StringRef HelperPath, HardeningMode Mode,
                                 SmallVectorImpl<ModuleFlagChange> &Changes,
                                 std::string &SkipReason,
                                 std::optional<unsigned> PreemptibleInFile) {
  // A helper module without any flag (hand-written IR) says nothing: it
  // takes the crate's, as the IR linker does when one side has none.  Only
  // adding one of ours to it would make the linker's Min rule lower the
  // crate's flags (PIC Level) to 0.
  if (!Helper.getModuleFlagsMetadata())
    if (NamedMDNode *Flags = Crate.getModuleFlagsMetadata())
      for (MDNode *Flag : Flags->operands())
        Helper.getOrInsertModuleFlagsMetadata()->addOperand(Flag);
  upgradeOldBranchProtection(Helper, Changes);
  StringMap<FlagValue> Mine = readFlags(Crate), Theirs = readFlags(Helper);
  makeHelperPreemptible(Helper, Mine, Theirs, PreemptibleInFile, Changes);
  SmallVector<std::string, 16> Keys;
  for (const auto &E : Mine)
    Keys.push_back(E.getKey().str());
  for (const auto &E : Theirs)
    if (!Mine.count(E.getKey()))
      Keys.push_back(E.getKey().str());
  llvm::sort(Keys);

  LLVMContext &Ctx = Crate.getContext();
  for (const std::string &Key : Keys) {
    const PolicyRow &Row = getModuleFlagRow(Key);
    if (Row.Rule == PolicyRule::LinkerMerge)
      continue;
    auto MI = Mine.find(Key), TI = Theirs.find(Key);
    const FlagValue *A = MI == Mine.end() ? nullptr : &MI->second;
    const FlagValue *B = TI == Theirs.end() ? nullptr : &TI->second;
    if (sameValue(A, B))
      continue;
    std::string Both = "module flag '" + Key + "' is " + show(B) +
                       " in helper file '" + HelperPath.str() + "' but " +
                       show(A) + " in module '" + Crate.getModuleIdentifier() +
                       "'";

    if (Row.Rule == PolicyRule::CalleeDropped) {
      eraseModuleFlag(Helper, Key);
      Changes.push_back(
          {Key, Row.Id, "dropped from the helper file (was " + show(B) + ")"});
      continue;
    }
    if (Row.Rule == PolicyRule::CalleeAdopts) {
      std::string Adopted = "set to the crate's " + show(A) +
                            " in the helper file (was " + show(B) + ")";
      // Row CodeModelFlags adopts only a larger model.
      if (Row.Id == PolicyRowId::CodeModelFlags) {
        std::optional<CodeModel::Model> HelperCM = codeModelOf(B),
                                        CrateCM = codeModelOf(A);
        Triple TT = compat::targetTriple(Crate);
        if (!HelperCM || !CrateCM || !codeModelWithin(*HelperCM, *CrateCM)) {
          reportError(Crate, Both + " (the " + codeModelName(HelperCM, TT) +
                                 " code model against the " +
                                 codeModelName(CrateCM, TT) + "; policy row " +
                                 Row.Name +
                                 ": helper code may only move to a larger "
                                 "model); build the C helpers for the "
                                 "crate's code model or a smaller one (" +
                                 Row.Source + ")");
          return FlagVerdict::Error;
        }
        Adopted = "helper code for the " + codeModelName(HelperCM, TT) +
                  " code model compiled for the crate's " +
                  codeModelName(CrateCM, TT) + " (was " + show(B) + ", now " +
                  show(A) + ")";
      }
      // The helper takes the crate's value (or none), keeping the crate's
      // merge behaviour.
      eraseModuleFlag(Helper, Key);
      if (A)
        Helper.addModuleFlag(A->Behavior, Key, A->Val);
      Changes.push_back({Key, Row.Id, std::move(Adopted)});
      continue;
    }
    if (Row.Rule == PolicyRule::MustMatch) {
      reportError(Crate, Both + " (policy row " + Row.Name +
                             ": must match); build the C helpers and the Rust "
                             "crate with the same setting (" +
                             Row.Source + ")");
      return FlagVerdict::Error;
    }
    // StrongestWins on integer flags.
    std::optional<uint64_t> X = asInt(A), Y = asInt(B);
    if (!X || !Y) {
      reportError(Crate, Both + " (policy row " + Row.Name +
                             "): not integers, cannot tell which is stronger; "
                             "build both sides with the same setting");
      return FlagVerdict::Error;
    }
    if (Mode == HardeningMode::Ignore) {
      reportWarning(Ctx, "hardening=ignore: " + Both +
                             "; the IR linker's merge may drop it for the "
                             "whole module (policy row " +
                             Row.Name + ")");
      continue;
    }
    // Strengthen: the weaker side takes the stronger value, keeping its own
    // merge behaviour when it has the flag.  Refuse: only the helper may be
    // raised; raising the crate would add a protection to the caller.
    bool RaiseCrate = strength(Key, *Y) > strength(Key, *X);
    if (RaiseCrate && Mode == HardeningMode::Refuse) {
      SkipReason = Both + " (policy row " + Row.Name +
                   ") and hardening=refuse forbids raising it in the crate";
      return FlagVerdict::Skip;
    }
    Module &Weak = RaiseCrate ? Crate : Helper;
    const FlagValue *Strong = RaiseCrate ? B : A;
    const FlagValue *WeakV = RaiseCrate ? A : B;
    Weak.setModuleFlag(WeakV ? WeakV->Behavior : Strong->Behavior, Key,
                       Strong->Val);
    Changes.push_back({Key, Row.Id,
                       "raised from " + show(WeakV) + " to " + show(Strong) +
                           " in the " +
                           (RaiseCrate ? "crate" : "helper file")});
  }
  return FlagVerdict::Link;
}

} // namespace rih
