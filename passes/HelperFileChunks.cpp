//===- HelperFileChunks.cpp - Cut a helper module into chunks -------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperFileChunks.h"
#include "passes/LLVMCompat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/IntEqClasses.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

namespace rih {
namespace {

/// Returns true when the named metadata \p N reaches only uniqued nodes and
/// strings (llvm.ident, clang's llvm.errno.tbaa): the header can hold it for
/// every chunk.
bool isPlainData(const NamedMDNode &N) {
  SmallPtrSet<const Metadata *, 16> Seen;
  SmallVector<const Metadata *, 16> Work(N.operands().begin(),
                                         N.operands().end());
  while (!Work.empty()) {
    const Metadata *MD = Work.pop_back_val();
    if (!MD || !Seen.insert(MD).second || isa<MDString>(MD))
      continue;
    auto *Node = dyn_cast<MDNode>(MD);
    if (!Node || Node->isDistinct())
      return false;
    for (const MDOperand &Op : Node->operands())
      if (Op && isa<ValueAsMetadata>(Op.get()) &&
          !isa<ConstantInt, ConstantFP>(
              cast<ValueAsMetadata>(Op.get())->getValue()))
        return false;
      else if (Op && !isa<ValueAsMetadata>(Op.get()))
        Work.push_back(Op.get());
  }
  return true;
}

/// Why \p M cannot be split without changing what linking from it gives,
/// or "" when it can.
std::string whyWhole(const Module &M) {
  if (!M.getModuleInlineAsm().empty())
    return "module asm";
  if (!M.alias_empty() || !M.ifunc_empty())
    return "aliases or ifuncs";
  if (!M.getComdatSymbolTable().empty())
    return "comdats";
  for (const NamedMDNode &N : M.named_metadata()) {
    if (N.getName() == "llvm.dbg.cu")
      return "debug info";
    if (N.getName() != "llvm.module.flags" && !isPlainData(N))
      return ("named metadata '" + N.getName() +
              "' that refers to values or distinct nodes")
          .str();
  }
  for (const GlobalValue &GV : M.global_values()) {
    if (!GV.hasName())
      return "unnamed globals";
    if (GV.hasAppendingLinkage())
      return "appending globals (llvm.used, constructors)";
  }
  for (const GlobalVariable &GV : M.globals())
    if (GV.hasMetadata())
      return "metadata on a variable";
  for (const Function &F : M) {
    if (F.getSubprogram())
      return "debug info";
    for (const Instruction &I : instructions(F))
      if (I.getDebugLoc() || I.hasDbgRecords())
        return "debug info";
  }
  return "";
}

/// Walks what one function or variable refers to: the global values among
/// its operands, constants and metadata, and the distinct metadata nodes it
/// reaches.
class ReferenceWalker {
public:
  ReferenceWalker(function_ref<void(GlobalValue &)> OnGlobal,
                  function_ref<void(const MDNode &)> OnDistinct)
      : OnGlobal(OnGlobal), OnDistinct(OnDistinct) {}

  void walk(GlobalObject &GO) {
    SeenConstants.clear();
    SeenMetadata.clear();
    SmallVector<std::pair<unsigned, MDNode *>, 4> MDs;
    GO.getAllMetadata(MDs);
    for (auto &[Kind, N] : MDs)
      metadata(N);
    if (auto *GV = dyn_cast<GlobalVariable>(&GO)) {
      if (GV->hasInitializer())
        constant(GV->getInitializer());
      return;
    }
    auto &F = cast<Function>(GO);
    for (Use &Op : F.operands()) // Personality, prefix and prologue data.
      if (auto *C = dyn_cast_or_null<Constant>(Op.get()))
        constant(C);
    for (Instruction &I : instructions(F)) {
      for (Value *Op : I.operands()) {
        if (auto *C = dyn_cast<Constant>(Op))
          constant(C);
        else if (auto *MV = dyn_cast<MetadataAsValue>(Op))
          metadata(MV->getMetadata());
      }
      MDs.clear();
      I.getAllMetadata(MDs);
      for (auto &[Kind, N] : MDs)
        metadata(N);
    }
  }

private:
  function_ref<void(GlobalValue &)> OnGlobal;
  function_ref<void(const MDNode &)> OnDistinct;
  SmallPtrSet<const Constant *, 32> SeenConstants;
  SmallPtrSet<const Metadata *, 32> SeenMetadata;

