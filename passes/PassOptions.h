//===- PassOptions.h - The plugin's options, one table ----------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The options of the plugin's passes as one table (PassOptions.def): each
// option's pass parameter, environment variable, the passes that take it,
// and how it is set and printed.  The pipeline parser, the environment
// reader and -print-pipeline-passes all go through it.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_PASSOPTIONS_H
#define RUST_INLINE_HELPERS_PASSES_PASSOPTIONS_H

#include "passes/HelperLink.h"
#include "passes/HelperProvenance.h"
#include "passes/HelperReconcile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace rih {

/// Everything the composite pass `rust-inline-helpers<...>` takes; the other
/// passes take a part of it.
struct RustInlineHelpersOptions {
  /// The link step's options; Link.Hardening is also the reconcile step's
  /// (reconcileOptions()), so the hardening mode is stored once.
  HelperLinkOptions Link;

  /// The reconcile step's options, from the same hardening mode.
  ReconcileOptions reconcileOptions() const { return {Link.Hardening}; }

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

enum class OptionId {
#define RIH_OPTION(Id, Name, Kind, Passes, EnvVar, Empty, Syntax, ParamError,   \
                   EnvError)                                                   \
  Id,
#include "passes/PassOptions.def"
};

/// Which passes take an option (bits of OptionInfo::Passes).
enum OptionPasses : unsigned {
  CompositePass = 1,  ///< rust-inline-helpers
  LinkPass = 2,       ///< rust-helpers-link
  LateInlinePass = 4, ///< rust-helpers-late-inline
  ReconcilePass = 8,  ///< rust-helpers-reconcile
  LinkingPasses = CompositePass | LinkPass,
  ReportingPasses = CompositePass | LateInlinePass,
  AllPasses = CompositePass | LinkPass | LateInlinePass | ReconcilePass,
};

enum class OptionKind {
  Flag,  ///< "name", no value.
  Value, ///< "name=VALUE", at most once.
  List,  ///< "name=VALUE", repeatable; ':'-separated in the environment.
};

/// What an empty value (a List: an empty entry) of the variable means.
enum class EnvEmpty { Error, Skip, Allowed };

struct OptionInfo {
  OptionId Id;
  llvm::StringRef Name;
  OptionKind Kind;
  unsigned Passes;
  llvm::StringRef EnvVar;
  EnvEmpty Empty;
  llvm::StringRef Syntax;
  llvm::StringRef ParamError;
  llvm::StringRef EnvError;
};

/// The whole table, in PassOptions.def's order.
llvm::ArrayRef<OptionInfo> getOptionTable();

/// Sets option \p Id from \p Value in \p Options (a Flag ignores the value;
/// a List appends).  Returns false, changing nothing, when \p Value is not
/// valid for it (a mode it does not know, a file-prefix-map entry without
/// '=').  Empty values are the caller's to refuse.
bool setOption(OptionId Id, llvm::StringRef Value,
               RustInlineHelpersOptions &Options);

/// Returns the parameters of \p Options that the passes in \p Passes take
/// and that differ from their defaults, ';'-separated in the table's order,
/// as a pipeline writes them ("helpers=a.bc;hardening=refuse"); empty when
/// there is none.
std::string printOptions(const RustInlineHelpersOptions &Options,
                         unsigned Passes);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_PASSOPTIONS_H
