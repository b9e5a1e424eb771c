//===- ReconcilePolicy.h - The reconciliation policy as data ----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The policy rows themselves are in ReconcilePolicy.def; this header turns
// them into an enum and a table that the passes, the remarks and the report
// use.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H
#define RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace rih {

enum class PolicyRowId {
#define RIH_POLICY_ROW(Id, Subject, Kind, Rule, Reason, Source) Id,
#include "passes/ReconcilePolicy.def"
};

enum class PolicyKind { Attribute, FeatureClass, ModuleFlag };

enum class PolicyRule {
  CallerGains,
  CalleeAdoptsCaller,
  StrongestWins,
  CalleeDropped,
  MustMatch,
  Respect,
  LinkerMerge,
};

struct PolicyRow {
  PolicyRowId Id;
  const char *Name;    ///< The row's identifier, as remarks print it.
  const char *Subject; ///< Attributes, feature class or flags it covers.
  PolicyKind Kind;
  PolicyRule Rule;
  const char *Reason; ///< Why the rule keeps the program's semantics.
  const char *Source; ///< The LLVM file or kernel flag the rule comes from.
};

/// Returns every row of the policy, in the order of ReconcilePolicy.def.
llvm::ArrayRef<PolicyRow> getPolicy();

/// Returns the row \p Id.
const PolicyRow &getPolicyRow(PolicyRowId Id);

/// Returns the spelling of \p Rule used in remarks and the report
/// ("caller-gains", "must-match", ...).
llvm::StringRef getRuleName(PolicyRule Rule);

/// Returns true when rows with rule \p Rule change attributes so that a call
/// can be inlined (as opposed to refusing it).
bool ruleReconciles(PolicyRule Rule);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H
