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

namespace llvm {
class Function;
} // namespace llvm

namespace rih {

enum class PolicyRowId {
#define RIH_POLICY_ROW(Id, Kind, Class, Rule, Keys, Subject, Reason, Source)   \
  Id,
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
  const char *Keys;    ///< The names it covers, comma-separated ("" none).
  const char *Subject; ///< What else decides that it applies (prose).
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

/// Returns the names in row \p Id's Keys column, in the .def's order: LLVM's
/// spelling of an attribute, a feature name (a trailing '*' makes it a
/// prefix) or a module flag key.  Empty for a row found by analysis.
llvm::ArrayRef<llvm::StringRef> getRowKeys(PolicyRowId Id);

/// Returns true when \p Name is one of row \p Id's keys, or starts with one
/// of its prefix keys ("no-builtin-*", "retpoline*").
bool rowCovers(PolicyRowId Id, llvm::StringRef Name);

/// Returns the ModuleFlag row whose Keys name the module flag \p Key (the
/// first in the .def's order: ControlFlowFlags before OldBranchProtection,
/// which upgrades the same flags before they are compared), or the
/// catch-all ModuleFlags row.
const PolicyRow &getModuleFlagRow(llvm::StringRef Key);

/// Returns the spelling of \p Rule used in remarks and the report
/// ("caller-gains", "must-match", ...).
llvm::StringRef getRuleName(PolicyRule Rule);

/// Returns true when rows with rule \p Rule change attributes so that a call
/// can be inlined (as opposed to refusing it).
bool ruleReconciles(PolicyRule Rule);

/// The attribute kinds among row Sanitizers' keys that this LLVM has.
llvm::ArrayRef<llvm::Attribute::AttrKind> getSanitizerKinds();

/// The attributes of Attributes.td's CompatRule list (the ones
/// AttributeFuncs::areInlineCompatible compares), as the keys of the rows
/// that cover them: Sanitizers, OtherHardening (safestack), ShadowCallStack,
/// ProfileAttributes, PointerAuth and FloatSemantics, in that order.  Read
/// them with getAttributeByName.
llvm::ArrayRef<llvm::StringRef> getCompatRuleAttributes();

/// Returns \p F's function attribute \p Name (a key of a row): the enum
/// attribute when this LLVM has one of that name ("sspstrong"), else the
/// string attribute ("frame-pointer").  An enum attribute an older LLVM
/// lacks ("sanitize_type" on LLVM 19) is read as a string attribute, which no
/// function has.  Invalid when \p F does not have it.
llvm::Attribute getAttributeByName(const llvm::Function &F,
                                   llvm::StringRef Name);

/// Returns true when \p Name is an enum attribute of this LLVM.
inline bool isEnumAttribute(llvm::StringRef Name) {
  return llvm::Attribute::getAttrKindFromName(Name) !=
         llvm::Attribute::None;
}

/// Returns true when attribute \p Name (a row's key) differs between
/// \p Caller and \p Callee: its presence for an enum attribute, its value
/// for a string attribute (absent reads as "").
bool attributeDiffers(const llvm::Function &Caller,
                      const llvm::Function &Callee, llvm::StringRef Name);

/// Strength of a "frame-pointer" function attribute value (rows FramePointer
/// and FramePointerFlag): none 0 < reserved 1 < non-leaf-no-reserve 2 <
/// non-leaf 3 < all 4; std::nullopt for a value this policy does not know.
std::optional<unsigned> getFramePointerStrength(llvm::StringRef Value);

/// The same strength for a "frame-pointer" module flag value, which is an
/// llvm::FramePointerKind (None 0, NonLeaf 1, All 2, Reserved 3,
/// NonLeafNoReserve 4: not ordered by strength); a value past those counts
/// as itself, stronger than all of them.
uint64_t getFramePointerFlagStrength(uint64_t FlagValue);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_RECONCILEPOLICY_H
