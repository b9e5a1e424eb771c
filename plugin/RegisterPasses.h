//===- RegisterPasses.h - Register the plugin's passes ----------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PLUGIN_REGISTERPASSES_H
#define RUST_INLINE_HELPERS_PLUGIN_REGISTERPASSES_H

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace rih {

/// Makes the passes of Passes.def known to \p PB's pipeline parser.
void registerRustInlineHelpersPasses(llvm::PassBuilder &PB);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PLUGIN_REGISTERPASSES_H
