//===- HelperReconcile.h - Make helpers and callers agree -------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `rust-helpers-reconcile<hardening=strengthen|refuse|ignore>`: for every call
// to a linked helper, asks LLVM's own checks what would stop the inline
// (InlineBlockers.h), also looks for hardening that forced inlining would
// drop, maps each difference to its row of the policy (ReconcilePolicy.def),
// and, only when every row allows it, changes the attributes as the rows say.
// It then asks LLVM again.  A call that stays blocked is marked with the
// reason, which the inline pass reports.  Only calls to helpers are touched.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERRECONCILE_H
#define RUST_INLINE_HELPERS_PASSES_HELPERRECONCILE_H

#include "passes/ReconcilePolicy.h"

#include "llvm/IR/PassManager.h"

namespace rih {

struct ReconcileOptions {
  /// How hardening rows are applied (parameter hardening=, default
  /// strengthen).
  HardeningMode Hardening = HardeningMode::Strengthen;
};

class HelperReconcilePass : public llvm::PassInfoMixin<HelperReconcilePass> {
public:
  explicit HelperReconcilePass(ReconcileOptions Options = {})
      : Options(Options) {}

  /// Reconciles the attributes of helpers and their callers in \p M.
  /// Reports no errors: a call it cannot reconcile stays a call, with a
  /// reason.  With hardening=ignore it warns once per protection dropped.
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);

  /// Prints the pass as it is written in a pipeline, with its parameters.
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>);

  static bool isRequired() { return true; }

private:
  ReconcileOptions Options;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERRECONCILE_H
