//===- HelperLateInline.h - Inline calls that optimization exposes -*- C++ -*-//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A helper whose address the crate takes (Linux's Rust allocator keeps
// `rust_helper_krealloc` in a function pointer) has no direct call when the
// plugin runs at the start of the pipeline, but the optimizer later turns
// the indirect calls through the known pointer into direct calls.  With the
// late round enabled, the early round keeps an internal copy of such a
// helper (its body, reconciled attributes and origin) beside the
// declaration that address uses name; `rust-helpers-late-inline`, which the
// plugin adds at the optimizer's early extension point, moves the direct
// calls that appeared since onto the copy, reconciles and inlines them like
// any helper call, and deletes the copy.  Address uses keep naming the
// helper object's symbol throughout.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERLATEINLINE_H
#define RUST_INLINE_HELPERS_PASSES_HELPERLATEINLINE_H

#include "passes/HelperReconcile.h"

#include "llvm/IR/PassManager.h"

#include <string>

namespace llvm {
class Function;
} // namespace llvm

namespace rih {

/// Name of the module-level metadata listing, per kept helper, the pair
/// !{declaration, internal copy}.
inline constexpr const char *LateMDName = "rust-inline-helpers.late";

/// Called by the early round for a linked helper \p F that is about to
/// become a declaration again: when every remaining use of \p F takes its
/// address (no call is left) and it is not kept on purpose, clones it into
/// an internal copy that `llvm.compiler.used` keeps alive until the late
/// round, and records the pair.  Returns true when it made a copy.
bool keepCopyForLateRound(llvm::Function &F);

struct LateInlineOptions {
  ReconcileOptions Reconcile;
  /// The report of the early round to add to (report=PATH); empty for none.
  std::string ReportPath;
};

class HelperLateInlinePass : public llvm::PassInfoMixin<HelperLateInlinePass> {
public:
  explicit HelperLateInlinePass(LateInlineOptions Options = {})
      : Options(std::move(Options)) {}

  /// Inlines the direct calls to the helpers listed in LateMDName, then
  /// deletes their copies and the list.  Does nothing on a module without
  /// the list.  Errors: the report cannot be read back or written.
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);

  /// Prints the pass as it is written in a pipeline, with its parameters.
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>);

  static bool isRequired() { return true; }

private:
  LateInlineOptions Options;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERLATEINLINE_H
