//===- SubtargetNeeds.h - What a helper's body needs of a subtarget -*- C++
//-*-//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// LLVM's inline checks compare target-feature sets, and some features are
// left out of the comparison (x86's cx16 among them), so a call can pass
// them while the helper's body needs what the caller's subtarget lacks.  A
// 16-byte cmpxchg from a `+cx16` helper, inlined into a caller without cx16,
// is lowered to a call to __atomic_compare_exchange_16, which the kernel and
// many programs do not have.  These checks ask the target's own code
// generator (TargetLowering, through a TargetMachine made on first use) what
// each subtarget can lower, so that policy row OtherFeatures refuses such a
// call by what the body needs.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_SUBTARGETNEEDS_H
#define RUST_INLINE_HELPERS_PASSES_SUBTARGETNEEDS_H

#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <optional>
#include <string>

namespace llvm {
class Function;
class TargetMachine;
} // namespace llvm

namespace rih {

class TargetFeatureOracle;

/// What the subtarget of a function can lower, as the target's code
/// generator says.
class SubtargetLimits {
public:
  /// Will create a TargetMachine for \p TT, from the host process's
  /// TargetRegistry, the first time a question needs one.
  explicit SubtargetLimits(const llvm::Triple &TT);
  ~SubtargetLimits();

  /// Returns the widest atomic access, in bits, that code for \p F's
  /// subtarget ("target-cpu", "target-features") does without a libcall
  /// (TargetLowering::getMaxAtomicSizeInBitsSupported), or std::nullopt
  /// when the triple's target is not registered in this process.
  std::optional<unsigned> getMaxAtomicBits(const llvm::Function &F);

private:
  llvm::Triple TT;
  bool Initialized = false;
  std::unique_ptr<llvm::TargetMachine> TM;
};

/// Returns why inlining \p Callee into \p Caller would make \p Caller need
/// something its subtarget lacks, or an empty string: an atomic load, store,
/// cmpxchg or read-modify-write wider than the caller's subtarget does
/// inline, while the helper's does it inline (inlined, it would become an
/// __atomic_* libcall).  The message names the widths, in bytes, and the
/// features that \p Features finds on the helper only.  Nothing is found
/// when the target is not registered (the feature comparison then refuses
/// on its own, row OtherFeatures).
std::string findUnmetBodyNeed(const llvm::Function &Caller,
                              const llvm::Function &Callee,
                              SubtargetLimits &Limits,
                              TargetFeatureOracle &Features);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_SUBTARGETNEEDS_H
