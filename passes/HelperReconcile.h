//===- HelperReconcile.h - Make helpers and callers agree -------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `rust-helpers-reconcile`: for every call to a linked helper, asks LLVM's own
// checks what would stop the inline (InlineBlockers.h), maps each blocker to
// its row of the policy (ReconcilePolicy.def), and, only when every row allows
// it, changes the attributes as the rows say (the caller gains
// null_pointer_is_valid, the helper's disabled builtins...).  It then asks
// LLVM again.  A call that stays blocked is marked with the reason, which the
// inline pass reports.  It never touches a call to anything but a helper.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERRECONCILE_H
#define RUST_INLINE_HELPERS_PASSES_HELPERRECONCILE_H

#include "llvm/IR/PassManager.h"

namespace rih {

class HelperReconcilePass : public llvm::PassInfoMixin<HelperReconcilePass> {
public:
  /// Reconciles the attributes of helpers and their callers in \p M.  Reports
  /// no errors: a call it cannot reconcile stays a call, with a reason.
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);

  static bool isRequired() { return true; }
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERRECONCILE_H
