//===- RustInlineHelpers.h - Link, reconcile and inline helpers -*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `rust-inline-helpers<helpers=PATH;...;report=PATH;hardening=MODE>`: the three
// passes in a row (rust-helpers-link, rust-helpers-reconcile,
// rust-helpers-inline), with an optional JSON report of what they did.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_RUSTINLINEHELPERS_H
#define RUST_INLINE_HELPERS_PASSES_RUSTINLINEHELPERS_H

#include "passes/PassOptions.h"

#include "llvm/IR/PassManager.h"

namespace rih {

/// Name of the module-level metadata that marks a module as processed.
inline constexpr const char *ProcessedMDName = "rust-inline-helpers.processed";

class RustInlineHelpersPass
    : public llvm::PassInfoMixin<RustInlineHelpersPass> {
public:
  explicit RustInlineHelpersPass(RustInlineHelpersOptions Options)
      : Options(std::move(Options)) {}

  /// Links, reconciles and inlines the helpers of \p M, records the
  /// provenance of what it inlined (HelperProvenance.h), then writes the
  /// report and the dependency file.  Errors: those of HelperLinkPass, and a
  /// report or dependency path that cannot be written.  After a link error
  /// neither is written.
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);

  /// Prints the pass as it is written in a pipeline, with its parameters.
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>);

  static bool isRequired() { return true; }

private:
  RustInlineHelpersOptions Options;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_RUSTINLINEHELPERS_H
