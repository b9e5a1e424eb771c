//===- BytesRead.cpp - The bytes of a value that its users read -----------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Which bytes of a call's result the crate can read: the question behind
// AbiEquivalence's AdaptIfUnread rows (a wider integer, a smaller float).
// Integer uses are asked of LLVM's DemandedBits; aggregates, local memory,
// copies between local allocas and pointers passed to functions defined in
// the module are followed; anything else reads every byte.
//
//===----------------------------------------------------------------------===//

#include "passes/BytesRead.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/DemandedBits.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/MathExtras.h"

using namespace llvm;

namespace rih {

/// The bytes [Begin, End) as a mask (bit i: byte i); all ones beyond 64.
uint64_t byteMask(uint64_t Begin, uint64_t End) {
  if (End > 64 || Begin >= End)
    return Begin >= End ? 0 : ~uint64_t(0);
  uint64_t Upper = End == 64 ? ~uint64_t(0) : (uint64_t(1) << End) - 1;
  return Upper & ~((uint64_t(1) << Begin) - 1);
}

namespace {

uint64_t bytesReadOfAlloca(const Value &Ptr, int64_t Offset,
                           const DataLayout &DL, unsigned Depth);

/// The bytes set in the bit mask \p Bits (bit i of the value: byte i / 8).
uint64_t bytesOfBits(const APInt &Bits) {
  uint64_t Mask = 0;
  for (unsigned B = 0, E = divideCeil(Bits.getBitWidth(), 8); B != E && B < 64;
       ++B)
    if (Bits.extractBitsAsZExtValue(std::min(8u, Bits.getBitWidth() - B * 8),
                                    B * 8) != 0)
      Mask |= uint64_t(1) << B;
  return Mask;
}

/// The bytes of \p V (in its memory layout) that its users can read.  An
/// integer's uses are asked to LLVM's DemandedBits (\p DB: shifts, masks,
/// truncations), except a store into a local alloca, whose loads and
/// memcpys are followed; an aggregate is followed through extractvalue, a
/// float through bitcast.  Anything else reads it all.
uint64_t bytesReadOfValue(const Value &V, const DataLayout &DL,
                          DemandedBits &DB, unsigned Depth) {
  uint64_t All = byteMask(0, DL.getTypeStoreSize(V.getType()));
  if (Depth > 8)
    return All;
  uint64_t Read = 0;
  for (const Use &U : V.uses()) {
    const auto *I = dyn_cast<Instruction>(U.getUser());
    if (!I)
      return All;
    if (const auto *SI = dyn_cast<StoreInst>(I);
        SI && U.getOperandNo() == 0 && !SI->isVolatile()) {
      APInt Off(DL.getIndexTypeSizeInBits(SI->getPointerOperandType()), 0);
      const Value *Base =
          SI->getPointerOperand()->stripAndAccumulateConstantOffsets(
              DL, Off, /*AllowNonInbounds=*/true);
      if (isa<AllocaInst>(Base) && Off.getSExtValue() >= 0 &&
          Off.getSExtValue() < 64) {
        uint64_t InAlloca = bytesReadOfAlloca(*Base, 0, DL, Depth + 1);
        Read |= (InAlloca >> Off.getZExtValue()) & All;
        continue;
      }
      return All;
    }
    // DemandedBits answers for uses by integer-valued instructions (it
    // sizes the user's own bits); a ret, call or store reads it all.
    if (V.getType()->isIntegerTy() && I->getType()->isIntOrIntVectorTy()) {
      Read |= bytesOfBits(DB.getDemandedBits(&const_cast<Use &>(U)));
      continue;
    }
    if (const auto *EV = dyn_cast<ExtractValueInst>(I)) {
      uint64_t Off = 0;
      Type *T = V.getType();
      for (unsigned Idx : EV->indices()) {
        if (auto *ST = dyn_cast<StructType>(T)) {
          Off += DL.getStructLayout(ST)->getElementOffset(Idx);
          T = ST->getElementType(Idx);
        } else {
          T = cast<ArrayType>(T)->getElementType();
          Off += Idx * DL.getTypeAllocSize(T);
        }
      }
      uint64_t Inner = bytesReadOfValue(*EV, DL, DB, Depth + 1);
      Read |= Off >= 64 ? ~uint64_t(0) : Inner << Off;
      continue;
    }
    if (isa<BitCastInst>(I)) {
      Read |= bytesReadOfValue(*I, DL, DB, Depth + 1);
      continue;
    }
    return All;
  }
  return Read;
}

/// The parameter of \p CB's callee that receives the argument \p U, when
/// the callee's body is the one that runs (an exact definition, called
/// directly with its own type) and the callee reads the caller's memory, not
/// a copy (no byval, inalloca or preallocated); null otherwise.
const Argument *calleeParameter(const CallBase &CB, const Use &U) {
  const Function *Callee = CB.getCalledFunction();
  if (!CB.isArgOperand(&U) || !Callee || Callee->isDeclaration() ||
      !Callee->hasExactDefinition() ||
      Callee->getFunctionType() != CB.getFunctionType())
    return nullptr;
  unsigned ArgNo = CB.getArgOperandNo(&U);
  if (ArgNo >= Callee->arg_size() || CB.isByValArgument(ArgNo) ||
      CB.isInAllocaArgument(ArgNo) ||
      CB.paramHasAttr(ArgNo, Attribute::Preallocated))
    return nullptr;
  return Callee->getArg(ArgNo);
}

/// The bytes [\p Offset, \p Offset + \p Len) of an alloca that the copy
/// \p MT reads from it: when the copy goes to another alloca, only those the
/// destination's own readers read (a move of a struct copies its padding,
/// which nobody reads); otherwise all of them.
uint64_t bytesReadThroughCopy(const MemTransferInst &MT, int64_t Offset,
                              uint64_t Len, const DataLayout &DL,
                              unsigned Depth) {
  if (Len == 0)
    return 0;
  uint64_t Copied = byteMask(Offset, Offset + Len);
  APInt DestOff(DL.getIndexTypeSizeInBits(MT.getRawDest()->getType()), 0);
  const Value *Dest = MT.getRawDest()->stripAndAccumulateConstantOffsets(
      DL, DestOff, /*AllowNonInbounds=*/true);
  int64_t D = DestOff.getSExtValue();
  if (MT.isVolatile() || !isa<AllocaInst>(Dest) || D < 0 || D + Len > 64 ||
      Offset + Len > 64)
    return Copied;
  uint64_t DestRead = bytesReadOfAlloca(*Dest, 0, DL, Depth + 1);
  return ((DestRead >> D) & byteMask(0, Len)) << Offset;
}

/// The bytes of the alloca \p Ptr (at \p Offset from it) that are read:
/// loads, memcpy/memmove sources (followed into a destination alloca),
/// through constant GEPs and into a directly called function's parameter.
/// Writes, lifetime markers and debug records read nothing; any other use
/// reads it all.
uint64_t bytesReadOfAlloca(const Value &Ptr, int64_t Offset,
                           const DataLayout &DL, unsigned Depth) {
  if (Depth > 8 || Offset < 0)
    return ~uint64_t(0);
  uint64_t Read = 0;
  for (const Use &U : Ptr.uses()) {
    const auto *I = dyn_cast<Instruction>(U.getUser());
    if (!I)
      return ~uint64_t(0);
    if (const auto *LI = dyn_cast<LoadInst>(I)) {
      Read |= byteMask(Offset, Offset + DL.getTypeStoreSize(LI->getType()));
      continue;
    }
    if (const auto *SI = dyn_cast<StoreInst>(I); SI && U.getOperandNo() == 1)
      continue;
    if (const auto *II = dyn_cast<IntrinsicInst>(I);
        II && (II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II)))
      continue;
    if (const auto *MS = dyn_cast<MemSetInst>(I); MS && U.getOperandNo() == 0)
      continue;
    if (const auto *MT = dyn_cast<MemTransferInst>(I)) {
      if (U.getOperandNo() == 0)
        continue; // Written.
      if (const auto *Len = dyn_cast<ConstantInt>(MT->getLength())) {
        Read |=
            bytesReadThroughCopy(*MT, Offset, Len->getZExtValue(), DL, Depth);
        continue;
      }
      return ~uint64_t(0);
    }
    if (const auto *CB = dyn_cast<CallBase>(I)) {
      if (const Argument *Param = calleeParameter(*CB, U)) {
        Read |= bytesReadOfAlloca(*Param, Offset, DL, Depth + 1);
        continue;
      }
      return ~uint64_t(0);
    }
    if (const auto *GEP = dyn_cast<GetElementPtrInst>(I)) {
      APInt Off(DL.getIndexTypeSizeInBits(GEP->getType()), 0);
      if (GEP->accumulateConstantOffset(DL, Off)) {
        Read |=
            bytesReadOfAlloca(*GEP, Offset + Off.getSExtValue(), DL, Depth + 1);
        continue;
      }
    }
    return ~uint64_t(0);
  }
  return Read;
}

} // namespace

uint64_t bytesRead(const Value &V, const DataLayout &DL, DemandedBits &DB) {
  return bytesReadOfValue(V, DL, DB, 0);
}

/// "bytes 4-7".
std::string describeBytes(uint64_t Mask) {
  unsigned Lo = countr_zero(Mask), Hi = 63 - countl_zero(Mask);
  return Lo == Hi ? "byte " + utostr(Lo)
                  : "bytes " + utostr(Lo) + "-" + utostr(Hi);
}

} // namespace rih
