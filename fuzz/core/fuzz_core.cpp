// Fuzzes CO-RE resolution: an arbitrary access string, relocation kind and local type id,
// resolved against a small target BTF full of awkward shapes (anonymous members, flexible and
// nested arrays, bitfields, enums of both widths, flavors, forward declarations) and patched
// into each instruction form. Checks properties, not just the absence of crashes: spec limits
// hold, resolution is deterministic, and a successful patch stores the new value.

#include "btf/core/core_candidates.h"
#include "btf/core/core_explain.h"
#include "btf/core/core_relo.h"
#include "btf/core/core_spec.h"
#include "tests/core/btf_builder.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace bpfverify;
using namespace bpfverify::btf;
using namespace bpfverify::btf::core;
using bpfverify::testing::BtfBuilder;

namespace {

void check(bool ok) {
  if (!ok)
    abort();
}

// The same shapes on both sides, laid out differently, plus types only one side has.
void addTypes(BtfBuilder &b, bool target) {
  uint32_t i = b.addInt("int", 4, 1);
  uint32_t u8 = b.addInt("unsigned char", 1);
  uint32_t u64 = b.addInt("long long unsigned int", 8);
  uint32_t arr = b.addArray(i, i, target ? 6 : 3);
  uint32_t flex = b.addArray(u8, i, 0);
  uint32_t arr2 = b.addArray(arr, i, 2);
  uint32_t e = b.addEnum("e", 4, {{"A", -1}, {"B___x", 7}}, true);
  uint32_t e64 = b.addEnum64("e64", {{"BIG", int64_t(0x8000000000000000ull)}});
  uint32_t anon = b.addStruct("", 8, {{"x", i, 0}, {"y", i, 32}});
  uint32_t fwd = b.addFwd("s", false);
  uint32_t ptr = b.addPtr(fwd);
  uint32_t td = b.addTypedef("s_t", i);
  uint32_t cst = b.addConst(td);
  uint32_t bits = b.addStruct("bits", 8,
                              {{"lo", i, target ? 3u : 0u, 5},
                               {"hi", u64, target ? 9u : 8u, target ? 50u : 20u},
                               {"e", e, target ? 60u : 30u, 3}});
  uint32_t proto = b.addFuncProto(i, {{"a", ptr}});
  uint32_t fptr = b.addPtr(proto);
  uint64_t base = target ? 64 : 0;
  b.addStruct("s", 96,
              {{"a", cst, uint32_t(base)},
               {"", anon, uint32_t(base + 64)},
               {"arr", arr2, uint32_t(base + 128)},
               {"p", ptr, uint32_t(base + 320)},
               {"f", fptr, uint32_t(base + 384)},
               {"b", bits, uint32_t(base + 448)},
               {"en", e64, uint32_t(base + 512)},
               {"data", flex, uint32_t(target ? 768 : 704)}});
  b.addStruct(target ? "s___2" : "s___flavor", 16, {{"a", i, 0}, {"x", i, 32}, {"y", u64, 64}});
  b.addStruct(target ? "only_target" : "only_local", 4, {{"z", i, 0}}, /*isUnion=*/true);
  b.addTypedef("e_t", target ? e64 : e);
}

const Target &target() {
  static Target t = [] {
    BtfBuilder b;
    addTypes(b, true);
    auto data = b.bytes();
    auto parsed = Btf::parse(data, "target");
    if (!parsed) {
      fprintf(stderr, "%s\n", llvm::toString(parsed.takeError()).c_str());
      abort();
    }
    return Target{std::shared_ptr<const Btf>(std::move(*parsed)), {}};
  }();
  return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3)
    return 0;
  auto kind = static_cast<CoreReloKind>(data[0] % 14);
  uint32_t typeId = data[1];
  uint8_t form = data[2];
  std::string access(reinterpret_cast<const char *>(data + 3), size - 3);
  access = access.substr(0, access.find('\0'));

  BtfBuilder b;
  addTypes(b, false);
  uint32_t strOff = b.str(access);
  auto bytes = b.bytes();
  auto parsed = Btf::parse(bytes, "local");
  if (!parsed) {
    fprintf(stderr, "%s\n", llvm::toString(parsed.takeError()).c_str());
    abort();
  }
  const Btf &local = **parsed;
  CoreReloRecord rec{0, typeId, strOff, kind};

  CoreSpec spec;
  if (parseSpec(local, rec, spec) == 0 && isFieldBased(kind)) {
    check(spec.raw.size() <= CoreSpecMaxLen);
    check(spec.accessors.size() <= spec.raw.size());
    (void)formatSpec(spec);
  }
  (void)failedRelocationLogText(0, local, rec);

  // Twice on fresh caches: the same outcome.
  CoreReloResult results[2];
  int errs[2];
  for (int round = 0; round < 2; ++round) {
    CandidateCache cache(target());
    std::vector<CoreCandidate> *cands = nullptr;
    if (kind != CoreReloKind::TypeIdLocal && local.validId(typeId)) {
      auto got = cache.get(local, typeId);
      if (!got) {
        llvm::consumeError(got.takeError());
        return 0;
      }
      cands = *got;
    }
    if (!local.validId(typeId))
      return 0;
    CoreDiag diag;
    CoreReloTrace trace;
    errs[round] = calcReloInsn(rec, 0, local, cands, results[round], diag, &trace);
    check(errs[round] <= 0);
  }
  check(errs[0] == errs[1]);
  if (errs[0] != 0)
    return 0;
  check(results[0].newVal == results[1].newVal && results[0].poison == results[1].poison);

  // Patch into one instruction form whose value the compiler would have written.
  const CoreReloResult &res = results[0];
  std::vector<isa::Insn> insns(2);
  switch (form % 3) {
  case 0:
    insns[0].code = isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_K;
    insns[0].imm = static_cast<int32_t>(res.origVal);
    break;
  case 1:
    insns[0].code = static_cast<uint8_t>(isa::BPF_LDX | isa::BPF_MEM | (form & 0x18));
    insns[0].off = static_cast<int16_t>(res.origVal);
    break;
  default:
    insns[0].code = isa::BPF_LD | isa::BPF_IMM | isa::BPF_DW;
    insns[0].imm = static_cast<int32_t>(res.origVal);
    insns[1].imm = static_cast<int32_t>(res.origVal >> 32);
    break;
  }
  CoreDiag diag;
  int err = patchInsn(insns, 0, rec, 0, res, diag);
  check(err <= 0);
  if (err == 0 && !res.poison) {
    if (form % 3 == 0)
      check(insns[0].imm == static_cast<int32_t>(res.newVal));
    if (form % 3 == 2)
      check(static_cast<uint32_t>(insns[0].imm) == static_cast<uint32_t>(res.newVal) &&
            static_cast<uint32_t>(insns[1].imm) == static_cast<uint32_t>(res.newVal >> 32));
  }
  CoreDecision decision;
  decision.record = rec;
  decision.result = res;
  decision.after[0] = insns[0];
  (void)explainDecision(decision);
  return 0;
}
