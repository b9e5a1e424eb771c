//===- ModuleFlagPolicy.h - Module flags before the IR linker ---*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The IR linker merges module flags by their own behaviour (IRMover.cpp).
// That is sound for most flags, but not for all of them:
//  * a Min flag such as cf-protection-branch keeps the smaller value when
//    both sides have it, removing ENDBR from every function of the module
//    (row ControlFlowFlags: strongest wins instead; LLVM 22's linker copies a
//    flag that only one side has, which this row agrees with);
//  * kCFI flags that only one side has link silently (rows CFIFlags,
//    KeyFlags: must match);
//  * two Code Models are an error to the linker, although helper code for a
//    smaller model is valid in a crate of a larger one (row CodeModelFlags:
//    the helper adopts the crate's model then; the reverse stays an error).
// reconcileModuleFlags applies those rows to a helper module and the crate
// before they are linked; the linker merges the rest (row ModuleFlags).
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_MODULEFLAGPOLICY_H
#define RUST_INLINE_HELPERS_PASSES_MODULEFLAGPOLICY_H

#include "passes/ReconcilePolicy.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace llvm {
class Module;
} // namespace llvm

namespace rih {

/// What reconcileModuleFlags changed, for remarks and the report.
struct ModuleFlagChange {
  std::string Flag;
  PolicyRowId Row;
  std::string What; ///< e.g. "raised to 1 in the crate".
};

/// What to do with the helper file after the module-flag rows.
enum class FlagVerdict {
  Link,  ///< Link it (flags may have been changed).
  Skip,  ///< Do not link it: its calls stay calls (hardening=refuse).
  Error, ///< An error was reported.
};

/// Applies the module-flag rows to the crate \p Crate and the helper module
/// \p Helper (read from \p HelperPath) before they are linked, under
/// hardening mode \p Mode.  Appends what it changed to \p Changes.
///
/// Returns Error after reporting an error (through the crate's context) that
/// names the flag, both values, both modules and the fix, when a must-match
/// flag differs.  With hardening=refuse, a strongest-wins flag that only the
/// crate could raise gives Skip, with the reason in \p SkipReason: the
/// helpers of that file stay calls.  With hardening=ignore, a strongest-wins
/// difference is left to the linker with a warning.
///
/// \p PreemptibleInFile: when \p Helper holds only part of its file (read
/// from the file's split form, HelperFileSplit.h), how many of the whole
/// file's symbols row PICFlags would make preemptible, for the message.
FlagVerdict
reconcileModuleFlags(llvm::Module &Crate, llvm::Module &Helper,
                     llvm::StringRef HelperPath, HardeningMode Mode,
                     llvm::SmallVectorImpl<ModuleFlagChange> &Changes,
                     std::string &SkipReason,
                     std::optional<unsigned> PreemptibleInFile = std::nullopt);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_MODULEFLAGPOLICY_H
