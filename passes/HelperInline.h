//===- HelperInline.h - Force-inline linked helpers -------------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `rust-helpers-inline`: inlines every call to a linked helper, from crate
// code and between helpers, with InlineFunction and merged attributes, until
// none is left that can be; then deletes the helpers nobody uses any more.
// Costs are not considered (like AlwaysInliner), but LLVM's own attribute
// checks and isInlineViable are: a call they refuse, a helper marked
// noinline, or a call the reconcile pass refused stays a call, with a missed
// remark that says why.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERINLINE_H
#define RUST_INLINE_HELPERS_PASSES_HELPERINLINE_H

#include "llvm/IR/PassManager.h"

namespace rih {

class HelperReport;

class HelperInlinePass : public llvm::PassInfoMixin<HelperInlinePass> {
public:
  /// \p Report, when not null, receives every call inlined or refused.
  /// With \p KeepLateCopies, a helper left only with address uses keeps an
  /// internal copy for rust-helpers-late-inline (HelperLateInline.h).
  explicit HelperInlinePass(HelperReport *Report = nullptr,
                            bool KeepLateCopies = false)
      : Report(Report), KeepLateCopies(KeepLateCopies) {}

  /// Inlines the helper calls of \p M.  Reports no errors.
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);

  static bool isRequired() { return true; }

private:
  HelperReport *Report;
  bool KeepLateCopies;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERINLINE_H
