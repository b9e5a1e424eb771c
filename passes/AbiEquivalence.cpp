//===- AbiEquivalence.cpp - One C signature, two LLVM spellings -----------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// One concept, though over 400 lines: whether the crate's declaration and
// the helper's definition are one function under the target's calling
// convention (see AbiEquivalence.h), with the register assignment of each
// target that the answer needs and the call rewriting that follows from it.
// Which bytes a call reads is BytesRead.cpp's.
//
//===----------------------------------------------------------------------===//

#include "passes/AbiEquivalence.h"
#include "passes/BytesRead.h"
#include "passes/LLVMCompat.h"

#include "passes/SignatureCheck.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/DemandedBits.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

using namespace llvm;

namespace rih {
namespace {

const AbiRow Rows[] = {
#define RIH_ABI_RULE(Situation, Target, Rule, Reason, Section)                 \
  {AbiSituation::Situation, #Situation, AbiTarget::Target, AbiRule::Rule,      \
   Reason, Section},
#include "passes/AbiRules.def"
};

struct TargetInfo {
  AbiTarget Id;
  StringRef Name;
  unsigned ArgGPRs, ArgFPRs, RetGPRs, RetFPRs;
};

const TargetInfo Targets[] = {
#define RIH_ABI_TARGET(Id, Arch, Name, AG, AF, RG, RF, Doc)                    \
  {AbiTarget::Id, Name, AG, AF, RG, RF},
#include "passes/AbiRules.def"
};

/// The row for \p S on \p T (a target's own row first, then Any's); null
/// when the table has none: the situation is then a mismatch.
const AbiRow *findRow(AbiSituation S, AbiTarget T) {
  const AbiRow *AnyRow = nullptr;
  for (const AbiRow &R : Rows) {
    if (R.Situation != S)
      continue;
    if (R.Target == T)
      return &R;
    if (R.Target == AbiTarget::Any)
      AnyRow = &R;
  }
  return AnyRow;
}

/// Where a scalar travels.  Memory: a byval copy in the argument area, or a
/// return value too large for the return registers; Indirect: AArch64's
/// x8 for sret; Unknown: a type or attribute the model does not cover.
enum class RegFile { GPR, FPR, Indirect, Stack, Memory, Unknown };

/// One scalar of a signature, as LLVM lowers it.
struct Piece {
  Type *Ty;            // The scalar's type; each half of an i128 is i64.
  unsigned Half = 0;   // 0: whole; 1, 2: low, high half of an i128.
  unsigned Value = 0;  // The parameter's index (0 for the return value).
  uint64_t Offset = 0; // Bytes from the start of the value in memory.
  bool InAggregate = false;
  bool InArray = false; // An element of an array parameter (AArch64 block).
  RegFile File = RegFile::Unknown;
  unsigned Reg = 0;
};

/// Appends the scalars of a value of type \p T, at \p Offset, to \p Out.
void flattenValue(Type *T, const DataLayout &DL, unsigned Value,
                  uint64_t Offset, bool InAggregate, bool InArray,
                  SmallVectorImpl<Piece> &Out) {
  if (auto *ST = dyn_cast<StructType>(T)) {
    const StructLayout *SL = DL.getStructLayout(ST);
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I)
      flattenValue(ST->getElementType(I), DL, Value,
                   Offset + SL->getElementOffset(I), true, InArray, Out);
    return;
  }
  if (auto *AT = dyn_cast<ArrayType>(T)) {
    uint64_t Size = DL.getTypeAllocSize(AT->getElementType());
    for (uint64_t I = 0, E = AT->getNumElements(); I != E; ++I)
      flattenValue(AT->getElementType(), DL, Value, Offset + I * Size, true,
                   true, Out);
    return;
  }
  if (T->isIntegerTy(128)) {
    Type *I64 = Type::getInt64Ty(T->getContext());
    Out.push_back({I64, 1, Value, Offset, InAggregate, InArray});
    Out.push_back({I64, 2, Value, Offset + 8, InAggregate, InArray});
    return;
  }
  Out.push_back({T, 0, Value, Offset, InAggregate, InArray});
}

bool isFloatLike(Type *T) {
  return T->isFloatTy() || T->isDoubleTy() ||
         (isa<FixedVectorType>(T) && T->getPrimitiveSizeInBits() <= 128);
}

/// The register file of scalar \p T on \p Target, \p FloatBits being how
/// wide a float the RISC-V ABI puts in FP registers (64: LP64D, 32: LP64F,
/// 0: LP64, soft float).
RegFile fileOf(Type *T, AbiTarget Target, unsigned FloatBits) {
  if (T->isPointerTy() || (T->isIntegerTy() && T->getIntegerBitWidth() <= 64))
    return RegFile::GPR;
  if (T->isFloatTy() || T->isDoubleTy()) {
    if (Target != AbiTarget::RISCVLP64)
      return RegFile::FPR;
    unsigned Bits = T->getPrimitiveSizeInBits();
    return Bits <= FloatBits ? RegFile::FPR : RegFile::GPR;
  }
  if (isFloatLike(T) && Target != AbiTarget::RISCVLP64)
    return RegFile::FPR;
  return RegFile::Unknown;
}

/// The ABI attributes that take a parameter out of the register model.
bool isMemoryArgument(AttributeSet AS) {
  return AS.hasAttribute(Attribute::ByVal) ||
         AS.hasAttribute(Attribute::InAlloca) ||
         AS.hasAttribute(Attribute::Preallocated);
}

bool hasUnmodelledAttribute(AttributeSet AS) {
  for (Attribute::AttrKind K :
       {Attribute::InReg, Attribute::ByRef, Attribute::Nest,
        Attribute::SwiftSelf, Attribute::SwiftError, Attribute::SwiftAsync})
    if (AS.hasAttribute(K))
      return true;
  return false;
}

/// Places the scalars of \p F's parameters (or, with \p Return, of its
/// return value) in registers the way \p T's convention does.
SmallVector<Piece, 8> layOut(const Function &F, bool Return,
                             const TargetInfo &T, unsigned FloatBits) {
  const DataLayout &DL = F.getDataLayout();
  FunctionType *FT = F.getFunctionType();
  SmallVector<Piece, 8> Pieces;
  if (Return) {
    if (!FT->getReturnType()->isVoidTy())
      flattenValue(FT->getReturnType(), DL, 0, 0, false, false, Pieces);
    unsigned GPRs = 0, FPRs = 0;
    bool Fits = true;
    for (Piece &P : Pieces) {
      P.File = fileOf(P.Ty, T.Id, FloatBits);
      if (P.File == RegFile::GPR)
        Fits &= GPRs < T.RetGPRs, P.Reg = GPRs++;
      else if (P.File == RegFile::FPR)
        Fits &= FPRs < T.RetFPRs, P.Reg = FPRs++;
    }
    // Too large for the return registers: LLVM returns it in memory.
    if (!Fits)
      for (Piece &P : Pieces)
        P.File = RegFile::Memory;
    return Pieces;
  }
  unsigned GPRs = 0, FPRs = 0;
  bool AArch64 = T.Id == AbiTarget::AAPCS64;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I) {
    AttributeSet AS = F.getAttributes().getParamAttrs(I);
    unsigned First = Pieces.size();
    flattenValue(FT->getParamType(I), DL, I, 0, false, false, Pieces);
    MutableArrayRef<Piece> Mine = MutableArrayRef(Pieces).drop_front(First);
    if (isMemoryArgument(AS) || hasUnmodelledAttribute(AS)) {
      for (Piece &P : Mine)
        P.File = isMemoryArgument(AS) ? RegFile::Memory : RegFile::Unknown;
      continue;
    }
    if (AS.hasAttribute(Attribute::StructRet) && AArch64) {
      for (Piece &P : Mine)
        P.File = RegFile::Indirect;
      continue;
    }
    // A parameter LLVM keeps together (an i128; on AArch64 an array, its
    // consecutive-register block) goes wholly in registers or wholly on the
    // stack; on AArch64 an i128 starts at an even register.
    bool Block = Mine.size() > 1 &&
                 (Mine.front().Half != 0 || (AArch64 && Mine.front().InArray));
    unsigned NeedG = 0, NeedF = 0;
    for (Piece &P : Mine) {
      P.File = fileOf(P.Ty, T.Id, FloatBits);
      NeedG += P.File == RegFile::GPR;
      NeedF += P.File == RegFile::FPR;
    }
    if (Block) {
      if (AArch64 && Mine.front().Half != 0)
        GPRs = alignTo(GPRs, 2);
      if (GPRs + NeedG > T.ArgGPRs || FPRs + NeedF > T.ArgFPRs) {
        for (Piece &P : Mine)
          if (P.File != RegFile::Unknown)
            P.File = RegFile::Stack;
        if (AArch64)
          GPRs = NeedG ? T.ArgGPRs : GPRs, FPRs = NeedF ? T.ArgFPRs : FPRs;
        continue;
      }
    }
    for (Piece &P : Mine) {
      if (P.File == RegFile::GPR) {
        if (GPRs < T.ArgGPRs)
          P.Reg = GPRs++;
        else
          P.File = RegFile::Stack;
      } else if (P.File == RegFile::FPR) {
        if (FPRs < T.ArgFPRs)
          P.Reg = FPRs++;
        else
          P.File = RegFile::Stack; // RISC-V would use a GPR: not modelled.
      }
    }
  }
  return Pieces;
}

