//===- InlineBlockers.cpp - What LLVM's own checks say about a call -------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/InlineBlockers.h"

#include "passes/ReconcilePolicy.h"
#include "passes/TargetFeatures.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/InlineCost.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace rih {

/// Names the attributes of Attributes.td's CompatRule list that differ
/// between \p Caller and \p Callee (for the message only; the decision is
/// AttributeFuncs::areInlineCompatible's): enum attributes first, then
/// string attributes with both values.
static std::string describeCompatRule(const Function &Caller,
                                      const Function &Callee) {
  SmallVector<std::string, 4> Diff;
  for (StringRef Name : getCompatRuleAttributes())
    if (isEnumAttribute(Name) && attributeDiffers(Caller, Callee, Name))
      Diff.push_back((Name + (getAttributeByName(Callee, Name).isValid()
                                  ? " (helper only)"
                                  : " (caller only)"))
                         .str());
  for (StringRef Name : getCompatRuleAttributes())
    if (!isEnumAttribute(Name) && attributeDiffers(Caller, Callee, Name))
      Diff.push_back((Name + "=\"" +
                      Callee.getFnAttribute(Name).getValueAsString() +
                      "\" in the helper, \"" +
                      Caller.getFnAttribute(Name).getValueAsString() +
                      "\" in the caller")
                         .str());
  if (Diff.empty())
    return "attributes that must match differ";
  return join(Diff, ", ");
}

static std::string describeBuiltins(const Function &Caller,
                                    const Function &Callee) {
  SmallVector<std::string, 4> Names;
  for (const Attribute &A : Callee.getAttributes().getFnAttrs()) {
    if (!A.isStringAttribute())
      continue;
    StringRef K = A.getKindAsString();
    if (rowCovers(PolicyRowId::NoBuiltins, K) && !Caller.hasFnAttribute(K))
      Names.push_back(K.str());
  }
  return join(Names, ", ") + " on the helper only";
}

static std::string describeTarget(const Function &Caller,
                                  const Function &Callee,
                                  TargetFeatureOracle *Oracle) {
  std::string Where =
      ("helper target-cpu=\"" +
       Callee.getFnAttribute("target-cpu").getValueAsString() +
       "\", caller target-cpu=\"" +
       Caller.getFnAttribute("target-cpu").getValueAsString() + "\"")
          .str();
  std::optional<FeatureComparison> C;
  if (Oracle)
    C = Oracle->compare(Caller, Callee);
  if (!C || C->Extra.empty())
    return "subtarget differs: " + Where;
  SmallVector<std::string, 8> Plus;
  for (const std::string &F : C->Extra)
    Plus.push_back("+" + F);
  return "subtarget differs: the helper has " + join(Plus, ",") +
         ", which the caller lacks (" + Where + ")";
}

SmallVector<Blocker, 4> findBlockers(CallBase &CB, Function &Callee,
                                     FunctionAnalysisManager &FAM,
                                     TargetFeatureOracle *Features) {
  SmallVector<Blocker, 4> Out;
  Function &Caller = *CB.getCaller();
  if (Callee.hasFnAttribute(Attribute::NoInline))
    Out.push_back({BlockerKind::NoInline, "noinline on the helper"});
  else if (CB.getAttributes().hasFnAttr(Attribute::NoInline))
    Out.push_back({BlockerKind::NoInline, "noinline on the call site"});
  if (Caller.hasOptNone())
    Out.push_back({BlockerKind::OptNoneCaller, "the caller is optnone"});

  if (!AttributeFuncs::areInlineCompatible(Caller, Callee))
    Out.push_back(
        {BlockerKind::CompatRule, describeCompatRule(Caller, Callee)});
  if (Callee.nullPointerIsDefined() && !Caller.nullPointerIsDefined())
    Out.push_back(
        {BlockerKind::NullPointer, "null_pointer_is_valid on the helper only"});
  const TargetLibraryInfo &CallerTLI =
      FAM.getResult<TargetLibraryAnalysis>(Caller);
  const TargetLibraryInfo &CalleeTLI =
      FAM.getResult<TargetLibraryAnalysis>(Callee);
  if (!CallerTLI.areInlineCompatible(CalleeTLI, /*AllowCallerSuperset=*/true))
    Out.push_back({BlockerKind::Builtins, describeBuiltins(Caller, Callee)});
  TargetTransformInfo &TTI = FAM.getResult<TargetIRAnalysis>(Caller);
  if (!TTI.areInlineCompatible(&Caller, &Callee))
    Out.push_back(
        {BlockerKind::Target, describeTarget(Caller, Callee, Features)});
  return Out;
}

