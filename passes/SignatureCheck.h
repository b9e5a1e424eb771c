//===- SignatureCheck.h - Rust extern declarations against C ----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A Rust `extern "C"` block states a C function's signature by hand; nothing
// checks it against the C definition (bindgen does, but helpers' declarations
// are also written by hand).  Once the C body is linked and inlined, a
// mismatch is no longer an ABI bug that shows up in a test but silent
// undefined behaviour: an i64 argument read as i32, a u8 zero-extended where
// C sign-extends.  The checks here compare the crate's declaration with the
// helper's definition before anything is linked.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_SIGNATURECHECK_H
#define RUST_INLINE_HELPERS_PASSES_SIGNATURECHECK_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace llvm {
class Function;
} // namespace llvm

namespace rih {

/// What to do about a mismatch (mismatch=error|warn).
enum class MismatchMode { Error, Warn };

/// Parses "error" or "warn".
std::optional<MismatchMode> parseMismatchMode(llvm::StringRef Name);

/// Returns "error" or "warn".
llvm::StringRef getMismatchModeName(MismatchMode Mode);

/// Compares the crate's declaration \p Decl with the helper's definition
/// \p Def of the same symbol.  Returns what differs, or nothing when the two
/// agree on: the function type (return type, parameter count and types,
/// varargs); the calling convention; and, for the return value and each
/// parameter, the attributes that change how a value crosses the call (the
/// ABI attributes zeroext, signext, inreg, byval, sret, byref, inalloca,
/// preallocated, nest, swiftself, swifterror, with their types and
/// alignment).  Attributes that only describe a side (noundef, nocapture,
/// readonly, range, ...) are not compared: rustc writes noundef on extern
/// declarations only when it optimizes, clang on every scalar.
std::optional<std::string> findSignatureMismatch(const llvm::Function &Decl,
                                                 const llvm::Function &Def);

/// Returns true when \p Decl and \p Def differ only in how aggregates are
/// spelt: with every struct or array passed or returned as a value taken
/// apart into its scalars, both sides use the same registers, each holding
/// the same type, or integers of two widths where one side is a piece of a
/// struct: part of an aggregate there, or a width no C scalar has, as
/// clang's i40 for a returned { u32, u8 } (the bits beyond the narrower one
/// are the struct's padding; two plain integers of two widths stay a
/// mismatch).  Neither may be varargs.
/// rustc passes a 16-byte #[repr(C)] struct of an i64 and an i16 as one
/// { i64, i64 } value where clang passes i64 and i16: LLVM lowers a
/// first-class aggregate as its scalars (ComputeValueVTs), one register
/// each, so the two are one ABI.
bool haveSameFlatSignature(const llvm::Function &Decl,
                           const llvm::Function &Def);

/// For \p Decl and \p Def with haveSameFlatSignature: replaces the crate's
/// declaration \p Decl by one of \p Def's type (with Def's attributes), and
/// rewrites every call to take the aggregates apart and put them together
/// again (extractvalue, insertvalue, trunc, zext), arguments and return
/// value.  Other uses (the address) take the new declaration.  Returns the
/// new declaration, \p Decl being erased; or null, with nothing changed,
/// when a return value would have to be rebuilt after an invoke.
llvm::Function *adaptDeclaration(llvm::Function &Decl,
                                 const llvm::Function &Def);

/// Prints \p F's signature as IR writes it, with its ABI attributes:
/// "i32 (i8 zeroext, ptr)", prefixed by the calling convention when it is
/// not the C one.
std::string describeSignature(const llvm::Function &F);

/// Returns "FILE:LINE" of \p F's definition from its debug info, or of the
/// first call to \p F that has a debug location when \p F is a declaration;
/// an empty string when there is no debug info.  \p F's body must be
/// materialized.
std::string findSourceLocation(const llvm::Function &F);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_SIGNATURECHECK_H
