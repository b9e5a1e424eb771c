//===- HelperReport.cpp - JSON summary of what the plugin did -------------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/HelperReport.h"

#include "passes/OutputFiles.h"

#include "passes/HelperDiagnostics.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#ifndef RIH_VERSION
#define RIH_VERSION "unknown"
#endif

using namespace llvm;

namespace rih {

HelperReport::Entry &HelperReport::get(StringRef Helper) {
  return Helpers[Helper.str()];
}

StringRef getHelperBodyName(HelperBody Body) {
  switch (Body) {
  case HelperBody::File:
    return "file";
  case HelperBody::LTOModule:
    return "lto-module";
  case HelperBody::ThinLTOImport:
    return "thinlto-import";
  }
  llvm_unreachable("unknown helper body");
}

void HelperReport::noteLinked(StringRef Helper, StringRef File,
                              HelperBody Body) {
  Entry &E = get(Helper);
  E.File = File.str();
  E.Body = getHelperBodyName(Body).str();
}

void HelperReport::noteInlined(StringRef Helper, StringRef Caller,
                               ArrayRef<StringRef> Rows) {
  Entry &E = get(Helper);
  ++E.Inlined;
  for (StringRef R : Rows)
    ++E.Reconciled[R.str()];
}

void HelperReport::noteRefused(StringRef Helper, StringRef Caller,
                               StringRef Reason) {
  get(Helper).Refusals.emplace_back(Caller.str(), Reason.str());
}

void HelperReport::noteModuleFlag(StringRef Flag, StringRef Row, StringRef What,
                                  StringRef File) {
  ModuleFlags.push_back({Flag.str(), Row.str(), What.str(), File.str()});
}

void HelperReport::notePropagated(StringRef Attr, StringRef Function) {
  ++Propagated[Attr.str()];
}

void HelperReport::noteSkippedFile(StringRef File, StringRef Reason) {
  SkippedFiles.emplace_back(File.str(), Reason.str());
}

void HelperReport::noteOptimizedFile(StringRef File,
                                     ArrayRef<std::string> Functions,
                                     StringRef Fix) {
  OptimizedFiles.push_back({File.str(), Fix.str(), Functions.vec()});
}

void HelperReport::noteFileDigest(StringRef File, StringRef SHA256) {
  FileDigests[File.str()] = SHA256.str();
}

StringRef HelperReport::getFileDigest(StringRef File) const {
  auto It = FileDigests.find(File.str());
  return It == FileDigests.end() ? StringRef() : StringRef(It->second);
}

std::map<std::string, std::set<std::string>>
HelperReport::getContributions() const {
  std::map<std::string, std::set<std::string>> ByFile;
  for (const auto &[Name, E] : Helpers)
    if (E.Inlined && FileDigests.count(E.File))
      ByFile[E.File].insert(Name);
  for (const FlagChange &C : ModuleFlags)
    if (FileDigests.count(C.File))
      ByFile[C.File];
  return ByFile;
}

unsigned HelperReport::getNumInlined() const {
  unsigned N = 0;
  for (const auto &KV : Helpers)
    N += KV.second.Inlined;
  return N;
}

unsigned HelperReport::getNumRefused() const {
  unsigned N = 0;
  for (const auto &KV : Helpers)
    N += KV.second.Refusals.size();
  return N;
}

bool HelperReport::read(StringRef Path, Module &M) {
  auto Fail = [&](const Twine &Why) {
    reportError(M, "cannot read back the report '" + Path + "': " + Why +
                       "; delete it, or give each compilation its own "
                       "report=PATH");
    return false;
  };
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return Fail(Buf.getError().message());
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V)
    return Fail(toString(V.takeError()));
  const json::Object *Root = V->getAsObject();
  if (!Root)
    return Fail("not a JSON object");
  auto Str = [](const json::Object &O, StringRef Key) {
    return O.getString(Key).value_or("").str();
  };
  if (const json::Array *Hs = Root->getArray("helpers"))
    for (const json::Value &HV : *Hs) {
      const json::Object *H = HV.getAsObject();
      if (!H || Str(*H, "name").empty())
        return Fail("a helper entry has no name");
      Entry &E = get(Str(*H, "name"));
      E.File = Str(*H, "file");
      if (std::string Body = Str(*H, "body"); !Body.empty())
        E.Body = std::move(Body);
      E.Inlined += H->getInteger("inlined").value_or(0);
      if (const json::Object *R = H->getObject("reconciled"))
        for (const auto &KV : *R)
          E.Reconciled[KV.first.str()] += KV.second.getAsInteger().value_or(0);
      if (const json::Array *Rs = H->getArray("refusals"))
        for (const json::Value &RV : *Rs)
          if (const json::Object *R = RV.getAsObject())
            E.Refusals.emplace_back(Str(*R, "caller"), Str(*R, "reason"));
    }
  if (const json::Array *Fs = Root->getArray("module_flags"))
    for (const json::Value &FV : *Fs)
      if (const json::Object *F = FV.getAsObject())
        ModuleFlags.push_back({Str(*F, "flag"), Str(*F, "row"),
                               Str(*F, "change"), Str(*F, "file")});
  if (const json::Object *P = Root->getObject("propagated_hardening"))
    for (const auto &KV : *P)
      Propagated[KV.first.str()] += KV.second.getAsInteger().value_or(0);
  if (const json::Array *Fs = Root->getArray("files"))
    for (const json::Value &FV : *Fs)
      if (const json::Object *F = FV.getAsObject())
        FileDigests[Str(*F, "path")] = Str(*F, "sha256");
  if (const json::Array *Ss = Root->getArray("files_not_linked"))
    for (const json::Value &SV : *Ss)
      if (const json::Object *S = SV.getAsObject())
        SkippedFiles.emplace_back(Str(*S, "file"), Str(*S, "reason"));
  if (const json::Array *Os = Root->getArray("files_optimized_for_codegen"))
    for (const json::Value &OV : *Os)
      if (const json::Object *O = OV.getAsObject()) {
        OptimizedFile F{Str(*O, "file"), Str(*O, "fix"), {}};
        if (const json::Array *Fs = O->getArray("functions"))
          for (const json::Value &FV : *Fs)
            if (std::optional<StringRef> Name = FV.getAsString())
              F.Functions.push_back(Name->str());
        OptimizedFiles.push_back(std::move(F));
      }
  return true;
}

