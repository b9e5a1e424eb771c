//===- ReconcilePolicy.h - The reconciliation policy as data ----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The policy rows themselves are in ReconcilePolicy.def; this header turns
// them into an enum and a table that the passes, the remarks and the report
// use, and declares the hardening modes.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H
#define RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Attributes.h"

#include <optional>

namespace rih {

enum class PolicyRowId {
#define RIH_POLICY_ROW(Id, Kind, Class, Rule, Subject, Reason, Source) Id,
#include "passes/ReconcilePolicy.def"
};

enum class PolicyKind { Attribute, FeatureClass, ModuleFlag };

/// Hardening rows protect against attacks; the hardening mode decides how
/// they are applied.  Semantic rows keep the program's meaning.
enum class PolicyClass { Semantic, Hardening };

enum class PolicyRule {
  CallerGains,
  StrongestWins,
  CalleeAdopts,
  CalleeDropped,
  MustMatch,
  Respect,
  LinkerMerge,
};

struct PolicyRow {
  PolicyRowId Id;
  const char *Name; ///< The row's identifier, as remarks print it.
  PolicyKind Kind;
  PolicyClass Class;
  PolicyRule Rule;
  const char *Subject; ///< Attributes, feature class or flags it covers.
  const char *Reason;  ///< Why the rule keeps the program's meaning.
  const char *Source;  ///< The LLVM file or kernel flag the rule comes from.
};

/// What to do with a hardening row (parameter hardening=).
enum class HardeningMode {
  Strengthen, ///< Apply the row: the caller gains the protection.
  Refuse,     ///< Refuse every call that would need a protection added.
  Ignore,     ///< Inline anyway, drop the protection, warn (comparison only).
};

/// Parses "strengthen", "refuse" or "ignore".
std::optional<HardeningMode> parseHardeningMode(llvm::StringRef S);

/// Returns the spelling of \p M, as parsed by parseHardeningMode.
llvm::StringRef getHardeningModeName(HardeningMode M);

/// Returns the row \p Id.
const PolicyRow &getPolicyRow(PolicyRowId Id);

/// Returns the ModuleFlag row whose subject names the module flag \p Key, or
/// the catch-all ModuleFlags row.
const PolicyRow &getModuleFlagRow(llvm::StringRef Key);

/// Returns the spelling of \p Rule used in remarks and the report
/// ("caller-gains", "must-match", ...).
llvm::StringRef getRuleName(PolicyRule Rule);

/// Returns true when rows with rule \p Rule change attributes so that a call
/// can be inlined (as opposed to refusing it).
bool ruleReconciles(PolicyRule Rule);

/// The attributes of row Sanitizers (the sanitize_* kinds of Attributes.td's
/// CompatRule list).
llvm::ArrayRef<llvm::Attribute::AttrKind> getSanitizerKinds();

/// Target-feature classes of HardeningFeatures, CodegenFeatures and
/// EncodingFeatures (RISC-V compressed encodings and linker relaxation), by
/// the feature's name as the target spells it.
bool isHardeningFeature(llvm::StringRef Feature);
bool isCodegenOnlyFeature(llvm::StringRef Feature);
bool isEncodingFeature(llvm::StringRef Feature);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H
