//===- HelperOrigin.h - Which functions are linked C helpers ----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The link pass marks every function definition that it brings in from a
// helper bitcode file with function metadata naming that file.  The reconcile
// and inline passes find helpers through this mark, so the three passes can
// also be run one by one (`rust-helpers-link`, `rust-helpers-reconcile`,
// `rust-helpers-inline`).
//
// Two more marks live on call instructions between the passes:
//  * `rust-inline-helpers.reconciled`: the policy rows that the reconcile pass
//    applied so that this call can be inlined (read by the inline pass for its
//    remark);
//  * `rust-inline-helpers.refused`: why the reconcile pass refused this call;
//  * `rust-inline-helpers.forced`: inline without LLVM's attribute checks.
// The inline pass removes these marks before it returns.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERORIGIN_H
#define RUST_INLINE_HELPERS_PASSES_HELPERORIGIN_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/GlobalValue.h"

#include <string>

namespace llvm {
class CallBase;
class Function;
} // namespace llvm

namespace rih {

/// Metadata kind names used on functions and calls.
inline constexpr const char *OriginMDKind = "rust-inline-helpers.origin";
inline constexpr const char *ReconciledMDKind =
    "rust-inline-helpers.reconciled";
inline constexpr const char *RefusedMDKind = "rust-inline-helpers.refused";
inline constexpr const char *ForcedMDKind = "rust-inline-helpers.forced";
inline constexpr const char *KeptMDKind = "rust-inline-helpers.kept";
inline constexpr const char *EarlierMDKind =
    "rust-inline-helpers.reconciled-earlier";
/// The name of a helper's copy kept for the late round (HelperLateInline.h)
/// is the helper's name with this suffix.
inline constexpr const char *LateCopySuffix = ".rih.late";

/// What a linked helper's symbol was before the link made it internal.
struct HelperSymbol {
  /// dso_local of the crate's declaration.
  bool DSOLocal = false;
  /// Visibility of the helper's definition.
  llvm::GlobalValue::VisibilityTypes Visibility =
      llvm::GlobalValue::DefaultVisibility;
  /// linkonce or linkonce_odr in the helper file: the helper object emits
  /// it only where it uses it, so the crate cannot count on its symbol.
  bool Discardable = false;
  /// For a copy of a definition the module itself holds (a full-LTO merge
  /// of crate and helper objects): that definition's name.  Empty for a
  /// helper linked from a file.
  std::string InModule;
};

/// Marks \p F as a helper linked from the helper file \p Path, with the
/// properties \p Symbol that restoreDeclaration puts back.
void setHelperOrigin(llvm::Function &F, llvm::StringRef Path,
                     const HelperSymbol &Symbol);

/// Returns the symbol properties that setHelperOrigin recorded on \p F
/// (defaults when it has none).
HelperSymbol getHelperSymbol(const llvm::Function &F);

/// Turns the linked helper \p F back into an external declaration of the one
/// definition in the helper object, with the properties recorded by
/// setHelperOrigin (kCFI type metadata is kept): for a helper whose calls are
/// not all inlined, or whose address is taken, so that the program keeps one
/// canonical symbol and one copy of any state.  Removes the origin mark.
/// A copy of a definition the module holds (HelperSymbol::InModule) is
/// erased instead, its uses given to that definition.  Returns false, and
/// leaves \p F an internal copy, when its definition is discardable
/// (HelperSymbol::Discardable): there is no symbol to call.
bool restoreDeclaration(llvm::Function &F);

/// Records on the declaration \p F why the link pass kept it a call (state,
/// weak definition), for the remarks of calls that inlining exposes later.
void setKeptReason(llvm::Function &F, llvm::StringRef Reason);

/// Returns the reason recorded by setKeptReason, or an empty string.
llvm::StringRef getKeptReason(const llvm::Function &F);

/// Returns the helper file that \p F was linked from, or an empty string when
/// \p F is not a linked helper (crate code, or a declaration).
llvm::StringRef getHelperOrigin(const llvm::Function &F);

/// Returns the name of the helper \p F stands for: its own; for a copy of a
/// definition the module holds (HelperSymbol::InModule), that one's; for a
/// copy kept for the late round, its name without LateCopySuffix.
std::string getHelperName(const llvm::Function &F);

/// Returns true when \p F is a linked helper with a body.
bool isLinkedHelper(const llvm::Function &F);

/// Returns the helper called directly by \p CB, or null when \p CB is an
/// indirect call or calls something that is not a linked helper.
llvm::Function *getCalledHelper(const llvm::CallBase &CB);

/// Appends policy row names \p Rows to the reconciled mark of \p CB (no
/// duplicates).
void addReconciledRows(llvm::CallBase &CB,
                       llvm::ArrayRef<llvm::StringRef> Rows);

/// Returns the policy rows recorded on \p CB by the reconcile pass.
llvm::SmallVector<llvm::StringRef, 4>
getReconciledRows(const llvm::CallBase &CB);

/// Records on \p CB that it needed no row because earlier calls in its caller
/// had reconciled the caller already: \p Rows, one "Row (for helper)" per
/// row, in the order they were applied.
void setReconciledEarlier(llvm::CallBase &CB, llvm::ArrayRef<std::string> Rows);

/// Returns what setReconciledEarlier recorded on \p CB (empty: nothing).
llvm::SmallVector<llvm::StringRef, 4>
getReconciledEarlier(const llvm::CallBase &CB);

/// Records on \p CB why the reconcile pass refused it.
void setRefusal(llvm::CallBase &CB, llvm::StringRef Reason);

/// Returns the refusal recorded on \p CB, or an empty string.
llvm::StringRef getRefusal(const llvm::CallBase &CB);

/// Marks \p CB to be inlined without LLVM's attribute checks
/// (hardening=ignore: what __always_inline does in Linux 7.1).
void setForced(llvm::CallBase &CB);

/// Returns true when \p CB is marked by setForced.
bool isForced(const llvm::CallBase &CB);

/// Removes the refusal mark from \p CB.
void clearRefusal(llvm::CallBase &CB);

/// Removes every call mark from \p CB.
void clearCallMarks(llvm::CallBase &CB);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERORIGIN_H
