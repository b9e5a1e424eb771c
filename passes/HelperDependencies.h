//===- HelperDependencies.h - Make-style dependency files -------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `deps=PATH` (or RUST_INLINE_HELPERS_DEPS): after changing a module, the
// plugin writes the files the output now depends on beyond what the compiler
// knows, the helper files it inlined from and the plugin library itself, as
// a make rule, the format of clang's -MD -MP:
//
//   TARGET: helpers.bc /path/to/RustInlineHelpers.so
//   helpers.bc:
//   /path/to/RustInlineHelpers.so:
//
// Kbuild's fixdep (scripts/basic/fixdep.c: every word before a ':' is a
// target and skipped), GNU make's include and Ninja's `depfile =` read it;
// the empty rules keep make going when a file disappears.  A module that the
// plugin left unchanged depends on nothing: the file then holds "TARGET:"
// alone, so that a build system can always read it.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERDEPENDENCIES_H
#define RUST_INLINE_HELPERS_PASSES_HELPERDEPENDENCIES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace llvm {
class Module;
} // namespace llvm

namespace rih {

/// Returns the path of the loaded plugin library, made absolute (dladdr on
/// one of its functions), or an empty string when the host cannot tell.
std::string getPluginLibraryPath();

/// Returns the rule's target for `deps=PATH` without `deps-target=`: PATH
/// with its extension replaced by ".o" (out/foo.d -> out/foo.o).
std::string defaultDependencyTarget(llvm::StringRef DepsPath);

/// Writes the dependency file \p Path for module \p M with rule target
/// \p Target: the helper files \p Files plus the plugin library.  Every
/// module written to the same \p Path in one process (rustc's codegen
/// units, each its own module) adds to the same rule, so the file always
/// holds the union.  The file is replaced atomically (a temporary renamed
/// over \p Path).  \p Files empty and nothing added before: the rule has no
/// prerequisites, not even the plugin.  Errors: the file cannot be written,
/// reported on \p M with the path and the fix.
bool writeDependencyFile(llvm::StringRef Path, llvm::StringRef Target,
                         llvm::ArrayRef<std::string> Files, llvm::Module &M);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERDEPENDENCIES_H
