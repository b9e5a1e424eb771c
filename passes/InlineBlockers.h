//===- InlineBlockers.h - What LLVM's own checks say about a call -*- C++ -*-//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// LLVM's getAttributeBasedInliningDecision answers "conflicting attributes"
// for three different checks and stops at the first failure.  findBlockers
// asks the same checks one by one (TTI::areInlineCompatible,
// TargetLibraryInfo::areInlineCompatible, AttributeFuncs::areInlineCompatible,
// null_pointer_is_valid, noinline, optnone; LLVM 22 InlineCost.cpp) so the
// reconcile pass can map each to its policy row and the remarks can name it.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_INLINEBLOCKERS_H
#define RUST_INLINE_HELPERS_PASSES_INLINEBLOCKERS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

#include <optional>
#include <string>

namespace llvm {
class CallBase;
class Function;
} // namespace llvm

namespace rih {

class TargetFeatureOracle;

enum class BlockerKind {
  NoInline,      ///< noinline on the helper or on the call site.
  OptNoneCaller, ///< The caller is optnone.
  CompatRule,    ///< AttributeFuncs::areInlineCompatible (Attributes.td).
  NullPointer,   ///< Helper null_pointer_is_valid, caller not.
  Builtins,      ///< TargetLibraryInfo: helper disables builtins the caller
                 ///< does not.
  Target,        ///< TTI::areInlineCompatible (target-cpu/features).
};

struct Blocker {
  BlockerKind Kind;
  std::string Detail; ///< Human-readable: which attributes, which values.
};

/// Returns every reason that LLVM's attribute checks give against inlining
/// \p Callee at \p CB, in the order InlineCost.cpp checks them; empty when
/// the attributes allow it.  Analyses come from \p FAM; after changing a
/// function's attributes, invalidate it in \p FAM before asking again.
/// When \p Features is given, a target blocker names the features that
/// differ; without it (the reconcile pass, which classifies them itself) the
/// detail only says that the subtargets differ.
llvm::SmallVector<Blocker, 4> findBlockers(llvm::CallBase &CB,
                                           llvm::Function &Callee,
                                           llvm::FunctionAnalysisManager &FAM,
                                           TargetFeatureOracle *Features);

/// Returns LLVM's own verdict (getAttributeBasedInliningDecision, then
/// isInlineViable) when it refuses \p Callee at \p CB, or std::nullopt when
/// LLVM would let the call be inlined (always-inline semantics: costs are
/// not considered).
std::optional<std::string> askLLVM(llvm::CallBase &CB, llvm::Function &Callee,
                                   llvm::FunctionAnalysisManager &FAM);

/// Returns why \p Callee's body cannot be inlined at \p CB whatever the
/// attributes, or std::nullopt: a naked helper (policy row NakedHelper; its
/// body is a whole function, prologue and ret included); LLVM's isInlineViable (va_start, setjmp,
/// indirectbr, ...); a personality function other than the caller's
/// (InlineFunction's "incompatible personality", named here); inline asm
/// that defines a symbol (a label or .set that is not local to the asm
/// statement), which a second inlined copy would define twice.  The
/// reconcile pass asks this before it changes any attribute.
std::optional<std::string> findBodyBlocker(const llvm::CallBase &CB,
                                           llvm::Function &Callee);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_INLINEBLOCKERS_H
