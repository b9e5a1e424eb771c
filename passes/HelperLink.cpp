//===- HelperLink.cpp - Link the helpers a crate calls --------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLink.h"
#include "passes/LLVMCompat.h"

#include "passes/AbiEquivalence.h"
#include "passes/HelperDiagnostics.h"
#include "passes/HelperFiles.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/ModuleFlagPolicy.h"
#include "passes/SharedState.h"
#include "passes/SignatureCheck.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/DataLayout.h"
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

namespace rih {
namespace {

/// Collects what the IR linker reports while one helper file is linked, so
/// that it can be reported again with the file's name and a fix.
struct CapturingHandler : public DiagnosticHandler {
  SmallVector<std::pair<DiagnosticSeverity, std::string>, 2> Messages;
  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    std::string Text;
    raw_string_ostream OS(Text);
    DiagnosticPrinterRawOStream DP(OS);
    DI.print(DP);
    Messages.emplace_back(DI.getSeverity(), std::move(Text));
    return true;
  }
};

/// The kernel's name prefix of C helpers (rust/helpers/*.c): without
/// prefix= or suffix=, a crate call to such a function that no helper file
/// defines gets a missed remark.
constexpr StringRef KernelHelperPrefix = "rust_helper_";

/// Returns true when \p GV is a definition with a symbol: what a helper file
/// exports (the helper object defines it too).
bool isExportedDefinition(const GlobalValue &GV) {
  return !GV.isDeclaration() && !GV.hasLocalLinkage() && GV.hasName();
}

/// What the IR linker brought from one helper file.
struct LinkedFromFile {
  /// Every global new in the crate, local ones included.
  SmallPtrSet<GlobalValue *, 16> Globals;
  /// Names of the linked globals that the file exports (the helper object
  /// defines them too).
  StringSet<> Exported;
  /// Exported functions whose definition in the file is weak or linkonce:
  /// the final link may pick another body.
  StringSet<> Interposable;
  /// Symbol properties of the exported functions, from the file.
  StringMap<HelperSymbol> Symbols;
  /// Symbols the file defines as ifuncs or weak aliases, which stay calls,
  /// each with the reason its calls get.
  StringMap<std::string> KeptIndirect;
};

class HelperLinker {
public:
  HelperLinker(Module &M, const HelperLinkOptions &Options,
               HelperReport *Report)
      : M(M), Ctx(M.getContext()), Options(Options), Report(Report) {}

  /// Returns true when the module changed.
  bool run();

private:
  bool openAll();
  bool isHelper(const GlobalValue &GV) const;
  bool looksLikeHelper(StringRef Name) const;
  bool checkDefinitions();
  bool adoptInModule(const HelperFile &File, ArrayRef<std::string> Names);
  Function *adaptToC(Function &Decl, const Function &Def, std::string &AbiWhy);
  Function *adaptCalls(Function &Def, FunctionType *CallType,
                       ArrayRef<CallBase *> Calls, const HelperFile &File);
  bool providesNeededSymbol(const Module &Src) const;
  void dropImportedCopies(const Module &Src);
  bool checkTarget(Module &Src, const HelperFile &File);
  bool checkDataLayout(Module &Src, const HelperFile &File);
  void resolveIndirectSymbols(Module &Src, LinkedFromFile &Linked,
                              const HelperFile &File);
  bool checkSignatures(Module &Src, const HelperFile &File);
  std::string describeMismatch(StringRef Verb, const Function &Decl,
                               StringRef Where, const Function &Def,
                               const HelperFile &File, StringRef There,
                               StringRef Why);
  void dropModuleAsm(Module &Src, const HelperFile &File);
  bool linkOne(std::unique_ptr<Module> Src, const HelperFile &File);
  void keepOneCopy(LinkedFromFile &Linked, const HelperFile &File);
  void dropDebugInfo(LinkedFromFile &Linked, unsigned CompileUnitsBefore);
  void declareAgain(GlobalValue &GV, StringRef Reason);
  bool remarkCrateCalls(Function &F, const Twine &Reason);
  void recordLinked(const LinkedFromFile &Linked, const HelperFile &File);
  void noteFlagChange(const ModuleFlagChange &Change, const HelperFile &File);
  void noteSkipped(const HelperFile &File, StringRef Reason);
  void noteUnused(const HelperFile &File, StringRef Why);
  void noteNotDefined();
  Function *firstDefinition();
  template <typename RemarkT>
  void remarkOnModule(StringRef Name, function_ref<void(RemarkT &)> Text);

