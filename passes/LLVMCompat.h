//===- LLVMCompat.h - The LLVM API differences between 19 and 22 *- C++ -*-===//
//
// Part of rust-inline-helpers.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Every difference between the LLVM APIs the plugin builds against (LLVM 19,
/// the LLVM of rustc 1.85 and Linux 7.1's minimum Rust, and LLVM 22, the LLVM
/// of rustc 1.96), so that no other file needs an `#if` on the version.  Each
/// entry names the LLVM change behind it.  CMakeLists.txt's RIH_SUPPORTED_LLVM
/// lists the majors; a new major starts here.
///
//===----------------------------------------------------------------------===//

#ifndef RIH_PASSES_LLVMCOMPAT_H
#define RIH_PASSES_LLVMCOMPAT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Triple.h"
// The pass-plugin interface is in llvm/Plugins in LLVM 22, llvm/Passes in 19.
#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif
#include <functional>
#include <memory>
#include <string>

#if LLVM_VERSION_MAJOR >= 22
#include "llvm/IR/AutoUpgrade.h"
#endif

#if LLVM_VERSION_MAJOR != 19 && LLVM_VERSION_MAJOR != 22
#error                                                                         \
    "rust-inline-helpers supports LLVM 19 and 22 (CMakeLists.txt's RIH_SUPPORTED_LLVM)"
#endif

namespace rih::compat {

/// The module's target triple (LLVM 22's Module::getTargetTriple returns a
/// Triple, LLVM 19's a std::string).
inline llvm::Triple targetTriple(const llvm::Module &M) {
#if LLVM_VERSION_MAJOR >= 22
  return M.getTargetTriple();
#else
  return llvm::Triple(M.getTargetTriple());
#endif
}

/// Sets the module's target triple (a Triple in LLVM 22, a string in 19).
inline void setTargetTriple(llvm::Module &M, const llvm::Triple &TT) {
#if LLVM_VERSION_MAJOR >= 22
  M.setTargetTriple(TT);
#else
  M.setTargetTriple(TT.str());
#endif
}

/// The registered target for TT, or null with Err set (LLVM 22's TargetRegistry
/// takes a Triple, LLVM 19's a string).
inline const llvm::Target *lookupTarget(const llvm::Triple &TT,
                                        std::string &Err) {
#if LLVM_VERSION_MAJOR >= 22
  return llvm::TargetRegistry::lookupTarget(TT, Err);
#else
  return llvm::TargetRegistry::lookupTarget(TT.str(), Err);
#endif
}

/// T's subtarget tables for CPU and feature string FS; the caller owns them.
inline llvm::MCSubtargetInfo *createMCSubtargetInfo(const llvm::Target &T,
                                                    const llvm::Triple &TT,
                                                    llvm::StringRef CPU,
                                                    llvm::StringRef FS) {
#if LLVM_VERSION_MAJOR >= 22
  return T.createMCSubtargetInfo(TT, CPU, FS);
#else
  return T.createMCSubtargetInfo(TT.str(), CPU, FS);
#endif
}

/// A target machine for TT with default CPU, features and options.
inline llvm::TargetMachine *createTargetMachine(const llvm::Target &T,
                                                const llvm::Triple &TT) {
#if LLVM_VERSION_MAJOR >= 22
  return T.createTargetMachine(TT, "", "", llvm::TargetOptions(), std::nullopt);
#else
  return T.createTargetMachine(TT.str(), "", "", llvm::TargetOptions(),
                               std::nullopt);
#endif
}

/// True for an intrinsic of one target (llvm.x86.*, llvm.aarch64.*...).
/// LLVM 22 has the query in namespace Intrinsic, LLVM 19 in Function.
inline bool isTargetIntrinsic(llvm::Intrinsic::ID ID) {
#if LLVM_VERSION_MAJOR >= 22
  return llvm::Intrinsic::isTargetIntrinsic(ID);
#else
  return llvm::Function::isTargetIntrinsic(ID);
#endif
}

/// Copies the module's branch-protection flags (pac-ret, BTI) onto every
/// function that does not set them itself, and marks the flags upgraded
/// (value 2), as LLVM 22's bitcode reader does for bitcode from clang <= 18
/// (llvm/lib/IR/AutoUpgrade.cpp, copyModuleAttrToFunctions).  LLVM 19's
/// reader does not, and its AArch64 backend falls back to the module flag
/// only for a function without the attribute
/// (AArch64MachineFunctionInfo.cpp): the copy is done here, with LLVM 19's
/// spelling ("branch-target-enforcement"="true"), so that row PointerAuth
/// and BranchTargets see the helper's protection on its functions on both.
inline void copyBranchProtectionToFunctions(llvm::Module &M) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::copyModuleAttrToFunctions(M);
#else
  auto Flag = [&M](llvm::StringRef Key) -> uint64_t {
    if (auto *C = llvm::mdconst::extract_or_null<llvm::ConstantInt>(
            M.getModuleFlag(Key)))
      return C->getZExtValue();
    return 0;
  };
  bool BTE = Flag("branch-target-enforcement") == 1;
  bool Sign = Flag("sign-return-address") == 1;
  if (!BTE && !Sign)
    return;
  bool All = Flag("sign-return-address-all") != 0;
  bool BKey = Flag("sign-return-address-with-bkey") != 0;
  for (llvm::Function &F : M) {
    if (F.isDeclaration())
      continue;
    if (BTE && !F.hasFnAttribute("branch-target-enforcement"))
      F.addFnAttr("branch-target-enforcement", "true");
    if (Sign && !F.hasFnAttribute("sign-return-address")) {
      F.addFnAttr("sign-return-address", All ? "all" : "non-leaf");
      if (!F.hasFnAttribute("sign-return-address-key"))
        F.addFnAttr("sign-return-address-key", BKey ? "b_key" : "a_key");
    }
  }
  llvm::Type *I32 = llvm::Type::getInt32Ty(M.getContext());
  for (llvm::StringRef Key :
       {"branch-target-enforcement", "sign-return-address"})
    if (Flag(Key) == 1)
      M.setModuleFlag(llvm::Module::Min, Key, llvm::ConstantInt::get(I32, 2));
#endif
}

