//===- InternalCopy.h - A private copy of a function ------------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Where calls must reach a body of their own while a function keeps its
// symbol for everything else (its address, other modules): the helpers LTO
// already linked (HelperLinkAdopt.cpp) and the copies kept for the late
// inlining round (HelperLateInline.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_INTERNALCOPY_H
#define RUST_INLINE_HELPERS_PASSES_INTERNALCOPY_H

#include "llvm/ADT/Twine.h"

namespace llvm {
class Function;
} // namespace llvm

namespace rih {

/// Clones the definition \p F into its module (llvm::CloneFunction) as a
/// function named \p Name with internal linkage, default visibility,
/// dso_local and no comdat, and returns the copy.  \p F is left as it was.
llvm::Function *cloneAsInternalCopy(llvm::Function &F, const llvm::Twine &Name);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_INTERNALCOPY_H
