//===- SignatureCheck.cpp - Rust extern declarations against C ------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/SignatureCheck.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rih {
namespace {

/// The attributes that decide how a value is passed or returned (LLVM
/// LangRef, "Parameter Attributes"; the ones clang and rustc emit for C ABI
/// lowering).  A difference in any of them is a different ABI.
/// zeroext and signext are compared apart (compareValue).
constexpr Attribute::AttrKind ABIAttributes[] = {
    Attribute::InReg,      Attribute::ByVal,     Attribute::StructRet,
    Attribute::ByRef,      Attribute::InAlloca,  Attribute::Preallocated,
    Attribute::Nest,       Attribute::SwiftSelf, Attribute::SwiftError,
    Attribute::SwiftAsync,
};

/// "zeroext", "signext" or "".
StringRef extension(AttributeSet AS) {
  if (AS.hasAttribute(Attribute::ZExt))
    return "zeroext";
  if (AS.hasAttribute(Attribute::SExt))
    return "signext";
  return "";
}

/// The ABI attributes of \p AS as text.  A type-carrying attribute (byval,
/// sret, ...) is written with its type's size, not its name: clang and rustc
/// name the same struct differently.
std::string abiAttributes(AttributeSet AS, const DataLayout &DL,
                          bool WithExtension = true) {
  SmallVector<std::string, 2> Parts;
  if (WithExtension && !extension(AS).empty())
    Parts.push_back(extension(AS).str());
  for (Attribute::AttrKind K : ABIAttributes) {
    if (!AS.hasAttribute(K))
      continue;
    std::string Part = Attribute::getNameFromAttrKind(K).str();
    Attribute A = AS.getAttribute(K);
    if (A.isTypeAttribute())
      if (Type *T = A.getValueAsType())
        Part +=
            "(" + utostr(DL.getTypeAllocSize(T).getKnownMinValue()) + " bytes)";
    Parts.push_back(Part);
  }
  // byval carries its alignment in a separate attribute.  The copy sits in
  // the argument area, whose slots are at least pointer-aligned, so an
  // alignment below that does not change the ABI (rustc writes align 4 for
  // a struct of i32 where clang writes the x86-64 slot's 8).
  if (AS.hasAttribute(Attribute::ByVal) && AS.getAlignment())
    Parts.push_back("align " + utostr(std::max<uint64_t>(
                                   AS.getAlignment()->value(),
                                   DL.getPointerABIAlignment(0).value())));
  return join(Parts, " ");
}

std::string describeValue(Type *T, AttributeSet AS, const DataLayout &DL) {
  std::string S;
  raw_string_ostream OS(S);
  T->print(OS);
  std::string Attrs = abiAttributes(AS, DL);
  if (!Attrs.empty())
    OS << " " << Attrs;
  return S;
}

/// \p Name describes the value ("return value", "parameter 2").
/// Extensions conflict when both sides extend, differently (u8 against
/// signed char on x86-64).  One side without an extension is not a
/// conflict: C ABIs such as AAPCS64 leave the upper bits to the reader, so
/// clang writes none where rustc marks every bool zeroext.
void compareValue(const Twine &Name, AttributeSet Decl, AttributeSet Def,
                  const DataLayout &DL, SmallVectorImpl<std::string> &Out) {
  StringRef ExtA = extension(Decl), ExtB = extension(Def);
  bool ExtConflict = !ExtA.empty() && !ExtB.empty() && ExtA != ExtB;
  if (!ExtConflict && abiAttributes(Decl, DL, /*WithExtension=*/false) ==
                          abiAttributes(Def, DL, /*WithExtension=*/false))
    return;
  std::string A = abiAttributes(Decl, DL), B = abiAttributes(Def, DL);
  Out.push_back((Name + " is passed as '" + (A.empty() ? "plain" : A) +
                 "' by the crate but as '" + (B.empty() ? "plain" : B) +
                 "' by the helper")
                    .str());
}

} // namespace

std::optional<MismatchMode> parseMismatchMode(StringRef Name) {
  if (Name == "error")
    return MismatchMode::Error;
  if (Name == "warn")
    return MismatchMode::Warn;
  return std::nullopt;
}

StringRef getMismatchModeName(MismatchMode Mode) {
  return Mode == MismatchMode::Error ? "error" : "warn";
}

/// The number of elements of a struct or array type; 0 for anything else.
static unsigned numElements(Type *T) {
  if (auto *ST = dyn_cast<StructType>(T))
    return ST->getNumElements();
  if (auto *AT = dyn_cast<ArrayType>(T))
    return AT->getNumElements();
  return 0;
}

