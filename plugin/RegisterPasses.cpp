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

#include "llvm/ADT/SmallSet.h"
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

/// Parses "helpers=PATH;helpers=PATH;report=PATH;hardening=MODE;...", the
/// options of PassOptions.def that the passes \p Passes take, then takes
/// the ones not written from the environment (RUST_INLINE_HELPERS*), when it
/// is set and valid: explicit parameters win.  helpers= is required when
/// allowed.
Expected<RustInlineHelpersOptions>
parseOptions(StringRef Params, StringRef PassName, unsigned Passes) {
  SmallVector<const OptionInfo *, 16> Allowed;
  SmallVector<StringRef, 16> Syntax;
  for (const OptionInfo &O : getOptionTable())
    if (O.Passes & Passes) {
      Allowed.push_back(&O);
      Syntax.push_back(O.Syntax);
    }
  std::string Valid = join(Syntax, ", ");
  RustInlineHelpersOptions Opts;
  SmallSet<OptionId, 8> Seen;
  while (!Params.empty()) {
    StringRef Param;
    std::tie(Param, Params) = Params.split(';');
    StringRef Key, Value;
    std::tie(Key, Value) = Param.split('=');
    const auto *It = find_if(Allowed, [&](const OptionInfo *O) {
      return O->Kind == OptionKind::Flag ? Param == O->Name : Key == O->Name;
    });
    if (It == Allowed.end())
      return badParameter(PassName, Param, Valid);
    const OptionInfo &O = **It;
    // A path or a name must not be empty; a mode is checked by setOption.
    if (O.Kind != OptionKind::Flag && Value.empty() && O.ParamError.empty())
      return badParameter(PassName, Param, Valid);
    if (O.Kind == OptionKind::Value && Seen.contains(O.Id))
      return badParameter(PassName, Param, (O.Name + "= given twice").str());
    if (!setOption(O.Id, Value, Opts))
      return badParameter(PassName, Param,
                          O.ParamError.empty() ? StringRef(Valid)
                                               : O.ParamError);
    Seen.insert(O.Id);
  }
  const EnvironmentConfig &Env = getEnvironmentConfig();
  if (Env.Enabled && Env.Error.empty())
    for (const auto &[Id, Value] : Env.Values)
      if (!Seen.contains(Id) && any_of(Allowed, [Id = Id](const OptionInfo *O) {
            return O->Id == Id;
          }))
        setOption(Id, Value, Opts);
  if ((Passes & LinkingPasses) && Opts.Link.HelperFiles.empty())
    return createStringError(
        inconvertibleErrorCode(),
        "rust-inline-helpers: pass '%s' needs at least one helper bitcode "
        "file: write it as '%s<helpers=helpers.bc>' or set "
        "RUST_INLINE_HELPERS=helpers.bc",
        PassName.str().c_str(), PassName.str().c_str());
  return Opts;
}

bool parseModulePipelineElement(StringRef Name, ModulePassManager &MPM,
                                ArrayRef<PassBuilder::PipelineElement>) {
#define MODULE_PASS(NAME, CLASS, CREATE_PASS)                                  \
  if (Name == NAME) {                                                          \
    MPM.addPass(CREATE_PASS);                                                  \
    return true;                                                               \
  }
#define MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE_PASS, PASSES)              \
  if (PassBuilder::checkParametrizedPassName(Name, NAME)) {                    \
    auto Params = PassBuilder::parsePassParameters(                            \
        [](StringRef P) { return parseOptions(P, NAME, PASSES); }, Name,       \
        NAME);                                                                 \
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
  const EnvironmentConfig &Env = getEnvironmentConfig();
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
  const EnvironmentConfig &Env = getEnvironmentConfig();
  if (Env.Enabled && Env.Error.empty())
    Opts = {Env.Options.reconcileOptions(), Env.Options.ReportPath};
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
#define MODULE_PASS_WITH_PARAMS(NAME, CLASS, CREATE_PASS, PASSES)              \
  PIC->addClassToPassName(#CLASS, NAME);
#include "plugin/Passes.def"
  }
}

} // namespace rih
