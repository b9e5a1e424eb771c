//===- HelperLinkAdopt.cpp - Helpers LTO already linked -------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A helper whose body the module already holds is not linked again from
// its file; its calls reach an internal copy of that body instead
// (InternalCopy.h):
//   - with `lto`, a definition: a full-LTO link merged the helper object's
//     bitcode into the module;
//   - an available_externally copy: a ThinLTO backend imported the helper
//     object's body, as the pre-link pipeline left it.
// The module's body is the one the final link executes when a call stays,
// and its loops are still shaped for no caller in particular; a helper
// file's body may have been through the whole pipeline (loops vectorized
// and unrolled for an unknown caller).  So the module's body is preferred.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperLinker.h"

#include "passes/HelperDiagnostics.h"
#include "passes/HelperFiles.h"
#include "passes/HelperOrigin.h"
#include "passes/HelperReport.h"
#include "passes/InternalCopy.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/InstrTypes.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

STATISTIC(NumHelpersAdopted, "Helpers LTO had linked, called through a copy");
STATISTIC(NumImportsAdopted,
          "Helpers ThinLTO had imported, called through a copy");

namespace rih {
namespace linker {

/// For each helper of \p File in \p Names whose body the module holds
/// (\p Body: LTOModule, a definition; ThinLTOImport, an available_externally
/// copy) and calls, an internal copy becomes the helper the calls reach; the
/// original keeps its symbol for everything else.  A call whose type differs
/// from the definition's (the crate's declaration, before the merge) is
/// checked and adapted as checkSignatures does.  Returns how many helpers
/// gained a copy (0 when none of them is called), or std::nullopt after an
/// error.
std::optional<unsigned> HelperLinker::adoptInModule(const HelperFile &File,
                                                    ArrayRef<std::string> Names,
                                                    HelperBody Body) {
  bool Failed = false;
  unsigned NumAdopted = 0;
  for (const std::string &Name : Names) {
    Function *Def = M.getFunction(Name);
    if (!Def || Def->isDeclaration() || Def->isInterposable() ||
        Def->hasAvailableExternallyLinkage() !=
            (Body == HelperBody::ThinLTOImport))
      continue;
    MapVector<FunctionType *, SmallVector<CallBase *, 4>> Calls;
    for (User *U : Def->users())
      if (auto *CB = dyn_cast<CallBase>(U);
          CB && CB->getCalledOperand() == Def && CB->getFunction() != Def)
        Calls[CB->getFunctionType()].push_back(CB);
    if (Calls.empty())
      continue;
    Function *Copy = cloneAsInternalCopy(*Def, Name + ".rust-inline-helpers");
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
    ++NumAdopted;
    if (Body == HelperBody::ThinLTOImport)
      ++NumImportsAdopted;
    else
      ++NumHelpersAdopted;
    if (Report)
      Report->noteLinked(Name, File.Path, Body);
    OptimizationRemarkEmitter ORE(Copy);
    ORE.emit([&] {
      OptimizationRemarkAnalysis R(RemarkPassName, "Linked", Copy);
      R << "helper " << ore::NV("Helper", Name);
      if (Body == HelperBody::ThinLTOImport)
        R << " was imported by ThinLTO from the helper object: its calls "
             "inline that pre-link body, not the one in "
          << ore::NV("File", File.Path);
      else
        R << " is defined in the module (LTO): its calls inline a copy, "
             "as from "
          << ore::NV("File", File.Path);
      return R << " (" << ore::NV("Body", getHelperBodyName(Body)) << ")";
    });
  }
  if (Failed)
    return std::nullopt;
  return NumAdopted;
}

/// The helpers of \p File whose ThinLTO-imported bodies the module holds,
/// in the module's order, except those that must stay calls.  The import is
/// the helper object's own body (what a call left in place executes), so
/// nothing in the file can be more correct; the file's body is used only
/// for a helper that was not imported.
std::vector<std::string>
HelperLinker::importedHelpers(const HelperFile &File) const {
  std::vector<std::string> Names;
  for (const Function &F : M)
    if (F.hasAvailableExternallyLinkage() && !KeptAsCalls.contains(F.getName()))
      if (const HelperFileSymbol *S = File.index().lookup(F.getName());
          S && S->IsFunction && isHelper(*S))
        Names.push_back(F.getName().str());
  return Names;
}

} // namespace linker
} // namespace rih
