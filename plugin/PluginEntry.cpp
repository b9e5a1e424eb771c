//===- PluginEntry.cpp - Entry point of the pass plugin -------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// opt -load-pass-plugin, clang -fpass-plugin, ld.lld --load-pass-plugin and
// rustc -Zllvm-plugins look up this symbol.
//
// The plugin takes LLVM's C++ symbols from the host, so it only works in a
// host of the LLVM major it was built against (19 or 22).  Before anything
// else, the entry point asks the host's LLVM for its version through the C
// API (LLVMGetVersion, stable across majors) and, in a host of another
// major, prints one line naming both versions and the plugin to use, then
// returns API version 0 so that the host refuses the plugin (its own "Wrong
// API version" line follows).  Nothing in this file may call LLVM's C++ API
// before that check: its layout may differ in the host.
//
//===----------------------------------------------------------------------===//

#include "plugin/RegisterPasses.h"

#include "passes/LLVMCompat.h" // llvm/Plugins/PassPlugin.h or its LLVM 19 place

#include "llvm/Config/llvm-config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#ifndef RIH_VERSION
#define RIH_VERSION "unknown"
#endif

namespace {

/// The plugin builds, one per supported LLVM major, as scripts/setup makes
/// them (CMakeLists.txt's RIH_SUPPORTED_LLVM).
struct PluginBuild {
  unsigned Major;
  const char *Dir;   ///< The build directory, beside the other's.
  const char *Setup; ///< The command that builds it.
};
constexpr PluginBuild Builds[] = {
    {22, "build", "scripts/setup"},
    {19, "build-llvm19", "scripts/setup --llvm 19"}};

/// Prints the wrong-host line for a host of LLVM Major.Minor.Patch; only libc.
void reportWrongHost(unsigned Major, unsigned Minor, unsigned Patch) {
  Dl_info Self = {};
  const char *Path = "RustInlineHelpers.so";
  if (dladdr(reinterpret_cast<void *>(&reportWrongHost), &Self) &&
      Self.dli_fname)
    Path = Self.dli_fname;
  char Fix[4608] = "the plugin builds against LLVM 19 (rustc 1.85, clang-19) "
                   "and 22 (rustc 1.96, clang-22) only";
  for (const PluginBuild &B : Builds) {
    if (B.Major != Major)
      continue;
    // The sibling build: <root>/<build dir>/lib/RustInlineHelpers.so, when
    // it is there.
    char Root[4096], Other[4096];
    snprintf(Root, sizeof(Root), "%s", Path);
    for (int Up = 0; Up < 3; ++Up)
      if (char *Slash = strrchr(Root, '/'))
        *Slash = '\0';
    struct stat St;
    snprintf(Other, sizeof(Other), "%s/%s/lib/RustInlineHelpers.so", Root,
             B.Dir);
    if (Path[0] != '/' || stat(Other, &St) != 0)
      snprintf(Other, sizeof(Other), "%s/lib/RustInlineHelpers.so", B.Dir);
    snprintf(Fix, sizeof(Fix), "use %s (built by %s)", Other, B.Setup);
  }
  fprintf(stderr,
          "error: rust-inline-helpers: %s is built for LLVM %d, but this "
          "process (%s) runs LLVM %u.%u.%u; %s\n",
          Path, LLVM_VERSION_MAJOR, program_invocation_short_name, Major, Minor,
          Patch, Fix);
}

/// True when the host runs the LLVM major the plugin was built against.  A
/// host without LLVMGetVersion (exported since LLVM 16 by every libLLVM) is
/// trusted, as before the check existed.
bool hostMatches() {
  using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);
  auto GetVersion =
      reinterpret_cast<GetVersionFn>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  if (!GetVersion)
    return true;
  unsigned Major = 0, Minor = 0, Patch = 0;
  GetVersion(&Major, &Minor, &Patch);
  if (Major == LLVM_VERSION_MAJOR)
    return true;
  reportWrongHost(Major, Minor, Patch);
  return false;
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  if (!hostMatches())
    return {0, "RustInlineHelpers", RIH_VERSION, nullptr};
  return {LLVM_PLUGIN_API_VERSION, "RustInlineHelpers", RIH_VERSION,
          rih::registerRustInlineHelpersPasses};
}

// Kbuild (scripts/kbuild/patches, top-level Makefile) reads the plugin's
// LLVM major from this symbol's name with nm, to stop a build whose rustc
// has another major before rustc loads the plugin.
#define RIH_CONCAT_(A, B) A##B
#define RIH_CONCAT(A, B) RIH_CONCAT_(A, B)
extern "C" LLVM_ATTRIBUTE_VISIBILITY_DEFAULT const unsigned
    RIH_CONCAT(rust_inline_helpers_llvm_, LLVM_VERSION_MAJOR);
const unsigned RIH_CONCAT(rust_inline_helpers_llvm_,
                          LLVM_VERSION_MAJOR) = LLVM_VERSION_MAJOR;
