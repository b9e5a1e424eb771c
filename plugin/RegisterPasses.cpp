//===- RegisterPasses.cpp - Register the plugin's passes ------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "plugin/RegisterPasses.h"

#include "plugin/EnvironmentConfig.h"

#include "passes/HelperInline.h"
#include "passes/HelperLateInline.h"
#include "passes/HelperLink.h"
#include "passes/HelperReconcile.h"
#include "passes/LLVMCompat.h"
#include "passes/RustInlineHelpers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rih {
namespace {

Error badParameter(StringRef PassName, StringRef Param, StringRef Valid) {
  return createStringError(
      inconvertibleErrorCode(),
      "rust-inline-helpers: invalid parameter '%s' of pass '%s'; valid "
      "parameters: %s",
      Param.str().c_str(), PassName.str().c_str(), Valid.str().c_str());
}

enum ParamSet : unsigned {
  HelpersParam = 1,
  ReportParam = 2,
  HardeningParam = 4,
  MismatchParam = 8,
  DebugParam = 16,
  LateParam = 32,
  NameParams = 64, ///< prefix= and suffix=
  LTOParam = 128,
  DepsParams = 256, ///< deps=, deps-target= and file-prefix-map=
};

/// Parses "helpers=PATH;helpers=PATH;report=PATH;hardening=MODE;...", accepting
/// the parameters in \p Allowed.  helpers= is required when allowed.
Expected<RustInlineHelpersOptions>
parseOptions(StringRef Params, StringRef PassName, unsigned Allowed) {
  // How each parameter set is written in the message of a bad parameter.
  static constexpr std::pair<unsigned, const char *> Spellings[] = {
      {HelpersParam, "helpers=PATH (one per file)"},
      {ReportParam, "report=PATH"},
      {HardeningParam, "hardening=strengthen|refuse|ignore"},
      {MismatchParam, "mismatch=error|warn"},
      {DebugParam, "debug=keep|drop"},
      {LateParam, "late"},
      {NameParams, "prefix=STR, suffix=STR"},
      {LTOParam, "lto"},
      {DepsParams, "deps=PATH, deps-target=NAME, file-prefix-map=OLD=NEW"},
  };
  SmallVector<StringRef, 9> ValidList;
  for (const auto &[Set, Spelling] : Spellings)
    if (Allowed & Set)
      ValidList.push_back(Spelling);
  std::string Valid = join(ValidList, ", ");
  RustInlineHelpersOptions Opts;
  bool SawHardening = false, SawMismatch = false, SawDebug = false,
       SawPrefix = false, SawSuffix = false;
  while (!Params.empty()) {
    StringRef Param;
    std::tie(Param, Params) = Params.split(';');
    auto [Key, Value] = Param.split('=');
    if ((Allowed & HelpersParam) && Key == "helpers" && !Value.empty()) {
      Opts.Link.HelperFiles.push_back(Value.str());
    } else if ((Allowed & ReportParam) && Key == "report" && !Value.empty()) {
      if (!Opts.ReportPath.empty())
        return badParameter(PassName, Param, "report= given twice");
      Opts.ReportPath = Value.str();
    } else if ((Allowed & HardeningParam) && Key == "hardening") {
      std::optional<HardeningMode> Mode = parseHardeningMode(Value);
      if (!Mode || SawHardening)
        return badParameter(PassName, Param,
                            SawHardening ? "hardening= given twice"
                                         : "hardening=strengthen (default), "
                                           "hardening=refuse or "
                                           "hardening=ignore");
      SawHardening = true;
      Opts.setHardening(*Mode);
    } else if ((Allowed & MismatchParam) && Key == "mismatch") {
      std::optional<MismatchMode> Mode = parseMismatchMode(Value);
      if (!Mode || SawMismatch)
        return badParameter(PassName, Param,
                            SawMismatch ? "mismatch= given twice"
                                        : "mismatch=error (default) or "
                                          "mismatch=warn");
      SawMismatch = true;
      Opts.Link.Mismatch = *Mode;
    } else if ((Allowed & NameParams) && (Key == "prefix" || Key == "suffix") &&
               !Value.empty()) {
      bool &Saw = Key == "prefix" ? SawPrefix : SawSuffix;
      if (Saw)
        return badParameter(PassName, Param, (Key + "= given twice").str());
      Saw = true;
      (Key == "prefix" ? Opts.Link.Prefix : Opts.Link.Suffix) = Value.str();
    } else if ((Allowed & DepsParams) &&
               (Key == "deps" || Key == "deps-target") && !Value.empty()) {
      std::string &Dest = Key == "deps" ? Opts.DepsPath : Opts.DepsTarget;
      if (!Dest.empty())
        return badParameter(PassName, Param, (Key + "= given twice").str());
      Dest = Value.str();
    } else if ((Allowed & DepsParams) && Key == "file-prefix-map") {
      std::optional<PrefixMapEntry> E = parsePrefixMapEntry(Value);
      if (!E)
        return badParameter(PassName, Param,
                            "file-prefix-map=OLD=NEW, e.g. "
                            "file-prefix-map=/home/me/linux/=");
      Opts.FilePrefixMap.push_back(std::move(*E));
    } else if ((Allowed & LTOParam) && Param == "lto") {
      Opts.Link.InModule = true;
    } else if ((Allowed & LateParam) && Param == "late") {
      Opts.LateRound = true;
    } else if ((Allowed & DebugParam) && Key == "debug") {
      std::optional<bool> Drop = parseDropDebugInfo(Value);
      if (!Drop || SawDebug)
        return badParameter(PassName, Param,
                            SawDebug ? "debug= given twice"
                                     : "debug=keep (default) or debug=drop");
      SawDebug = true;
      Opts.Link.DropDebugInfo = *Drop;
    } else {
      return badParameter(PassName, Param, Valid);
    }
  }
  // Parameters not written in the pipeline come from the environment
  // (RUST_INLINE_HELPERS*), when it is set and valid: explicit ones win.
  EnvironmentConfig Env = readEnvironmentConfig();
  if (Env.Enabled && Env.Error.empty()) {
    if ((Allowed & HelpersParam) && Opts.Link.HelperFiles.empty())
      Opts.Link.HelperFiles = Env.Options.Link.HelperFiles;
    if ((Allowed & ReportParam) && Opts.ReportPath.empty())
      Opts.ReportPath = Env.Options.ReportPath;
    if ((Allowed & HardeningParam) && !SawHardening && Env.HasHardening) {
      Opts.setHardening(Env.Options.getHardening());
    }
    if ((Allowed & MismatchParam) && !SawMismatch && Env.HasMismatch)
      Opts.Link.Mismatch = Env.Options.Link.Mismatch;
    if ((Allowed & DebugParam) && !SawDebug && Env.HasDebug)
      Opts.Link.DropDebugInfo = Env.Options.Link.DropDebugInfo;
    if ((Allowed & DepsParams) && Opts.DepsPath.empty())
      Opts.DepsPath = Env.Options.DepsPath;
    if ((Allowed & DepsParams) && Opts.DepsTarget.empty())
      Opts.DepsTarget = Env.Options.DepsTarget;
    if ((Allowed & DepsParams) && Opts.FilePrefixMap.empty())
      Opts.FilePrefixMap = Env.Options.FilePrefixMap;
    if ((Allowed & NameParams) && !SawPrefix)
      Opts.Link.Prefix = Env.Options.Link.Prefix;
    if ((Allowed & NameParams) && !SawSuffix)
      Opts.Link.Suffix = Env.Options.Link.Suffix;
  }
  if ((Allowed & HelpersParam) && Opts.Link.HelperFiles.empty())
    return createStringError(
        inconvertibleErrorCode(),
        "rust-inline-helpers: pass '%s' needs at least one helper bitcode "
        "file: write it as '%s<helpers=helpers.bc>' or set "
        "RUST_INLINE_HELPERS=helpers.bc",
        PassName.str().c_str(), PassName.str().c_str());
  return Opts;
}

Expected<RustInlineHelpersOptions>
parseRustInlineHelpersOptions(StringRef Params) {
  return parseOptions(Params, "rust-inline-helpers",
                      HelpersParam | ReportParam | HardeningParam |
                          MismatchParam | DebugParam | LateParam | NameParams |
                          LTOParam | DepsParams);
}

Expected<LateInlineOptions> parseLateInlineOptions(StringRef Params) {
  Expected<RustInlineHelpersOptions> O = parseOptions(
      Params, "rust-helpers-late-inline", ReportParam | HardeningParam);
  if (!O)
    return O.takeError();
  return LateInlineOptions{O->Reconcile, O->ReportPath};
}

Expected<HelperLinkOptions> parseHelperLinkOptions(StringRef Params) {
  Expected<RustInlineHelpersOptions> O =
      parseOptions(Params, "rust-helpers-link",
                   HelpersParam | HardeningParam | MismatchParam | DebugParam |
                       NameParams | LTOParam);
  if (!O)
    return O.takeError();
  return std::move(O->Link);
}

Expected<ReconcileOptions> parseReconcileOptions(StringRef Params) {
  Expected<RustInlineHelpersOptions> O =
      parseOptions(Params, "rust-helpers-reconcile", HardeningParam);
  if (!O)
    return O.takeError();
  return O->Reconcile;
}

bool parseModulePipelineElement(StringRef Name, ModulePassManager &MPM,
                                ArrayRef<PassBuilder::PipelineElement>) {
#define MODULE_PASS(NAME, CLASS, CREATE_PASS)                                  \
  if (Name == NAME) {                                                          \
    MPM.addPass(CREATE_PASS);                                                  \
    return true;                                                               \
  }
#define MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE_PASS, PARSER, PARAMS)      \
  if (PassBuilder::checkParametrizedPassName(Name, NAME)) {                    \
    auto Params = PassBuilder::parsePassParameters(PARSER, Name, NAME);        \
    if (!Params) {                                                             \
      /* A plugin's parser can only say no; print why first. */                \
      errs() << toString(Params.takeError()) << "\n";                          \
      return false;                                                            \
    }                                                                          \
    MPM.addPass(CREATE_PASS(std::move(*Params)));                              \
    return true;                                                               \
  }
#include "plugin/Passes.def"
  return false;
}

} // namespace