bool HelperReport::write(StringRef Path, Module &M) const {
  std::string ModuleName = M.getModuleIdentifier();
  auto Emit = [&](raw_ostream &OS) {
    json::OStream J(OS, 2);
    J.object([&] {
      J.attribute("plugin", "rust-inline-helpers");
      J.attribute("version", RIH_VERSION);
      J.attribute("module", ModuleName);
      J.attributeObject("totals", [&] {
        J.attribute("helpers", int64_t(Helpers.size()));
        J.attribute("calls", int64_t(getNumInlined() + getNumRefused()));
        J.attribute("inlined", int64_t(getNumInlined()));
        J.attribute("refused", int64_t(getNumRefused()));
      });
      J.attributeArray("helpers", [&] {
        for (const auto &KV : Helpers) {
          const std::string &Name = KV.first;
          const Entry &E = KV.second;
          J.object([&] {
            J.attribute("name", Name);
            J.attribute("file", E.File);
            if (!E.Body.empty())
              J.attribute("body", E.Body);
            J.attribute("calls", int64_t(E.Inlined + E.Refusals.size()));
            J.attribute("inlined", int64_t(E.Inlined));
            J.attribute("refused", int64_t(E.Refusals.size()));
            J.attributeObject("reconciled", [&] {
              for (const auto &RC : E.Reconciled)
                J.attribute(RC.first, int64_t(RC.second));
            });
            J.attributeArray("refusals", [&] {
              for (const auto &CR : E.Refusals)
                J.object([&] {
                  J.attribute("caller", CR.first);
                  J.attribute("reason", CR.second);
                });
            });
          });
        }
      });
      J.attributeArray("module_flags", [&] {
        for (const FlagChange &C : ModuleFlags)
          J.object([&] {
            J.attribute("flag", C.Flag);
            J.attribute("row", C.Row);
            J.attribute("change", C.What);
            J.attribute("file", C.File);
          });
      });
      J.attributeObject("propagated_hardening", [&] {
        for (const auto &KV : Propagated)
          J.attribute(KV.first, int64_t(KV.second));
      });
      J.attributeArray("files_not_linked", [&] {
        for (const auto &FR : SkippedFiles)
          J.object([&] {
            J.attribute("file", FR.first);
            J.attribute("reason", FR.second);
          });
      });
      // Only when there is one: reports of pre-link bitcode are unchanged.
      if (!OptimizedFiles.empty())
        J.attributeArray("files_optimized_for_codegen", [&] {
          for (const OptimizedFile &O : OptimizedFiles)
            J.object([&] {
              J.attribute("file", O.File);
              J.attributeArray("functions", [&] {
                for (const std::string &F : O.Functions)
                  J.value(F);
              });
              J.attribute("fix", O.Fix);
            });
        });
      J.attributeArray("files", [&] {
        for (const auto &FD : FileDigests)
          J.object([&] {
            J.attribute("path", FD.first);
            J.attribute("sha256", FD.second);
          });
      });
    });
    OS << "\n";
  };
  if (Error E = writeOutputFile(Path, Emit)) {
    std::string Msg = toString(std::move(E));
    reportError(M, "cannot write the report '" + Path + "': " + Msg +
                       "; check that its directory exists and is writable "
                       "(parameter report=PATH)");
    return false;
  }
  return true;
}

std::string expandReportPath(StringRef Path, const Module &M) {
  std::string Name = M.getModuleIdentifier();
  for (char &C : Name)
    if (C == '/' || C == '\\')
      C = '_';
  std::string Out;
  for (size_t I = 0; I < Path.size(); ++I) {
    if (Path[I] == '%' && I + 1 < Path.size() && Path[I + 1] == 'm') {
      Out += Name;
      ++I;
    } else {
      Out += Path[I];
    }
  }
  return Out;
}

void remarkNotInlined(CallBase &CB, StringRef Helper, StringRef Reason,
                      HelperReport *Report) {
  Function &Caller = *CB.getCaller();
  if (Report)
    Report->noteRefused(Helper, Caller.getName(), Reason);
  OptimizationRemarkEmitter ORE(&Caller);
  ORE.emit([&] {
    return OptimizationRemarkMissed(RemarkPassName, "NotInlined", &CB)
           << ore::NV("Helper", Helper) << " not inlined into "
           << ore::NV("Caller", Caller.getName()) << ": "
           << ore::NV("Reason", Reason);
  });
}

} // namespace rih
