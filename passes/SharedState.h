//===- SharedState.h - Keep one copy of a helper's state --------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The helper object is linked into the final program (in Linux,
// rust/helpers/helpers.o is part of vmlinux), so every global a helper file
// defines already has its one definition there.  Linking a helper body into
// the crate must not give the crate a second, private copy of mutable state:
//
//  * a mutable global with external linkage is linked as a declaration: the
//    inlined code reads and writes the helper object's definition;
//  * a mutable global with local linkage (a `static` variable, also one
//    inside a function) cannot be named from the crate: a helper that reaches
//    it, directly or through the file's static functions or constant data,
//    is not inlined and stays a call, with a remark;
//  * constant data (string literals, lookup tables) is copied: it cannot be
//    told apart from the original, except by its address.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_SHAREDSTATE_H
#define RUST_INLINE_HELPERS_PASSES_SHAREDSTATE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <utility>

namespace llvm {
class GlobalValue;
class GlobalVariable;
class Module;
} // namespace llvm

namespace rih {

/// Returns true when \p GV is mutable state: a global variable that is
/// defined and not constant (thread-local ones included).
bool isMutableState(const llvm::GlobalValue &GV);

/// Among \p Linked, the globals one helper file just brought into \p M,
/// finds each global that \p IsExported accepts (a symbol the helper object
/// also defines, internalized or not) and that reaches a local mutable
/// global of \p Linked:
/// through its body or initializer, or through other local globals of
/// \p Linked (static functions, constant data pointing at the state).
/// Returns the pairs (exported global, state it reaches) in \p M's order.
llvm::SmallVector<std::pair<llvm::GlobalValue *, llvm::GlobalVariable *>, 2>
findStateUsers(llvm::Module &M,
               const llvm::SmallPtrSetImpl<llvm::GlobalValue *> &Linked,
               llvm::function_ref<bool(const llvm::GlobalValue &)> IsExported);

/// Erases the globals of \p Linked that have local linkage and no use left,
/// repeatedly (a dead static function may be the last user of a table).
/// Returns the number erased.
unsigned eraseDeadLocals(llvm::Module &M,
                         llvm::SmallPtrSetImpl<llvm::GlobalValue *> &Linked);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_SHAREDSTATE_H
