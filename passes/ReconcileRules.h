//===- ReconcileRules.h - Detect and apply the policy's rows ----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The rows of ReconcilePolicy.def as code, one detect/apply pair per row:
// ReconcileAttributes.cpp for the function-attribute rows,
// ReconcileTarget.cpp for the target-feature classes (module flags are
// ModuleFlagPolicy.cpp's).  HelperReconcile.cpp decides which rows a call
// needs, refuses or applies them, and switches over every row to apply one.
//
// A detect function appends a Finding for each difference it finds between
// a caller and a helper; it changes nothing.  An apply function changes the
// attributes as its row's rule says; it is called only when every finding of
// the call may be applied (the hardening mode allows it, no row refuses).
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_RECONCILERULES_H
#define RUST_INLINE_HELPERS_PASSES_RECONCILERULES_H

#include "passes/ReconcilePolicy.h"
#include "passes/SubtargetNeeds.h"
#include "passes/TargetFeatures.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace rih {

class HelperReport;

/// One decision of the policy for one call: a row and what it found.
struct Finding {
  Finding(PolicyRowId Row, std::string Detail,
          llvm::SmallVector<std::string, 4> Features = {})
      : Row(Row), Detail(std::move(Detail)), Features(std::move(Features)) {}

  PolicyRowId Row;
  /// What differs, as remarks print it ("sspstrong", "+retpoline-...").
  std::string Detail;
  /// Row HardeningFeatures: the features the caller gains ("+name").
  llvm::SmallVector<std::string, 4> Features;
};

//===----------------------------------------------------------------------===//
// Function-attribute rows (ReconcileAttributes.cpp)
//===----------------------------------------------------------------------===//

/// Detects the hardening that LLVM's checks neither compare nor merge, so
/// that forced inlining would drop it: rows StackProtector, ZeroCallUsedRegs,
/// ReturnThunk, FramePointer, ProbeStack, BranchTargets, and OtherHardening
/// for two values that cannot both hold.  Appends to \p Out in that order.
void detectUnmergedHardening(const llvm::Function &Caller,
                             const llvm::Function &Callee,
                             llvm::SmallVectorImpl<Finding> &Out);

/// Detects why AttributeFuncs::areInlineCompatible refused (Attributes.td's
/// CompatRule list): rows Sanitizers, ShadowCallStack, PointerAuth,
/// FloatSemantics, ProfileAttributes, OtherHardening (safestack, unknown
/// pac-ret values or keys), or CompatRuleAttributes when no row names the
/// attribute.  Appends at least one finding to \p Out.
void detectCompatRule(const llvm::Function &Caller,
                      const llvm::Function &Callee,
                      llvm::SmallVectorImpl<Finding> &Out);

/// Apply functions of the attribute rows, one per row that reconciles
/// (rows NullPointerIsValid, NoBuiltins and OptNoneHelper are detected by
/// LLVM's checks, in HelperReconcile.cpp).  Each changes \p Caller and/or
/// \p Callee as its row's rule says.
void applyNullPointerIsValid(llvm::Function &Caller, llvm::Function &Callee);
void applyNoBuiltins(llvm::Function &Caller, llvm::Function &Callee);
void applyOptNoneHelper(llvm::Function &Caller, llvm::Function &Callee);
void applyStackProtector(llvm::Function &Caller, llvm::Function &Callee);
void applyZeroCallUsedRegs(llvm::Function &Caller, llvm::Function &Callee);
void applyReturnThunk(llvm::Function &Caller, llvm::Function &Callee);
void applyFramePointer(llvm::Function &Caller, llvm::Function &Callee);
void applyProbeStack(llvm::Function &Caller, llvm::Function &Callee);
void applyBranchTargets(llvm::Function &Caller, llvm::Function &Callee);
void applySanitizers(llvm::Function &Caller, llvm::Function &Callee);
void applyShadowCallStack(llvm::Function &Caller, llvm::Function &Callee);
void applyPointerAuth(llvm::Function &Caller, llvm::Function &Callee);

/// Rows ZeroCallUsedRegs and ReturnThunk, after inlining: LLVM's inliner
/// neither checks nor merges these attributes, so a crate function that has
/// one (as the rows give a helper's caller) passes it on to every crate
/// function that calls it, transitively: the normal inliner may later move
/// its code, the helper's included, into them.  In a module where every
/// function already has it (clang's), nothing changes.  Emits a
/// "Propagated" remark per function that gains one and notes it in
/// \p Report when given.  Returns true when an attribute was added.
bool propagateUnmergedHardening(llvm::Module &M, HelperReport *Report);

//===----------------------------------------------------------------------===//
// Target-feature rows (ReconcileTarget.cpp)
//===----------------------------------------------------------------------===//

/// The feature-class rows for the calls of one module: classifies the
/// features a helper has and its caller lacks, and settles each helper's
/// subtarget once.
class TargetRules {
public:
  explicit TargetRules(llvm::Module &M);

  /// Row RemovedFeatures, before anything asks LLVM: drops from every linked
  /// helper of the module the "-feature" entries this LLVM no longer has.
  /// Returns the helpers changed.
  llvm::SmallPtrSet<llvm::Function *, 8> dropRemovedFeatures();

  /// Detects what the body of \p Callee needs that \p Caller's subtarget
  /// cannot give, also where LLVM's check lets the call through (row
  /// OtherFeatures; SubtargetNeeds.h).
  void detectBodyNeeds(const llvm::Function &Caller,
                       const llvm::Function &Callee,
                       llvm::SmallVectorImpl<Finding> &Out);

  /// Detects why TTI::areInlineCompatible refused: rows FloatABI,
  /// OtherFeatures, UnneededFeatures, HardeningFeatures, BaselineFeatures,
  /// CodegenFeatures, EncodingFeatures, TuningFeatures, classified by the
  /// rows' Keys and the target's MCSubtargetInfo.
  void detect(llvm::Function &Caller, llvm::Function &Callee,
              llvm::SmallVectorImpl<Finding> &Out);

  /// Row HardeningFeatures: \p Caller gains the features of \p F.
  void applyHardeningFeatures(const Finding &F, llvm::Function &Caller);

  /// Rows BaselineFeatures, UnneededFeatures, CodegenFeatures,
  /// EncodingFeatures and TuningFeatures: \p Callee takes \p Caller's
  /// target-cpu, target-features and tune-cpu.  A second caller with other
  /// features is refused by detect.
  void adoptSubtarget(llvm::Function &Caller, llvm::Function &Callee);

private:
  llvm::Module &M;
  TargetFeatureOracle Features;
  SubtargetLimits Limits;
  /// Helpers that took a caller's subtarget; a second, different caller
  /// cannot be served by the same copy.
  llvm::SmallPtrSet<llvm::Function *, 8> Adopted;
};

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_RECONCILERULES_H