/// A module pipeline callback that takes only the optimization level.
using ModuleEPCallback =
    std::function<void(llvm::ModulePassManager &, llvm::OptimizationLevel)>;

/// Registers CB at the OptimizerEarly extension point (LLVM 22's callback
/// also takes the LTO phase, which the plugin does not use).
inline void registerOptimizerEarly(llvm::PassBuilder &PB, ModuleEPCallback CB) {
#if LLVM_VERSION_MAJOR >= 22
  PB.registerOptimizerEarlyEPCallback(
      [CB](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level,
           llvm::ThinOrFullLTOPhase) { CB(MPM, Level); });
#else
  PB.registerOptimizerEarlyEPCallback(CB);
#endif
}

/// Registers CB at PipelineEarlySimplification in ThinLTO post-link
/// pipelines only (the ThinLTO backends of a linker, after function import,
/// where the pipeline-start callbacks do not run).
///
/// LLVM 22 passes the phase to the callback.  LLVM 19 does not, so there the
/// phase is told by the pipeline's shape: every pipeline but the post-link
/// ones (ThinLTO and full LTO) runs the pipeline-start callbacks first
/// (llvm/lib/Passes/PassBuilderPipelines.cpp), and full LTO runs no
/// early-simplification callback.  A pipeline-start callback registered here
/// marks the pipeline being built; the early-simplification callback of a
/// pipeline without the mark is the ThinLTO post-link one.  The mark belongs
/// to PB, which builds one pipeline at a time.
inline void registerThinLTOPostLinkEarlySimplification(llvm::PassBuilder &PB,
                                                       ModuleEPCallback CB) {
#if LLVM_VERSION_MAJOR >= 22
  PB.registerPipelineEarlySimplificationEPCallback(
      [CB](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level,
           llvm::ThinOrFullLTOPhase Phase) {
        if (Phase == llvm::ThinOrFullLTOPhase::ThinLTOPostLink)
          CB(MPM, Level);
      });
#else
  auto StartRan = std::make_shared<bool>(false);
  PB.registerPipelineStartEPCallback(
      [StartRan](llvm::ModulePassManager &, llvm::OptimizationLevel) {
        *StartRan = true;
      });
  PB.registerPipelineEarlySimplificationEPCallback(
      [CB, StartRan](llvm::ModulePassManager &MPM,
                     llvm::OptimizationLevel Level) {
        bool PostLink = !*StartRan;
        *StartRan = false;
        if (PostLink)
          CB(MPM, Level);
      });
#endif
}

/// formatv for a format that may leave some of \p Vals unused (the error
/// messages of PassOptions.def).  LLVM 20 added a check that every argument
/// is used, on by default (llvm/Support/FormatVariadic.h, formatv(bool, ...)).
template <typename... Ts>
std::string formatvUnchecked(const char *Fmt, Ts &&...Vals) {
#if LLVM_VERSION_MAJOR >= 20
  return llvm::formatv(/*Validate=*/false, Fmt, std::forward<Ts>(Vals)...)
      .str();
#else
  return llvm::formatv(Fmt, std::forward<Ts>(Vals)...).str();
#endif
}

} // namespace rih::compat

#endif // RIH_PASSES_LLVMCOMPAT_H
