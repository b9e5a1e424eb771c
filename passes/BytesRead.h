//===- BytesRead.h - The bytes of a value that its users read ---*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Byte masks (bit i: byte i of a value in memory order, bytes 0-63) and the
// analysis that tells which bytes of a value its users can read, used by
// AbiEquivalence to accept a wider integer or a smaller float only when no
// call reads the bytes the helper leaves unspecified.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_BYTESREAD_H
#define RUST_INLINE_HELPERS_PASSES_BYTESREAD_H

#include <cstdint>
#include <string>

namespace llvm {
class DataLayout;
class DemandedBits;
class Value;
} // namespace llvm

namespace rih {

/// The bytes [\p Begin, \p End) as a mask; all ones when \p End is beyond
/// 64, none when the range is empty.
uint64_t byteMask(uint64_t Begin, uint64_t End);

/// The bytes of \p V (in its memory layout, under \p DL) that its users can
/// read, as a mask.  An integer's uses are asked of LLVM's DemandedBits
/// (\p DB); an aggregate is followed through extractvalue, a float through
/// bitcast; a store into a local alloca is followed to that alloca's loads,
/// to memcpy/memmove into another local alloca (only what that one's readers
/// read) and to a pointer passed to a function defined in the module (its
/// parameter's reads).  Any other use, or a chain deeper than 8, reads every
/// byte.  Reports no errors.
uint64_t bytesRead(const llvm::Value &V, const llvm::DataLayout &DL,
                   llvm::DemandedBits &DB);

/// "byte 4" or "bytes 4-7": the lowest to the highest byte set in \p Mask
/// (not empty), for a refusal's message.
std::string describeBytes(uint64_t Mask);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_BYTESREAD_H
