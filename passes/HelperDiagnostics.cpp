//===- HelperDiagnostics.cpp - Errors and warnings of the plugin ----------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperDiagnostics.h"

#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/Signals.h"

using namespace llvm;

namespace rih {

void reportError(LLVMContext &Ctx, const Twine &Msg) {
  std::string Text = ("rust-inline-helpers: " + Msg).str();
  Twine TextRef(Text); // DiagnosticInfoGeneric keeps a reference.
  DiagnosticInfoGeneric DI(TextRef, DS_Error);
  auto *Handler = const_cast<DiagnosticHandler *>(Ctx.getDiagHandlerPtr());
  if (Handler && Handler->handleDiagnostics(DI)) {
    // The host (clang, rustc) records the error and fails later.
    Handler->HasErrors = true;
    return;
  }
  // No handler took it: LLVM's default handling prints the message and exits.
  // Remove the host's pending output files first, so that no empty or partial
  // output is left behind.
  sys::RunInterruptHandlers();
  Ctx.diagnose(DI);
}

void reportWarning(LLVMContext &Ctx, const Twine &Msg) {
  std::string Text = ("rust-inline-helpers: " + Msg).str();
  Twine TextRef(Text);
  Ctx.diagnose(DiagnosticInfoGeneric(TextRef, DS_Warning));
}

} // namespace rih
