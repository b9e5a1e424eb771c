//===- RustInlineHelpers.cpp - Link, reconcile and inline helpers ---------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/RustInlineHelpers.h"

#include "passes/HelperDependencies.h"
#include "passes/HelperDiagnostics.h"
#include "passes/HelperInline.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReconcile.h"
#include "passes/HelperReport.h"
#include "passes/OutputFiles.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

#define DEBUG_TYPE "rust-inline-helpers"

namespace rih {

static bool hasErrors(const LLVMContext &Ctx) {
  const DiagnosticHandler *H = Ctx.getDiagHandlerPtr();
  return H && H->HasErrors;
}

/// The helper files whose content is now in \p M, each with the helpers it
/// gave: those inlined at least once, those whose copy stays in the module
/// (for the late round, or discardable definitions), and for a module flag
/// change the file alone.  Files that changed nothing are left out.
static std::vector<ProvenanceFile> collectProvenance(const Module &M,
                                                     const HelperReport &R) {
  std::map<std::string, std::set<std::string>> ByFile = R.getContributions();
  for (const Function &F : M)
    if (isLinkedHelper(F) && !R.getFileDigest(getHelperOrigin(F)).empty())
      ByFile[getHelperOrigin(F).str()].insert(getHelperName(F));
  std::vector<ProvenanceFile> Files;
  for (auto &[Path, Helpers] : ByFile)
    Files.push_back({Path, R.getFileDigest(Path).str(), std::move(Helpers)});
  return Files;
}

void RustInlineHelpersPass::printPipeline(raw_ostream &OS,
                                          function_ref<StringRef(StringRef)>) {
  OS << "rust-inline-helpers<" << printOptions(Options, CompositePass);
  OS << ">";
}

PreservedAnalyses RustInlineHelpersPass::run(Module &M,
                                             ModuleAnalysisManager &MAM) {
  if (!Options.ConfigError.empty()) {
    reportError(M, Options.ConfigError);
    return PreservedAnalyses::all();
  }
  if (Options.FromEnvironment && M.getNamedMetadata(ProcessedMDName))
    return PreservedAnalyses::all();
  M.getOrInsertNamedMetadata(ProcessedMDName);

  // The plugin's own files must not replace an input or output.
  std::vector<PlannedOutput> Outputs;
  if (!Options.ReportPath.empty())
    Outputs.push_back({expandReportPath(Options.ReportPath, M), "the report",
                       "report=PATH, RUST_INLINE_HELPERS_REPORT"});
  if (!Options.DepsPath.empty())
    Outputs.push_back({Options.DepsPath, "the dependency file",
                       "deps=PATH, RUST_INLINE_HELPERS_DEPS"});
  if (Error E = checkOutputPaths(Outputs, Options.Link.HelperFiles, M)) {
    reportError(M, toString(std::move(E)));
    return PreservedAnalyses::all();
  }

  HelperReport Report;
  PreservedAnalyses PA = PreservedAnalyses::all();
  bool HadErrors = hasErrors(M.getContext());

  PA.intersect(HelperLinkPass(Options.Link, &Report).run(M, MAM));
  if (!HadErrors && hasErrors(M.getContext()))
    return PA; // The host reported the link error; nothing was linked.
  MAM.invalidate(M, PA);
  PreservedAnalyses Step = HelperReconcilePass(Options.reconcileOptions()).run(M, MAM);
  MAM.invalidate(M, Step);
  PA.intersect(std::move(Step));
  Step = HelperInlinePass(&Report, Options.LateRound).run(M, MAM);
  MAM.invalidate(M, Step);
  PA.intersect(std::move(Step));

  // The passes only link and inline with LLVM's own utilities; a module that
  // no longer verifies is a bug of ours, never something to hand to codegen.
  std::string Broken;
  raw_string_ostream BrokenOS(Broken);
  if (verifyModule(M, &BrokenOS)) {
    reportError(M,
                "internal error: module '" + M.getModuleIdentifier() +
                    "' does not verify after linking and inlining helpers (" +
                    StringRef(Broken).trim() +
                    "); please report it with the crate and helper bitcode");
    return PreservedAnalyses::none();
  }

  std::vector<ProvenanceFile> Files = collectProvenance(M, Report);
  recordProvenance(M, Files, Options.FilePrefixMap);

  // A module without helpers (rustc's allocator shim, say) does not
  // overwrite the report of one that had them, in the same process.
  if (!Options.ReportPath.empty() && !Report.empty())
    Report.write(expandReportPath(Options.ReportPath, M), M);
  if (!Options.DepsPath.empty()) {
    std::vector<std::string> Paths;
    for (const ProvenanceFile &F : Files)
      Paths.push_back(F.Path);
    writeDependencyFile(Options.DepsPath,
                        Options.DepsTarget.empty()
                            ? defaultDependencyTarget(Options.DepsPath)
                            : Options.DepsTarget,
                        Paths, M);
  }
  return PA;
}

} // namespace rih
