//===- HelperDiagnostics.cpp - Errors and warnings of the plugin ----------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperDiagnostics.h"

#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Signals.h"

using namespace llvm;

namespace rih {
namespace {

/// Our errors and warnings are reported with the kind of the IR linker's
/// (DK_Linker): they are about linking helper bitcode, and every host shows
/// that kind with its severity.  rustc drops diagnostics of kinds it does not
/// know (DK_Generic among them) without failing the compilation.
class HelperDiagnostic : public DiagnosticInfo {
public:
  HelperDiagnostic(DiagnosticSeverity Severity, std::string Msg)
      : DiagnosticInfo(DK_Linker, Severity), Msg(std::move(Msg)) {}
  void print(DiagnosticPrinter &DP) const override { DP << Msg; }

private:
  std::string Msg;
};

} // namespace

void reportError(Module &M, const Twine &Msg) {
  LLVMContext &Ctx = M.getContext();
  std::string Text = ("rust-inline-helpers: " + Msg).str();
  HelperDiagnostic Plain(DS_Error, Text);
  auto *Handler = const_cast<DiagnosticHandler *>(Ctx.getDiagHandlerPtr());
  if (Handler) {
    // rustc reports unknown diagnostic kinds nowhere and linker ones as
    // warnings; an "unsupported" error on a function fails its compilation.
    bool Handled;
    if (M.empty()) {
      Handled = Handler->handleDiagnostics(Plain);
    } else {
      Twine TextRef(Text);
      DiagnosticInfoUnsupported OnFunction(*M.begin(), TextRef);
      Handled = Handler->handleDiagnostics(OnFunction);
    }
    if (Handled) {
      // The host (clang, rustc) records the error and fails later.
      Handler->HasErrors = true;
      return;
    }
  }
  // No handler took it: LLVM's default handling prints the message and exits.
  // Remove the host's pending output files first, so that no empty or partial
  // output is left behind.
  sys::RunInterruptHandlers();
  Ctx.diagnose(Plain);
}

void reportWarning(LLVMContext &Ctx, const Twine &Msg) {
  Ctx.diagnose(
      HelperDiagnostic(DS_Warning, ("rust-inline-helpers: " + Msg).str()));
}

bool CapturingHandler::handleDiagnostics(const DiagnosticInfo &DI) {
  std::string Text;
  raw_string_ostream OS(Text);
  DiagnosticPrinterRawOStream DP(OS);
  DI.print(DP);
  Messages.emplace_back(DI.getSeverity(), std::move(Text));
  return true;
}

} // namespace rih