/// With RUST_INLINE_HELPERS set, the composite pass runs at the start of
/// every optimization pipeline the host builds: rustc's and clang's
/// (PipelineStart, also at -O0), a ThinLTO backend's (PipelineStart does not
/// run there: EarlySimplification in phase ThinLTOPostLink), and full LTO's
/// (FullLinkTimeOptimizationEarly).  A module already processed, by an
/// explicit pass or an earlier step, is left alone.
static void registerFromEnvironment(PassBuilder &PB) {
  EnvironmentConfig Env = readEnvironmentConfig();
  if (!Env.Enabled)
    return;
  RustInlineHelpersOptions Opts = Env.Options;
  Opts.FromEnvironment = true;
  Opts.ConfigError = Env.Error;
  // Optimizing pipelines also get the late round (HelperLateInline.h),
  // which runs at OptimizerEarly.
  RustInlineHelpersOptions Late = Opts;
  Late.LateRound = true;
  PB.registerPipelineStartEPCallback([Opts, Late](ModulePassManager &MPM,
                                                  OptimizationLevel Level) {
    MPM.addPass(
        RustInlineHelpersPass(Level == OptimizationLevel::O0 ? Opts : Late));
  });
  // After a link, a module that defines a helper holds the C definition the
  // linker chose (a ThinLTO backend of the helper object itself, or full
  // LTO's merge): its calls are inlined from copies (HelperLinkOptions::
  // InModule) instead of the definition being an error.
  RustInlineHelpersOptions AfterLink = Late;
  AfterLink.Link.InModule = true;
  compat::registerThinLTOPostLinkEarlySimplification(
      PB, [AfterLink](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(RustInlineHelpersPass(AfterLink));
      });
  PB.registerFullLinkTimeOptimizationEarlyEPCallback(
      [AfterLink](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(RustInlineHelpersPass(AfterLink));
      });
}

/// The late round runs in every optimizing pipeline: it does nothing unless
/// an earlier round (from the environment, or an explicit
/// `rust-inline-helpers<...;late>`) left copies for it.
static void registerLateRound(PassBuilder &PB) {
  LateInlineOptions Opts;
  EnvironmentConfig Env = readEnvironmentConfig();
  if (Env.Enabled && Env.Error.empty())
    Opts = {Env.Options.Reconcile, Env.Options.ReportPath};
  compat::registerOptimizerEarly(
      PB, [Opts](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(HelperLateInlinePass(Opts));
      });
}

void registerRustInlineHelpersPasses(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(parseModulePipelineElement);
  registerFromEnvironment(PB);
  registerLateRound(PB);
  // -print-pipeline-passes and -debug-pass-manager then use our pass names.
  if (PassInstrumentationCallbacks *PIC =
          PB.getPassInstrumentationCallbacks()) {
#define MODULE_PASS(NAME, CLASS, CREATE_PASS)                                  \
  PIC->addClassToPassName(#CLASS, NAME);
#define MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE_PASS, PARSER, PARAMS)      \
  PIC->addClassToPassName(#CLASS, NAME);
#include "plugin/Passes.def"
  }
}

} // namespace rih
