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
  // a struct of i32 where clang writes the x86-64 slot's 8).  An sret
  // buffer is the caller's: the helper may rely on the alignment it names.
  if (AS.hasAttribute(Attribute::ByVal) && AS.getAlignment())
    Parts.push_back("align " + utostr(std::max<uint64_t>(
                                   AS.getAlignment()->value(),
                                   DL.getPointerABIAlignment(0).value())));
  else if (AS.hasAttribute(Attribute::StructRet) && AS.getAlignment())
    Parts.push_back("align " + utostr(AS.getAlignment()->value()));
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

} // namespace

std::optional<std::string> compareValueAttributes(const Twine &Name,
                                                  AttributeSet Decl,
                                                  AttributeSet Def,
                                                  const DataLayout &DL) {
  StringRef ExtA = extension(Decl), ExtB = extension(Def);
  bool ExtConflict = !ExtA.empty() && !ExtB.empty() && ExtA != ExtB;
  if (!ExtConflict && abiAttributes(Decl, DL, /*WithExtension=*/false) ==
                          abiAttributes(Def, DL, /*WithExtension=*/false))
    return std::nullopt;
  std::string A = abiAttributes(Decl, DL), B = abiAttributes(Def, DL);
  return (Name + " is passed as '" + (A.empty() ? "plain" : A) +
          "' by the crate but as '" + (B.empty() ? "plain" : B) +
          "' by the helper")
      .str();
}

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
    if (auto Diff = compareValueAttributes("the return value", A.getRetAttrs(),
                                           B.getRetAttrs(), DL))
      Out.push_back(*Diff);
    for (unsigned I = 0; I != Common; ++I)
      if (auto Diff = compareValueAttributes("parameter " + Twine(I + 1),
                                             A.getParamAttrs(I),
                                             B.getParamAttrs(I), DL))
        Out.push_back(*Diff);
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
