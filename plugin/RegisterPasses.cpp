//===- RegisterPasses.cpp - Register the plugin's passes ------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "plugin/RegisterPasses.h"

#include "passes/HelperInline.h"
#include "passes/HelperLink.h"
#include "passes/HelperReconcile.h"
#include "passes/RustInlineHelpers.h"

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

/// Parses "helpers=PATH;helpers=PATH;report=PATH".  report= is accepted only
/// when \p AllowReport.
Expected<RustInlineHelpersOptions>
parseOptions(StringRef Params, StringRef PassName, bool AllowReport) {
  StringRef Valid = AllowReport ? "helpers=PATH (one per file), report=PATH"
                                : "helpers=PATH (one per file)";
  RustInlineHelpersOptions Opts;
  while (!Params.empty()) {
    StringRef Param;
    std::tie(Param, Params) = Params.split(';');
    auto [Key, Value] = Param.split('=');
    if (Key == "helpers" && !Value.empty()) {
      Opts.Link.HelperFiles.push_back(Value.str());
    } else if (AllowReport && Key == "report" && !Value.empty()) {
      if (!Opts.ReportPath.empty())
        return badParameter(PassName, Param, "report= given twice");
      Opts.ReportPath = Value.str();
    } else {
      return badParameter(PassName, Param, Valid);
    }
  }
  if (Opts.Link.HelperFiles.empty())
    return createStringError(
        inconvertibleErrorCode(),
        "rust-inline-helpers: pass '%s' needs at least one helper bitcode "
        "file: write it as '%s<helpers=helpers.bc>'",
        PassName.str().c_str(), PassName.str().c_str());
  return Opts;
}

Expected<RustInlineHelpersOptions>
parseRustInlineHelpersOptions(StringRef Params) {
  return parseOptions(Params, "rust-inline-helpers", /*AllowReport=*/true);
}

Expected<HelperLinkOptions> parseHelperLinkOptions(StringRef Params) {
  Expected<RustInlineHelpersOptions> O =
      parseOptions(Params, "rust-helpers-link", /*AllowReport=*/false);
  if (!O)
    return O.takeError();
  return std::move(O->Link);
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

void registerRustInlineHelpersPasses(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(parseModulePipelineElement);
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
