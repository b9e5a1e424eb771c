//===- TargetFeatures.cpp - Target features, expanded by the target -------===//
//
// Part of rust-inline-helpers, under the Apache License v2.0 with LLVM
// Exceptions.
//
//===----------------------------------------------------------------------===//

#include "passes/TargetFeatures.h"
#include "passes/LLVMCompat.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Function.h"
#include "llvm/MC/TargetRegistry.h"

using namespace llvm;

namespace rih {

TargetFeatureOracle::TargetFeatureOracle(const Triple &TT) : TT(TT) {}

bool TargetFeatureOracle::available() {
  if (!Initialized)
    initialize();
  return TheTarget != nullptr;
}

// The subtarget tables are read on first use: most modules, such as codegen
// units that call no helper, never compare two subtargets.
void TargetFeatureOracle::initialize() {
  Initialized = true;
  std::string Err;
  TheTarget = compat::lookupTarget(TT, Err);
  if (!TheTarget)
    return;
  Tables.reset(compat::createMCSubtargetInfo(*TheTarget, TT, "", ""));
  if (!Tables) {
    TheTarget = nullptr;
    return;
  }
  // A feature is "tuning only" when some CPU's tuning list implies it and no
  // CPU's ISA list does.
  FeatureBitset IsaBits, TuneBits;
  for (const SubtargetSubTypeKV &CPU : Tables->getAllProcessorDescriptions()) {
    IsaBits |= CPU.Implies.getAsBitset();
    TuneBits |= CPU.TuneImplies.getAsBitset();
  }
  TuningOnly = TuneBits & ~IsaBits;
}

TargetFeatureOracle::~TargetFeatureOracle() = default;

std::string TargetFeatureOracle::dropUnknownDisables(
    StringRef Features, SmallVectorImpl<std::string> &Dropped) {
  if (!available())
    return Features.str();
  ArrayRef<SubtargetFeatureKV> All = Tables->getAllProcessorFeatures();
  SmallVector<StringRef, 32> Parts, Kept;
  SplitString(Features, Parts, ",");
  for (StringRef P : Parts) {
    StringRef Name = P.trim();
    auto It = llvm::lower_bound(All, Name.drop_front());
    bool Known = It != All.end() && StringRef(It->Key) == Name.drop_front();
    if (Name.starts_with("-") && !Known)
      Dropped.push_back(Name.str());
    else
      Kept.push_back(P);
  }
  return Dropped.empty() ? Features.str() : join(Kept, ",");
}

StringRef TargetFeatureOracle::getBaselineCPU() const {
  switch (TT.getArch()) {
  case Triple::x86_64:
    return "x86-64";
  case Triple::riscv64:
    return "generic-rv64";
  case Triple::riscv32:
    return "generic-rv32";
  default:
    return "generic";
  }
}

const FeatureBitset &TargetFeatureOracle::expand(StringRef CPU,
                                                 StringRef Features) {
  // Every Rust function of a crate carries the same long feature string:
  // look the attribute values up as they are before any parsing.
  std::string RawKey = (CPU + "\n" + Features).str();
  auto Raw = RawCache.find(RawKey);
  if (Raw != RawCache.end())
    return Raw->second;
  const FeatureBitset &Bits = expandUncached(CPU, Features);
  return RawCache.try_emplace(RawKey, Bits).first->second;
}

const FeatureBitset &TargetFeatureOracle::expandUncached(StringRef CPU,
                                                         StringRef Features) {
  // Keep only CPU names and features the target knows, so that the tables do
  // not print warnings for spellings of another compiler.
  if (!CPU.empty() && !Tables->isCPUStringValid(CPU))
    CPU = "";
  SmallVector<StringRef, 32> Parts;
  SmallVector<std::string, 32> Known;
  SplitString(Features, Parts, ",");
  ArrayRef<SubtargetFeatureKV> All = Tables->getAllProcessorFeatures();
  for (StringRef P : Parts) {
    StringRef Name = P.trim();
    if (Name.size() < 2 || (Name[0] != '+' && Name[0] != '-'))
      continue;
    auto It = llvm::lower_bound(All, Name.drop_front());
    if (It != All.end() && StringRef(It->Key) == Name.drop_front())
      Known.push_back(Name.str());
  }
  std::string FS = join(Known, ",");
  std::string Key = (CPU + "|" + FS).str();
  auto [It, Inserted] = Cache.try_emplace(Key);
  if (Inserted) {
    std::unique_ptr<const MCSubtargetInfo> STI(
        compat::createMCSubtargetInfo(*TheTarget, TT, CPU, FS));
    if (STI)
      It->second = STI->getFeatureBits();
  }
  return It->second;
}

SmallVector<std::string, 8>
TargetFeatureOracle::names(const FeatureBitset &Bits) {
  SmallVector<std::string, 8> Out;
  for (const SubtargetFeatureKV &KV : Tables->getAllProcessorFeatures())
    if (Bits.test(KV.Value))
      Out.push_back(KV.Key);
  return Out;
}

static StringRef attr(const Function &F, StringRef Kind) {
  return F.getFnAttribute(Kind).getValueAsString();
}

std::optional<FeatureComparison>
TargetFeatureOracle::compare(const Function &Caller, const Function &Callee) {
  if (!available())
    return std::nullopt;
  FeatureBitset CallerBits =
      expand(attr(Caller, "target-cpu"), attr(Caller, "target-features"));
  FeatureBitset CalleeBits =
      expand(attr(Callee, "target-cpu"), attr(Callee, "target-features"));
  // The baseline CPU with the caller's explicit feature list applied: what
  // every machine running the caller has, less what the caller turned off.
  FeatureBitset CallerFloor =
      expand(getBaselineCPU(), attr(Caller, "target-features")) | CallerBits;

  FeatureBitset ExtraBits = CalleeBits & ~CallerBits;
  FeatureComparison C;
  C.Tuning = names(ExtraBits & TuningOnly);
  ExtraBits &= ~TuningOnly;
  C.Extra = names(ExtraBits);
  C.Baseline = names(ExtraBits & CallerFloor);
  return C;
}

} // namespace rih