  Module &M;
  LLVMContext &Ctx;
  const HelperLinkOptions &Options;
  HelperReport *Report;
  std::vector<HelperFile> Files;
  StringSet<> Skipped; ///< Files hardening=refuse kept out.
  StringSet<> Used;    ///< Files that something was linked from.
  /// For each helper the crate declares, its dso_local before linking.
  StringMap<bool> CrateDSOLocal;
  /// rust_helper_* functions that a helper file declares without a body.
  std::map<std::string, std::string> DeclaredOnly;
  /// Helpers turned back into declarations (state, weak, signature): never
  /// linked again in a later round.
  StringSet<> KeptAsCalls;
  /// Helpers whose calls were rewritten from the crate's spelling of the
  /// signature to the C one, with the AbiRules.def situations that did it.
  StringMap<std::string> AbiAdapted;
  /// Exported symbols linked (and made internal) from the files so far.
  StringSet<> LinkedEarlier;
  /// For each file linked, the symbols it defines.
  StringMap<std::vector<std::string>> Provides;
  /// With `lto`: per file, the helpers the module already defines.
  StringMap<std::vector<std::string>> InModule;
};

/// Returns true when \p GV, in a helper file, is a helper: an exported
/// definition whose name prefix= and suffix= accept.
bool HelperLinker::isHelper(const GlobalValue &GV) const {
  return isExportedDefinition(GV) && Options.isHelperName(GV.getName());
}

/// Returns true when a crate call to \p Name that no file defines deserves a
/// remark: a name that prefix= and suffix= accept, or without them the
/// kernel's rust_helper_*.
bool HelperLinker::looksLikeHelper(StringRef Name) const {
  if (Options.Prefix.empty() && Options.Suffix.empty())
    return Name.starts_with(KernelHelperPrefix);
  return Options.isHelperName(Name);
}

bool HelperLinker::openAll() {
  if (Options.HelperFiles.empty()) {
    reportError(M, "no helper bitcode file given for module '" +
                       M.getModuleIdentifier() +
                       "'; pass one or more, e.g. "
                       "-passes='rust-inline-helpers<helpers=helpers.bc>'");
    return false;
  }
  // Every file is read and parsed (bodies excepted) before the module is
  // touched, so that a bad file is reported with nothing changed.
  StringSet<> Seen;
  for (const std::string &Path : Options.HelperFiles) {
    if (!Seen.insert(Path).second) {
      reportError(M, "helper file '" + Path +
                         "' is given twice; name each file once");
      return false;
    }
    Expected<HelperFile> File = readHelperFile(Path, Ctx);
    if (!File) {
      reportError(M, toString(File.takeError()));
      return false;
    }
    if (Report)
      Report->noteFileDigest(File->Path, File->SHA256);
    Files.push_back(std::move(*File));
  }
  // The output must not depend on the order of helpers= parameters: link in
  // the order of the paths.
  llvm::sort(Files, [](const HelperFile &A, const HelperFile &B) {
    return A.Path < B.Path;
  });
  return checkDefinitions();
}

/// A strong definition is the symbol's one definition in the program: two
/// of them, in two helper files or in the crate and a helper file, would be
/// a duplicate symbol in the final link, and which body gets inlined would
/// depend on the order of the files.
bool HelperLinker::checkDefinitions() {
  StringMap<std::string> DefinedIn;
  for (HelperFile &File : Files) {
    Expected<Module &> Src = peekHelperModule(File, Ctx);
    if (!Src) {
      reportError(M, toString(Src.takeError()));
      return false;
    }
    SmallVector<StringRef, 4> InCrate;
    std::vector<std::string> DefinedHere;
    unsigned Exported = 0;
    for (const GlobalValue &GV : Src->global_values()) {
      if (!isHelper(GV))
        continue;
      ++Exported;
      const GlobalValue *Mine = M.getNamedValue(GV.getName());
      bool CrateDefines = Mine && !Mine->isDeclaration() &&
                          !Mine->hasAvailableExternallyLinkage();
      if (CrateDefines)
        DefinedHere.push_back(GV.getName().str());
      if (CrateDefines && Mine->getLinkage() == GlobalValue::ExternalLinkage &&
          GV.getLinkage() == GlobalValue::ExternalLinkage)
        InCrate.push_back(GV.getName());
      if (GV.getLinkage() != GlobalValue::ExternalLinkage)
        continue;
      auto [It, New] = DefinedIn.try_emplace(GV.getName(), File.Path);
      if (!New) {
        reportError(M, "'" + GV.getName() + "' is defined in helper file '" +
                           It->second + "' and in helper file '" + File.Path +
                           "'; define each helper in one file only");
        return false;
      }
    }
    if (Options.InModule && !DefinedHere.empty()) {
      InModule[File.Path] = std::move(DefinedHere);
      continue;
    }
    if (InCrate.empty())
      continue;
    // A module that already holds every definition of the file is the file
    // merged into the crate (a full-LTO link of both): nothing to link.
    if (DefinedHere.size() == Exported) {
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

/// A ThinLTO backend imports bodies before the plugin runs: the crate then
/// holds available_externally copies of helpers, which LinkOnlyNeeded would
/// never replace.  Turn those into declarations of the helpers \p Src
/// defines, so that the helper file's definition is linked and reconciled.
void HelperLinker::dropImportedCopies(const Module &Src) {
  for (const GlobalValue &SGV : Src.global_values()) {
    if (!isHelper(SGV))
      continue;
    auto *F = dyn_cast_or_null<Function>(M.getNamedValue(SGV.getName()));
    if (F && F->hasAvailableExternallyLinkage())
      F->deleteBody(); // Leaves an external declaration.
  }
}

/// Returns true when \p Src defines a non-local symbol that the crate only
/// declares.  Bodies are not read: a lazily loaded function counts as a
/// definition.
bool HelperLinker::providesNeededSymbol(const Module &Src) const {
  for (const GlobalValue &SGV : Src.global_values()) {
    if (!isHelper(SGV))
      continue;
    const GlobalValue *DGV = M.getNamedValue(SGV.getName());
    if (DGV && DGV->isDeclaration() && !KeptAsCalls.contains(SGV.getName()))
      return true;
  }
  return false;
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

/// Aliases and ifuncs with a symbol become what the crate can call or name,
/// before the signatures are compared (README "Linking rules"):
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

/// Emits a NotInlined remark with \p Reason at every call to \p F written in
/// the crate (calls inside helper bodies are remarked if inlining brings
/// them into the crate).  Returns true when anything calls \p F.
bool HelperLinker::remarkCrateCalls(Function &F, const Twine &Reason) {
  SmallVector<CallBase *, 4> CrateCalls;
  bool Called = false;
  for (User *U : F.users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &F) {
      Called = true;
      if (!isLinkedHelper(*CB->getFunction()))
        CrateCalls.push_back(CB);
    }
  std::string Text = Reason.str();
  for (CallBase *CB : CrateCalls)
    remarkNotInlined(*CB, F.getName(), Text, Report);
  return Called;
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

void HelperLinker::recordLinked(const LinkedFromFile &Linked,
                                const HelperFile &File) {
  for (Function &F : M) {
    if (!Linked.Globals.contains(&F) || !isLinkedHelper(F))
      continue;
    if (Report)
      Report->noteLinked(F.getName(), File.Path);
    OptimizationRemarkEmitter ORE(&F);
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(RemarkPassName, "Linked", &F)
             << "linked helper " << ore::NV("Helper", F.getName()) << " from "
             << ore::NV("File", File.Path);
    });
    if (auto It = AbiAdapted.find(F.getName()); It != AbiAdapted.end())
      ORE.emit([&] {
        return OptimizationRemarkAnalysis(RemarkPassName, "AbiAdapted", &F)
               << "calls to " << ore::NV("Helper", F.getName())
               << " rewritten from the crate's signature to the C one, the "
                  "same registers under "
               << ore::NV("ABI", getAbiTargetName(
                                     *getAbiTarget(compat::targetTriple(M))))
               << " (" << ore::NV("Rows", It->second) << ")";
      });
  }
}

Function *HelperLinker::firstDefinition() {
  auto It = llvm::find_if(M, [](Function &F) { return !F.isDeclaration(); });
  return It == M.end() ? nullptr : &*It;
}

/// Emits a remark about the whole module or a helper file.  Remarks need a
/// function to hang on: the crate's first definition (none, no remark).
template <typename RemarkT>
void HelperLinker::remarkOnModule(StringRef Name,
                                  function_ref<void(RemarkT &)> Text) {
  Function *F = firstDefinition();
  if (!F)
    return;
  OptimizationRemarkEmitter ORE(F);
  ORE.emit([&] {
    RemarkT R(RemarkPassName, Name, F);
    Text(R);
    return R;
  });
}

void HelperLinker::noteSkipped(const HelperFile &File, StringRef Reason) {
  Skipped.insert(File.Path);
  if (Report)
    Report->noteSkippedFile(File.Path, Reason);
  remarkOnModule<OptimizationRemarkMissed>(
      "FileNotLinked", [&](OptimizationRemarkMissed &R) {
        R << "helper file " << ore::NV("File", File.Path)
          << " not linked, its helpers stay calls: "
          << ore::NV("Reason", Reason);
      });
}

void HelperLinker::noteUnused(const HelperFile &File, StringRef Why) {
  remarkOnModule<OptimizationRemarkAnalysis>(
      "FileUnused", [&](OptimizationRemarkAnalysis &R) {
        R << "helper file " << ore::NV("File", File.Path)
          << " not linked: " << ore::NV("Reason", Why);
      });
}

/// A crate call to a rust_helper_* function that no helper file defines
/// stays a call to the helper object.
void HelperLinker::noteNotDefined() {
  for (Function &F : M) {
    if (!F.isDeclaration() || !looksLikeHelper(F.getName()) ||
        F.isIntrinsic() || KeptAsCalls.contains(F.getName()))
      continue;
    auto It = DeclaredOnly.find(F.getName().str());
    std::string Why =
        It == DeclaredOnly.end()
            ? "no helper file defines it; add its body to a helper file"
            : "no helper file defines it ('" + It->second +
                  "' only declares it); add its body to a helper file";
    // Calls in helper bodies get the remark when they are inlined.
    if (remarkCrateCalls(F, Why))
      setKeptReason(F, Why);
  }
}

void HelperLinker::noteFlagChange(const ModuleFlagChange &Change,
                                  const HelperFile &File) {
  const PolicyRow &Row = getPolicyRow(Change.Row);
  if (Report)
    Report->noteModuleFlag(Change.Flag, Row.Name, Change.What, File.Path);
  remarkOnModule<OptimizationRemarkAnalysis>(
      "ModuleFlag", [&](OptimizationRemarkAnalysis &R) {
        R << "module flag " << ore::NV("Flag", Change.Flag) << " "
          << ore::NV("Change", Change.What) << " (policy row "
          << ore::NV("Row", Row.Name) << ", " << getRuleName(Row.Rule)
          << ") for helper file " << ore::NV("File", File.Path);
      });
}

bool HelperLinker::linkOne(std::unique_ptr<Module> Src,
                           const HelperFile &File) {
  if (!checkTarget(*Src, File))
    return false;
  SmallVector<ModuleFlagChange, 4> FlagChanges;
  std::string SkipReason;
  switch (reconcileModuleFlags(M, *Src, File.Path, Options.Hardening,
                               FlagChanges, SkipReason)) {
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
  LLVM_DEBUG(dbgs() << "linked " << Linked.Globals.size() << " globals from "
                    << File.Path << "\n");
  return !Linked.Exported.empty();
}

/// With `lto`: for each helper of \p File in \p Names that the module
/// defines (LTO linked the helper object's bitcode in) and calls, an
/// internal copy becomes the helper the calls reach; the definition keeps
/// its symbol for everything else.  A call whose type differs from the
/// definition's (the crate's declaration, before the merge) is checked and
/// adapted as checkSignatures does.  Returns false after an error.
bool HelperLinker::adoptInModule(const HelperFile &File,
                                 ArrayRef<std::string> Names) {
  bool Failed = false;
  for (const std::string &Name : Names) {
    Function *Def = M.getFunction(Name);
    if (!Def || Def->isDeclaration() || Def->isInterposable())
      continue;
    MapVector<FunctionType *, SmallVector<CallBase *, 4>> Calls;
    for (User *U : Def->users())
      if (auto *CB = dyn_cast<CallBase>(U);
          CB && CB->getCalledOperand() == Def && CB->getFunction() != Def)
        Calls[CB->getFunctionType()].push_back(CB);
    if (Calls.empty())
      continue;
    ValueToValueMapTy VMap;
    Function *Copy = CloneFunction(Def, VMap);
    Copy->setName(Name + ".rust-inline-helpers");
    Copy->setLinkage(GlobalValue::InternalLinkage);
    Copy->setVisibility(GlobalValue::DefaultVisibility);
    Copy->setDSOLocal(true);
    Copy->setComdat(nullptr);
    HelperSymbol Symbol;
    Symbol.InModule = Name;
    setHelperOrigin(*Copy, File.Path, Symbol);
    for (auto &[Type, List] : Calls) {
      if (Type == Def->getFunctionType()) {
        for (CallBase *CB : List)
          CB->setCalledOperand(Copy);
        continue;
      }
      if (Function *Adapted = adaptCalls(*Def, Type, List, File)) {
        Adapted->replaceAllUsesWith(Copy);
        Adapted->eraseFromParent();
      } else {
        Failed |= Options.Mismatch == MismatchMode::Error;
      }
    }
    if (Report)
      Report->noteLinked(Name, File.Path);
    OptimizationRemarkEmitter ORE(Copy);
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(RemarkPassName, "Linked", Copy)
             << "helper " << ore::NV("Helper", Name)
             << " is defined in the module (LTO): its calls inline a copy, "
                "as from "
             << ore::NV("File", File.Path);
    });
  }
  return !Failed;
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

bool HelperLinker::run() {
  if (!openAll())
    return false;
  bool Adopted = false;
  for (const HelperFile &File : Files)
    if (auto It = InModule.find(File.Path); It != InModule.end()) {
      if (!adoptInModule(File, It->second))
        return true;
      Adopted = true;
      Used.insert(File.Path);
    }
  // A helper of one file may call a helper of another: link in rounds until
  // no file provides anything that is still only declared.
  bool Changed = false;
  for (unsigned Round = 0; Round <= Files.size(); ++Round) {
    bool Progress = false;
    for (HelperFile &File : Files) {
      if (Skipped.contains(File.Path))
        continue;
      // A file linked in an earlier round is parsed again only when the
      // crate now lacks one of its definitions.
      if (!File.Parsed && Provides.count(File.Path) &&
          llvm::none_of(Provides[File.Path], [&](const std::string &Name) {
            const GlobalValue *GV = M.getNamedValue(Name);
            return GV && GV->isDeclaration() && !KeptAsCalls.contains(Name);
          }))
        continue;
      Expected<Module &> Peek = peekHelperModule(File, Ctx);
      if (!Peek) {
        consumeError(Peek.takeError()); // Already checked in openAll.
        continue;
      }
      dropImportedCopies(*Peek);
      for (const Function &F : *Peek)
        if (F.isDeclaration() && looksLikeHelper(F.getName()))
          DeclaredOnly.try_emplace(F.getName().str(), File.Path);
      if (!providesNeededSymbol(*Peek))
        continue;
      std::vector<std::string> &Names = Provides[File.Path];
      Names.clear();
      for (const GlobalValue &GV : Peek->global_values())
        if (isHelper(GV))
          Names.push_back(GV.getName().str());
      Expected<std::unique_ptr<Module>> Src = openHelperModule(File, Ctx);
      if (!Src) {
        consumeError(Src.takeError());
        continue;
      }
      if (!linkOne(std::move(*Src), File))
        return true; // The linker may have moved part of the file.
      if (Skipped.contains(File.Path))
        continue;
      Used.insert(File.Path);
      Progress = Changed = true;
    }
    if (!Progress)
      break;
  }
  for (const HelperFile &File : Files)
    if (!Used.contains(File.Path) && !Skipped.contains(File.Path))
      noteUnused(File, "it defines nothing that module '" +
                           M.getModuleIdentifier() + "' uses");
  noteNotDefined();
  return Changed || Adopted;
}

} // namespace

std::optional<bool> parseDropDebugInfo(StringRef Value) {
  if (Value == "keep")
    return false;
  if (Value == "drop")
    return true;
  return std::nullopt;
}

void HelperLinkPass::printPipeline(raw_ostream &OS,
                                   function_ref<StringRef(StringRef)>) {
  OS << "rust-helpers-link<";
  ListSeparator Sep(";");
  for (const std::string &F : Options.HelperFiles)
    OS << Sep << "helpers=" << F;
  printLinkParameters(OS, Sep, Options);
  OS << ">";
}

void printLinkParameters(raw_ostream &OS, ListSeparator &Sep,
                         const HelperLinkOptions &Options) {
  if (Options.Hardening != HardeningMode::Strengthen)
    OS << Sep << "hardening=" << getHardeningModeName(Options.Hardening);
  if (Options.Mismatch != MismatchMode::Error)
    OS << Sep << "mismatch=" << getMismatchModeName(Options.Mismatch);
  if (Options.DropDebugInfo)
    OS << Sep << "debug=drop";
  if (!Options.Prefix.empty())
    OS << Sep << "prefix=" << Options.Prefix;
  if (!Options.Suffix.empty())
    OS << Sep << "suffix=" << Options.Suffix;
  if (Options.InModule)
    OS << Sep << "lto";
}

PreservedAnalyses HelperLinkPass::run(Module &M, ModuleAnalysisManager &) {
  HelperLinker Linker(M, Options, Report);
  if (!Linker.run())
    return PreservedAnalyses::all();
  return PreservedAnalyses::none();
}

} // namespace rih