/// How many bytes of the register a scalar of type \p T fills.
uint64_t bytesOf(Type *T) {
  return divideCeil(T->getPrimitiveSizeInBits().getFixedValue(), 8);
}

/// The floating-point registers' width of the RISC-V ABI the module names
/// (module flag "target-abi": lp64d 64, lp64f 32, lp64 0); none when absent.
std::optional<unsigned> riscvFloatBits(const Module &M) {
  auto *S = dyn_cast_or_null<MDString>(M.getModuleFlag("target-abi"));
  if (!S)
    return std::nullopt;
  StringRef ABI = S->getString();
  if (ABI.ends_with("d"))
    return 64;
  if (ABI.ends_with("f"))
    return 32;
  return 0;
}

std::string describeValue(const Piece &P, bool Return) {
  return Return ? std::string("the return value")
                : "parameter " + utostr(P.Value + 1);
}

} // namespace

ArrayRef<AbiRow> getAbiRows() { return Rows; }

std::optional<AbiTarget> getAbiTarget(const Triple &T) {
  if (T.isOSWindows() || T.isUEFI())
    return std::nullopt;
  switch (T.getArch()) {
  case Triple::x86_64:
    return AbiTarget::X86_64SysV;
  case Triple::aarch64:
    return AbiTarget::AAPCS64;
  case Triple::riscv64:
    return AbiTarget::RISCVLP64;
  default:
    return std::nullopt;
  }
}

