//===- HelperFileSplit.cpp - A helper file split into chunks --------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The cache file: a text header, then binary sections at 8-byte aligned
// offsets from the start of the data (integers little-endian):
//
//   rust-inline-helpers split 1
//   size <bytes of the helper file>
//   chunk-size <definitions per chunk, at least>
//   sha256 <hex>
//   whole <reason>                  (a file kept whole: nothing follows)
//   symbols <n>
//   modules <m>                     (the header module, then each chunk)
//   strings <bytes>
//   data
//   m  x { u64 offset, u64 size }   the modules' bitcode
//   n  x { u32 name offset, u32 name size, u32 position, u32 chunk,
//          u8 linkage, u8 visibility, u8 flags, u8 0, u32 0 }, sorted by
//          name (flags: 1 function, 2 definition, 4 dso_local)
//   the names
//   the modules
//
//===----------------------------------------------------------------------===//

#include "passes/HelperFileSplit.h"

#include "passes/HelperFileChunks.h"

#include "passes/HelperDiagnostics.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

STATISTIC(NumSplitWritten, "Helper files split into the cache");
STATISTIC(NumSplitRead, "Helper files read from their split form");

namespace rih {
namespace {

constexpr StringLiteral Magic = "rust-inline-helpers split 1\n";

constexpr size_t RecordSize = 24;

uint64_t alignTo8(uint64_t N) { return (N + 7) & ~uint64_t(7); }

/// The cache file's bytes for \p S, of a helper file of \p Size bytes with
/// SHA-256 \p SHA256.
std::string serialize(const HelperFileChunks &S, uint64_t Size,
                      StringRef SHA256, unsigned ChunkSize) {
  std::string Out;
  raw_string_ostream OS(Out);
  OS << Magic << "size " << Size << "\nchunk-size " << ChunkSize << "\nsha256 "
     << SHA256 << "\n";
  if (!S.Why.empty()) {
    std::string Why = S.Why;
    std::replace(Why.begin(), Why.end(), '\n', ' ');
    OS << "whole " << Why << "\n";
    return Out;
  }
  // The records sorted by name: a run looks names up without sorting.
  std::vector<const HelperFileSymbol *> ByName;
  for (const HelperFileSymbol &Sym : S.Symbols)
    ByName.push_back(&Sym);
  llvm::sort(ByName, [](const HelperFileSymbol *A, const HelperFileSymbol *B) {
    return A->Name < B->Name;
  });
  uint64_t Strings = 0;
  for (const HelperFileSymbol &Sym : S.Symbols)
    Strings += Sym.Name.size();
  OS << "symbols " << S.Symbols.size() << "\nmodules " << S.Modules.size()
     << "\nstrings " << Strings << "\ndata\n";
  OS.flush();
  Out.resize(alignTo8(Out.size()), '\0');
  uint64_t Data = Out.size();
  uint64_t ModulesAt =
      alignTo8(S.Modules.size() * 16 + S.Symbols.size() * RecordSize + Strings);
  auto Put32 = [&](uint32_t V) {
    char B[4];
    support::endian::write32le(B, V);
    Out.append(B, 4);
  };
  auto Put64 = [&](uint64_t V) {
    char B[8];
    support::endian::write64le(B, V);
    Out.append(B, 8);
  };
  uint64_t At = ModulesAt;
  for (const std::string &Bitcode : S.Modules) {
    Put64(At);
    Put64(Bitcode.size());
    At = alignTo8(At + Bitcode.size());
  }
  uint32_t NameAt = 0;
  for (const HelperFileSymbol *Sym : ByName) {
    Put32(NameAt);
    Put32(Sym->Name.size());
    Put32(Sym->Position);
    Put32(Sym->Chunk);
    Out.push_back(char(Sym->Linkage));
    Out.push_back(char(Sym->Visibility));
    Out.push_back(char((Sym->IsFunction ? 1 : 0) | (Sym->IsDefinition ? 2 : 0) |
                       (Sym->IsDSOLocal ? 4 : 0)));
    Out.push_back('\0');
    Put32(0);
    NameAt += Sym->Name.size();
  }
  for (const HelperFileSymbol *Sym : ByName)
    Out += Sym->Name;
  for (const std::string &Bitcode : S.Modules) {
    Out.resize(alignTo8(Out.size() - Data) + Data, '\0');
    Out += Bitcode;
  }
  return Out;
}

} // namespace

Expected<std::unique_ptr<HelperFileSplit>>
HelperFileSplit::read(std::unique_ptr<MemoryBuffer> Buffer, uint64_t SourceSize,
                      unsigned WantedChunkSize) {
  StringRef All = Buffer->getBuffer();
  if (!All.consume_front(Magic))
    return createStringError("not a split file of this version");
  StringMap<StringRef> Fields;
  while (!All.consume_front("data\n")) {
    auto [Line, Rest] = All.split('\n');
    if (Rest.size() == All.size() || Line.empty())
      return createStringError("truncated header");
    auto [Key, Value] = Line.split(' ');
    Fields[Key] = Value;
    All = Rest;
    if (Key == "whole")
      break;
  }
  auto Result = std::unique_ptr<HelperFileSplit>(new HelperFileSplit());
  uint64_t Size = 0, ChunkSize = 0;
  if (Fields.lookup("size").getAsInteger(10, Size) || Size != SourceSize)
    return createStringError("made from another file");
  if (Fields.lookup("chunk-size").getAsInteger(10, ChunkSize) ||
      ChunkSize != WantedChunkSize)
    return createStringError("made with another chunk size");
  Result->SHA256 = Fields.lookup("sha256").str();
  if (Result->SHA256.size() != 64)
    return createStringError("no SHA-256");
  if (Fields.count("whole")) {
    Result->Why = Fields.lookup("whole").str();
    if (Result->Why.empty())
      Result->Why = "kept whole";
    Result->Buffer = std::move(Buffer);
    return std::move(Result);
  }
  uint64_t NumSymbols = 0, NumModules = 0, Strings = 0;
  if (Fields.lookup("symbols").getAsInteger(10, NumSymbols) ||
      Fields.lookup("modules").getAsInteger(10, NumModules) ||
      Fields.lookup("strings").getAsInteger(10, Strings) || NumModules == 0)
    return createStringError("bad header");
  uint64_t Data = alignTo8(All.data() - Buffer->getBufferStart());
  StringRef Bytes = Buffer->getBuffer();
  if (Data > Bytes.size())
    return createStringError("truncated");
  Bytes = Bytes.drop_front(Data);
  uint64_t Tables = NumModules * 16 + NumSymbols * RecordSize;
  if (Tables + Strings > Bytes.size())
    return createStringError("truncated tables");
  const char *P = Bytes.data();
  for (uint64_t I = 0; I != NumModules; ++I, P += 16) {
    uint64_t At = support::endian::read64le(P),
             Len = support::endian::read64le(P + 8);
    if (At > Bytes.size() || Len > Bytes.size() - At || At % 8)
      return createStringError("module out of bounds");
    Result->Modules.push_back({Data + At, Len});
  }
  StringRef Names = Bytes.substr(Tables, Strings);
  std::vector<HelperFileSymbol> Symbols;
  Symbols.reserve(NumSymbols);
  for (uint64_t I = 0; I != NumSymbols; ++I, P += RecordSize) {
    HelperFileSymbol Sym;
    uint32_t NameAt = support::endian::read32le(P),
             NameLen = support::endian::read32le(P + 4);
    if (NameAt > Names.size() || NameLen > Names.size() - NameAt)
      return createStringError("name out of bounds");
    Sym.Name = Names.substr(NameAt, NameLen);
    Sym.Position = support::endian::read32le(P + 8);
    Sym.Chunk = support::endian::read32le(P + 12);
    uint8_t Linkage = P[16], Visibility = P[17], Bits = P[18];
    if (Linkage > GlobalValue::CommonLinkage ||
        Visibility > GlobalValue::ProtectedVisibility)
      return createStringError("bad symbol");
    Sym.Linkage = GlobalValue::LinkageTypes(Linkage);
    Sym.Visibility = GlobalValue::VisibilityTypes(Visibility);
    Sym.IsFunction = Bits & 1;
    Sym.IsDefinition = Bits & 2;
    Sym.IsDSOLocal = Bits & 4;
    if (Sym.IsDefinition && Sym.Chunk >= NumModules - 1)
      return createStringError("bad chunk");
    Symbols.push_back(Sym);
  }
  std::optional<HelperFileIndex> Index =
      HelperFileIndex::fromSortedSymbols(std::move(Symbols));
  if (!Index)
    return createStringError("symbols not sorted");
  Result->Index = std::move(*Index);
  Result->Buffer = std::move(Buffer);
  return std::move(Result);
}

Expected<std::unique_ptr<HelperFileSplit>>
HelperFileSplit::open(StringRef CacheDir, StringRef Path, MemoryBufferRef Bytes,
                      unsigned ChunkSize) {
  XXH128_hash_t Key = xxh3_128bits(arrayRefFromStringRef(Bytes.getBuffer()));
  SmallString<128> Entry(CacheDir);
  sys::path::append(Entry, utohexstr(Key.high64, /*LowerCase=*/true, 16) +
                               utohexstr(Key.low64, /*LowerCase=*/true, 16) +
                               "-llvm" + Twine(LLVM_VERSION_MAJOR) +
                               ".rihsplit");
  uint64_t SourceSize = Bytes.getBufferSize();
  if (ErrorOr<std::unique_ptr<MemoryBuffer>> Cached =
          MemoryBuffer::getFile(Entry, /*IsText=*/false,
                                /*RequiresNullTerminator=*/false)) {
    Expected<std::unique_ptr<HelperFileSplit>> R =
        read(std::move(*Cached), SourceSize, ChunkSize);
    if (R) {
      ++NumSplitRead;
      return R;
    }
    consumeError(R.takeError()); // Written again below.
  }

  // Split the file, in a context of its own: nothing of it stays in the
  // crate's context.
  std::string SHA256 =
      toHex(SHA256::hash(arrayRefFromStringRef(Bytes.getBuffer())),
            /*LowerCase=*/true);
  HelperFileChunks S;
  {
    LLVMContext Own;
    Own.setDiagnosticHandler(std::make_unique<CapturingHandler>());
    // Read as the IR linker reads a helper file, one body at a time:
    // Module::materializeAll would also upgrade debug info, whose verifier
    // registers metadata kinds (heapallocsite) that the chunks would carry
    // into the crate's context and its output.
    Expected<std::unique_ptr<Module>> M = getLazyBitcodeModule(Bytes, Own);
    if (!M)
      S.Why = "unreadable: " + toString(M.takeError());
    else if (Error E = materializeBodies(**M))
      S.Why = "unreadable: " + toString(std::move(E));
    else
      S = splitIntoChunks(**M, ChunkSize);
  }
  std::string Contents = serialize(S, SourceSize, SHA256, ChunkSize);

  auto CannotWrite = [&](const Twine &Why) {
    return createStringError(
        "cannot write the split form of helper file '" + Path +
        "' into cache directory '" + CacheDir + "': " + Why +
        "; make the directory writable, or leave cache-dir= "
        "(RUST_INLINE_HELPERS_CACHE_DIR) unset");
  };
  if (std::error_code EC = sys::fs::create_directories(CacheDir))
    return CannotWrite(EC.message());
  Expected<sys::fs::TempFile> Temp =
      sys::fs::TempFile::create(Entry + ".tmp-%%%%%%%%");
  if (!Temp)
    return CannotWrite(toString(Temp.takeError()));
  {
    raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Contents;
    OS.flush();
    if (OS.has_error()) {
      std::string Why = OS.error().message();
      OS.clear_error();
      consumeError(Temp->discard());
      return CannotWrite(Why);
    }
  }
  if (Error E = Temp->keep(Entry))
    return CannotWrite(toString(std::move(E)));
  ++NumSplitWritten;
  return read(MemoryBuffer::getMemBufferCopy(Contents, Entry), SourceSize,
              ChunkSize);
}

Expected<std::unique_ptr<Module>>
HelperFileSplit::merge(LLVMContext &Ctx, StringRef Path,
                       ArrayRef<uint32_t> Chunks) const {
  auto Damaged = [&](const Twine &Why) {
    return createStringError("the split form of helper file '" + Path +
                             "' in the cache is damaged (" + Why +
                             "); delete it from the cache directory");
  };
  auto Bitcode = [&](size_t I) {
    auto [At, Len] = Modules[I];
    return MemoryBufferRef(Buffer->getBuffer().substr(At, Len), Path);
  };
  // Read lazily, as a helper file is: parseBitcodeFile would upgrade debug
  // info, whose verifier registers metadata kinds in the crate's context.
  Expected<std::unique_ptr<Module>> Base =
      getLazyBitcodeModule(Bitcode(0), Ctx);
  if (!Base)
    return Damaged(toString(Base.takeError()));
  for (uint32_t Chunk : Chunks) {
    if (Chunk + 1 >= Modules.size())
      return Damaged("no chunk " + Twine(Chunk));
    Expected<std::unique_ptr<Module>> Part =
        getLazyBitcodeModule(Bitcode(Chunk + 1), Ctx);
    if (!Part)
      return Damaged(toString(Part.takeError()));
    std::unique_ptr<DiagnosticHandler> Saved = Ctx.getDiagnosticHandler();
    Ctx.setDiagnosticHandler(std::make_unique<CapturingHandler>());
    bool Failed = Linker::linkModules(**Base, std::move(*Part));
    Ctx.setDiagnosticHandler(std::move(Saved), /*RespectFilters=*/true);
    if (Failed)
      return Damaged("chunk " + Twine(Chunk) + " does not link");
  }
  // Back into the file's order, which the IR linker follows.
  Module &M = **Base;
  auto Place = [&](const GlobalValue &GV) -> std::optional<uint32_t> {
    if (const HelperFileSymbol *S = Index.lookup(GV.getName()))
      return S->Position;
    return std::nullopt;
  };
  std::vector<std::pair<uint32_t, Function *>> Functions;
  for (Function &F : M)
    if (std::optional<uint32_t> At = Place(F))
      Functions.push_back({*At, &F});
    else
      return Damaged("'" + F.getName() + "' is not in its index");
  std::vector<std::pair<uint32_t, GlobalVariable *>> Variables;
  for (GlobalVariable &GV : M.globals())
    if (std::optional<uint32_t> At = Place(GV))
      Variables.push_back({*At, &GV});
    else
      return Damaged("'" + GV.getName() + "' is not in its index");
  llvm::sort(Functions);
  llvm::sort(Variables);
  for (auto &[At, F] : Functions) {
    F->removeFromParent();
    M.getFunctionList().push_back(F);
  }
  for (auto &[At, GV] : Variables) {
    M.removeGlobalVariable(GV);
    M.insertGlobalVariable(GV);
  }
  M.setModuleIdentifier(Path);
  return std::move(*Base);
}

} // namespace rih
