//===- OutputFiles.cpp - Write the plugin's own files safely --------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <fcntl.h>
#include <mutex>

using namespace llvm;

namespace rih {
namespace {

/// Held while the plugin writes one of its files and while it looks at the
/// files the process has open: rustc's codegen units run the plugin on
/// several threads, and one unit must not take another's dependency file,
/// open while it is renamed into place, for an output of the host.
std::mutex &ownWrites() {
  static std::mutex M;
  return M;
}

/// A file that the plugin must not write over, and what it is.
struct Protected {
  std::string Path;  ///< To compare: an existing file, or a spelling.
  std::string Shown; ///< As the message names it.
  std::string What;  ///< "a helper file", "the input module", ...
};

/// Returns \p Path made absolute and without "." and "..", as far as that
/// is possible without reading the file system.
std::string absolute(StringRef Path) {
  SmallString<256> Abs(Path);
  if (sys::fs::make_absolute(Abs))
    return Path.str();
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Returns true when \p A and \p B are one file: the same file on disk when
/// both exist, otherwise the same absolute spelling.
bool sameFile(StringRef A, StringRef B) {
  bool Result = false;
  if (!sys::fs::equivalent(A, B, Result))
    return Result;
  return absolute(A) == absolute(B);
}

/// The outputs of the host compilation that this process knows of, on
/// Linux: files open for writing, and the paths after -o or in
/// --emit=KIND=PATH on the command line.
void addHostOutputs(std::vector<Protected> &Out) {
  std::error_code EC;
  for (sys::fs::directory_iterator It("/proc/self/fd", EC), End;
       !EC && It != End; It.increment(EC)) {
    StringRef Fd = sys::path::filename(It->path());
    // Files in /proc say they are empty: read them to their end.
    ErrorOr<std::unique_ptr<MemoryBuffer>> Info =
        MemoryBuffer::getFileAsStream("/proc/self/fdinfo/" + Fd);
    if (!Info)
      continue;
    // "flags:\t0100001": octal open(2) flags.
    StringRef Flags = (*Info)->getBuffer().split("flags:").second.trim();
    Flags = Flags.take_while([](char C) { return C >= '0' && C <= '7'; });
    unsigned Bits = 0;
    if (Flags.getAsInteger(8, Bits) || (Bits & O_ACCMODE) == O_RDONLY)
      continue;
    sys::fs::file_status St;
    if (sys::fs::status(It->path(), St) ||
        St.type() != sys::fs::file_type::regular_file)
      continue;
    SmallString<256> Name;
    if (sys::fs::real_path(It->path(), Name))
      Name = It->path();
    Out.push_back(
        {It->path(), std::string(Name), "an output this compilation has open"});
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> Cmdline =
      MemoryBuffer::getFileAsStream("/proc/self/cmdline");
  if (!Cmdline)
    return;
  SmallVector<StringRef, 32> Args;
  (*Cmdline)->getBuffer().split(Args, '\0', -1, /*KeepEmpty=*/false);
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef A = Args[I], Path;
    if (A == "-o" && I + 1 < Args.size())
      Path = Args[++I];
    else if (A.starts_with("-o="))
      Path = A.drop_front(3);
    else if (A.consume_front("--emit="))
      for (StringRef Kind : split(A, ','))
        if (StringRef P = Kind.split('=').second; !P.empty() && P != "-")
          Out.push_back({P.str(), P.str(), "the output of this compilation"});
    if (!Path.empty() && Path != "-")
      Out.push_back({Path.str(), Path.str(), "the output of this compilation"});
  }
}

} // namespace

Error checkOutputPaths(ArrayRef<PlannedOutput> Outputs,
                       ArrayRef<std::string> HelperFiles, const Module &M) {
  std::lock_guard<std::mutex> Guard(ownWrites());
  std::vector<Protected> Files;
  for (const std::string &H : HelperFiles)
    Files.push_back({H, H, "a helper file"});
  for (StringRef In :
       {StringRef(M.getModuleIdentifier()), StringRef(M.getSourceFileName())})
    if (!In.empty() && sys::fs::is_regular_file(In))
      Files.push_back({In.str(), In.str(), "the input module"});
  addHostOutputs(Files);
  for (size_t I = 0; I < Outputs.size(); ++I) {
    const PlannedOutput &Out = Outputs[I];
    // Standard output, a device (/dev/null) or a FIFO is written in place
    // and destroys nothing.
    if (Out.Path == "-" ||
        (sys::fs::exists(Out.Path) && !sys::fs::is_regular_file(Out.Path)))
      continue;
    for (const Protected &P : Files)
      if (sameFile(Out.Path, P.Path))
        return createStringError(Out.What + " '" + Out.Path + "' is " + P.What +
                                 " ('" + P.Shown + "'); writing " + Out.What +
                                 " would destroy it: give " + Out.What +
                                 " another path (" + Out.Parameter + ")");
    for (size_t J = 0; J < I; ++J)
      if (Outputs[J].Path != "-" && sameFile(Out.Path, Outputs[J].Path))
        return createStringError(Out.What + " '" + Out.Path + "' and " +
                                 Outputs[J].What + " '" + Outputs[J].Path +
                                 "' are one file; give each its "
                                 "own path (" +
                                 Out.Parameter + "; " + Outputs[J].Parameter +
                                 ")");
  }
  return Error::success();
}

Error writeOutputFile(StringRef Path, function_ref<void(raw_ostream &)> Emit) {
  std::lock_guard<std::mutex> Guard(ownWrites());
  auto Check = [&](raw_fd_ostream &OS) -> Error {
    if (!OS.has_error())
      return Error::success();
    std::error_code EC = OS.error();
    OS.clear_error(); // Reported here, not by raw_fd_ostream's destructor.
    return createStringError(EC.message());
  };
  if (Path == "-") {
    raw_fd_ostream &OS = outs();
    Emit(OS);
    OS.flush();
    return Check(OS);
  }
  sys::fs::file_status St;
  bool Exists = !sys::fs::status(Path, St) &&
                St.type() != sys::fs::file_type::file_not_found;
  if (Exists && St.type() == sys::fs::file_type::directory_file)
    return createStringError("it is a directory");
  if (Exists && St.type() != sys::fs::file_type::regular_file) {
    // A device, FIFO or socket: written in place, like `> PATH`.
    std::error_code EC;
    raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
    if (EC)
      return createStringError(EC.message());
    Emit(OS);
    OS.close();
    return Check(OS);
  }
  // Through a symbolic link, the file it names is replaced.
  SmallString<256> Target(Path);
  if (Exists) {
    if (sys::fs::real_path(Path, Target))
      Target = Path;
    if (std::error_code EC =
            sys::fs::access(Target, sys::fs::AccessMode::Write))
      return createStringError(EC.message());
  }
  Expected<sys::fs::TempFile> Temp =
      sys::fs::TempFile::create(Target + ".tmp-%%%%%%");
  if (!Temp)
    return createStringError("cannot create a temporary file beside it: " +
                             toString(Temp.takeError()));
  raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
  Emit(OS);
  OS.flush();
  if (Error E = Check(OS)) {
    consumeError(Temp->discard());
    return E;
  }
  if (Error E = Temp->keep(Target))
    return E;
  return Error::success();
}

} // namespace rih