StringRef getAbiTargetName(AbiTarget T) {
  for (const TargetInfo &I : Targets)
    if (I.Id == T)
      return I.Name;
  return "any";
}

AbiComparison compareAbi(const Function &Decl, const Function &Def) {
  AbiComparison C;
  const Module &M = *Decl.getParent();
  std::optional<AbiTarget> Target = getAbiTarget(compat::targetTriple(M));
  if (!Target) {
    C.Why = "no calling-convention table for '" +
            compat::targetTriple(M).getArchName().str() +
            "': the types are compared exactly";
    return C;
  }
  FunctionType *A = Decl.getFunctionType(), *B = Def.getFunctionType();
  if (A->isVarArg() || B->isVarArg() ||
      Decl.getCallingConv() != Def.getCallingConv() ||
      Decl.getCallingConv() != CallingConv::C)
    return C; // findSignatureMismatch names the difference.
  const TargetInfo &TI =
      *find_if(Targets, [&](const TargetInfo &I) { return I.Id == *Target; });
  unsigned FloatBits = 64;
  bool FloatsUnknown = false;
  if (*Target == AbiTarget::RISCVLP64) {
    std::optional<unsigned> Bits = riscvFloatBits(M);
    FloatsUnknown = !Bits;
    FloatBits = Bits.value_or(0);
  }
  AttributeList DeclAL = Decl.getAttributes(), DefAL = Def.getAttributes();
  const DataLayout &DL = M.getDataLayout();
  SmallVector<std::string, 2> Refusals;
  uint64_t Unspecified = 0; // Bytes of the crate's return value.
  auto Refuse = [&](const Piece &P, bool Return, AbiSituation S,
                    const Twine &Detail = "") {
    const AbiRow *R = findRow(S, *Target);
    std::string Text = describeValue(P, Return) + ": ";
    Text += R ? (R->SituationName + " (" + getAbiTargetName(*Target) +
                 "): " + R->Reason)
                    .str()
              : "no row of the ABI table covers it";
    Refusals.push_back(Text + Detail.str());
  };
  auto Note = [&](AbiSituation S) {
    if (!is_contained(C.Adaptations, S))
      C.Adaptations.push_back(S);
  };
  for (bool Return : {false, true}) {
    SmallVector<Piece, 8> X = layOut(Decl, Return, TI, FloatBits),
                          Y = layOut(Def, Return, TI, FloatBits);
    if (X.size() != Y.size()) {
      Refuse(X.empty() ? (Y.empty() ? Piece{} : Y.front()) : X.front(), Return,
             AbiSituation::RegisterCount);
      continue;
    }
    for (auto [P, Q] : zip(X, Y)) {
      AttributeSet PA = Return ? DeclAL.getRetAttrs()
                               : DeclAL.getParamAttrs(P.Value),
                   QA = Return ? DefAL.getRetAttrs()
                               : DefAL.getParamAttrs(Q.Value);
      bool Whole = !P.InAggregate && !Q.InAggregate;
      // Whole scalars of one type keep their attributes' rules: the
      // extensions, byval/sret sizes (SignatureCheck's comparison).
      if (Whole && P.Ty == Q.Ty && P.Half == Q.Half) {
        if (std::optional<std::string> Diff =
                compareValueAttributes(describeValue(P, Return), PA, QA, DL)) {
          AbiSituation S = isMemoryArgument(PA) || isMemoryArgument(QA) ||
                                   PA.hasAttribute(Attribute::StructRet) ||
                                   QA.hasAttribute(Attribute::StructRet)
                               ? AbiSituation::IndirectAggregate
                               : AbiSituation::Extension;
          Refuse(P, Return, S, ": " + *Diff);
          continue;
        }
      }
      if (P.File != Q.File || P.Reg != Q.Reg) {
        bool Memory = P.File == RegFile::Stack || Q.File == RegFile::Stack ||
                      P.File == RegFile::Memory || Q.File == RegFile::Memory;
        Refuse(P, Return,
               Memory ? AbiSituation::OnStack : AbiSituation::OtherRegister);
        continue;
      }
      if (P.Ty == Q.Ty && P.Half == Q.Half) {
        if (P.InAggregate != Q.InAggregate || P.Value != Q.Value)
          Note(AbiSituation::AggregateAsScalars);
        continue;
      }
      if (P.File != RegFile::GPR && P.File != RegFile::FPR) {
        Refuse(P, Return, AbiSituation::OnStack);
        continue;
      }
      if (P.InAggregate != Q.InAggregate || P.Value != Q.Value)
        Note(AbiSituation::AggregateAsScalars);
      if (P.Ty == Q.Ty) { // One side's half of an i128.
        const AbiRow *R = findRow(AbiSituation::IntegerPair128, *Target);
        if (!R || R->Rule == AbiRule::Refuse)
          Refuse(P, Return, AbiSituation::IntegerPair128);
        else
          Note(AbiSituation::IntegerPair128);
        continue;
      }
      bool PInt = P.Ty->isIntegerTy(), QInt = Q.Ty->isIntegerTy();
      if (P.Ty->isPointerTy() || Q.Ty->isPointerTy()) {
        Refuse(P, Return,
               isFloatLike(P.Ty) || isFloatLike(Q.Ty)
                   ? AbiSituation::FloatAgainstInteger
                   : AbiSituation::PointerAgainstInteger);
        continue;
      }
      if (PInt != QInt) {
        Refuse(P, Return, AbiSituation::FloatAgainstInteger);
        continue;
      }
      if (!PInt && FloatsUnknown) {
        Refuse(P, Return, AbiSituation::OtherRegister,
               " (the module names no RISC-V target-abi)");
        continue;
      }
      uint64_t PBytes = bytesOf(P.Ty), QBytes = bytesOf(Q.Ty);
      AbiSituation S;
      bool ReaderWider; // The side that reads wants more bits than written.
      if (!PInt) {
        S = PBytes == QBytes ? AbiSituation::SameSizeFloat
                             : AbiSituation::SmallerFloat;
        ReaderWider = Return ? PBytes > QBytes : QBytes > PBytes;
      } else if (Return) {
        S = PBytes > QBytes ? AbiSituation::WiderIntegerReturn
                            : AbiSituation::NarrowerIntegerReturn;
        ReaderWider = PBytes > QBytes;
      } else {
        S = PBytes > QBytes ? AbiSituation::WiderIntegerArgument
                            : AbiSituation::NarrowerIntegerArgument;
        ReaderWider = QBytes > PBytes;
      }
      // Integers that are not whole bytes (i1 against i8) are never
      // reinterpreted.
      if (PInt &&
          (P.Ty->getIntegerBitWidth() % 8 || Q.Ty->getIntegerBitWidth() % 8)) {
        Refuse(P, Return, AbiSituation::OtherRegister,
               " (an integer that is not whole bytes)");
        continue;
      }
      const AbiRow *R = findRow(S, *Target);
      if (!R || R->Rule == AbiRule::Refuse) {
        Refuse(P, Return, S);
        continue;
      }
      // An extension attribute on the narrower side promises the bits
      // beyond it.
      bool PExt = Whole && (PA.hasAttribute(Attribute::SExt) ||
                            PA.hasAttribute(Attribute::ZExt));
      bool QExt = Whole && (QA.hasAttribute(Attribute::SExt) ||
                            QA.hasAttribute(Attribute::ZExt));
      if (!Return && !ReaderWider && QExt) {
        Refuse(P, Return, S,
               ": the helper's parameter is extended (" +
                   StringRef(QA.hasAttribute(Attribute::SExt) ? "signext"
                                                              : "zeroext") +
                   "), which a wider integer does not provide");
        continue;
      }
      if (Return && !ReaderWider && PExt) {
        Refuse(P, Return, S,
               ": the crate relies on an extension of its narrower "
               "integer, which the helper's wider one does not provide");
        continue;
      }
      if (ReaderWider) {
        if (!Return) {
          Refuse(P, Return, AbiSituation::NarrowerIntegerArgument);
          continue;
        }
        if (PInt && QExt) {
          C.RetSigned = QA.hasAttribute(Attribute::SExt);
        } else {
          Unspecified |= byteMask(P.Offset + QBytes, P.Offset + PBytes);
        }
      }
      Note(S);
    }
  }
  // The bytes the helper leaves unspecified must be read by no call.
  if (Unspecified && Refusals.empty()) {
    // DemandedBits and what it needs, once per calling function.
    struct CallerAnalyses {
      DominatorTree DT;
      AssumptionCache AC;
      DemandedBits DB;
      explicit CallerAnalyses(Function &F) : DT(F), AC(F), DB(F, AC, DT) {}
    };
    DenseMap<const Function *, std::unique_ptr<CallerAnalyses>> Analyses;
    for (const User *U : Decl.users()) {
      const auto *CB = dyn_cast<CallBase>(U);
      if (!CB || CB->getCalledOperand() != &Decl)
        continue;
      std::unique_ptr<CallerAnalyses> &A = Analyses[CB->getFunction()];
      if (!A)
        A = std::make_unique<CallerAnalyses>(
            *const_cast<Function *>(CB->getFunction()));
      uint64_t Read = bytesRead(*CB, DL, A->DB) & Unspecified;
      if (!Read)
        continue;
      std::string Where;
      if (const DebugLoc &Loc = CB->getDebugLoc())
        Where = " at " + Loc->getFilename().str() + ":" + utostr(Loc.getLine());
      Piece P;
      Refuse(P, /*Return=*/true,
             is_contained(C.Adaptations, AbiSituation::SmallerFloat)
                 ? AbiSituation::SmallerFloat
                 : AbiSituation::WiderIntegerReturn,
             "; the call in '" + CB->getFunction()->getName() + "'" + Where +
                 " reads " + describeBytes(Read) +
                 ", which the helper leaves unspecified");
      break;
    }
  }
  if (Refusals.empty() && C.Adaptations.empty())
    C.Adaptations.push_back(AbiSituation::AggregateAsScalars);
  if (!Refusals.empty()) {
    C.Adaptations.clear();
    C.Why = join(Refusals, "; ");
    return C;
  }
  C.Equivalent = true;
  return C;
}

