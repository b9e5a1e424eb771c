//===- EnvironmentConfig.cpp - Configuration from the environment ---------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "plugin/EnvironmentConfig.h"

#include "passes/LLVMCompat.h"

#include "llvm/Support/Process.h"

using namespace llvm;

namespace rih {

static EnvironmentConfig readEnvironmentConfig() {
  EnvironmentConfig C;
  if (!sys::Process::GetEnv("RUST_INLINE_HELPERS"))
    return C;
  C.Enabled = true;
  for (const OptionInfo &O : getOptionTable()) {
    if (O.EnvVar.empty())
      continue;
    std::optional<std::string> Var = sys::Process::GetEnv(O.EnvVar);
    if (!Var)
      continue;
    SmallVector<StringRef, 4> Entries;
    if (O.Kind == OptionKind::List)
      StringRef(*Var).split(Entries, ':');
    else
      Entries.push_back(*Var);
    for (StringRef E : Entries) {
      if (E.empty() && O.Empty == EnvEmpty::Skip)
        continue;
      if ((E.empty() && O.Empty == EnvEmpty::Error) ||
          !setOption(O.Id, E, C.Options)) {
        C.Error = compat::formatvUnchecked(O.EnvError.data(), O.EnvVar, *Var, E);
        return C;
      }
      C.Values.push_back({O.Id, E.str()});
    }
  }
  return C;
}

const EnvironmentConfig &getEnvironmentConfig() {
  static const EnvironmentConfig Config = readEnvironmentConfig();
  return Config;
}

} // namespace rih
