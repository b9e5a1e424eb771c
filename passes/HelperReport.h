//===- HelperReport.h - JSON summary of what the plugin did -----*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The composite pass collects, per helper: the file it came from, the calls
// found, inlined and refused (with the reason), and the policy rows that
// reconciled its calls; `report=PATH` writes it as JSON:
//
//   {"plugin": "rust-inline-helpers", "version": "0.1.0", "module": "...",
//    "totals": {"helpers": 2, "calls": 5, "inlined": 4, "refused": 1},
//    "helpers": [{"name": "rust_helper_refcount_inc", "file": "helpers.bc",
//                 "body": "file", "calls": 3, "inlined": 3, "refused": 0,
//                 "reconciled": {"NullPointerIsValid": 3},
//                 "refusals": []}, ...],
//    "module_flags": [{"flag": "cf-protection-branch",
//                      "row": "ControlFlowFlags", "change": "...",
//                      "file": "helpers.bc"}],
//    "files": [{"path": "helpers.bc", "sha256": "..."}]}
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERREPORT_H
#define RUST_INLINE_HELPERS_PASSES_HELPERREPORT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class CallBase;
class Module;
} // namespace llvm

namespace rih {

/// Which body of a helper its calls inline (the report's "body").
enum class HelperBody {
  /// The helper file's definition, linked by the plugin ("file").
  File,
  /// The module's own definition: a full-LTO link merged the helper object
  /// into it ("lto-module"; HelperLinkAdopt.cpp).
  LTOModule,
  /// The available_externally copy a ThinLTO backend imported from the
  /// helper object: its pre-link body ("thinlto-import";
  /// HelperLinkAdopt.cpp).
  ThinLTOImport,
};

/// Returns the report's name of \p Body: "file", "lto-module" or
/// "thinlto-import".
llvm::StringRef getHelperBodyName(HelperBody Body);

class HelperReport {
public:
  /// Records that helper \p Helper belongs to file \p File and that its
  /// calls inline the body \p Body.
  void noteLinked(llvm::StringRef Helper, llvm::StringRef File,
                  HelperBody Body = HelperBody::File);
  /// Records that the call from \p Caller to \p Helper was inlined after the
  /// policy rows \p Rows reconciled it (empty when nothing had to change).
  void noteInlined(llvm::StringRef Helper, llvm::StringRef Caller,
                   llvm::ArrayRef<llvm::StringRef> Rows);
  /// Records that the call from \p Caller to \p Helper stays a call.
  void noteRefused(llvm::StringRef Helper, llvm::StringRef Caller,
                   llvm::StringRef Reason);

  /// Records that module flag \p Flag was changed by policy row \p Row
  /// before helper file \p File was linked.
  void noteModuleFlag(llvm::StringRef Flag, llvm::StringRef Row,
                      llvm::StringRef What, llvm::StringRef File);

  /// Records that function \p Function gained attribute \p Attr because
  /// it calls a function that has it (HelperInline.cpp,
  /// propagateUnmergedHardening).
  void notePropagated(llvm::StringRef Attr, llvm::StringRef Function);

  /// Records that helper file \p File was not linked, and why.
  void noteSkippedFile(llvm::StringRef File, llvm::StringRef Reason);

  /// Records that helper file \p File holds linked bodies already optimized
  /// for code generation: \p Functions, each with what marks it ("NAME
  /// (vectorized)"), and \p Fix, the flag to build it with instead
  /// (HelperLinkRemarks.cpp, noteOptimizedBodies).
  void noteOptimizedFile(llvm::StringRef File,
                         llvm::ArrayRef<std::string> Functions,
                         llvm::StringRef Fix);

  /// Records the content digest of helper file \p File as it was read:
  /// \p SHA256 is the SHA-256 of its bytes in lowercase hex (HelperFile::
  /// SHA256).
  void noteFileDigest(llvm::StringRef File, llvm::StringRef SHA256);

  /// Returns the digest noteFileDigest recorded for \p File, or an empty
  /// string.
  llvm::StringRef getFileDigest(llvm::StringRef File) const;

  /// Returns, per helper file that changed the module, the helpers inlined
  /// from it (at least one call): a file whose only effect was a module flag
  /// change maps to an empty set.  Files are those with a recorded digest.
  std::map<std::string, std::set<std::string>> getContributions() const;

  /// Returns true when nothing was linked, inlined or refused.
  bool empty() const {
    return Helpers.empty() && ModuleFlags.empty() && Propagated.empty();
  }

  unsigned getNumInlined() const;
  unsigned getNumRefused() const;

  /// Reads back a report that write() wrote to \p Path, adding its entries
  /// to this one (the late round adds to the early round's report).  On
  /// failure it reports an error on \p M that names the path and returns
  /// false.
  bool read(llvm::StringRef Path, llvm::Module &M);

  /// Writes the report on module \p M as JSON to \p Path, atomically (a
  /// temporary file is renamed over \p Path).  On failure it reports an
  /// error that names the path and returns false.
  bool write(llvm::StringRef Path, llvm::Module &M) const;

private:
  struct Entry {
    std::string File;
    std::string Body; ///< getHelperBodyName(); empty: not linked here.
    unsigned Inlined = 0;
    std::map<std::string, unsigned> Reconciled;
    llvm::SmallVector<std::pair<std::string, std::string>, 2> Refusals;
  };
  Entry &get(llvm::StringRef Helper);

  std::map<std::string, Entry> Helpers; ///< Sorted: stable output.
  struct FlagChange {
    std::string Flag, Row, What, File;
  };
  llvm::SmallVector<FlagChange, 2> ModuleFlags;
  llvm::SmallVector<std::pair<std::string, std::string>, 1> SkippedFiles;
  struct OptimizedFile {
    std::string File, Fix;
    std::vector<std::string> Functions;
  };
  std::vector<OptimizedFile> OptimizedFiles;
  std::map<std::string, unsigned> Propagated;     ///< Attribute -> functions.
  std::map<std::string, std::string> FileDigests; ///< Path -> SHA-256.
};

/// Returns \p Path with "%m" replaced by the name of \p M ('/' and '\\'
/// made '_'), so that the codegen units of one rustc invocation (each its
/// own module) write one report each.
std::string expandReportPath(llvm::StringRef Path, const llvm::Module &M);

/// Emits the missed remark NotInlined, "HELPER not inlined into CALLER:
/// REASON", at the call \p CB to the helper named \p Helper, and records the
/// refusal in \p Report when it is not null.
void remarkNotInlined(llvm::CallBase &CB, llvm::StringRef Helper,
                      llvm::StringRef Reason, HelperReport *Report);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERREPORT_H
