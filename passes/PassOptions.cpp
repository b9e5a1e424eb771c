//===- PassOptions.cpp - The plugin's options, one table ------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/PassOptions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rih {

static const OptionInfo OptionTable[] = {
#define RIH_OPTION(Id, Name, Kind, Passes, EnvVar, Empty, Syntax, ParamError,   \
                   EnvError)                                                   \
  {OptionId::Id, Name,   OptionKind::Kind, Passes, EnvVar, EnvEmpty::Empty,    \
   Syntax,       ParamError, EnvError},
#include "passes/PassOptions.def"
};

ArrayRef<OptionInfo> getOptionTable() { return OptionTable; }

bool setOption(OptionId Id, StringRef Value,
               RustInlineHelpersOptions &Options) {
  HelperLinkOptions &Link = Options.Link;
  switch (Id) {
  case OptionId::Helpers:
    Link.HelperFiles.push_back(Value.str());
    return true;
  case OptionId::Report:
    Options.ReportPath = Value.str();
    return true;
  case OptionId::Deps:
    Options.DepsPath = Value.str();
    return true;
  case OptionId::DepsTarget:
    Options.DepsTarget = Value.str();
    return true;
  case OptionId::FilePrefixMap:
    if (std::optional<PrefixMapEntry> E = parsePrefixMapEntry(Value)) {
      Options.FilePrefixMap.push_back(std::move(*E));
      return true;
    }
    return false;
  case OptionId::Hardening:
    if (std::optional<HardeningMode> M = parseHardeningMode(Value)) {
      Link.Hardening = *M;
      return true;
    }
    return false;
  case OptionId::Mismatch:
    if (std::optional<MismatchMode> M = parseMismatchMode(Value)) {
      Link.Mismatch = *M;
      return true;
    }
    return false;
  case OptionId::Debug:
    if (std::optional<bool> Drop = parseDropDebugInfo(Value)) {
      Link.DropDebugInfo = *Drop;
      return true;
    }
    return false;
  case OptionId::Prefix:
    Link.Prefix = Value.str();
    return true;
  case OptionId::Suffix:
    Link.Suffix = Value.str();
    return true;
  case OptionId::CacheDir:
    Link.CacheDir = Value.str();
    return true;
  case OptionId::ChunkSize:
    return !Value.getAsInteger(10, Link.ChunkSize) && Link.ChunkSize >= 1;
  case OptionId::LTO:
    Link.InModule = true;
    return true;
  case OptionId::Late:
    Options.LateRound = true;
    return true;
  }
  llvm_unreachable("unknown option");
}

/// Appends option \p Id's parameters to \p Out, unless it has its default.
static void printOption(OptionId Id, const RustInlineHelpersOptions &Options,
                        SmallVectorImpl<std::string> &Out) {
  const HelperLinkOptions &Link = Options.Link;
  auto Add = [&Out](StringRef Name, StringRef Value) {
    Out.push_back((Name + "=" + Value).str());
  };
  switch (Id) {
  case OptionId::Helpers:
    for (const std::string &F : Link.HelperFiles)
      Add("helpers", F);
    return;
  case OptionId::Report:
    if (!Options.ReportPath.empty())
      Add("report", Options.ReportPath);
    return;
  case OptionId::Deps:
    if (!Options.DepsPath.empty())
      Add("deps", Options.DepsPath);
    return;
  case OptionId::DepsTarget:
    if (!Options.DepsTarget.empty())
      Add("deps-target", Options.DepsTarget);
    return;
  case OptionId::FilePrefixMap:
    for (const PrefixMapEntry &E : Options.FilePrefixMap)
      Add("file-prefix-map", E.first + "=" + E.second);
    return;
  case OptionId::Hardening:
    if (Link.Hardening != HardeningMode::Strengthen)
      Add("hardening", getHardeningModeName(Link.Hardening));
    return;
  case OptionId::Mismatch:
    if (Link.Mismatch != MismatchMode::Error)
      Add("mismatch", getMismatchModeName(Link.Mismatch));
    return;
  case OptionId::Debug:
    if (Link.DropDebugInfo)
      Add("debug", "drop");
    return;
  case OptionId::Prefix:
    if (!Link.Prefix.empty())
      Add("prefix", Link.Prefix);
    return;
  case OptionId::Suffix:
    if (!Link.Suffix.empty())
      Add("suffix", Link.Suffix);
    return;
  case OptionId::CacheDir:
    if (!Link.CacheDir.empty())
      Add("cache-dir", Link.CacheDir);
    return;
  case OptionId::ChunkSize:
    if (Link.ChunkSize != HelperFileSplit::DefaultChunkSize)
      Add("chunk-size", std::to_string(Link.ChunkSize));
    return;
  case OptionId::LTO:
    if (Link.InModule)
      Out.push_back("lto");
    return;
  case OptionId::Late:
    if (Options.LateRound)
      Out.push_back("late");
    return;
  }
  llvm_unreachable("unknown option");
}

std::string printOptions(const RustInlineHelpersOptions &Options,
                         unsigned Passes) {
  SmallVector<std::string, 8> Params;
  for (const OptionInfo &O : OptionTable)
    if (O.Passes & Passes)
      printOption(O.Id, Options, Params);
  return join(Params, ";");
}

} // namespace rih