static Type *elementType(Type *T, unsigned I) {
  if (auto *ST = dyn_cast<StructType>(T))
    return ST->getElementType(I);
  return cast<ArrayType>(T)->getElementType();
}

/// Appends the scalars that \p T is made of to \p Out.
static void flatten(Type *T, SmallVectorImpl<Type *> &Out) {
  unsigned N = numElements(T);
  if (N == 0)
    return Out.push_back(T);
  for (unsigned I = 0; I != N; ++I)
    flatten(elementType(T, I), Out);
}

/// Appends the scalar values of \p V to \p Out, computed before \p Pos.
static void takeApart(Value *V, BasicBlock::iterator Pos,
                      SmallVectorImpl<Value *> &Out) {
  unsigned N = numElements(V->getType());
  if (N == 0)
    return Out.push_back(V);
  for (unsigned I = 0; I != N; ++I)
    takeApart(ExtractValueInst::Create(V, {I}, "", Pos), Pos, Out);
}

/// Builds a value of type \p T from the scalars at \p Next, before \p Pos;
/// an integer of another width is truncated or zero-extended (the bits
/// beyond the narrower one are padding in the register).
static Value *putTogether(Type *T, ArrayRef<Value *> Scalars, unsigned &Next,
                          BasicBlock::iterator Pos) {
  unsigned N = numElements(T);
  if (N == 0) {
    Value *V = Scalars[Next++];
    if (V->getType() == T)
      return V;
    return CastInst::CreateIntegerCast(V, T, /*isSigned=*/false, "", Pos);
  }
  Value *Agg = PoisonValue::get(T);
  for (unsigned I = 0; I != N; ++I)
    Agg = InsertValueInst::Create(
        Agg, putTogether(elementType(T, I), Scalars, Next, Pos), {I}, "", Pos);
  return Agg;
}

/// A scalar of a flattened signature, and whether it was part of an
/// aggregate there.
struct FlatPart {
  Type *Ty;
  bool InAggregate;
};

static SmallVector<FlatPart, 8> flattenAll(ArrayRef<Type *> Types) {
  SmallVector<FlatPart, 8> Out;
  for (Type *T : Types) {
    if (T->isVoidTy())
      continue;
    SmallVector<Type *, 4> Scalars;
    flatten(T, Scalars);
    for (Type *S : Scalars)
      Out.push_back({S, numElements(T) != 0});
  }
  return Out;
}

/// True when \p T is an integer no C scalar type lowers to (i24, i40, i48,
/// i56): clang's coercion of a small struct, whose size it keeps exactly
/// (x86-64's getIntegerTypeAtOffset: a { u32, u8 } is returned as i40).
static bool isStructPiece(Type *T) {
  unsigned Bits = T->getIntegerBitWidth();
  return Bits <= 64 && (Bits < 8 || !isPowerOf2_32(Bits));
}

/// True when the scalars \p A and \p B use the same registers, each of the
/// same type, or both integers of at most one register where one side is a
/// piece of a struct (an aggregate there, or a width no C scalar has): the
/// bits beyond the narrower integer are the struct's padding.
static bool sameRegisters(ArrayRef<FlatPart> A, ArrayRef<FlatPart> B) {
  if (A.size() != B.size())
    return false;
  for (auto [X, Y] : zip(A, B)) {
    if (X.Ty == Y.Ty)
      continue;
    if (!X.Ty->isIntegerTy() || !Y.Ty->isIntegerTy())
      return false;
    bool Piece = X.InAggregate || Y.InAggregate ||
                 (isStructPiece(X.Ty) && Y.Ty->getIntegerBitWidth() <= 64) ||
                 (isStructPiece(Y.Ty) && X.Ty->getIntegerBitWidth() <= 64);
    if (!Piece)
      return false;
  }
  return true;
}

bool haveSameFlatSignature(const Function &Decl, const Function &Def) {
  FunctionType *A = Decl.getFunctionType(), *B = Def.getFunctionType();
  if (A == B || A->isVarArg() || B->isVarArg() ||
      Decl.getCallingConv() != Def.getCallingConv())
    return false;
  // Aggregates passed in memory (byval, sret) are pointers here, never
  // taken apart.
  return sameRegisters(flattenAll(A->params()), flattenAll(B->params())) &&
         sameRegisters(flattenAll(A->getReturnType()),
                       flattenAll(B->getReturnType()));
}

