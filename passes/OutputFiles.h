//===- OutputFiles.h - Write the plugin's own files safely ------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The plugin writes two files of its own beside the compilation's output: the
// JSON report (report=, RUST_INLINE_HELPERS_REPORT) and the dependency file
// (deps=, RUST_INLINE_HELPERS_DEPS).  Neither may replace a file the
// compilation reads or writes, and neither may be left half-written:
//
//  * checkOutputPath refuses a path that is the same file as a helper file,
//    the input module or an output of the host (compared by file identity,
//    sys::fs::equivalent);
//  * writeOutputFile writes a regular file as a temporary in the same
//    directory and renames it over the target only once every byte was
//    written (sys::fs::TempFile), and checks every write.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_OUTPUTFILES_H
#define RUST_INLINE_HELPERS_PASSES_OUTPUTFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace llvm {
class Module;
class raw_ostream;
} // namespace llvm

namespace rih {

/// A file the plugin is about to write.
struct PlannedOutput {
  std::string Path;
  std::string What;      ///< "the report", "the dependency file".
  std::string Parameter; ///< How it is set: "report=PATH, ..._REPORT".
};

/// Returns an error when a path of \p Outputs (other than "-", a device or
/// a FIFO, which are written in place) names the same file as
/// another of them, as one of \p HelperFiles, as the module \p M was read
/// from (its identifier or source file name, when that is a file), or as an
/// output of the host compilation: on Linux, a file this process holds open
/// for writing (opt opens -o before it runs the passes) or the path after
/// `-o`, `-o=` or in `--emit=KIND=PATH` on its command line (clang and rustc
/// write their output later).  Files are compared by identity
/// (sys::fs::equivalent: links and other spellings of one file are the
/// same), a path that does not exist yet by its absolute spelling.  The
/// message names both paths, the parameter and the fix.
llvm::Error checkOutputPaths(llvm::ArrayRef<PlannedOutput> Outputs,
                             llvm::ArrayRef<std::string> HelperFiles,
                             const llvm::Module &M);

/// Writes what \p Emit prints to \p Path.  A regular file (or a path that
/// does not exist yet) is written as a temporary in its directory, renamed
/// over \p Path (through a symbolic link, onto the file it names) once
/// complete: a failure leaves the old file, or none, and no temporary.  A
/// device, FIFO or socket is written in place, as a shell redirection
/// would; "-" is standard output.  Returns an error whose message is the
/// reason (the caller names the file and the parameter), when the directory is
/// missing or not writable, the target exists and is not writable, or a write,
/// flush or close fails (ENOSPC on /dev/full, EIO).
llvm::Error writeOutputFile(llvm::StringRef Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Emit);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_OUTPUTFILES_H