std::string describeAdaptations(const AbiComparison &C) {
  SmallVector<StringRef, 4> Names;
  for (AbiSituation S : C.Adaptations)
    for (const AbiRow &R : Rows)
      if (R.Situation == S) {
        Names.push_back(R.SituationName);
        break;
      }
  return join(Names, ", ");
}

//===----------------------------------------------------------------------===//
// Rewriting the calls
//===----------------------------------------------------------------------===//

namespace {

/// Appends the scalar values of \p V (each half of an i128 apart) to \p Out,
/// computed before \p Pos.
void takeApart(Value *V, BasicBlock::iterator Pos,
               SmallVectorImpl<Value *> &Out) {
  Type *T = V->getType();
  if (auto *ST = dyn_cast<StructType>(T)) {
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I)
      takeApart(ExtractValueInst::Create(V, {I}, "", Pos), Pos, Out);
    return;
  }
  if (auto *AT = dyn_cast<ArrayType>(T)) {
    for (unsigned I = 0, E = AT->getNumElements(); I != E; ++I)
      takeApart(ExtractValueInst::Create(V, {I}, "", Pos), Pos, Out);
    return;
  }
  if (T->isIntegerTy(128)) {
    Type *I64 = Type::getInt64Ty(T->getContext());
    Out.push_back(new TruncInst(V, I64, "", Pos));
    Value *Hi = BinaryOperator::CreateLShr(V, ConstantInt::get(T, 64), "", Pos);
    Out.push_back(new TruncInst(Hi, I64, "", Pos));
    return;
  }
  Out.push_back(V);
}

