//===- HelperLink.h - Link the helpers a crate calls ------------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `rust-helpers-link<helpers=PATH;...;hardening=MODE;mismatch=MODE;debug=MODE;
// prefix=STR;suffix=STR>`: opens each helper file (bitcode lazily, or textual
// IR; HelperFiles.h) and links into the crate, with Linker::LinkOnlyNeeded, the
// definitions that the crate references, and what those reference in turn (also
// across helper files).  Linked functions become internal and are marked with
// the file they came from (HelperOrigin.h).  Only the bodies that are linked
// are ever read.  Modelled on clang's -mlink-builtin-bitcode.
//
// Before anything is linked: aliases and ifuncs become functions or
// declarations (a strong alias of a function is a copy of it under the
// alias's name), duplicate strong definitions and Rust/C signature
// mismatches (SignatureCheck.h) are errors, module flags are reconciled
// (ModuleFlagPolicy.h) and module-level asm is dropped.  With `lto`, helpers
// the module already defines are copied instead.  After: data keeps what its
// symbol means and state keeps one instance (SharedState.h), and weak helpers
// stay calls; debug=drop strips the helpers' debug info.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERLINK_H
#define RUST_INLINE_HELPERS_PASSES_HELPERLINK_H

#include "passes/HelperFileSplit.h"
#include "passes/ReconcilePolicy.h"
#include "passes/SignatureCheck.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/PassManager.h"

#include <optional>
#include <string>
#include <vector>

namespace rih {

class HelperReport;

struct HelperLinkOptions {
  /// Helper bitcode files, in the order given (helpers=PATH, repeatable).
  std::vector<std::string> HelperFiles;
  /// How module flags of hardening rows are merged (ModuleFlagPolicy.h).
  HardeningMode Hardening = HardeningMode::Strengthen;
  /// What a Rust declaration that differs from the C definition is
  /// (mismatch=error|warn, SignatureCheck.h).
  MismatchMode Mismatch = MismatchMode::Error;
  /// debug=drop: remove the linked helpers' debug info (the kernel builds
  /// its helpers with -g0 for BTF).
  bool DropDebugInfo = false;
  /// prefix=STR, suffix=STR: only the exported definitions whose names
  /// start with Prefix and end with Suffix are helpers; the files' other
  /// definitions stay calls to the C object.  Both empty (the default):
  /// every definition of the helper files is a helper, whatever its name
  /// (the kernel's rust_helper_*, bindgen --wrap-static-fns' *__extern).
  std::string Prefix, Suffix;
  /// cache-dir=DIR: where helper files are kept split by what each part
  /// defines (HelperFileSplit.h), so that linking a few helpers from a large
  /// file costs what a small file costs; empty (the default) for none.
  std::string CacheDir;
  /// chunk-size=N: definitions per chunk of a file split into CacheDir, at
  /// least (HelperFileSplit::DefaultChunkSize; tests look at groups with 1).
  unsigned ChunkSize = HelperFileSplit::DefaultChunkSize;
  /// lto: the module is a full-LTO merge of the crate with the helper
  /// objects (lld's LTO, from the environment at
  /// FullLinkTimeOptimizationEarly), so a helper it already defines is the C
  /// definition: calls are inlined from an internal copy of it (the definition
  /// keeps its symbol), instead of the crate's definition being an error.
  bool InModule = false;

  /// Returns true when \p Name is a helper's name under Prefix and Suffix.
  bool isHelperName(llvm::StringRef Name) const {
    return Name.starts_with(Prefix) && Name.ends_with(Suffix) &&
           Name.size() >= Prefix.size() + Suffix.size();
  }
};

/// Parses a debug= value: "keep" gives false, "drop" true
/// (HelperLinkOptions::DropDebugInfo); anything else nothing.
std::optional<bool> parseDropDebugInfo(llvm::StringRef Value);

class HelperLinkPass : public llvm::PassInfoMixin<HelperLinkPass> {
public:
  /// \p Report, when not null, receives which helper came from which file.
  explicit HelperLinkPass(HelperLinkOptions Options,
                          HelperReport *Report = nullptr)
      : Options(std::move(Options)), Report(Report) {}

  /// Links the needed helpers into \p M.
  ///
  /// Errors (each names the file and the fix, see HelperDiagnostics.h): no
  /// helper file given, or one given twice; a file that readHelperFile
  /// refuses (HelperFiles.h); bitcode of another target architecture or
  /// data layout; a strong definition in two places; a declaration that
  /// disagrees with its definition (with mismatch=error); a module-flag
  /// conflict or any other error of the IR linker.  Errors found before
  /// linking leave the module as it was.
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

  /// Prints the pass as it is written in a pipeline, with its parameters.
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>);

  static bool isRequired() { return true; }

private:
  HelperLinkOptions Options;
  HelperReport *Report;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERLINK_H
