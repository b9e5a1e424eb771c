//===- EnvironmentConfig.cpp - Configuration from the environment ---------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "plugin/EnvironmentConfig.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Process.h"

using namespace llvm;

namespace rih {

EnvironmentConfig readEnvironmentConfig() {
  EnvironmentConfig C;
  std::optional<std::string> Helpers =
      sys::Process::GetEnv("RUST_INLINE_HELPERS");
  if (!Helpers)
    return C;
  C.Enabled = true;
  C.Options.FromEnvironment = true;
  SmallVector<StringRef, 4> Paths;
  StringRef(*Helpers).split(Paths, ':');
  for (StringRef P : Paths) {
    if (P.empty()) {
      C.Error = "RUST_INLINE_HELPERS='" + *Helpers +
                "' has an empty entry; write helper bitcode files separated "
                "by ':', e.g. RUST_INLINE_HELPERS=helpers.bc:more.bc";
      return C;
    }
    C.Options.Link.HelperFiles.push_back(P.str());
  }
  if (std::optional<std::string> Report =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_REPORT")) {
    if (Report->empty()) {
      C.Error = "RUST_INLINE_HELPERS_REPORT is set but empty; give a path "
                "for the JSON report or unset it";
      return C;
    }
    C.HasReport = true;
    C.Options.ReportPath = *Report;
  }
  if (std::optional<std::string> Mode =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_HARDENING")) {
    std::optional<HardeningMode> M = parseHardeningMode(*Mode);
    if (!M) {
      C.Error = "RUST_INLINE_HELPERS_HARDENING='" + *Mode +
                "' is not a hardening mode; use strengthen (the default), "
                "refuse or ignore";
      return C;
    }
    C.HasHardening = true;
    C.Options.setHardening(*M);
  }
  if (std::optional<std::string> Mode =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_MISMATCH")) {
    std::optional<MismatchMode> M = parseMismatchMode(*Mode);
    if (!M) {
      C.Error = "RUST_INLINE_HELPERS_MISMATCH='" + *Mode +
                "' is not a mismatch mode; use error (the default) or warn";
      return C;
    }
    C.HasMismatch = true;
    C.Options.Link.Mismatch = *M;
  }
  // prefix= and suffix=: an empty value restricts nothing.
  if (std::optional<std::string> Prefix =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_PREFIX"))
    C.Options.Link.Prefix = *Prefix;
  if (std::optional<std::string> Suffix =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_SUFFIX"))
    C.Options.Link.Suffix = *Suffix;
  if (std::optional<std::string> Mode =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_DEBUG")) {
    std::optional<bool> Drop = parseDropDebugInfo(*Mode);
    if (!Drop) {
      C.Error = "RUST_INLINE_HELPERS_DEBUG='" + *Mode +
                "' is not a debug mode; use keep (the default) or drop";
      return C;
    }
    C.HasDebug = true;
    C.Options.Link.DropDebugInfo = *Drop;
  }
  return C;
}

} // namespace rih