std::optional<std::string> askLLVM(CallBase &CB, Function &Callee,
                                   FunctionAnalysisManager &FAM) {
  auto GetTLI = [&FAM](Function &F) -> const TargetLibraryInfo & {
    return FAM.getResult<TargetLibraryAnalysis>(F);
  };
  TargetTransformInfo &CalleeTTI = FAM.getResult<TargetIRAnalysis>(Callee);
  std::optional<InlineResult> R =
      getAttributeBasedInliningDecision(CB, &Callee, CalleeTTI, GetTLI);
  if (R && !R->isSuccess())
    return std::string(R->getFailureReason());
  InlineResult Viable = isInlineViable(Callee);
  if (!Viable.isSuccess())
    return std::string(Viable.getFailureReason());
  return std::nullopt;
}

/// The first symbol that the asm text \p Asm defines, or an empty string.
/// Local labels (.L*, numeric) and labels made unique per copy (%=,
/// ${:uid}) are not symbols.
static std::string definedAsmSymbol(StringRef Asm) {
  SmallVector<StringRef, 8> Lines;
  Asm.split(Lines, '\n');
  for (StringRef Line : Lines) {
    SmallVector<StringRef, 4> Statements;
    Line.split(Statements, ';');
    for (StringRef St : Statements) {
      St = St.trim();
      StringRef Name;
      if (St.consume_front(".set") || St.consume_front(".equ"))
        Name = St.trim().split(',').first.trim();
      else if (size_t Colon = St.find(':'); Colon != StringRef::npos)
        Name = St.take_front(Colon);
      auto IsSymbolChar = [](char C) {
        return isAlnum(C) || C == '_' || C == '.' || C == '$';
      };
      if (Name.empty() || !llvm::all_of(Name, IsSymbolChar) ||
          isDigit(Name.front()) || Name.starts_with(".L"))
        continue;
      return Name.str();
    }
  }
  return {};
}

std::optional<std::string> findBodyBlocker(const CallBase &CB,
                                           Function &Callee) {
  // Row NakedHelper: checked first, so that no other row (OptNoneHelper at
  // -O0) changes the helper's attributes for nothing.
  if (Callee.hasFnAttribute(Attribute::Naked)) {
    const PolicyRow &Row = getPolicyRow(PolicyRowId::NakedHelper);
    return (Twine(Row.Name) + " (" + getRuleName(Row.Rule) +
            "): the helper is naked, a whole function with its own prologue "
            "and ret; the call stays a call")
        .str();
  }
  InlineResult Viable = isInlineViable(Callee);
  if (!Viable.isSuccess())
    return std::string(Viable.getFailureReason());
  const Function &Caller = *CB.getCaller();
  if (Callee.hasPersonalityFn() && Caller.hasPersonalityFn() &&
      Callee.getPersonalityFn()->stripPointerCasts() !=
          Caller.getPersonalityFn()->stripPointerCasts())
    return ("incompatible personality: the helper uses '" +
            Callee.getPersonalityFn()->stripPointerCasts()->getName() +
            "', the caller '" +
            Caller.getPersonalityFn()->stripPointerCasts()->getName() + "'")
        .str();
  for (const Instruction &I : instructions(Callee))
    if (const auto *Call = dyn_cast<CallBase>(&I))
      if (const auto *Asm = dyn_cast<InlineAsm>(Call->getCalledOperand()))
        if (std::string Sym = definedAsmSymbol(Asm->getAsmString());
            !Sym.empty())
          return "its inline asm defines the symbol '" + Sym +
                 "', which a second inlined copy would define again (use a "
                 "local label such as .L" +
                 Sym + "%= or 1:)";
  return std::nullopt;
}

} // namespace rih
