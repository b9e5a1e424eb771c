//===- EnvironmentConfig.h - Configuration from the environment -*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// rustc parses -C llvm-args before it loads -Zllvm-plugins, and Kbuild and
// cargo pass environment variables to every compiler process, so the plugin
// also reads its configuration from the environment.  The variables are the
// EnvVar column of passes/PassOptions.def:
//
//   RUST_INLINE_HELPERS=a.bc:b.bc        helper files (':'-separated);
//                                        setting it turns the plugin on
//   RUST_INLINE_HELPERS_REPORT=PATH      the JSON report (report=)
//   RUST_INLINE_HELPERS_HARDENING=MODE   strengthen|refuse|ignore
//   RUST_INLINE_HELPERS_MISMATCH=MODE    error|warn (mismatch=)
//   RUST_INLINE_HELPERS_DEBUG=MODE       keep|drop (debug=)
//   RUST_INLINE_HELPERS_PREFIX=STR       only names starting so are helpers
//   RUST_INLINE_HELPERS_SUFFIX=STR       only names ending so (e.g. __extern)
//   RUST_INLINE_HELPERS_DEPS=PATH        a make dependency file (deps=)
//   RUST_INLINE_HELPERS_DEPS_TARGET=NAME its target (deps-target=)
//   RUST_INLINE_HELPERS_FILE_PREFIX_MAP=OLD=NEW:...
//                                        paths rewritten in the provenance
//                                        record (file-prefix-map=)
//
// Unset, loading the plugin changes nothing.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PLUGIN_ENVIRONMENTCONFIG_H
#define RUST_INLINE_HELPERS_PLUGIN_ENVIRONMENTCONFIG_H

#include "passes/PassOptions.h"

#include "llvm/ADT/SmallVector.h"

#include <string>
#include <utility>

namespace rih {

struct EnvironmentConfig {
  /// True when RUST_INLINE_HELPERS is set (even to a bad value).
  bool Enabled = false;
  /// Every value read, in the table's order (a List variable: one per
  /// entry), so that explicit pass parameters can take the rest.
  llvm::SmallVector<std::pair<OptionId, std::string>, 8> Values;
  /// Values applied to the defaults.
  RustInlineHelpersOptions Options;
  /// Non-empty when a variable is malformed: the message names it and the
  /// fix.  The composite pass reports it as an error when it runs.
  std::string Error;
};

/// Returns the RUST_INLINE_HELPERS* variables of this process, read the
/// first time it is called (the environment of a compiler process does not
/// change while it runs).  Reports nothing itself: see Error.
const EnvironmentConfig &getEnvironmentConfig();

} // namespace rih

#endif // RUST_INLINE_HELPERS_PLUGIN_ENVIRONMENTCONFIG_H
