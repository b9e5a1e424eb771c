//===- HelperLinkFile.cpp - Link one helper file --------------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Linking one helper file into the crate: aliases and ifuncs resolved,
// module-level asm dropped, module flags reconciled (ModuleFlagPolicy.h),
// the IR linker run with its diagnostics captured, the linked globals made
// internal, shared state kept to one instance (SharedState.h), and debug
// info dropped on request.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLinker.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperFiles.h"
#include "passes/HelperOrigin.h"
#include "passes/ModuleFlagPolicy.h"
#include "passes/SharedState.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/Debug.h"
#include "llvm/Transforms/IPO/Internalize.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

STATISTIC(NumBodiesLinked,
          "Function bodies materialized and linked from helper "
          "files (helpers and what they call)");

namespace rih {
namespace linker {

/// Aliases and ifuncs with a symbol become what the crate can call or name,
/// before the signatures are compared (docs/linking.md):
///  * a strong alias of a whole function becomes a copy of that function
///    under the alias's name and linkage: a helper like any other (its calls
///    are inlined, its symbol is still the helper object's);
///  * a weak alias becomes a declaration, without the aliasee's attributes:
///    the final link may choose another definition, for which what the
///    optimizer inferred from this body (return ranges, memory effects) need
///    not hold;
///  * an ifunc becomes a declaration: its resolver picks the body at load
///    time, in the helper object;
///  * any other alias (of data, with an offset, or of what is not a helper)
///    becomes a declaration of the helper object's symbol.
void HelperLinker::resolveIndirectSymbols(Module &Src, LinkedFromFile &Linked,
                                          const HelperFile &File) {
  SmallVector<GlobalValue *, 4> Indirect;
  for (GlobalAlias &GA : Src.aliases())
    if (!GA.hasLocalLinkage())
      Indirect.push_back(&GA);
  for (GlobalIFunc &GI : Src.ifuncs())
    if (!GI.hasLocalLinkage())
      Indirect.push_back(&GI);
  for (GlobalValue *GV : Indirect) {
    std::string Name = GV->getName().str();
    Function *Aliasee = nullptr;
    if (auto *GA = dyn_cast<GlobalAlias>(GV);
        GA && isHelper(*GA) && !GA->isInterposable()) {
      // Through casts and other aliases, not through an offset.
      Aliasee =
          dyn_cast<Function>(GA->getAliasee()->stripPointerCastsAndAliases());
      if (Aliasee)
        if (Error E = Aliasee->materialize())
          consumeError(std::move(E)); // Stays a declaration: not copied.
    }
    GlobalValue *Replacement = nullptr;
    if (Aliasee && !Aliasee->isDeclaration()) {
      ValueToValueMapTy VMap;
      Function *Copy = CloneFunction(Aliasee, VMap);
      Copy->setLinkage(GV->getLinkage());
      Copy->setVisibility(GV->getVisibility());
      Copy->setDSOLocal(GV->isDSOLocal());
      Copy->setUnnamedAddr(GV->getUnnamedAddr());
      Copy->setComdat(nullptr);
      Replacement = Copy;
    } else if (auto *FT = dyn_cast<FunctionType>(GV->getValueType())) {
      Replacement = Function::Create(FT, GlobalValue::ExternalLinkage,
                                     GV->getAddressSpace(), "", &Src);
      if (isa<GlobalIFunc>(GV))
        Linked.KeptIndirect[Name] =
            "'" + File.Path +
            "' defines it as an ifunc, whose resolver chooses the body when "
            "the program is loaded; the call goes through the helper object's "
            "symbol";
      else if (GV->isInterposable())
        Linked.KeptIndirect[Name] =
            "'" + File.Path +
            "' defines it as a weak alias and the final link may choose "
            "another definition; make the alias strong to inline it";
    } else {
      Replacement = new GlobalVariable(
          Src, GV->getValueType(), /*isConstant=*/false,
          GlobalValue::ExternalLinkage, /*Initializer=*/nullptr, "",
          /*InsertBefore=*/nullptr, GV->getThreadLocalMode(),
          GV->getAddressSpace());
    }
    if (Replacement->isDeclaration())
      Replacement->setVisibility(GV->getVisibility());
    GV->replaceAllUsesWith(Replacement);
    GV->eraseFromParent();
    Replacement->setName(Name);
  }
}

/// Module-level asm is emitted once, by the helper object; a copy in the
/// crate would define its symbols twice.
void HelperLinker::dropModuleAsm(Module &Src, const HelperFile &File) {
  if (Src.getModuleInlineAsm().empty())
    return;
  Src.setModuleInlineAsm("");
  remarkOnModule<OptimizationRemarkAnalysis>(
      "ModuleAsmNotCopied", [&](OptimizationRemarkAnalysis &R) {
        R << "module-level asm of helper file " << ore::NV("File", File.Path)
          << " not copied into the crate: the helper object emits it";
      });
}

/// Turns the linked global \p GV back into a declaration of the helper
/// object's definition; crate calls to it get a missed remark with \p Reason.
void HelperLinker::declareAgain(GlobalValue &GV, StringRef Reason) {
  KeptAsCalls.insert(GV.getName());
  if (auto *Var = dyn_cast<GlobalVariable>(&GV)) {
    Var->setInitializer(nullptr);
    Var->setComdat(nullptr);
    Var->setLinkage(GlobalValue::ExternalLinkage);
    return;
  }
  auto &F = cast<Function>(GV);
  remarkCrateCalls(F, Reason);
  if (restoreDeclaration(F)) {
    setKeptReason(F, Reason);
    return;
  }
  // A linkonce helper has no symbol to call: the calls keep the crate's
  // copy, and are never inlined.
  for (User *U : F.users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &F)
      CB->setIsNoInline();
}

/// Why a helper that reaches \p Data (a seed of findExportedUsers) from
/// \p File stays a call.
static std::string describeKeptData(const GlobalVariable &Data,
                                    const HelperFile &File) {
  std::string Name = ("'" + Data.getName() + "'").str();
  if (isMutableState(Data) && Data.hasLocalLinkage())
    return "it uses " + Name + ", a static of '" + File.Path +
           "' that inlining would copy into the crate; the call keeps the "
           "one instance in the helper object";
  if (!Data.hasLocalLinkage())
    return "it uses " + Name + ", which '" + File.Path +
           "' defines linkonce: the final link may keep another definition "
           "or none; the call keeps the helper object's";
  return "it exposes the address of " + Name + ", constant data of '" +
         File.Path +
         "' without a symbol: a copy in the crate would have another "
         "address; the call keeps the helper object's (give the data a "
         "symbol or make it unnamed_addr to inline)";
}

void HelperLinker::keepOneCopy(LinkedFromFile &Linked, const HelperFile &File) {
  auto IsExported = [&Linked](const GlobalValue &GV) {
    return GV.hasName() && Linked.Exported.contains(GV.getName());
  };
  SmallVector<DataSeed, 4> Seeds;
  // Data with a symbol keeps what the symbol means (SharedState.h).
  for (GlobalValue *GV : Linked.Globals) {
    auto *Var = dyn_cast<GlobalVariable>(GV);
    if (!Var || Var->hasLocalLinkage() || !IsExported(*Var))
      continue;
    switch (getDataSymbolRule(*Var, IsExported)) {
    case DataSymbolRule::Declare:
      declareAgain(*Var, "");
      break;
    case DataSymbolRule::AvailableExternally:
      Var->setComdat(nullptr);
      Var->setLinkage(GlobalValue::AvailableExternallyLinkage);
      break;
    case DataSymbolRule::KeepODR:
      break;
    case DataSymbolRule::NoSymbol:
      Seeds.push_back({Var, Var});
      break;
    }
  }
  for (Function &F : M)
    if (F.hasName() && Linked.Interposable.contains(F.getName()) &&
        !F.isDeclaration())
      declareAgain(F, "its definition in '" + File.Path +
                          "' is weak and the final link may choose another; "
                          "make the C definition strong to inline it");
  // Data without a symbol: state has one instance, and an address that can
  // be seen is the helper object's.
  for (GlobalValue *GV : Linked.Globals) {
    auto *Var = dyn_cast<GlobalVariable>(GV);
    if (!Var || !Var->hasLocalLinkage())
      continue;
    if (isMutableState(*Var)) {
      Seeds.push_back({Var, Var});
    } else if (hasSignificantAddress(*Var)) {
      SmallVector<GlobalValue *, 4> Where;
      findAddressEscapes(*Var, Where);
      for (GlobalValue *W : Where)
        Seeds.push_back({W, Var});
    }
  }
  for (auto [GV, Data] :
       findExportedUsers(M, Linked.Globals, IsExported, Seeds))
    declareAgain(*GV, describeKeptData(*Data, File));
  eraseDeadLocals(M, Linked.Globals);
}

void HelperLinker::dropDebugInfo(LinkedFromFile &Linked,
                                 unsigned CompileUnitsBefore) {
  for (GlobalValue *GV : Linked.Globals) {
    if (auto *F = dyn_cast<Function>(GV))
      stripDebugInfo(*F);
    else if (auto *Var = dyn_cast<GlobalVariable>(GV))
      Var->eraseMetadata(LLVMContext::MD_dbg);
  }
  NamedMDNode *CUs = M.getNamedMetadata("llvm.dbg.cu");
  if (!CUs || CUs->getNumOperands() <= CompileUnitsBefore)
    return;
  SmallVector<MDNode *, 2> Keep;
  for (unsigned I = 0; I != CompileUnitsBefore; ++I)
    Keep.push_back(CUs->getOperand(I));
  CUs->clearOperands();
  for (MDNode *N : Keep)
    CUs->addOperand(N);
  if (Keep.empty())
    CUs->eraseFromParent();
}

bool HelperLinker::linkOne(std::unique_ptr<Module> Src,
                           const HelperFile &File) {
  if (!checkTarget(*Src, File))
    return false;
  SmallVector<ModuleFlagChange, 4> FlagChanges;
  std::string SkipReason;
  // Row PICFlags names how many of the file's symbols it makes preemptible:
  // a module from the split form holds only some of them.
  std::optional<unsigned> PreemptibleInFile;
  if (File.Split)
    PreemptibleInFile =
        llvm::count_if(File.index().symbols(), [](const HelperFileSymbol &S) {
          return !GlobalValue::isLocalLinkage(S.Linkage) &&
                 S.Visibility == GlobalValue::DefaultVisibility && S.IsDSOLocal;
        });
  switch (reconcileModuleFlags(M, *Src, File.Path, Options.Hardening,
                               FlagChanges, SkipReason, PreemptibleInFile)) {
  case FlagVerdict::Error:
    return false;
  case FlagVerdict::Skip:
    noteSkipped(File, SkipReason);
    return true;
  case FlagVerdict::Link:
    break;
  }
  LinkedFromFile Linked;
  resolveIndirectSymbols(*Src, Linked, File);
  if (!checkSignatures(*Src, File))
    return false;
  for (const ModuleFlagChange &Change : FlagChanges)
    noteFlagChange(Change, File);
  dropModuleAsm(*Src, File);
  // What is not a helper (prefix=, suffix=) or stays a call is not linked:
  // the crate keeps calling the C object's symbol.
  for (Function &F : *Src)
    if (isExportedDefinition(F) &&
        (KeptAsCalls.contains(F.getName()) || !isHelper(F))) {
      if (Error E = F.materialize())
        consumeError(std::move(E));
      F.deleteBody();
    }
  // A file linked again in a later round defines again what it brought the
  // first time: the internal copy here serves, and the file's definition
  // becomes a reference to it (below) instead of a second copy under a
  // fresh name.
  for (Function &F : *Src)
    if (isExportedDefinition(F) && LinkedEarlier.contains(F.getName()))
      if (const GlobalValue *Mine = M.getNamedValue(F.getName());
          Mine && Mine->hasLocalLinkage()) {
        if (Error E = F.materialize())
          consumeError(std::move(E));
        F.deleteBody();
      }
  // A helper an earlier file brought is internal now, so the IR linker
  // would give this file's reference to it a fresh external name
  // (rust_helper_x.1) that nothing defines: link the reference under a
  // private name and point it at the linked helper afterwards.
  SmallVector<std::pair<std::string, std::string>, 2> EarlierRefs;
  for (GlobalValue &GV : Src->global_values()) {
    if (!GV.isDeclaration() || !GV.hasName() ||
        !LinkedEarlier.contains(GV.getName()))
      continue;
    GlobalValue *Mine = M.getNamedValue(GV.getName());
    if (!Mine || !Mine->hasLocalLinkage())
      continue;
    std::string Name = GV.getName().str();
    GV.setName("rust-inline-helpers.ref." + Name);
    EarlierRefs.push_back({GV.getName().str(), Name});
  }

  for (const Function &F : *Src)
    if (F.hasName() && !F.hasLocalLinkage())
      if (const Function *Mine = M.getFunction(F.getName());
          Mine && Mine->isDeclaration())
        CrateDSOLocal.try_emplace(F.getName(), Mine->isDSOLocal());
  // The linker may give a crate declaration its body in place: what is
  // linked is what is defined now and was not before.
  SmallPtrSet<GlobalValue *, 32> DefinedBefore;
  for (GlobalValue &GV : M.global_values())
    if (!GV.isDeclaration())
      DefinedBefore.insert(&GV);
  NamedMDNode *CUs = M.getNamedMetadata("llvm.dbg.cu");
  unsigned CompileUnitsBefore = CUs ? CUs->getNumOperands() : 0;

  // Linked definitions become internal, as in clang's
  // -mlink-builtin-bitcode, except data with a symbol and weak functions,
  // which keep it until keepOneCopy decides (SharedState.h).
  auto Internalize = [&Linked](Module &Dst, const StringSet<> &GVS) {
    for (const auto &E : GVS) {
      Linked.Exported.insert(E.getKey());
      auto *F = Dst.getFunction(E.getKey());
      if (!F)
        continue;
      HelperSymbol &Symbol = Linked.Symbols[E.getKey()];
      Symbol.Visibility = F->getVisibility();
      Symbol.Discardable = F->hasLinkOnceLinkage();
      if (F->isInterposable())
        Linked.Interposable.insert(E.getKey());
    }
    internalizeModule(Dst, [&](const GlobalValue &GV) {
      return !GV.hasName() || !GVS.contains(GV.getName()) ||
             isa<GlobalVariable>(GV) ||
             Linked.Interposable.contains(GV.getName());
    });
  };

  // Report what the linker says with the file's name attached.
  std::unique_ptr<DiagnosticHandler> Saved = Ctx.getDiagnosticHandler();
  auto Capture = std::make_unique<CapturingHandler>();
  CapturingHandler *Captured = Capture.get();
  Ctx.setDiagnosticHandler(std::move(Capture));
  bool Failed = Linker::linkModules(M, std::move(Src), Linker::LinkOnlyNeeded,
                                    Internalize);
  std::unique_ptr<DiagnosticHandler> Mine = Ctx.getDiagnosticHandler();
  auto Messages = std::move(Captured->Messages);
  // LLVMContext does not tell whether the host asked for remark filtering;
  // restore with filtering on, as LTO sets it: every host's handler applies
  // the same -pass-remarks filters itself, and without it an lld LTO link
  // would print every remark of every pass.
  Ctx.setDiagnosticHandler(std::move(Saved), /*RespectFilters=*/true);

  for (auto &[Severity, Text] : Messages) {
    if (Severity == DS_Error)
      continue;
    reportWarning(Ctx,
                  "while linking helper file '" + File.Path + "': " + Text);
  }
  if (Failed) {
    std::string Why;
    for (auto &[Severity, Text] : Messages)
      if (Severity == DS_Error)
        Why += (Why.empty() ? "" : "; ") + Text;
    reportError(M, "cannot link helper file '" + File.Path + "' into module '" +
                       M.getModuleIdentifier() + "': " + Why +
                       "; build the helpers with the C flags that match "
                       "the crate's code generation (same code model, "
                       "kCFI and patchable-entry settings)");
    return false;
  }
  for (auto &[Ref, Name] : EarlierRefs)
    if (GlobalValue *Stub = M.getNamedValue(Ref)) {
      Stub->replaceAllUsesWith(M.getNamedValue(Name));
      Stub->eraseFromParent();
    }
  for (GlobalValue &GV : M.global_values())
    if (!GV.isDeclaration() && !DefinedBefore.contains(&GV))
      Linked.Globals.insert(&GV);
  for (const auto &E : Linked.Exported)
    LinkedEarlier.insert(E.getKey());
  for (GlobalValue *GV : Linked.Globals)
    if (auto *F = dyn_cast<Function>(GV);
        F && !F->isDeclaration() && Linked.Exported.contains(F->getName())) {
      HelperSymbol Symbol = Linked.Symbols.lookup(F->getName());
      Symbol.DSOLocal = CrateDSOLocal.lookup(F->getName());
      setHelperOrigin(*F, File.Path, Symbol);
    }
  keepOneCopy(Linked, File);
  for (const auto &[Name, Reason] : Linked.KeptIndirect)
    if (Function *F = M.getFunction(Name); F && F->isDeclaration()) {
      KeptAsCalls.insert(Name);
      remarkCrateCalls(*F, Reason);
      setKeptReason(*F, Reason);
    }
  if (Options.DropDebugInfo)
    dropDebugInfo(Linked, CompileUnitsBefore);
  recordLinked(Linked, File);
  noteOptimizedBodies(Linked, File);
  for (GlobalValue *GV : Linked.Globals)
    if (isa<Function>(GV) && !GV->isDeclaration())
      ++NumBodiesLinked;
  LLVM_DEBUG(dbgs() << "linked " << Linked.Globals.size() << " globals from "
                    << File.Path << "\n");
  return !Linked.Exported.empty();
}

} // namespace linker
} // namespace rih
