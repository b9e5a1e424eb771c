//===- HelperProvenance.h - Record what went into a module ------*- C++ -*-===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A module the plugin changed records what went in: the plugin's version,
// the module's source file name (rustc: crate and codegen unit) and, per
// helper file that changed it, the file's path, the SHA-256 of its bytes and
// the helpers inlined from it.  Two forms carry the same record:
//
//  * named metadata, for bitcode (what `llvm-link` merges keeps every
//    module's record):
//      !rust-inline-helpers.provenance = !{!0}
//      !0 = !{!"rust-inline-helpers 0.2.0, LLVM 22.1.8", !"kernel.abc-cgu.0",
//             !{!"helpers.bc", !"<sha256>", !"rust_helper_a", ...}, ...}
//  * on ELF targets, an ELF note (the format of the System V gABI, "Note
//    Section") in section .note.rust-inline-helpers, owner
//    "rust-inline-helpers", type NT_RIH_PROVENANCE, whose description is the
//    record as text, one "key: value" line each:
//      plugin: rust-inline-helpers 0.2.0, LLVM 22.1.8
//      module: kernel.abc-cgu.0
//      file: helpers.bc
//      sha256: <sha256>
//      inlined: rust_helper_a rust_helper_b
//    The section is SHT_NOTE and allocated, as clang's .note.gnu.build-id:
//    the kernel's linker scripts gather .note.* into .notes (readable in
//    /sys/kernel/notes and /sys/module/NAME/notes/), and a release link can
//    drop it with `/DISCARD/ : { *(.note.rust-inline-helpers) }` or
//    `objcopy --remove-section=.note.rust-inline-helpers`.
//
// tools/rih-provenance prints either form.
//
//===----------------------------------------------------------------------===//

#ifndef RUST_INLINE_HELPERS_PASSES_HELPERPROVENANCE_H
#define RUST_INLINE_HELPERS_PASSES_HELPERPROVENANCE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace llvm {
class Module;
} // namespace llvm

namespace rih {

inline constexpr const char *ProvenanceMDName =
    "rust-inline-helpers.provenance";
inline constexpr const char *ProvenanceSection = ".note.rust-inline-helpers";
inline constexpr const char *ProvenanceNoteOwner = "rust-inline-helpers";
/// The note type of a provenance record ("RIH" and 1).  Types are the
/// owner's to number (gABI), but readelf names 1 and 2 after the generic
/// NT_VERSION and NT_ARCH whatever the owner; this value reads as unknown.
inline constexpr unsigned NT_RIH_PROVENANCE = 0x52494801;

/// One `file-prefix-map=OLD=NEW` entry: a recorded path that starts with OLD
/// is recorded with NEW instead (clang's -ffile-prefix-map, rustc's
/// --remap-path-prefix).
using PrefixMapEntry = std::pair<std::string, std::string>;

/// Parses "OLD=NEW", split at the first '=', as file-prefix-map= and each
/// entry of RUST_INLINE_HELPERS_FILE_PREFIX_MAP write it; std::nullopt when
/// there is no '=' or OLD is empty.
std::optional<PrefixMapEntry> parsePrefixMapEntry(llvm::StringRef Value);

/// Returns \p Path remapped by \p Map: the last entry whose OLD is a prefix
/// of \p Path, on a path-component boundary, wins (rustc's rule).  Paths no
/// entry matches are returned unchanged.
std::string remapPath(llvm::StringRef Path, llvm::ArrayRef<PrefixMapEntry> Map);

/// One helper file's part of a record.
struct ProvenanceFile {
  std::string Path;              ///< As given to the plugin, before remapping.
  std::string SHA256;            ///< Lowercase hex of the bytes that were read.
  std::set<std::string> Inlined; ///< Helpers whose code the module got.
};

/// Appends a record of \p Files (with \p Map applied to their paths and to
/// the module's source file name) to the
/// named metadata of \p M and, when \p M targets ELF, adds its ELF note: a
/// private constant in section ProvenanceSection, kept by llvm.compiler.used.
/// Does nothing when \p Files is empty.  Reports no errors.
void recordProvenance(llvm::Module &M, llvm::ArrayRef<ProvenanceFile> Files,
                      llvm::ArrayRef<PrefixMapEntry> Map);

} // namespace rih

#endif // RUST_INLINE_HELPERS_PASSES_HELPERPROVENANCE_H
