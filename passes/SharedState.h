//===- SharedState.h - Keep one copy of a helper's data ---------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The helper object is linked into the final program (in Linux,
// rust/helpers/helpers.o is part of vmlinux), so every global a helper file
// defines already has its one definition there.  Linking a helper body into
// the crate must neither give the crate a second instance of that data nor
// change what its symbol or its address means (docs/linking.md):
//
//  * data with a symbol keeps it (getDataSymbolRule): mutable, weak, common
//    and weak constant data becomes a declaration of the helper object's
//    definition; a strong constant stays readable as available_externally
//    (its address is still the helper object's); linkonce_odr/weak_odr data
//    keeps its linkage, so the final link merges it with C's copy; linkonce
//    data without the ODR has no symbol the crate can count on, and helpers
//    reaching it stay calls;
//  * a mutable global with local linkage (a `static` variable, also one
//    inside a function) cannot be named from the crate: a helper that reaches
//    it, directly or through the file's static functions or constant data,
//    is not inlined and stays a call, with a remark;
//  * constant data without a symbol (string literals, `static const`
//    tables) is copied where its address cannot be observed: it is
//    unnamed_addr or local_unnamed_addr, or every use loads through it
//    (findAddressEscapes).  A helper that exposes such an address (returns,
//    stores, compares or passes it) stays a call.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_SHAREDSTATE_H
#define RUST_INLINE_HELPERS_PASSES_SHAREDSTATE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <utility>

namespace llvm {
class GlobalValue;
class GlobalVariable;
class Module;
class Value;
} // namespace llvm

namespace rih {

/// Returns true when \p GV is mutable state: a global variable that is
/// defined and not constant (thread-local ones included).
bool isMutableState(const llvm::GlobalValue &GV);

/// What the crate keeps of a variable with a symbol that a helper file
/// defines and that linking brought in.
enum class DataSymbolRule {
  /// A declaration of the helper object's definition: mutable data (one
  /// instance), and weak, common or weak constant data (a strong
  /// definition elsewhere may win at the final link, so its initializer
  /// must be neither folded nor copied).
  Declare,
  /// A strong constant whose initializer names no local global:
  /// available_externally, so loads from it still fold while its address,
  /// and the object the program uses, stay the helper object's.
  AvailableExternally,
  /// linkonce_odr or weak_odr: kept as it is; the final link keeps one copy,
  /// C's or this one, and the ODR makes them the same.
  KeepODR,
  /// linkonce without the ODR: the helper object may not emit it and
  /// another definition may win; helpers reaching it stay calls.
  NoSymbol,
};

/// Returns the rule for \p Var, a defined variable with a non-local linkage
/// linked from a helper file.  \p IsExported accepts the globals that keep
/// (or get back) the helper object's symbol; a constant whose initializer
/// names another local global gets Declare (folded, it would give the
/// crate's copy of that global).
DataSymbolRule getDataSymbolRule(
    const llvm::GlobalVariable &Var,
    llvm::function_ref<bool(const llvm::GlobalValue &)> IsExported);

/// Returns true when \p Var is constant data without a symbol whose address
/// the program could observe: local linkage, constant, neither unnamed_addr
/// nor local_unnamed_addr.  Such data may only be copied where every use
/// loads through it.
bool hasSignificantAddress(const llvm::GlobalVariable &Var);

/// Appends to \p Where each function or global variable in which the
/// address of \p Var escapes: any use other than a load through it (also
/// through getelementptr or a cast) or the source of a memcpy/memmove,
/// e.g. a return, a store of the address, a comparison, a call argument, or
/// another global's initializer.
void findAddressEscapes(llvm::GlobalVariable &Var,
                        llvm::SmallVectorImpl<llvm::GlobalValue *> &Where);

/// A value whose users must not be copied into the crate, and the data it
/// stands for (named in remarks): local mutable state itself, linkonce data,
/// or a function or global in which a constant's address escapes.
using DataSeed = std::pair<llvm::Value *, llvm::GlobalVariable *>;

/// Among \p Linked, the globals one helper file just brought into \p M,
/// finds each global that \p IsExported accepts (a symbol the helper object
/// also defines, internalized or not) and that reaches one of \p Seeds:
/// it is the seed, or reaches it through its body or initializer, or through
/// other local globals of \p Linked (static functions, constant data).
/// Returns the pairs (exported global, data of the seed it reaches) in
/// \p M's order.
llvm::SmallVector<std::pair<llvm::GlobalValue *, llvm::GlobalVariable *>, 2>
findExportedUsers(
    llvm::Module &M, const llvm::SmallPtrSetImpl<llvm::GlobalValue *> &Linked,
    llvm::function_ref<bool(const llvm::GlobalValue &)> IsExported,
    llvm::ArrayRef<DataSeed> Seeds);

/// Erases the globals of \p Linked that have local or linkonce linkage and
/// no use left, repeatedly (a dead static function may be the last user of a
/// table).  Returns the number erased.
unsigned eraseDeadLocals(llvm::Module &M,
                         llvm::SmallPtrSetImpl<llvm::GlobalValue *> &Linked);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_SHAREDSTATE_H
