//===- ReconcilePolicy.cpp - The reconciliation policy as data ------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/ReconcilePolicy.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Function.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace rih {

static const PolicyRow PolicyTable[] = {
#define RIH_POLICY_ROW(Id, Kind, Class, Rule, Keys, Subject, Reason, Source)   \
  {PolicyRowId::Id, #Id,    PolicyKind::Kind, PolicyClass::Class,              \
   PolicyRule::Rule, Keys,  Subject,          Reason,                          \
   Source},
#include "passes/ReconcilePolicy.def"
};

std::optional<HardeningMode> parseHardeningMode(StringRef S) {
  return StringSwitch<std::optional<HardeningMode>>(S)
      .Case("strengthen", HardeningMode::Strengthen)
      .Case("refuse", HardeningMode::Refuse)
      .Case("ignore", HardeningMode::Ignore)
      .Default(std::nullopt);
}

StringRef getHardeningModeName(HardeningMode M) {
  switch (M) {
  case HardeningMode::Strengthen:
    return "strengthen";
  case HardeningMode::Refuse:
    return "refuse";
  case HardeningMode::Ignore:
    return "ignore";
  }
  llvm_unreachable("unknown hardening mode");
}

const PolicyRow &getPolicyRow(PolicyRowId Id) {
  return PolicyTable[static_cast<unsigned>(Id)];
}

constexpr unsigned NumRows = std::size(PolicyTable);

ArrayRef<StringRef> getRowKeys(PolicyRowId Id) {
  // Split once; the table is constant, and function-local statics are
  // initialized once even when passes run on several threads.
  static const std::vector<SmallVector<StringRef, 4>> Keys = [] {
    std::vector<SmallVector<StringRef, 4>> Out(NumRows);
    for (unsigned I = 0; I != NumRows; ++I)
      StringRef(PolicyTable[I].Keys)
          .split(Out[I], ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
    return Out;
  }();
  return Keys[static_cast<unsigned>(Id)];
}

bool rowCovers(PolicyRowId Id, StringRef Name) {
  return any_of(getRowKeys(Id), [Name](StringRef Key) {
    return Key.consume_back("*") ? Name.starts_with(Key) : Name == Key;
  });
}

const PolicyRow &getModuleFlagRow(StringRef Key) {
  for (const PolicyRow &Row : PolicyTable)
    if (Row.Kind == PolicyKind::ModuleFlag && rowCovers(Row.Id, Key))
      return Row;
  return getPolicyRow(PolicyRowId::ModuleFlags);
}

StringRef getRuleName(PolicyRule Rule) {
  switch (Rule) {
  case PolicyRule::CallerGains:
    return "caller-gains";
  case PolicyRule::StrongestWins:
    return "strongest-wins";
  case PolicyRule::CalleeAdopts:
    return "callee-adopts-caller";
  case PolicyRule::CalleeDropped:
    return "callee-value-dropped";
  case PolicyRule::MustMatch:
    return "must-match";
  case PolicyRule::Respect:
    return "respect";
  case PolicyRule::LinkerMerge:
    return "linker-merge";
  }
  llvm_unreachable("unknown policy rule");
}

bool ruleReconciles(PolicyRule Rule) {
  return Rule == PolicyRule::CallerGains || Rule == PolicyRule::CalleeAdopts ||
         Rule == PolicyRule::StrongestWins || Rule == PolicyRule::CalleeDropped;
}

ArrayRef<Attribute::AttrKind> getSanitizerKinds() {
  // A name this LLVM does not know is Attribute::None: left out.
  static const SmallVector<Attribute::AttrKind, 9> Kinds = [] {
    SmallVector<Attribute::AttrKind, 9> Out;
    for (StringRef Name : getRowKeys(PolicyRowId::Sanitizers))
      if (Attribute::AttrKind K = Attribute::getAttrKindFromName(Name);
          K != Attribute::None)
        Out.push_back(K);
    return Out;
  }();
  return Kinds;
}

ArrayRef<StringRef> getCompatRuleAttributes() {
  static const SmallVector<StringRef, 24> Names = [] {
    SmallVector<StringRef, 24> Out;
    for (PolicyRowId Id :
         {PolicyRowId::Sanitizers, PolicyRowId::OtherHardening,
          PolicyRowId::ShadowCallStack, PolicyRowId::ProfileAttributes,
          PolicyRowId::PointerAuth, PolicyRowId::FloatSemantics})
      append_range(Out, getRowKeys(Id));
    return Out;
  }();
  return Names;
}

Attribute getAttributeByName(const Function &F, StringRef Name) {
  Attribute::AttrKind K = Attribute::getAttrKindFromName(Name);
  return K == Attribute::None ? F.getFnAttribute(Name) : F.getFnAttribute(K);
}

bool attributeDiffers(const Function &Caller, const Function &Callee,
                      StringRef Name) {
  if (isEnumAttribute(Name))
    return getAttributeByName(Caller, Name).isValid() !=
           getAttributeByName(Callee, Name).isValid();
  return Caller.getFnAttribute(Name).getValueAsString() !=
         Callee.getFnAttribute(Name).getValueAsString();
}

namespace {
/// The values of "frame-pointer", weakest first, with the
/// llvm::FramePointerKind each has as a module flag (llvm/Support/CodeGen.h).
struct FramePointerValue {
  StringRef Name;
  uint64_t FlagValue;
};
constexpr FramePointerValue FramePointerOrder[] = {
    {"none", 0}, {"reserved", 3}, {"non-leaf-no-reserve", 4},
    {"non-leaf", 1}, {"all", 2}};
} // namespace

std::optional<unsigned> getFramePointerStrength(StringRef Value) {
  for (unsigned I = 0; I != std::size(FramePointerOrder); ++I)
    if (FramePointerOrder[I].Name == Value)
      return I;
  return std::nullopt;
}

uint64_t getFramePointerFlagStrength(uint64_t FlagValue) {
  for (unsigned I = 0; I != std::size(FramePointerOrder); ++I)
    if (FramePointerOrder[I].FlagValue == FlagValue)
      return I;
  return FlagValue;
}

} // namespace rih