/// The scalar types of a value of type \p T, as takeApart splits it.
void scalarTypes(Type *T, SmallVectorImpl<Type *> &Out) {
  if (auto *ST = dyn_cast<StructType>(T)) {
    for (Type *E : ST->elements())
      scalarTypes(E, Out);
    return;
  }
  if (auto *AT = dyn_cast<ArrayType>(T)) {
    for (uint64_t I = 0, E = AT->getNumElements(); I != E; ++I)
      scalarTypes(AT->getElementType(), Out);
    return;
  }
  if (T->isIntegerTy(128)) {
    Out.append(2, Type::getInt64Ty(T->getContext()));
    return;
  }
  Out.push_back(T);
}

/// Moves scalar \p V into a scalar of type \p To as the register does: the
/// bits are reinterpreted, the low ones kept or extended (\p Signed).
Value *convertScalar(Value *V, Type *To, bool Signed,
                     BasicBlock::iterator Pos) {
  Type *From = V->getType();
  if (From == To)
    return V;
  LLVMContext &Ctx = V->getContext();
  if (!From->isIntegerTy())
    V = new BitCastInst(
        V, IntegerType::get(Ctx, From->getPrimitiveSizeInBits()), "", Pos);
  Type *ToInt = To->isIntegerTy()
                    ? To
                    : IntegerType::get(Ctx, To->getPrimitiveSizeInBits());
  if (V->getType() != ToInt)
    V = CastInst::CreateIntegerCast(V, ToInt, Signed, "", Pos);
  if (ToInt != To)
    V = new BitCastInst(V, To, "", Pos);
  return V;
}

