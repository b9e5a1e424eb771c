//===- HelperProvenance.cpp - Record what went into a module --------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperProvenance.h"
#include "passes/LLVMCompat.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#ifndef RIH_VERSION
#define RIH_VERSION "unknown"
#endif

using namespace llvm;

namespace rih {
namespace {

std::string pluginLine() {
  return std::string("rust-inline-helpers ") + RIH_VERSION + ", LLVM " +
         LLVM_VERSION_STRING;
}

/// The record as the note's text, one "key: value" line each.
std::string noteText(StringRef Module, ArrayRef<ProvenanceFile> Files,
                     ArrayRef<PrefixMapEntry> Map) {
  std::string Text = "plugin: " + pluginLine() + "\n";
  Text += "module: " + Module.str() + "\n";
  for (const ProvenanceFile &F : Files) {
    Text += "file: " + remapPath(F.Path, Map) + "\n";
    Text += "sha256: " + F.SHA256 + "\n";
    Text += "inlined:";
    for (const std::string &H : F.Inlined)
      Text += " " + H;
    Text += "\n";
  }
  return Text;
}

/// Adds the ELF note: namesz, descsz and type as 32-bit words in the
/// target's byte order, then the owner and the description, each padded
/// to 4 bytes (the gABI's layout for ELFCLASS32 and ELFCLASS64 alike).
void addNote(Module &M, StringRef Text) {
  LLVMContext &Ctx = M.getContext();
  auto Padded = [&](StringRef S) {
    SmallString<256> Bytes(S);
    Bytes.push_back('\0');
    while (Bytes.size() % 4)
      Bytes.push_back('\0');
    return ConstantDataArray::getString(Ctx, Bytes, /*AddNull=*/false);
  };
  Type *I32 = Type::getInt32Ty(Ctx);
  Constant *Owner = Padded(ProvenanceNoteOwner);
  Constant *Desc = Padded(Text);
  Constant *Fields[] = {
      ConstantInt::get(I32, StringRef(ProvenanceNoteOwner).size() + 1),
      ConstantInt::get(I32, Text.size() + 1),
      ConstantInt::get(I32, NT_RIH_PROVENANCE), Owner, Desc};
  Constant *Note = ConstantStruct::getAnon(Ctx, Fields, /*Packed=*/true);
  auto *GV = new GlobalVariable(M, Note->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Note,
                                "rust_inline_helpers.provenance");
  GV->setSection(ProvenanceSection);
  GV->setAlignment(Align(4));
  appendToCompilerUsed(M, {GV});
}

} // namespace

std::optional<PrefixMapEntry> parsePrefixMapEntry(StringRef Value) {
  auto [Old, New] = Value.split('=');
  if (Old.empty() || !Value.contains('='))
    return std::nullopt;
  return PrefixMapEntry(Old.str(), New.str());
}

std::string remapPath(StringRef Path, ArrayRef<PrefixMapEntry> Map) {
  for (const PrefixMapEntry &E : llvm::reverse(Map)) {
    StringRef Old = E.first;
    if (!Path.starts_with(Old))
      continue;
    StringRef Rest = Path.substr(Old.size());
    // "/a/b=x" maps "/a/b/c" and "/a/b", not "/a/bc".
    if (!Old.empty() && !sys::path::is_separator(Old.back()) && !Rest.empty() &&
        !sys::path::is_separator(Rest.front()))
      continue;
    return E.second + Rest.str();
  }
  return Path.str();
}

void recordProvenance(Module &M, ArrayRef<ProvenanceFile> Files,
                      ArrayRef<PrefixMapEntry> Map) {
  if (Files.empty())
    return;
  LLVMContext &Ctx = M.getContext();
  // rustc names a module after its crate and codegen unit; clang and opt
  // after the source file, which the map keeps reproducible.
  std::string Module = remapPath(M.getSourceFileName(), Map);
  SmallVector<Metadata *, 4> Record = {MDString::get(Ctx, pluginLine()),
                                       MDString::get(Ctx, Module)};
  for (const ProvenanceFile &F : Files) {
    SmallVector<Metadata *, 8> Ops = {
        MDString::get(Ctx, remapPath(F.Path, Map)),
        MDString::get(Ctx, F.SHA256)};
    for (const std::string &H : F.Inlined)
      Ops.push_back(MDString::get(Ctx, H));
    Record.push_back(MDTuple::get(Ctx, Ops));
  }
  M.getOrInsertNamedMetadata(ProvenanceMDName)
      ->addOperand(MDTuple::get(Ctx, Record));
  if (compat::targetTriple(M).isOSBinFormatELF())
    addNote(M, noteText(Module, Files, Map));
}

} // namespace rih
