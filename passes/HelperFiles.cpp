//===- HelperFiles.cpp - Read helper bitcode and IR files -----------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperFiles.h"

#include "passes/LLVMCompat.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/SourceMgr.h"

using namespace llvm;

#define DEBUG_TYPE "rust-helpers-link"

// -stats prints these with an LLVM built with assertions or
// LLVM_FORCE_ENABLE_STATS; in a release build such as Debian's they compile
// to nothing, as LLVM's own do.
STATISTIC(NumFilesRead, "Helper files read");
STATISTIC(NumBytesRead, "Bytes of helper files read (bitcode is then "
                        "materialized lazily, one needed body at a time)");

namespace rih {
namespace {

/// The LLVM major version in a bitcode producer string such as "LLVM22.1.8"
/// or "LLVM19.1.7-rust-1.85", or 0 when there is none.
unsigned producerMajor(StringRef Producer) {
  unsigned Major = 0;
  if (!Producer.consume_front("LLVM"))
    return 0;
  Producer = Producer.take_while(isDigit);
  if (Producer.getAsInteger(10, Major))
    return 0;
  return Major;
}

/// The refusal of bitcode from a newer LLVM than the one the plugin runs in:
/// LLVM reads older bitcode (the auto-upgrader) but not newer, and a newer
/// file that happens to parse may carry meaning this LLVM drops.
Error newerThanHost(const HelperFile &File, StringRef Producer) {
  return createStringError(
      "helper file '" + File.Path + "' was written by " + Producer +
      ", newer than the LLVM " + LLVM_VERSION_STRING +
      " this plugin runs in; build the helpers with a clang whose "
      "LLVM major is at most " +
      Twine(LLVM_VERSION_MAJOR) + " (clang-" + Twine(LLVM_VERSION_MAJOR) +
      " or older), or use a rustc and plugin built for LLVM " +
      Twine(producerMajor(Producer)));
}

Error checkBitcode(HelperFile &File, LLVMContext &Ctx) {
  MemoryBufferRef Ref = File.Buffer->getMemBufferRef();
  // The producer first: a newer file is refused even when it parses.
  std::string Producer;
  if (Expected<std::string> P = getBitcodeProducerString(Ref))
    Producer = *P;
  else
    consumeError(P.takeError());
  if (producerMajor(Producer) > LLVM_VERSION_MAJOR)
    return newerThanHost(File, Producer);
  Expected<std::vector<BitcodeModule>> Modules = getBitcodeModuleList(Ref);
  if (Modules && Modules->size() != 1)
    return createStringError(
        "bitcode file '" + File.Path + "' holds " + Twine(Modules->size()) +
        " modules; build the helpers without -fsplit-lto-unit (and "
        "without -fsanitize=cfi, which implies it)");
  if (Modules) {
    if (Expected<BitcodeLTOInfo> Info = Modules->front().getLTOInfo())
      File.HasLTOSummary = Info->HasSummary;
    else
      consumeError(Info.takeError());
  }
  if (Modules && File.Split && !File.Split->isWhole())
    return Error::success(); // Parsed in full when it was split.
  // An index-only file (a ThinLTO combined or distributed index) or a
  // thin-link file (-fthin-link-bitcode) has an LTO summary and no module
  // to link: the bodies are in the object it was made from.
  auto IndexOnly = [&File] {
    return createStringError(
        "bitcode file '" + File.Path +
        "' holds a ThinLTO summary but no module to link (an "
        "index-only file, as -thinlto-distributed-indexes writes, or "
        "a thin-link file, as -fthin-link-bitcode writes); give the "
        "bitcode of the helper object itself ('clang -O2 -flto=thin "
        "-c helpers.c -o helpers.bc')");
  };
  Expected<std::unique_ptr<Module>> Parsed =
      Modules ? Modules->front().getLazyModule(Ctx, false, false)
              : Expected<std::unique_ptr<Module>>(Modules.takeError());
  if (Parsed) {
    const Module &P = **Parsed;
    if (File.HasLTOSummary && P.global_values().empty() &&
        compat::targetTriple(P).str().empty() && P.getDataLayoutStr().empty())
      return IndexOnly();
    File.Parsed = std::move(*Parsed);
    return Error::success();
  }
  std::string Why = toString(Parsed.takeError());
  if (File.HasLTOSummary)
    return IndexOnly();
  return createStringError(
      "helper file '" + File.Path + "' is not readable LLVM bitcode (" + Why +
      "); it may be truncated: rebuild it with 'clang -emit-llvm -c', "
      "with a clang whose LLVM major is at most " +
      Twine(LLVM_VERSION_MAJOR));
}

Expected<std::unique_ptr<Module>> parseText(const HelperFile &File,
                                            LLVMContext &Ctx) {
  SMDiagnostic Diag;
  std::unique_ptr<Module> M =
      parseAssembly(File.Buffer->getMemBufferRef(), Diag, Ctx);
  if (!M)
    return createStringError(
        "helper file '" + File.Path +
        "' is neither LLVM bitcode nor valid textual IR (line " +
        Twine(Diag.getLineNo()) + ", column " + Twine(Diag.getColumnNo() + 1) +
        ": " + Diag.getMessage() +
        "); build it with 'clang -emit-llvm -c' (bitcode) or "
        "'clang -emit-llvm -S' (IR)");
  std::string Broken;
  raw_string_ostream OS(Broken);
  if (verifyModule(*M, &OS)) {
    std::replace(Broken.begin(), Broken.end(), '\n', ' ');
    return createStringError("helper file '" + File.Path +
                             "' is not valid IR: " + StringRef(Broken).trim() +
                             "; fix the IR or rebuild it from C with clang");
  }
  return M;
}

/// What a file of type \p T is, for a message, when it is no regular file.
StringRef describeFileType(sys::fs::file_type T) {
  switch (T) {
  case sys::fs::file_type::character_file:
    return "a character device";
  case sys::fs::file_type::block_file:
    return "a block device";
  case sys::fs::file_type::fifo_file:
    return "a FIFO";
  case sys::fs::file_type::socket_file:
    return "a socket";
  default:
    return "not a regular file";
  }
}

} // namespace

Expected<HelperFile> readHelperFile(const std::string &Path, LLVMContext &Ctx,
                                    StringRef CacheDir, unsigned ChunkSize) {
  // The type first, without opening the file: opening a FIFO waits for a
  // writer, and a device such as /dev/zero never ends.
  sys::fs::file_status St;
  if (!sys::fs::status(Path, St)) {
    if (St.type() == sys::fs::file_type::directory_file)
      return createStringError(
          "helper file '" + Path +
          "' is a directory; name the bitcode file itself, e.g. "
          "helpers=" +
          Path + "/helpers.bc");
    if (St.type() != sys::fs::file_type::regular_file)
      return createStringError(
          "helper file '" + Path + "' is " + describeFileType(St.type()) +
          ", not a regular file; write the bitcode to a file first "
          "('clang -emit-llvm -c helpers.c -o helpers.bc') and name "
          "that file");
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> BufOrErr =
      MemoryBuffer::getFile(Path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/true);
  if (std::error_code EC = BufOrErr.getError())
    return createStringError(
        "cannot read helper file '" + Path + "': " + EC.message() +
        "; build it with 'clang -emit-llvm -c helpers.c -o " + Path +
        "' or fix the helpers= parameter");
  HelperFile File;
  File.Path = Path;
  File.Buffer = std::move(*BufOrErr);
  StringRef Bytes = File.Buffer->getBuffer();
  ++NumFilesRead;
  NumBytesRead += Bytes.size();
  if (Bytes.trim().empty())
    return createStringError(
        "helper file '" + Path +
        "' is empty; rebuild it with 'clang -emit-llvm -c'");
  File.IsBitcode = isBitcode(
      reinterpret_cast<const unsigned char *>(File.Buffer->getBufferStart()),
      reinterpret_cast<const unsigned char *>(File.Buffer->getBufferEnd()));
  if (File.IsBitcode && !CacheDir.empty()) {
    // The cache entry holds the file's SHA-256: the bytes are not hashed
    // again on every run.
    Expected<std::unique_ptr<HelperFileSplit>> Split = HelperFileSplit::open(
        CacheDir, Path, File.Buffer->getMemBufferRef(), ChunkSize);
    if (Split) {
      File.SHA256 = (*Split)->sha256().str();
      File.Split = std::move(*Split);
    } else {
      File.CacheProblem = toString(Split.takeError());
    }
  }
  if (File.SHA256.empty())
    File.SHA256 = toHex(SHA256::hash(arrayRefFromStringRef(Bytes)),
                        /*LowerCase=*/true);
  if (File.IsBitcode) {
    if (Error E = checkBitcode(File, Ctx))
      return std::move(E);
    if (File.Split && File.Split->isWhole()) {
      File.KeptWhole = File.Split->whyWhole().str();
      File.Split.reset(); // Read whole; its SHA-256 came from the cache.
    }
    if (!File.Split)
      File.ModuleIndex = HelperFileIndex::fromModule(*File.Parsed);
    return std::move(File);
  }
  // Textual IR is parsed in full here, to report a syntax error before the
  // crate's module is touched.
  Expected<std::unique_ptr<Module>> M = parseText(File, Ctx);
  if (!M)
    return M.takeError();
  File.Parsed = std::move(*M);
  File.ModuleIndex = HelperFileIndex::fromModule(*File.Parsed);
  return std::move(File);
}

Expected<std::unique_ptr<Module>> openHelperModule(HelperFile &File,
                                                   LLVMContext &Ctx,
                                                   const Module &Crate,
                                                   size_t *ChunksRead) {
  if (ChunksRead)
    *ChunksRead = 0;
  if (File.Split) {
    // The chunks that define what the crate declares: the IR linker links
    // nothing else from the file (Linker::LinkOnlyNeeded), and a chunk
    // holds whatever its definitions refer to.
    SmallVector<uint32_t, 16> Chunks;
    for (const GlobalValue &GV : Crate.global_values())
      if (GV.isDeclaration() && GV.hasName())
        if (const HelperFileSymbol *S = File.index().lookup(GV.getName());
            S && S->isExportedDefinition())
          Chunks.push_back(S->Chunk);
    llvm::sort(Chunks);
    Chunks.erase(std::unique(Chunks.begin(), Chunks.end()), Chunks.end());
    if (ChunksRead)
      *ChunksRead = Chunks.size();
    return File.Split->merge(Ctx, File.Path, Chunks);
  }
  Expected<std::unique_ptr<Module>> M =
      File.Parsed ? std::move(File.Parsed)
      : File.IsBitcode
          ? getLazyBitcodeModule(File.Buffer->getMemBufferRef(), Ctx)
          : parseText(File, Ctx);
  if (M)
    (*M)->setModuleIdentifier(File.Path);
  return M;
}

} // namespace rih
