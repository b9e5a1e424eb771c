//===- HelperDependencies.cpp - Make-style dependency files ---------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperDependencies.h"

#include "passes/OutputFiles.h"

#include "passes/HelperDiagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>
#include <mutex>
#include <set>

using namespace llvm;

namespace rih {
namespace {

/// The prerequisites written so far to each dependency file, for the
/// modules of one process (rustc's codegen units run in parallel threads).
struct DependencyRegistry {
  std::mutex Lock;
  StringMap<std::set<std::string>> ByPath;
};

DependencyRegistry &getRegistry() {
  static DependencyRegistry R;
  return R;
}

/// Writes \p Name as make reads it: spaces and '#' escaped with '\', '$'
/// doubled (what clang's -MD writes).
void writeMakePath(raw_ostream &OS, StringRef Name) {
  for (char C : Name) {
    if (C == ' ' || C == '#')
      OS << '\\';
    else if (C == '$')
      OS << '$';
    OS << C;
  }
}

} // namespace

std::string getPluginLibraryPath() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&getPluginLibraryPath), &Info) ||
      !Info.dli_fname || !*Info.dli_fname)
    return "";
  SmallString<256> Path(Info.dli_fname);
  if (sys::fs::make_absolute(Path))
    return "";
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string defaultDependencyTarget(StringRef DepsPath) {
  SmallString<256> Target(DepsPath);
  sys::path::replace_extension(Target, ".o");
  return std::string(Target);
}

bool writeDependencyFile(StringRef Path, StringRef Target,
                         ArrayRef<std::string> Files, Module &M) {
  DependencyRegistry &R = getRegistry();
  std::lock_guard<std::mutex> Guard(R.Lock);
  std::set<std::string> &Deps = R.ByPath[Path];
  Deps.insert(Files.begin(), Files.end());
  if (!Files.empty()) {
    std::string Plugin = getPluginLibraryPath();
    if (!Plugin.empty())
      Deps.insert(Plugin);
  }
  auto Emit = [&](raw_ostream &OS) {
    writeMakePath(OS, Target);
    OS << ":";
    for (const std::string &D : Deps) {
      OS << " \\\n  ";
      writeMakePath(OS, D);
    }
    OS << "\n";
    for (const std::string &D : Deps) {
      OS << "\n";
      writeMakePath(OS, D);
      OS << ":\n";
    }
  };
  if (Error E = writeOutputFile(Path, Emit)) {
    reportError(M, "cannot write the dependency file '" + Path +
                       "': " + toString(std::move(E)) +
                       "; check that its directory exists and is writable "
                       "(parameter deps=PATH, RUST_INLINE_HELPERS_DEPS)");
    return false;
  }
  return true;
}

} // namespace rih
