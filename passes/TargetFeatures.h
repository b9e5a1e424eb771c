//===- TargetFeatures.h - Target features, expanded by the target -*- C++ -*-//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// clang and rustc spell the same machine differently: clang writes
// "target-cpu"="x86-64" and lists +cmov,+cx8,+fxsr; Linux 6.12's Rust target
// names no CPU ("generic") and lists none of them.  This file expands a
// function's "target-cpu" and "target-features" into the target's own feature
// bits (MCSubtargetInfo, the tables generated from the target's .td files), so
// the reconcile pass can decide with the target's knowledge, not a list of
// ours.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_TARGETFEATURES_H
#define RUST_INLINE_HELPERS_PASSES_TARGETFEATURES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <optional>
#include <string>

namespace llvm {
class Function;
class Target;
} // namespace llvm

namespace rih {

/// How the helper's target features relate to its caller's.
struct FeatureComparison {
  /// ISA features (tuning removed) the helper has and the caller lacks.
  llvm::SmallVector<std::string, 8> Extra;
  /// Of Extra, those the triple's baseline CPU has and the caller did not
  /// turn off.  When Baseline equals Extra, the difference is only spelling.
  llvm::SmallVector<std::string, 8> Baseline;
  /// Tuning features the helper has and the caller lacks (ignored).
  llvm::SmallVector<std::string, 8> Tuning;

  bool onlyBaseline() const { return Extra.size() == Baseline.size(); }
};

/// Expands target-cpu and target-features with the subtarget tables of one
/// triple's target.
class TargetFeatureOracle {
public:
  /// Will look up the target of \p TT in the TargetRegistry of the host
  /// process on first use.  When it is not registered, available() is false
  /// and compare() returns std::nullopt.
  explicit TargetFeatureOracle(const llvm::Triple &TT);

  /// Returns \p Features (a "target-features" value) without the "-name"
  /// entries this LLVM's target does not know: features LLVM removed, which
  /// an older clang still turns off (policy row RemovedFeatures).  Appends
  /// the dropped entries to \p Dropped.  Returns \p Features unchanged when
  /// the target is not registered.
  std::string dropUnknownDisables(llvm::StringRef Features,
                                  llvm::SmallVectorImpl<std::string> &Dropped);
  ~TargetFeatureOracle();

  bool available();

  /// Returns the baseline CPU of the triple: the CPU that every machine able
  /// to run code for the triple implements (the psABI level: "x86-64" on
  /// x86_64, "generic" elsewhere).
  llvm::StringRef getBaselineCPU() const;

  /// Compares the subtargets of \p Callee and \p Caller (their "target-cpu"
  /// and "target-features" attributes).  Returns std::nullopt when the
  /// target is not available.
  std::optional<FeatureComparison> compare(const llvm::Function &Caller,
                                           const llvm::Function &Callee);

private:
  void initialize();
  const llvm::FeatureBitset &expand(llvm::StringRef CPU,
                                    llvm::StringRef Features);
  const llvm::FeatureBitset &expandUncached(llvm::StringRef CPU,
                                            llvm::StringRef Features);
  llvm::SmallVector<std::string, 8> names(const llvm::FeatureBitset &Bits);

  llvm::Triple TT;
  bool Initialized = false;
  const llvm::Target *TheTarget = nullptr;
  std::unique_ptr<const llvm::MCSubtargetInfo> Tables;
  llvm::FeatureBitset TuningOnly;
  llvm::StringMap<llvm::FeatureBitset> Cache;    ///< By normalized strings.
  llvm::StringMap<llvm::FeatureBitset> RawCache; ///< By attribute values.
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_TARGETFEATURES_H
