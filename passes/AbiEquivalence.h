//===- AbiEquivalence.h - One C signature, two LLVM spellings ---*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// clang and rustc lower the same C signature to different LLVM function
// types: a 4-byte struct returned on AArch64 is i32 for clang and i64 for
// rustc, a struct of two floats on x86-64 is <2 x float> for one and double
// for the other.  At the machine level the two are one function when the
// target's calling convention puts every value in the same register and no
// side reads bits the other leaves unspecified.  This file decides that with
// the table in AbiRules.def (one row per situation and target, with its rule,
// its reason and the ABI document's section) and rewrites the crate's calls
// the way the ABI moves the bits: truncate, extend, reinterpret, split or
// join an i128.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_ABIEQUIVALENCE_H
#define RUST_INLINE_HELPERS_PASSES_ABIEQUIVALENCE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace llvm {
class Function;
class Triple;
} // namespace llvm

namespace rih {

/// The calling conventions of AbiRules.def (RIH_ABI_TARGET), and Any.
enum class AbiTarget {
#define RIH_ABI_TARGET(Id, Arch, Name, AG, AF, RG, RF, Doc) Id,
#include "passes/AbiRules.def"
  Any,
};

/// What a difference means (AbiRules.def, rule column).
enum class AbiRule { Same, Adapt, AdaptIfUnread, Refuse };

/// The situations of AbiRules.def (first column).
enum class AbiSituation {
  SameScalar,
  AggregateAsScalars,
  RegisterCount,
  OtherRegister,
  OnStack,
  IntegerPair128,
  WiderIntegerArgument,
  NarrowerIntegerArgument,
  NarrowerIntegerReturn,
  WiderIntegerReturn,
  SameSizeFloat,
  SmallerFloat,
  FloatAgainstInteger,
  PointerAgainstInteger,
  IndirectAggregate,
  Extension,
};

/// One row of AbiRules.def.
struct AbiRow {
  AbiSituation Situation;
  llvm::StringRef SituationName;
  AbiTarget Target;
  AbiRule Rule;
  llvm::StringRef Reason;
  llvm::StringRef Section;
};

/// Every row of AbiRules.def, in its order.
llvm::ArrayRef<AbiRow> getAbiRows();

/// The calling convention of \p T: x86_64 (not Windows), aarch64 (little
/// endian) and riscv64 have one; any other architecture returns nothing, and
/// signatures there must have equal types.
std::optional<AbiTarget> getAbiTarget(const llvm::Triple &T);

/// The target's name as AbiRules.def writes it ("AAPCS64").
llvm::StringRef getAbiTargetName(AbiTarget T);

/// How the crate's declaration of a helper maps onto the helper's C
/// definition.  Built by compareAbi; applied by adaptToDefinition.
struct AbiComparison {
  /// True when the two are one ABI; the calls can be rewritten.
  bool Equivalent = false;
  /// When not equivalent: which value, which row of AbiRules.def and its
  /// reason ("the return value: WiderIntegerReturn (AAPCS64): ... ; the
  /// call at caller.rs:12 reads bytes 4-7"); when equivalent: empty.
  std::string Why;
  /// When equivalent: the situations that rewrite something, for remarks
  /// ("WiderIntegerReturn, AggregateAsScalars").
  llvm::SmallVector<AbiSituation, 4> Adaptations;
  /// The helper's return value is signext: a wider integer the crate reads
  /// is its sign extension (else zero extension, or bits no call reads).
  bool RetSigned = false;
};

/// Compares the crate's declaration \p Decl with the helper's definition
/// \p Def of the same symbol, when their function types differ.  Both are
/// taken apart into the scalars LLVM gives a register each, placed in the
/// registers of the module's target (AbiRules.def's counts), and each pair
/// is looked up in the table.  A WiderIntegerReturn or SmallerFloat return
/// also reads every call of \p Decl: the bytes each call's uses can reach
/// (through extractvalue, trunc, and with a constant, and stores into a local
/// alloca whose loads and memcpys are followed) must lie in what the helper
/// defines.  Varargs, other calling conventions, values on the stack and
/// targets without a row are never equivalent.  Returns the verdict; never
/// fails.
AbiComparison compareAbi(const llvm::Function &Decl, const llvm::Function &Def);

/// For a comparison \p C that is Equivalent: replaces the crate's
/// declaration \p Decl by one of \p Def's type (with Def's attributes) and
/// rewrites every call through the steps of \p C.  Other uses (the address)
/// take the new declaration.  Returns the new declaration, \p Decl being
/// erased; or null, with nothing changed, when a return value would have to
/// be rebuilt after an invoke.
llvm::Function *adaptToDefinition(llvm::Function &Decl,
                                  const llvm::Function &Def,
                                  const AbiComparison &C);

/// Returns "WiderIntegerReturn, AggregateAsScalars" for \p C's adaptations.
std::string describeAdaptations(const AbiComparison &C);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_ABIEQUIVALENCE_H
