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
class AttributeSet;
class DataLayout;
class Function;
class Twine;
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

/// Compares the ABI attributes of one value (\p Name: "the return value",
/// "parameter 2") as the crate's declaration (\p Decl) and the helper's
/// definition (\p Def) write them.  Extensions conflict only when both sides
/// extend, differently (u8 against signed char): one side without an
/// extension is that front end's convention (clang writes none on AArch64
/// Linux, where the callee extends; AbiRules.def row Extension).  byval and
/// sret compare their pointee's size and alignment.  Returns the difference
/// as a sentence, or nothing.
std::optional<std::string> compareValueAttributes(const llvm::Twine &Name,
                                                  llvm::AttributeSet Decl,
                                                  llvm::AttributeSet Def,
                                                  const llvm::DataLayout &DL);

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
