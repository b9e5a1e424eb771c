//===- HelperLinkChecks.cpp - Checks before a file links ------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// What is checked before anything of a helper file is linked: duplicate
// strong definitions across files, the target triple, the data layout, and
// each helper's signature against the crate's declaration (SignatureCheck.h),
// with the calls that spell the signature another way but are one ABI
// rewritten to the C type (AbiEquivalence.h).
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLinker.h"
#include "passes/LLVMCompat.h"

#include "passes/AbiEquivalence.h"
#include "passes/HelperDiagnostics.h"
#include "passes/HelperFiles.h"
#include "passes/HelperOrigin.h"
#include "passes/SignatureCheck.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

namespace rih {
namespace linker {

/// A strong definition is the symbol's one definition in the program: two
/// of them, in two helper files or in the crate and a helper file, would be
/// a duplicate symbol in the final link, and which body gets inlined would
/// depend on the order of the files.
bool HelperLinker::checkDefinitions() {
  StringMap<std::string> DefinedIn;
  for (HelperFile &File : Files) {
    const HelperFileIndex &Index = File.index();
    // Two files that both define a symbol: only a link of several files
    // walks every file's helpers.
    if (Files.size() > 1)
      for (const HelperFileSymbol *S : Index.inModuleOrder()) {
        if (!isHelper(*S) || S->Linkage != GlobalValue::ExternalLinkage)
          continue;
        auto [It, New] = DefinedIn.try_emplace(S->Name, File.Path);
        if (!New) {
          reportError(M, "'" + S->Name + "' is defined in helper file '" +
                             It->second + "' and in helper file '" + File.Path +
                             "'; define each helper in one file only");
          return false;
        }
      }
    // The helpers the crate defines too, in the file's order: only the
    // crate is walked.
    SmallVector<std::pair<const HelperFileSymbol *, const GlobalValue *>, 4>
        Both;
    for (const GlobalValue &Mine : M.global_values())
      if (!Mine.isDeclaration() && !Mine.hasAvailableExternallyLinkage() &&
          Mine.hasName())
        if (const HelperFileSymbol *S = Index.lookup(Mine.getName());
            S && isHelper(*S))
          Both.push_back({S, &Mine});
    llvm::sort(Both, [](const auto &A, const auto &B) {
      return A.first->Position < B.first->Position;
    });
    SmallVector<StringRef, 4> InCrate;
    std::vector<std::string> DefinedHere;
    for (auto &[S, Mine] : Both) {
      DefinedHere.push_back(S->Name.str());
      if (Mine->getLinkage() == GlobalValue::ExternalLinkage &&
          S->Linkage == GlobalValue::ExternalLinkage)
        InCrate.push_back(S->Name);
    }
    if (Options.InModule && !DefinedHere.empty()) {
      InModule[File.Path] = std::move(DefinedHere);
      continue;
    }
    if (InCrate.empty())
      continue;
    // A module that already holds every definition of the file is the file
    // merged into the crate (a full-LTO link of both): nothing to link.
    if (DefinedHere.size() ==
        size_t(llvm::count_if(Index.symbols(), [&](const HelperFileSymbol &S) {
          return isHelper(S);
        }))) {
      Skipped.insert(File.Path);
      noteUnused(File, "module '" + M.getModuleIdentifier() +
                           "' already holds its definitions");
      continue;
    }
    reportError(M, "'" + InCrate.front() + "' is defined in module '" +
                       M.getModuleIdentifier() + "' and in helper file '" +
                       File.Path +
                       "'; a helper has its one definition in C: remove "
                       "the crate's definition or rename one of them");
    return false;
  }
  return true;
}

bool HelperLinker::checkTarget(Module &Src, const HelperFile &File) {
  Triple DstTT = compat::targetTriple(M);
  Triple SrcTT = compat::targetTriple(Src);
  if (SrcTT == DstTT || DstTT.str().empty())
    return checkDataLayout(Src, File);
  if (!SrcTT.str().empty() && SrcTT.getArch() != DstTT.getArch()) {
    reportError(M, "helper file '" + File.Path + "' targets '" + SrcTT.str() +
                       "' but module '" + M.getModuleIdentifier() +
                       "' targets '" + DstTT.str() +
                       "'; build the helpers with --target=" + DstTT.str());
    return false;
  }
  // clang says x86_64-pc-linux-gnu where rustc says x86_64-unknown-linux-gnu
  // (and the kernel's Rust target x86_64-unknown-none): same architecture,
  // the crate's triple wins as it would in the IR linker, without a warning.
  // Hand-written IR without a triple gets the crate's.
  compat::setTargetTriple(Src, DstTT);
  return checkDataLayout(Src, File);
}

bool HelperLinker::checkDataLayout(Module &Src, const HelperFile &File) {
  const DataLayout &D = M.getDataLayout(), &S = Src.getDataLayout();
  if (M.getDataLayoutStr().empty() || D == S)
    return true;
  if (Src.getDataLayoutStr().empty()) { // Hand-written IR: the crate's.
    Src.setDataLayout(M.getDataLayout());
    return true;
  }
  // Layouts that disagree on byte order, pointer size or the alignment of
  // the integer and pointer types describe another ABI.
  auto Same = [&](Type *T) {
    return D.getTypeAllocSize(T) == S.getTypeAllocSize(T) &&
           D.getABITypeAlign(T) == S.getABITypeAlign(T);
  };
  LLVMContext &C = Ctx;
  bool Compatible = D.isLittleEndian() == S.isLittleEndian() &&
                    D.getPointerSizeInBits(0) == S.getPointerSizeInBits(0) &&
                    Same(PointerType::getUnqual(C)) &&
                    Same(Type::getInt64Ty(C)) && Same(Type::getInt128Ty(C)) &&
                    Same(Type::getDoubleTy(C));
  if (!Compatible) {
    reportError(M, "helper file '" + File.Path + "' has data layout '" +
                       Src.getDataLayoutStr() + "' but module '" +
                       M.getModuleIdentifier() + "' has '" +
                       M.getDataLayoutStr() +
                       "', another ABI; build the helpers for the crate's "
                       "target (--target=" +
                       compat::targetTriple(M).str() + ")");
    return false;
  }
  // Same ABI, another spelling (e.g. a newer clang's extra components): the
  // crate's layout wins, without the IR linker's warning.
  Src.setDataLayout(M.getDataLayout());
  return true;
}

/// The message for the crate's declaration \p Decl (at \p Where, if known)
/// that disagrees with the helper's definition \p Def in \p File (at
/// \p There): "helper 'X' is <Verb> module 'M' as '...' but defined in ...".
std::string HelperLinker::describeMismatch(StringRef Verb, const Function &Decl,
                                           StringRef Where, const Function &Def,
                                           const HelperFile &File,
                                           StringRef There, StringRef Why) {
  return ("helper '" + Def.getName() + "' is " + Verb + " module '" +
          M.getModuleIdentifier() + "'" +
          (Where.empty() ? "" : " at " + Where) + " as '" +
          describeSignature(Decl) + "' but defined in '" + File.Path + "'" +
          (There.empty() ? "" : " at " + There) + " as '" +
          describeSignature(Def) + "': " + Why +
          "; fix the Rust extern declaration to match the C definition")
      .str();
}

bool HelperLinker::checkSignatures(Module &Src, const HelperFile &File) {
  SmallVector<std::string, 2> Errors;
  // A function on one side and data on the other is never a helper call.
  for (GlobalValue &GV : Src.global_values()) {
    if (!isHelper(GV))
      continue;
    GlobalValue *Mine = M.getNamedValue(GV.getName());
    if (!Mine || !Mine->isDeclaration() ||
        isa<Function>(Mine) == isa<Function>(GV))
      continue;
    auto Kind = [](const GlobalValue &V) {
      return isa<Function>(V) ? "a function" : "a variable";
    };
    Errors.push_back(("'" + GV.getName() + "' is declared by module '" +
                      M.getModuleIdentifier() + "' as " + Kind(*Mine) +
                      " but defined in '" + File.Path + "' as " + Kind(GV) +
                      "; fix the Rust extern declaration")
                         .str());
  }
  for (Function &Def : Src) {
    if (!isHelper(Def))
      continue;
    Function *Decl = M.getFunction(Def.getName());
    if (!Decl || !Decl->isDeclaration())
      continue;
    std::string AbiWhy;
    if (Function *Adapted = adaptToC(*Decl, Def, AbiWhy))
      Decl = Adapted;
    std::optional<std::string> Why = findSignatureMismatch(*Decl, Def);
    if (!Why)
      continue;
    if (!AbiWhy.empty())
      *Why += " (" + AbiWhy + ")";
    // Only a mismatched body is read, for its source location.
    if (Error E = Def.materialize())
      consumeError(std::move(E));
    std::string Where = findSourceLocation(*Decl),
                There = findSourceLocation(Def);
    std::string Msg =
        describeMismatch("declared by", *Decl, Where, Def, File, There, *Why);
    if (Options.Mismatch == MismatchMode::Error) {
      Errors.push_back(std::move(Msg));
      continue;
    }
    reportWarning(Ctx, Msg + " (mismatch=warn: the call is kept)");
    std::string Reason =
        "the Rust declaration and the C definition differ: " + *Why;
    // Calls in helper bodies get the remark when they are inlined.
    if (remarkCrateCalls(*Decl, Reason))
      setKeptReason(*Decl, Reason);
    Def.deleteBody(); // Not linked: the crate keeps its declaration.
    KeptAsCalls.insert(Def.getName());
  }
  if (Errors.empty())
    return true;
  reportError(M, join(Errors, "\nrust-inline-helpers: ") +
                     (Options.Mismatch == MismatchMode::Error
                          ? " (or pass mismatch=warn to keep such calls)"
                          : ""));
  return false;
}

/// When the crate's declaration \p Decl spells \p Def's signature with
/// other types that the target's calling convention makes one function
/// (compareAbi), rewrites its calls to \p Def's type, records the rows for
/// the AbiAdapted remark and returns the new declaration.  Otherwise returns
/// null; \p AbiWhy then says why the types are not one ABI (empty when they
/// are equal, or could be but a value would be rebuilt after an invoke).
Function *HelperLinker::adaptToC(Function &Decl, const Function &Def,
                                 std::string &AbiWhy) {
  if (Decl.getFunctionType() == Def.getFunctionType())
    return nullptr;
  AbiComparison Abi = compareAbi(Decl, Def);
  if (!Abi.Equivalent) {
    AbiWhy = Abi.Why;
    return nullptr;
  }
  Function *Adapted = adaptToDefinition(Decl, Def, Abi);
  if (Adapted)
    AbiAdapted[Def.getName()] = describeAdaptations(Abi);
  return Adapted;
}

/// For \p Calls of type \p CallType to \p Def: when the two types are one
/// ABI (adaptToC), returns a declaration of \p Def's type that
/// the rewritten calls now reach.  Otherwise reports the mismatch (an error,
/// or with mismatch=warn a warning, the calls staying) and returns null.
Function *HelperLinker::adaptCalls(Function &Def, FunctionType *CallType,
                                   ArrayRef<CallBase *> Calls,
                                   const HelperFile &File) {
  // The crate's declaration, as its calls still spell it.
  Function *Decl = Function::Create(CallType, GlobalValue::ExternalLinkage,
                                    Def.getName() + ".rust-call", M);
  Decl->setAttributes(Calls.front()->getAttributes());
  Decl->setCallingConv(Calls.front()->getCallingConv());
  for (CallBase *CB : Calls)
    CB->setCalledOperand(Decl);
  std::string AbiWhy;
  if (Function *Adapted = adaptToC(*Decl, Def, AbiWhy))
    return Adapted;
  std::string Why =
      findSignatureMismatch(*Decl, Def)
          .value_or("a return value would be rebuilt after an invoke");
  if (!AbiWhy.empty())
    Why += " (" + AbiWhy + ")";
  std::string Msg =
      describeMismatch("called in", *Decl, "", Def, File, "", Why);
  if (Options.Mismatch == MismatchMode::Error)
    reportError(M, Msg + " (or pass mismatch=warn to keep such calls)");
  else
    reportWarning(Ctx, Msg + " (mismatch=warn: the call is kept)");
  Decl->replaceAllUsesWith(&Def);
  Decl->eraseFromParent();
  return nullptr;
}

} // namespace linker
} // namespace rih