/// Builds a value of type \p T from the scalars at \p Next, before \p Pos.
Value *putTogether(Type *T, ArrayRef<Value *> Scalars, unsigned &Next,
                   BasicBlock::iterator Pos) {
  if (isa<StructType>(T) || isa<ArrayType>(T)) {
    unsigned N = isa<StructType>(T) ? cast<StructType>(T)->getNumElements()
                                    : cast<ArrayType>(T)->getNumElements();
    Value *Agg = PoisonValue::get(T);
    for (unsigned I = 0; I != N; ++I) {
      Type *E = isa<StructType>(T) ? cast<StructType>(T)->getElementType(I)
                                   : cast<ArrayType>(T)->getElementType();
      Agg = InsertValueInst::Create(Agg, putTogether(E, Scalars, Next, Pos),
                                    {I}, "", Pos);
    }
    return Agg;
  }
  if (T->isIntegerTy(128)) {
    Value *Lo = new ZExtInst(Scalars[Next++], T, "", Pos);
    Value *Hi = new ZExtInst(Scalars[Next++], T, "", Pos);
    Hi = BinaryOperator::CreateShl(Hi, ConstantInt::get(T, 64), "", Pos);
    return BinaryOperator::CreateOr(Lo, Hi, "", Pos);
  }
  return Scalars[Next++];
}