Function *adaptDeclaration(Function &Decl, const Function &Def) {
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
    SmallVector<Value *, 8> Scalars;
    for (Value *Arg : CB->args())
      takeApart(Arg, Pos, Scalars);
    SmallVector<Value *, 8> Args;
    unsigned Next = 0;
    for (Type *T : New->getFunctionType()->params())
      Args.push_back(putTogether(T, Scalars, Next, Pos));
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
    // when the type stays); its parameters take the definition's
    // extensions (the C side's ABI).
    AttributeList AL = CB->getAttributes();
    LLVMContext &Ctx = CB->getContext();
    SmallVector<AttributeSet, 8> Params;
    for (unsigned I = 0; I != Args.size(); ++I) {
      AttrBuilder B(Ctx);
      for (Attribute::AttrKind K :
           {Attribute::ZExt, Attribute::SExt, Attribute::InReg})
        if (Def.hasParamAttribute(I, K))
          B.addAttribute(K);
      Params.push_back(AttributeSet::get(Ctx, B));
    }
    NewCB->setAttributes(AttributeList::get(
        Ctx, AL.getFnAttrs(),
        SameReturn ? AL.getRetAttrs() : Def.getAttributes().getRetAttrs(),
        Params));
    Value *Result = NewCB;
    if (!SameReturn && !CB->use_empty()) {
      BasicBlock::iterator After = std::next(CB->getIterator());
      SmallVector<Value *, 4> Parts;
      takeApart(NewCB, After, Parts);
      unsigned NextPart = 0;
      Result = putTogether(CB->getType(), Parts, NextPart, After);
    }
    if (!CB->use_empty())
      CB->replaceAllUsesWith(Result);
    CB->eraseFromParent();
  }
  Decl.replaceAllUsesWith(New);
  Decl.eraseFromParent();
  return New;
}

std::string describeSignature(const Function &F) {
  std::string S;
  raw_string_ostream OS(S);
  if (F.getCallingConv() != CallingConv::C)
    OS << "cc" << F.getCallingConv() << " ";
  AttributeList AL = F.getAttributes();
  FunctionType *FT = F.getFunctionType();
  const DataLayout &DL = F.getDataLayout();
  OS << describeValue(FT->getReturnType(), AL.getRetAttrs(), DL) << " (";
  ListSeparator Sep;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
    OS << Sep << describeValue(FT->getParamType(I), AL.getParamAttrs(I), DL);
  if (FT->isVarArg())
    OS << Sep << "...";
  OS << ")";
  return S;
}

std::optional<std::string> findSignatureMismatch(const Function &Decl,
                                                 const Function &Def) {
  SmallVector<std::string, 4> Out;
  FunctionType *DeclTy = Decl.getFunctionType(), *DefTy = Def.getFunctionType();
  if (Decl.getCallingConv() != Def.getCallingConv())
    Out.push_back("the calling conventions differ");
  if (DeclTy->getNumParams() != DefTy->getNumParams())
    Out.push_back("the crate passes " + utostr(DeclTy->getNumParams()) +
                  " parameters, the helper takes " +
                  utostr(DefTy->getNumParams()));
  if (DeclTy->isVarArg() != DefTy->isVarArg())
    Out.push_back(std::string("only the ") +
                  (DefTy->isVarArg() ? "helper" : "crate") +
                  " declares variable arguments");
  if (DeclTy->getReturnType() != DefTy->getReturnType())
    Out.push_back("the return types differ");
  unsigned Common = std::min(DeclTy->getNumParams(), DefTy->getNumParams());
  for (unsigned I = 0; I != Common; ++I)
    if (DeclTy->getParamType(I) != DefTy->getParamType(I))
      Out.push_back("parameter " + utostr(I + 1) + " has another type");
  if (Out.empty()) {
    AttributeList A = Decl.getAttributes(), B = Def.getAttributes();
    const DataLayout &DL = Decl.getDataLayout();
    compareValue("the return value", A.getRetAttrs(), B.getRetAttrs(), DL, Out);
    for (unsigned I = 0; I != Common; ++I)
      compareValue("parameter " + Twine(I + 1), A.getParamAttrs(I),
                   B.getParamAttrs(I), DL, Out);
  }
  if (Out.empty())
    return std::nullopt;
  return join(Out, "; ");
}

std::string findSourceLocation(const Function &F) {
  auto Format = [](const DIScope *Scope, unsigned Line) {
    if (!Scope)
      return std::string();
    std::string Dir = Scope->getDirectory().str(),
                File = Scope->getFilename().str();
    std::string Path = (File.empty() || File.front() == '/' || Dir.empty())
                           ? File
                           : Dir + "/" + File;
    return Path + ":" + utostr(Line);
  };
  if (const DISubprogram *SP = F.getSubprogram())
    return Format(SP, SP->getLine());
  for (const User *U : F.users())
    if (const auto *CB = dyn_cast<CallBase>(U))
      if (CB->getCalledOperand() == &F)
        if (const DebugLoc &DL = CB->getDebugLoc())
          return Format(DL->getScope(), DL.getLine());
  return {};
}

} // namespace rih
