//===- HelperLinkAdopt.cpp - Helpers LTO already linked -------------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// With `lto`: a helper whose definition the module already holds (LTO
// linked the helper object's bitcode in) is not linked again; its calls
// reach an internal copy of it instead (InternalCopy.h).
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

namespace rih {
namespace linker {

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
    ++NumHelpersAdopted;
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

} // namespace linker
} // namespace rih
