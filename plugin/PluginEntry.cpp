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
//===----------------------------------------------------------------------===//

#include "plugin/RegisterPasses.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Plugins/PassPlugin.h"

#ifndef RIH_VERSION
#define RIH_VERSION "unknown"
#endif

extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "RustInlineHelpers", RIH_VERSION,
          rih::registerRustInlineHelpersPasses};
}
