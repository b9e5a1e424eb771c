//===- ReconcilePolicy.cpp - The reconciliation policy as data ------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/ReconcilePolicy.h"

#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace rih {

static const PolicyRow PolicyTable[] = {
#define RIH_POLICY_ROW(Id, Subject, Kind, Rule, Reason, Source)                \
  {PolicyRowId::Id,  #Id,    Subject, PolicyKind::Kind,                        \
   PolicyRule::Rule, Reason, Source},
#include "passes/ReconcilePolicy.def"
};

ArrayRef<PolicyRow> getPolicy() { return PolicyTable; }

const PolicyRow &getPolicyRow(PolicyRowId Id) {
  return PolicyTable[static_cast<unsigned>(Id)];
}

StringRef getRuleName(PolicyRule Rule) {
  switch (Rule) {
  case PolicyRule::CallerGains:
    return "caller-gains";
  case PolicyRule::CalleeAdoptsCaller:
    return "callee-adopts-caller";
  case PolicyRule::StrongestWins:
    return "strongest-wins";
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
  return Rule == PolicyRule::CallerGains ||
         Rule == PolicyRule::CalleeAdoptsCaller ||
         Rule == PolicyRule::StrongestWins || Rule == PolicyRule::CalleeDropped;
}

} // namespace rih
