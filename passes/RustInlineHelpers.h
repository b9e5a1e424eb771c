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

#include "passes/HelperLink.h"
#include "passes/HelperProvenance.h"
#include "passes/HelperReconcile.h"

#include "llvm/IR/PassManager.h"

#include <string>
#include <vector>

namespace rih {

struct RustInlineHelpersOptions {
  HelperLinkOptions Link;
  ReconcileOptions Reconcile;

  /// The hardening mode, which the link step (module flags) and the
  /// reconcile step (attributes) both apply.
  HardeningMode getHardening() const { return Reconcile.Hardening; }
  void setHardening(HardeningMode M) {
    Link.Hardening = Reconcile.Hardening = M;
  }

  /// Where to write the JSON report (report=PATH); empty for none.  "%m"
  /// stands for the module's name (one report per codegen unit).
  std::string ReportPath;
  /// Where to write the make-style dependency file (deps=PATH); empty for
  /// none (HelperDependencies.h).
  std::string DepsPath;
  /// The target of its rule (deps-target=NAME); empty: DepsPath with ".o".
  std::string DepsTarget;
  /// file-prefix-map=OLD=NEW entries, applied to the helper file paths that
  /// the provenance records (HelperProvenance.h), in the order given.
  std::vector<PrefixMapEntry> FilePrefixMap;
  /// True when the pass was added from the environment at an extension
  /// point: it then does nothing on a module this plugin already processed
  /// (an explicit pass in the pipeline, or an earlier compilation step).
  bool FromEnvironment = false;
  /// Keep an internal copy of each helper left with address uses only, for
  /// the late round (parameter `late`; HelperLateInline.h).
  bool LateRound = false;
  /// A configuration error to report when the pass runs (a malformed
  /// RUST_INLINE_HELPERS* variable).
  std::string ConfigError;
};

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
