//===- HelperDiagnostics.h - Errors and warnings of the plugin --*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Every error goes through LLVMContext::diagnose, so that each host reports it
// in its own way: clang and rustc print it and fail the compilation; opt prints
// it and exits with status 1.
//
// opt creates its output file before it runs the passes and exits from inside
// LLVMContext::diagnose on an error, which would leave an empty output file
// behind.  reportError therefore first offers the diagnostic to the host's
// handler; when no handler takes it (opt), the files that the host registered
// for removal on a signal (opt's -o and -pass-remarks-output files) are removed
// before LLVM's default handling prints the message and exits.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERDIAGNOSTICS_H
#define RUST_INLINE_HELPERS_PASSES_HELPERDIAGNOSTICS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"

#include <string>
#include <utility>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace rih {

/// The pass name of every optimization remark of the plugin, so that
/// -pass-remarks=rust-inline-helpers (and -missed, -analysis) shows them all.
inline constexpr const char *RemarkPassName = "rust-inline-helpers";

/// Reports the error \p Msg about module \p M, prefixed with
/// "rust-inline-helpers: ".  The message should name the file or function at
/// fault and the fix.  Hosts see it as an "unsupported" backend error
/// (DiagnosticInfoUnsupported, anchored on M's first function), the kind that
/// rustc turns into a compilation error; opt prints it plainly.
///
/// Returns only when the host handled the error (clang, rustc); the caller
/// must then leave the module as it was, or at least valid.  In opt it does
/// not return: the output files are removed and opt exits with status 1.
void reportError(llvm::Module &M, const llvm::Twine &Msg);

/// Reports the warning \p Msg, prefixed with "rust-inline-helpers: ".
void reportWarning(llvm::LLVMContext &Ctx, const llvm::Twine &Msg);

/// Collects what LLVM reports through a context's diagnostic handler while
/// it is installed (the IR linker's errors and warnings), so that it can be
/// reported again with the helper file's name and a fix.
struct CapturingHandler : public llvm::DiagnosticHandler {
  llvm::SmallVector<std::pair<llvm::DiagnosticSeverity, std::string>, 2>
      Messages;
  bool handleDiagnostics(const llvm::DiagnosticInfo &DI) override;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERDIAGNOSTICS_H