  void constant(Constant *C) {
    if (!SeenConstants.insert(C).second)
      return;
    if (auto *GV = dyn_cast<GlobalValue>(C)) {
      OnGlobal(*GV);
      return;
    }
    for (Value *Op : C->operands())
      if (auto *OpC = dyn_cast<Constant>(Op))
        constant(OpC);
  }

  void metadata(Metadata *MD) {
    if (!MD || !SeenMetadata.insert(MD).second)
      return;
    if (auto *VM = dyn_cast<ValueAsMetadata>(MD)) {
      if (auto *C = dyn_cast<Constant>(VM->getValue()))
        constant(C);
      return;
    }
    if (auto *AL = dyn_cast<DIArgList>(MD)) {
      for (ValueAsMetadata *VM : AL->getArgs())
        metadata(VM);
      return;
    }
    auto *N = dyn_cast<MDNode>(MD);
    if (!N)
      return;
    if (N->isDistinct())
      OnDistinct(*N);
    for (const MDOperand &Op : N->operands())
      metadata(Op.get());
  }
};

/// A declaration in \p Into of \p GV, a declaration of another module, with
/// its linkage, attributes and metadata.
GlobalValue *declareIn(Module &Into, GlobalValue &GV) {
  if (auto *F = dyn_cast<Function>(&GV)) {
    Function *D = Function::Create(F->getFunctionType(), F->getLinkage(),
                                   F->getAddressSpace(), F->getName(), &Into);
    D->copyAttributesFrom(F);
    D->copyMetadata(F, 0);
    return D;
  }
  auto *V = cast<GlobalVariable>(&GV);
  auto *D = new GlobalVariable(Into, V->getValueType(), V->isConstant(),
                               V->getLinkage(), nullptr, V->getName(), nullptr,
                               V->getThreadLocalMode(), V->getAddressSpace());
  D->copyAttributesFrom(V);
  D->copyMetadata(V, 0);
  return D;
}

std::string toBitcode(const Module &M) {
  std::string Bytes;
  raw_string_ostream OS(Bytes);
  WriteBitcodeToFile(M, OS, /*ShouldPreserveUseListOrder=*/true);
  OS.flush();
  return Bytes;
}

} // namespace

HelperFileChunks splitIntoChunks(Module &M, unsigned ChunkTarget) {
  HelperFileChunks S;
  S.Why = whyWhole(M);
  if (!S.Why.empty())
    return S;

  // Every global value's place; the definitions are grouped by what they
  // refer to.
  std::vector<GlobalObject *> Order;
  DenseMap<const GlobalValue *, unsigned> Place;
  for (GlobalValue &GV : M.global_values()) {
    Place[&GV] = Order.size();
    Order.push_back(cast<GlobalObject>(&GV));
  }
  IntEqClasses Groups(Order.size());
  DenseMap<const MDNode *, unsigned> DistinctOwner;
  for (unsigned I = 0, E = Order.size(); I != E; ++I) {
    GlobalObject &GO = *Order[I];
    if (GO.isDeclaration())
      continue;
    ReferenceWalker(
        [&](GlobalValue &To) {
          if (!To.isDeclaration())
            Groups.join(I, Place.lookup(&To));
        },
        [&](const MDNode &N) {
          auto [It, New] = DistinctOwner.try_emplace(&N, I);
          if (!New)
            Groups.join(I, It->second);
        })
        .walk(GO);
  }
  Groups.compress();

  // Groups in the order of their first definition, gathered into chunks.
  DenseMap<unsigned, uint32_t> ChunkOfGroup;
  std::vector<std::vector<GlobalObject *>> Chunks;
  unsigned InLast = ChunkTarget;
  for (GlobalObject *GO : Order) {
    if (GO->isDeclaration())
      continue;
    unsigned Group = Groups[Place.lookup(GO)];
    auto [It, New] = ChunkOfGroup.try_emplace(Group, 0);
    if (New) {
      if (InLast >= ChunkTarget) {
        Chunks.emplace_back();
        InLast = 0;
      }
      It->second = Chunks.size() - 1;
    }
    Chunks[It->second].push_back(GO);
    ++InLast;
  }

  StringSaver Names(S.NameBytes);
  for (GlobalObject *GO : Order) {
    HelperFileSymbol Sym;
    Sym.Name = Names.save(GO->getName());
    Sym.Position = Place.lookup(GO);
    Sym.Linkage = GO->getLinkage();
    Sym.Visibility = GO->getVisibility();
    Sym.IsFunction = isa<Function>(GO);
    Sym.IsDefinition = !GO->isDeclaration();
    Sym.IsDSOLocal = GO->isDSOLocal();
    if (Sym.IsDefinition)
      Sym.Chunk = ChunkOfGroup.lookup(Groups[Sym.Position]);
    S.Symbols.push_back(Sym);
  }

  // The header: what every chunk's module shares.
  LLVMContext &Ctx = M.getContext();
  Module Header(M.getModuleIdentifier(), Ctx);
  compat::setTargetTriple(Header, compat::targetTriple(M));
  Header.setDataLayout(M.getDataLayout());
  Header.setSourceFileName(M.getSourceFileName());
  for (NamedMDNode &N : M.named_metadata()) {
    NamedMDNode *Copy = Header.getOrInsertNamedMetadata(N.getName());
    for (MDNode *Op : N.operands())
      Copy->addOperand(Op);
  }
  S.Modules.push_back(toBitcode(Header));

  // Each chunk: its definitions moved out of M, with declarations of what
  // else they use.  Moving keeps every use-list order of their values.  The
  // chunks are verified after all are written: the verifier registers
  // metadata kinds in the context ("heapallocsite"), which every bitcode
  // file written after it would carry into the crate's context.
  std::vector<std::unique_ptr<Module>> Written;
  for (std::vector<GlobalObject *> &Defs : Chunks) {
    Written.push_back(std::make_unique<Module>(M.getModuleIdentifier(), Ctx));
    Module &Chunk = *Written.back();
    compat::setTargetTriple(Chunk, compat::targetTriple(M));
    Chunk.setDataLayout(M.getDataLayout());
    Chunk.setSourceFileName(M.getSourceFileName());
    for (GlobalObject *GO : Defs) {
      if (auto *F = dyn_cast<Function>(GO)) {
        F->removeFromParent();
        Chunk.getFunctionList().push_back(F);
      } else {
        auto *GV = cast<GlobalVariable>(GO);
        M.removeGlobalVariable(GV);
        Chunk.insertGlobalVariable(GV);
      }
    }
    ValueToValueMapTy VMap;
    for (GlobalObject *GO : Defs)
      ReferenceWalker(
          [&](GlobalValue &To) {
            if (To.getParent() != &Chunk && !VMap.count(&To))
              VMap[&To] = declareIn(Chunk, To);
          },
          [](const MDNode &) {})
          .walk(*GO);
    const RemapFlags Flags =
        RF_IgnoreMissingLocals | RF_ReuseAndMutateDistinctMDs;
    for (GlobalObject *GO : Defs) {
      if (auto *F = dyn_cast<Function>(GO))
        RemapFunction(*F, VMap, Flags);
      else if (auto *GV = cast<GlobalVariable>(GO); GV->hasInitializer())
        GV->setInitializer(MapValue(GV->getInitializer(), VMap, Flags));
    }
    S.Modules.push_back(toBitcode(Chunk));
  }
  for (const std::unique_ptr<Module> &Chunk : Written) {
    std::string Broken;
    raw_string_ostream OS(Broken);
    if (verifyModule(*Chunk, &OS)) {
      S.Why = "a chunk does not verify: " + StringRef(Broken).trim().str();
      S.Modules.clear();
      S.Symbols.clear();
      return S;
    }
  }
  return S;
}

Error materializeBodies(Module &M) {
  for (Function &F : M)
    if (Error E = F.materialize())
      return E;
  return Error::success();
}

} // namespace rih
