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
  // The dependency file: an empty value means none.
  if (std::optional<std::string> Deps =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_DEPS"))
    C.Options.DepsPath = *Deps;
  if (std::optional<std::string> Target =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_DEPS_TARGET"))
    C.Options.DepsTarget = *Target;
  if (std::optional<std::string> Map =
          sys::Process::GetEnv("RUST_INLINE_HELPERS_FILE_PREFIX_MAP")) {
    SmallVector<StringRef, 2> Entries;
    StringRef(*Map).split(Entries, ':', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
    for (StringRef E : Entries) {
      std::optional<PrefixMapEntry> Entry = parsePrefixMapEntry(E);
      if (!Entry) {
        C.Error = "RUST_INLINE_HELPERS_FILE_PREFIX_MAP='" + *Map +
                  "' has an entry '" + E.str() +
                  "' that is not OLD=NEW; write entries separated by ':', "
                  "e.g. RUST_INLINE_HELPERS_FILE_PREFIX_MAP=/home/me/linux/=";
        return C;
      }
      C.Options.FilePrefixMap.push_back(std::move(*Entry));
    }
  }
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
