//===- ReconcilePolicy.cpp - The reconciliation policy as data ------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/ReconcilePolicy.h"
#include "passes/LLVMCompat.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace rih {

static const PolicyRow PolicyTable[] = {
#define RIH_POLICY_ROW(Id, Kind, Class, Rule, Subject, Reason, Source)         \
  {PolicyRowId::Id,  #Id,     PolicyKind::Kind, PolicyClass::Class,            \
   PolicyRule::Rule, Subject, Reason,           Source},
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

const PolicyRow &getModuleFlagRow(StringRef Key) {
  for (const PolicyRow &Row : PolicyTable) {
    if (Row.Kind != PolicyKind::ModuleFlag ||
        Row.Rule == PolicyRule::LinkerMerge)
      continue;
    SmallVector<StringRef, 8> Names;
    StringRef(Row.Subject).split(Names, ',');
    for (StringRef N : Names)
      if (N.trim() == Key)
        return Row;
  }
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
  static const Attribute::AttrKind Kinds[] = {
      Attribute::SanitizeAddress,
      Attribute::SanitizeThread,
      compat::SanitizeType,
      Attribute::SanitizeMemory,
      Attribute::SanitizeHWAddress,
      Attribute::SanitizeMemTag,
      Attribute::SanitizeNumericalStability,
      compat::SanitizeRealtime,
      compat::SanitizeRealtimeBlocking};
  // Attribute::None stands for a sanitizer this LLVM does not have.
  static const SmallVector<Attribute::AttrKind, 9> Present(
      llvm::make_filter_range(
          Kinds, [](Attribute::AttrKind K) { return K != Attribute::None; }));
  return Present;
}

// The subjects of rows HardeningFeatures, CodegenFeatures and
// EncodingFeatures.
bool isHardeningFeature(StringRef F) {
  return F.starts_with("retpoline") || F.starts_with("harden-sls") ||
         F.starts_with("lvi-");
}

bool isCodegenOnlyFeature(StringRef F) { return F == "outline-atomics"; }

bool isEncodingFeature(StringRef F) {
  return is_contained({"relax", "c", "zca", "zcb", "zcd", "zcf", "zce", "zcmp",
                       "zcmt", "zcmop"},
                      F);
}

} // namespace rih