/// Converts the values \p Values (of the types \p From spells) into values
/// of the types \p To, scalar by scalar, before \p Pos.
SmallVector<Value *, 8> convertAll(ArrayRef<Value *> Values,
                                   ArrayRef<Type *> To, bool Signed,
                                   BasicBlock::iterator Pos) {
  SmallVector<Value *, 8> Scalars;
  for (Value *V : Values)
    takeApart(V, Pos, Scalars);
  SmallVector<Type *, 8> Wanted;
  for (Type *T : To)
    scalarTypes(T, Wanted);
  assert(Scalars.size() == Wanted.size() && "compareAbi paired the scalars");
  for (auto [S, T] : zip(Scalars, Wanted))
    S = convertScalar(S, T, Signed, Pos);
  SmallVector<Value *, 8> Out;
  unsigned Next = 0;
  for (Type *T : To)
    Out.push_back(putTogether(T, Scalars, Next, Pos));
  return Out;
}

} // namespace

Function *adaptToDefinition(Function &Decl, const Function &Def,
                            const AbiComparison &C) {
  assert(C.Equivalent && "only an equivalent declaration is adapted");
  bool SameReturn = Decl.getReturnType() == Def.getReturnType();
  SmallVector<CallBase *, 4> Calls;
  for (User *U : Decl.users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &Decl)
      Calls.push_back(CB);
  // A return value to rebuild needs a place after the call.
  if (!SameReturn && any_of(Calls, [](CallBase *CB) {
        return !isa<CallInst>(CB) && !CB->use_empty();
      }))
    return nullptr;
  Module &M = *Decl.getParent();
  std::string Name = Decl.getName().str();
  Decl.setName(Name + ".rust-declaration");
  Function *New = Function::Create(Def.getFunctionType(),
                                   GlobalValue::ExternalLinkage, Name, M);
  New->copyAttributesFrom(&Decl);
  New->setAttributes(Def.getAttributes());
  New->setCallingConv(Def.getCallingConv());
  for (CallBase *CB : Calls) {
    BasicBlock::iterator Pos = CB->getIterator();
    SmallVector<Value *, 8> DeclArgs(CB->args());
    SmallVector<Value *, 8> Args =
        convertAll(DeclArgs, New->getFunctionType()->params(),
                   /*Signed=*/false, Pos);
    SmallVector<OperandBundleDef, 1> Bundles;
    CB->getOperandBundlesAsDefs(Bundles);
    CallBase *NewCB;
    if (auto *II = dyn_cast<InvokeInst>(CB))
      NewCB = InvokeInst::Create(New, II->getNormalDest(), II->getUnwindDest(),
                                 Args, Bundles, "", Pos);
    else
      NewCB = CallInst::Create(New, Args, Bundles, "", Pos);
    NewCB->takeName(CB);
    NewCB->setCallingConv(CB->getCallingConv());
    NewCB->setDebugLoc(CB->getDebugLoc());
    // The call keeps its function attributes (and its return attributes
    // when the type stays); its parameters take the definition's ABI
    // attributes (the C side's).
    AttributeList AL = CB->getAttributes();
    LLVMContext &Ctx = CB->getContext();
    SmallVector<AttributeSet, 8> Params;
    for (unsigned I = 0; I != Args.size(); ++I) {
      AttrBuilder B(Ctx);
      for (Attribute::AttrKind K :
           {Attribute::ZExt, Attribute::SExt, Attribute::InReg})
        if (Def.hasParamAttribute(I, K))
          B.addAttribute(K);
      for (Attribute::AttrKind K : {Attribute::ByVal, Attribute::StructRet})
        if (Def.hasParamAttribute(I, K))
          B.addAttribute(Def.getAttributes().getParamAttr(I, K));
      if (MaybeAlign A = Def.getParamAlign(I))
        B.addAlignmentAttr(*A);
      Params.push_back(AttributeSet::get(Ctx, B));
    }
    NewCB->setAttributes(AttributeList::get(
        Ctx, AL.getFnAttrs(),
        SameReturn ? AL.getRetAttrs() : Def.getAttributes().getRetAttrs(),
        Params));
    Value *Result = NewCB;
    if (!SameReturn && !CB->use_empty()) {
      BasicBlock::iterator After = std::next(CB->getIterator());
      Result = convertAll({NewCB}, {CB->getType()}, C.RetSigned, After)[0];
    }
    if (!CB->use_empty())
      CB->replaceAllUsesWith(Result);
    CB->eraseFromParent();
  }
  Decl.replaceAllUsesWith(New);
  Decl.eraseFromParent();
  return New;
}

} // namespace rih
