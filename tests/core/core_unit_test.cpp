// Unit tests of CO-RE resolution on small hand-made BTFs: spec parsing, matching rules,
// candidate search (flavors, modules, pruning, ambiguity) and instruction patching.
#include "btf/core/core_btf.h"
#include "btf/core/core_candidates.h"
#include "btf/core/core_match.h"
#include "btf/core/core_relo.h"
#include "btf/core/core_spec.h"
#include "lib/object/core_apply.h"
#include "lib/support/error.h"
#include "tests/core/btf_builder.h"

#include <catch2/catch.hpp>

#include <cerrno>

using namespace bpfverify;
using namespace bpfverify::btf;
using namespace bpfverify::btf::core;
using bpfverify::testing::BtfBuilder;

namespace {

constexpr uint32_t Signed = 1;

isa::Insn movImm(uint8_t dst, int32_t imm) {
  isa::Insn i;
  i.code = isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_K;
  i.dst = dst;
  i.imm = imm;
  return i;
}
isa::Insn ldx(uint8_t size, uint8_t dst, uint8_t src, int16_t off) {
  isa::Insn i;
  i.code = isa::BPF_LDX | isa::BPF_MEM | size;
  i.dst = dst;
  i.src = src;
  i.off = off;
  return i;
}
std::vector<isa::Insn> ldImm64(uint8_t dst, uint64_t value) {
  isa::Insn a, b;
  a.code = isa::BPF_LD | isa::BPF_IMM | isa::BPF_DW;
  a.dst = dst;
  a.imm = static_cast<int32_t>(static_cast<uint32_t>(value));
  b.imm = static_cast<int32_t>(static_cast<uint32_t>(value >> 32));
  return {a, b};
}

// A local object BTF with its access strings.
struct Local {
  BtfBuilder b;
  std::unique_ptr<Btf> btf;
  uint32_t intId = 0, fooId = 0, barId = 0, enumId = 0, flavorId = 0, ghostId = 0, arrId = 0;
  uint32_t s0 = 0, s01 = 0, s02 = 0, s021 = 0, s03 = 0, s1 = 0, s00 = 0;

  Local() {
    intId = b.addInt("int", 4, Signed);           // 1
    uint32_t u16 = b.addInt("unsigned short", 2); // 2
    arrId = b.addArray(intId, intId, 4);          // 3: int[4]
    // struct foo { int a; unsigned short b; int c[4]; unsigned short flags; }
    fooId = b.addStruct("foo", 28,
                        {{"a", intId, 0}, {"b", u16, 32}, {"c", arrId, 64}, {"flags", u16, 192}});
    barId = b.addStruct("bar___v2", 4, {{"x", intId, 0}}); // a flavored local name
    enumId = b.addEnum("color", 4, {{"RED", 0}, {"GREEN___old", 1}, {"PURPLE", 9}});
    flavorId = b.addStruct("foo___flavor", 20, {{"a", intId, 0}, {"c", arrId, 32}});
    ghostId = b.addStruct("ghost", 4, {{"x", intId, 0}});
    s0 = b.str("0");
    s01 = b.str("0:1");
    s02 = b.str("0:2");
    s021 = b.str("0:2:1");
    s03 = b.str("0:3");
    s1 = b.str("1");
    s00 = b.str("0:0");
    btf = b.build("local.btf");
  }
};

// A target kernel BTF: foo has its members moved, some nested in an anonymous struct.
struct Kernel {
  std::shared_ptr<const Btf> btf;
  uint32_t intId = 0, fooId = 0, colorId = 0;
  Kernel() {
    BtfBuilder b;
    intId = b.addInt("int", 4, Signed);                                    // 1
    uint32_t u32 = b.addInt("unsigned int", 4);                            // 2
    uint32_t arr = b.addArray(intId, intId, 8);                            // 3: int[8]
    uint32_t anon = b.addStruct("", 8, {{"b", u32, 0}, {"a", intId, 32}}); // 4
    // struct foo { long pad; struct { unsigned int b; int a; }; int c[8]; unsigned int flags; }
    uint32_t lng = b.addInt("long", 8, Signed); // 5
    fooId = b.addStruct("foo", 52,
                        {{"pad", lng, 0}, {"", anon, 64}, {"c", arr, 128}, {"flags", u32, 384}});
    colorId = b.addEnum("color", 4, {{"GREEN", 5}, {"RED", -2}}, true); // 7
    b.addStruct("bar", 8, {{"y", intId, 0}, {"x", intId, 32}});         // 8
    btf = b.build("vmlinux");
  }
};

CoreReloRecord rec(uint32_t insnIdx, uint32_t type, uint32_t str, CoreReloKind kind) {
  return {insnIdx * 8, type, str, kind};
}

int calc(const Local &l, CandidateCache &cache, const CoreReloRecord &r, CoreReloResult &res,
         std::string *warning = nullptr) {
  std::vector<CoreCandidate> *cands = nullptr;
  if (r.kind != CoreReloKind::TypeIdLocal) {
    auto got = cache.get(*l.btf, r.typeId);
    REQUIRE(static_cast<bool>(got));
    cands = *got;
  }
  CoreDiag diag;
  int err = calcReloInsn(r, 0, *l.btf, cands, res, diag);
  if (warning)
    *warning = diag.warning;
  return err;
}

} // namespace

TEST_CASE("essential names drop the last ___flavor suffix", "[core]") {
  CHECK(essentialNameLength("task_struct___old") == 11);
  CHECK(essentialNameLength("task_struct") == 11);
  CHECK(essentialNameLength("a___b___c") == 5);   // only the last suffix
  CHECK(essentialNameLength("foo___") == 6);      // "___" must be followed by a non-'_'
  CHECK(essentialNameLength("foo____bar") == 10); // four underscores are not a separator
  CHECK(essentialNameLength("___x") == 4);        // needs a non-'_' before the separator
  CHECK(essentialNamesEqual("foo___a", "foo___b"));
  CHECK_FALSE(essentialNamesEqual("foo___a", "food"));
}

TEST_CASE("access strings parse like bpf_core_parse_spec", "[core]") {
  Local l;
  CoreSpec spec;
  std::vector<std::unique_ptr<Btf>> keep; // the specs point into their BTF
  auto parse = [&](uint32_t type, const std::string &s, CoreReloKind kind) {
    BtfBuilder b2 = l.b;
    uint32_t off = b2.str(s);
    keep.push_back(b2.build());
    return parseSpec(*keep.back(), {0, type, off, kind}, spec);
  };
  CHECK(parse(l.fooId, "0:2:3", CoreReloKind::FieldByteOffset) == 0);
  CHECK(spec.raw == std::vector<int32_t>{0, 2, 3});
  REQUIRE(spec.accessors.size() == 3);
  CHECK(spec.accessors[1].name == "c");
  CHECK_FALSE(spec.accessors[2].named);
  CHECK(spec.bitOffset == 64 + 3 * 32);
  CHECK(parse(l.fooId, "1:1", CoreReloKind::FieldByteOffset) == 0);
  CHECK(spec.bitOffset == 28 * 8 + 32); // the root index scales by the struct size
  CHECK(parse(l.fooId, " 0: +1", CoreReloKind::FieldByteOffset) == 0); // sscanf("%d") leniency

  CHECK(parse(l.fooId, "", CoreReloKind::FieldByteOffset) == -EINVAL);
  CHECK(parse(l.fooId, ":0", CoreReloKind::FieldByteOffset) == -EINVAL);
  CHECK(parse(l.fooId, "0:", CoreReloKind::FieldByteOffset) == -EINVAL);
  CHECK(parse(l.fooId, "0::1", CoreReloKind::FieldByteOffset) == -EINVAL);
  CHECK(parse(l.fooId, "0:x", CoreReloKind::FieldByteOffset) == -EINVAL);
  CHECK(parse(l.fooId, "0:4", CoreReloKind::FieldByteOffset) == -EINVAL);   // no member 4
  CHECK(parse(l.fooId, "0:2:4", CoreReloKind::FieldByteOffset) == -EINVAL); // int[4][4]
  CHECK(parse(l.fooId, "0:0:0", CoreReloKind::FieldByteOffset) == -EINVAL); // into an int
  CHECK(parse(l.fooId, "0:-1", CoreReloKind::FieldByteOffset) == -EINVAL);
  std::string deep = "0";
  for (int i = 0; i < 64; ++i)
    deep += ":0";
  CHECK(parse(l.fooId, deep, CoreReloKind::FieldByteOffset) == -E2BIG); // 65 > 64 elements

  // Type-based kinds take exactly "0"; enum kinds one index into an enum.
  CHECK(parse(l.fooId, "0", CoreReloKind::TypeSize) == 0);
  CHECK(parse(l.fooId, "0:0", CoreReloKind::TypeSize) == -EINVAL);
  CHECK(parse(l.enumId, "2", CoreReloKind::EnumvalValue) == 0);
  CHECK(spec.accessors[0].name == "PURPLE");
  CHECK(parse(l.enumId, "3", CoreReloKind::EnumvalValue) == -EINVAL);
  CHECK(parse(l.fooId, "0", CoreReloKind::EnumvalValue) == -EINVAL);
  CHECK(parse(l.fooId, "0", static_cast<CoreReloKind>(13)) == -EINVAL);
}

TEST_CASE("field relocations follow members into anonymous target structs", "[core]") {
  Local l;
  Kernel k;
  Target target{k.btf, {}};
  CandidateCache cache(target);
  CoreReloResult res;

  // foo.b: local offset 4, kernel offset 8 (inside the anonymous struct at 8), u16 -> u32.
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s01, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.origVal == 4);
  CHECK(res.newVal == 8);
  CHECK(res.origSize == 2);
  CHECK(res.newSize == 4);
  CHECK_FALSE(res.failMemszAdjust); // both unsigned: widening is safe
  CHECK_FALSE(res.poison);

  // foo.a: int stays int; offset 0 -> 12.
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s00, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.newVal == 12);

  // foo.c[1]: array element offset, 8 + 4 -> 16 + 4.
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s021, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.origVal == 12);
  CHECK(res.newVal == 20);
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s02, CoreReloKind::FieldByteSize), res) == 0);
  CHECK(res.origVal == 16);
  CHECK(res.newVal == 32);
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s02, CoreReloKind::FieldExists), res) == 0);
  CHECK(res.newVal == 1);
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s00, CoreReloKind::FieldSigned), res) == 0);
  CHECK(res.newVal == 1);
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s03, CoreReloKind::FieldRShiftU64), res) == 0);
  CHECK(res.origVal == 48); // 64 - 16 bits
  CHECK(res.newVal == 32);  // 64 - 32 bits
  REQUIRE(calc(l, cache, rec(0, l.fooId, l.s03, CoreReloKind::FieldLShiftU64), res) == 0);
  CHECK(res.newVal == 32);

  // Signedness on an array access is refused, as in libbpf.
  std::string warning;
  CHECK(calc(l, cache, rec(3, l.fooId, l.s021, CoreReloKind::FieldSigned), res, &warning) ==
        -EINVAL);
  CHECK(warning == "relo 3 at insn #3 can't be applied to array access");
}

TEST_CASE("misses yield 0 or poison, per kind", "[core]") {
  Local l;
  Kernel k;
  Target target{k.btf, {}};
  CandidateCache cache(target);
  CoreReloResult res;
  // "ghost" has no candidate at all.
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s00, CoreReloKind::FieldExists), res) == 0);
  CHECK(res.origVal == 1);
  CHECK(res.newVal == 0);
  CHECK_FALSE(res.poison);
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s00, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.poison);
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s0, CoreReloKind::TypeExists), res) == 0);
  CHECK(res.newVal == 0);
  CHECK_FALSE(res.poison);
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s0, CoreReloKind::TypeSize), res) == 0);
  CHECK(res.newVal == 0);
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s0, CoreReloKind::TypeIdTarget), res) == 0);
  CHECK(res.newVal == 0);
  CHECK_FALSE(res.validate);
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s0, CoreReloKind::TypeIdLocal), res) == 0);
  CHECK(res.newVal == l.ghostId);

  // Enumerators: by flavor-less name; PURPLE is missing in the kernel.
  REQUIRE(calc(l, cache, rec(0, l.enumId, l.s1, CoreReloKind::EnumvalValue), res) == 0);
  CHECK(res.origVal == 1);
  CHECK(res.newVal == 5); // GREEN___old matches GREEN
  REQUIRE(calc(l, cache, rec(0, l.enumId, l.s0, CoreReloKind::EnumvalValue), res) == 0);
  CHECK(res.newVal == static_cast<uint64_t>(-2)); // s32 values are sign-extended
  BtfBuilder b2 = l.b;
  uint32_t s2 = b2.str("2");
  auto btf2 = b2.build();
  CoreDiag diag;
  auto *cands = *cache.get(*btf2, l.enumId);
  REQUIRE(calcReloInsn({0, l.enumId, s2, CoreReloKind::EnumvalValue}, 0, *btf2, cands, res, diag) ==
          0);
  CHECK(res.poison);
  REQUIRE(calcReloInsn({0, l.enumId, s2, CoreReloKind::EnumvalExists}, 0, *btf2, cands, res,
                       diag) == 0);
  CHECK(res.newVal == 0);
}

TEST_CASE("flavored local names find the flavor-less kernel type", "[core]") {
  Local l;
  Kernel k;
  Target target{k.btf, {}};
  CandidateCache cache(target);
  CoreReloResult res;
  // bar___v2.x: kernel bar has x at offset 4.
  REQUIRE(calc(l, cache, rec(0, l.barId, l.s00, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.newVal == 4);
  // foo___flavor.c[0]: kernel foo's c at 16.
  REQUIRE(calc(l, cache, rec(0, l.flavorId, l.s01, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.newVal == 16);
  REQUIRE(calc(l, cache, rec(0, l.flavorId, l.s0, CoreReloKind::TypeSize), res) == 0);
  CHECK(res.newVal == 52);
}

TEST_CASE("candidates must agree; matching prunes the shared list", "[core]") {
  Local l;
  BtfBuilder kb;
  uint32_t i = kb.addInt("int", 4, Signed);
  uint32_t u16 = kb.addInt("unsigned short", 2);
  uint32_t arr = kb.addArray(i, i, 4);
  // Two flavors of foo: same "a", different "b", only the first has "flags".
  uint32_t f1 = kb.addStruct("foo", 16, {{"a", i, 0}, {"b", u16, 32}, {"flags", u16, 48}});
  uint32_t f2 = kb.addStruct("foo___2", 28, {{"a", i, 0}, {"b", u16, 64}, {"c", arr, 96}});
  Target target{std::shared_ptr<const Btf>(kb.build("vmlinux")), {}};

  {
    CandidateCache cache(target);
    CoreReloResult res;
    std::string warning;
    auto *cands = *cache.get(*l.btf, l.fooId);
    REQUIRE(cands->size() == 2);
    CHECK((*cands)[0].id == f1);
    CHECK((*cands)[1].id == f2);
    // "a" agrees: both stay.
    REQUIRE(calc(l, cache, rec(0, l.fooId, l.s00, CoreReloKind::FieldByteOffset), res) == 0);
    CHECK(cands->size() == 2);
    // "b" disagrees on the offset.
    CHECK(calc(l, cache, rec(7, l.fooId, l.s01, CoreReloKind::FieldByteOffset), res, &warning) ==
          -EINVAL);
    CHECK(warning == "relo #0: field offset ambiguity: 64 != 32");
    // Sizes differ too.
    CHECK(calc(l, cache, rec(0, l.fooId, l.s0, CoreReloKind::TypeSize), res, &warning) == -EINVAL);
    CHECK(warning == "relo #0: relocation decision ambiguity: success 28 != success 16");
  }
  {
    CandidateCache cache(target);
    CoreReloResult res;
    // "flags" only matches foo: the list shrinks, and later relocations see foo alone.
    REQUIRE(calc(l, cache, rec(0, l.fooId, l.s03, CoreReloKind::FieldByteOffset), res) == 0);
    CHECK(res.newVal == 6);
    auto *cands = *cache.get(*l.btf, l.fooId);
    REQUIRE(cands->size() == 1);
    CHECK((*cands)[0].id == f1);
    REQUIRE(calc(l, cache, rec(0, l.fooId, l.s01, CoreReloKind::FieldByteOffset), res) == 0);
    CHECK(res.newVal == 4);
    REQUIRE(calc(l, cache, rec(0, l.fooId, l.s0, CoreReloKind::TypeSize), res) == 0);
    CHECK(res.newVal == 16);
  }
  {
    CandidateCache cache(target);
    CoreReloResult res;
    // An existence check prunes as well: c[1] exists only in foo___2.
    REQUIRE(calc(l, cache, rec(0, l.fooId, l.s021, CoreReloKind::FieldExists), res) == 0);
    CHECK(res.newVal == 1);
    auto *cands = *cache.get(*l.btf, l.fooId);
    REQUIRE(cands->size() == 1);
    CHECK((*cands)[0].id == f2);
  }
  {
    BtfBuilder kb2;
    uint32_t i2 = kb2.addInt("int", 4, Signed);
    kb2.addStruct("foo", 4, {{"a", i2, 0}});
    kb2.addStruct("foo___2", 8, {{"x", i2, 0}, {"a", i2, 32}});
    Target target2{std::shared_ptr<const Btf>(kb2.build("vmlinux")), {}};
    CandidateCache cache(target2);
    CoreReloResult res;
    // A miss in every candidate leaves the list alone.
    REQUIRE(calc(l, cache, rec(0, l.fooId, l.s021, CoreReloKind::FieldExists), res) == 0);
    CHECK(res.newVal == 0);
    CHECK((*cache.get(*l.btf, l.fooId))->size() == 2);
  }
}

TEST_CASE("module BTFs are searched only when vmlinux has no candidate", "[core]") {
  Local l;
  Kernel k;
  BtfBuilder mb(*k.btf);
  uint32_t mi = mb.addInt("int", 4, Signed);
  uint32_t ghost = mb.addStruct("ghost", 8, {{"pad", mi, 0}, {"x", k.intId, 32}});
  mb.addStruct("foo", 4, {{"a", k.intId, 0}}); // shadowed by vmlinux's foo
  std::shared_ptr<const Btf> mod(mb.build("mod_a", k.btf));
  Target target{k.btf, {{"mod_a", mod}}};
  CandidateCache cache(target);

  auto *ghostCands = *cache.get(*l.btf, l.ghostId);
  REQUIRE(ghostCands->size() == 1);
  CHECK((*ghostCands)[0].module == 1);
  CHECK((*ghostCands)[0].id == ghost);
  CHECK(ghost >= k.btf->endId());
  auto *fooCands = *cache.get(*l.btf, l.fooId);
  REQUIRE(fooCands->size() == 1);
  CHECK((*fooCands)[0].module == 0);

  CoreReloResult res;
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s00, CoreReloKind::FieldByteOffset), res) == 0);
  CHECK(res.newVal == 4);
  REQUIRE(calc(l, cache, rec(0, l.ghostId, l.s0, CoreReloKind::TypeIdTarget), res) == 0);
  CHECK(res.newVal == ghost); // split BTF ids continue after vmlinux's
}

TEST_CASE("type compatibility and type matching rules", "[core]") {
  BtfBuilder lb;
  uint32_t li = lb.addInt("int", 4, Signed);
  uint32_t lu = lb.addInt("unsigned int", 4);
  uint32_t lp = lb.addPtr(li);
  uint32_t ls = lb.addStruct("s", 8, {{"p", lp, 0}});
  uint32_t ls2 = lb.addStruct("s___bad", 8, {{"p", lu, 0}});
  uint32_t lfwdPtr = lb.addPtr(lb.addFwd("s", false));
  uint32_t le = lb.addEnum("e", 4, {{"A___x", 0}});
  uint32_t lf = lb.addFloat("float", 4);
  auto local = lb.build();

  BtfBuilder tb;
  uint32_t ti = tb.addInt("int", 4, Signed);
  uint32_t tl = tb.addInt("long", 8, Signed);
  uint32_t tp = tb.addPtr(tb.addTypedef("int_t", ti));
  uint32_t ts = tb.addStruct("s", 16, {{"q", ti, 0}, {"p", tp, 64}});
  uint32_t te = tb.addEnum64("e", {{"B", 1}, {"A", 2}});
  uint32_t tf = tb.addFloat("float", 4);
  uint32_t tsPtr = tb.addPtr(ts);
  auto targ = tb.build();

  CHECK(typesAreCompat(*local, ls, *targ, ts) == 1);
  CHECK(typesAreCompat(*local, li, *targ, tl) == 1); // ints: size and sign ignored
  CHECK(typesAreCompat(*local, lp, *targ, tp) == 1);
  CHECK(typesAreCompat(*local, le, *targ, te) == 1); // enum vs enum64
  CHECK(typesAreCompat(*local, lp, *targ, ti) == 0);
  CHECK(fieldsAreCompat(*local, lf, *targ, tf) == 1);

  CHECK(typesMatch(*local, ls, *targ, ts) == 1);         // p: int * vs int_t * (typedef skipped)
  CHECK(typesMatch(*local, ls2, *targ, ts) == 0);        // unsigned int vs pointer
  CHECK(typesMatch(*local, li, *targ, tl) == 0);         // names differ ("int" vs "long")
  CHECK(typesMatch(*local, le, *targ, te) == 0);         // enum size 4 vs enum64 size 8
  CHECK(typesMatch(*local, lfwdPtr, *targ, tsPtr) == 1); // fwd struct behind a pointer
  CHECK(typesMatch(*local, lf, *targ, tf) == 0);         // FLOAT is not a kind types_match knows
}

TEST_CASE("flexible array members accept any index", "[core]") {
  BtfBuilder lb;
  uint32_t i = lb.addInt("int", 4, Signed);
  uint32_t flex = lb.addArray(i, i, 0);
  uint32_t s = lb.addStruct("msg", 4, {{"len", i, 0}, {"data", flex, 32}});
  uint32_t str = lb.str("0:1:5");
  uint32_t bad = lb.str("0:0:5");
  auto local = lb.build();
  CoreSpec spec;
  REQUIRE(parseSpec(*local, {0, s, str, CoreReloKind::FieldByteOffset}, spec) == 0);
  CHECK(spec.bitOffset == 32 + 5 * 32);
  CHECK(formatSpec(spec) == "<byte_off> [3] struct msg.data[5] (0:1:5 @ offset 24)");
  CHECK(parseSpec(*local, {0, s, bad, CoreReloKind::FieldByteOffset}, spec) == -EINVAL);

  BtfBuilder tb;
  uint32_t ti = tb.addInt("int", 4, Signed);
  uint32_t tflex = tb.addArray(ti, ti, 0);
  uint32_t ts = tb.addStruct("msg", 8, {{"pad", ti, 0}, {"len", ti, 32}, {"data", tflex, 64}});
  auto targ = tb.build();
  CoreSpec targSpec;
  REQUIRE(parseSpec(*local, {0, s, str, CoreReloKind::FieldByteOffset}, spec) == 0);
  REQUIRE(specMatch(spec, *targ, ts, targSpec) == 1);
  CHECK(targSpec.bitOffset == 64 + 5 * 32);
}

TEST_CASE("patching checks the compiler's value and rewrites like libbpf", "[core]") {
  CoreReloRecord r{0, 1, 0, CoreReloKind::FieldByteOffset};
  CoreDiag diag;
  CoreReloResult res;
  res.origVal = 4;
  res.newVal = 1264;

  std::vector<isa::Insn> insns = {movImm(1, 4)};
  REQUIRE(patchInsn(insns, 0, r, 0, res, diag) == 0);
  CHECK(insns[0].imm == 1264);
  CHECK(patchInsn(insns, 0, r, 0, res, diag) == -EINVAL); // now holds 1264, not 4
  CHECK(diag.warning == "relo #0: unexpected insn #0 (ALU/ALU64) value: got 1264, exp 4 -> 1264");

  insns = {ldx(isa::BPF_H, 0, 1, 4)};
  res.origSize = 2;
  res.newSize = 4;
  REQUIRE(patchInsn(insns, 0, r, 0, res, diag) == 0);
  CHECK(insns[0].off == 1264);
  CHECK(insns[0].code == (isa::BPF_LDX | isa::BPF_MEM | isa::BPF_W));

  insns = {ldx(isa::BPF_H, 0, 1, 4)};
  res.failMemszAdjust = true;
  REQUIRE(patchInsn(insns, 0, r, 0, res, diag) == 0);
  CHECK(insns[0].code == (isa::BPF_JMP | isa::BPF_CALL));
  CHECK(insns[0].imm == 195896080);

  res = CoreReloResult();
  res.origVal = 4;
  res.newVal = 40000;
  insns = {ldx(isa::BPF_W, 0, 1, 4)};
  CHECK(patchInsn(insns, 0, r, 0, res, diag) == -ERANGE);

  // ld_imm64: 64-bit value in two halves; poisoning covers both slots.
  res = CoreReloResult();
  res.origVal = 7;
  res.newVal = 0xfffffffffffffe00ull;
  insns = ldImm64(2, 7);
  REQUIRE(patchInsn(insns, 0, r, 0, res, diag) == 0);
  CHECK(static_cast<uint32_t>(insns[0].imm) == 0xfffffe00u);
  CHECK(static_cast<uint32_t>(insns[1].imm) == 0xffffffffu);
  res.poison = true;
  REQUIRE(patchInsn(insns, 0, r, 0, res, diag) == 0);
  CHECK(insns[0].code == (isa::BPF_JMP | isa::BPF_CALL));
  CHECK(insns[1].code == (isa::BPF_JMP | isa::BPF_CALL));
  CHECK(insns[1].imm == 195896080);
  res.poison = false;
  insns = ldImm64(2, 7);
  insns.pop_back();
  CHECK(patchInsn(insns, 0, r, 0, res, diag) == -EINVAL); // truncated ld_imm64

  // Register-source ALU and jumps cannot carry a relocation.
  isa::Insn ja;
  ja.code = isa::BPF_JMP | isa::BPF_JA;
  insns = {ja};
  CHECK(patchInsn(insns, 0, r, 0, res, diag) == -EINVAL);
  CHECK(diag.warning.find("trying to relocate unrecognized insn #0, code:0x5") !=
        std::string::npos);
}

TEST_CASE("applyCoreRelocations reports bad records with the file and section", "[core]") {
  Local l;
  Kernel k;
  Target target{k.btf, {}};
  std::vector<isa::Insn> insns = {movImm(1, 4), movImm(2, 0)};
  std::vector<CoreReloRecord> relos = {{4, l.fooId, l.s01, CoreReloKind::FieldByteOffset}};
  std::string msg =
      errorMessage(object::applyCoreRelocations("x.o", "kprobe/f", insns, relos, *l.btf, target));
  CHECK(msg == "x.o: section 'kprobe/f': CO-RE relo #0: insn offset 4 is not a multiple of 8");
  relos[0].insnOffset = 16;
  msg = errorMessage(object::applyCoreRelocations("x.o", "kprobe/f", insns, relos, *l.btf, target));
  CHECK(msg == "x.o: section 'kprobe/f': CO-RE relo #0: insn #2 is past the section's 2 "
               "instructions");
  relos[0].insnOffset = 0;
  relos[0].typeId = 999;
  msg = errorMessage(object::applyCoreRelocations("x.o", "kprobe/f", insns, relos, *l.btf, target));
  CHECK(msg.find("local type id 999 is invalid") != std::string::npos);

  relos = {{0, l.fooId, l.s01, CoreReloKind::FieldByteOffset},
           {8, l.fooId, l.s01, CoreReloKind::FieldByteOffset}};
  msg = errorMessage(object::applyCoreRelocations("x.o", "kprobe/f", insns, relos, *l.btf, target));
  CHECK(msg == "x.o: section 'kprobe/f': CO-RE relo #1: unexpected insn #1 (ALU/ALU64) value: "
               "got 0, exp 4 -> 8");
  CHECK(insns[0].imm == 8); // the first was patched before the second failed

  Target none;
  insns = {movImm(1, 4)};
  relos = {{0, l.fooId, l.s01, CoreReloKind::FieldByteOffset}};
  CHECK(errorMessage(object::applyCoreRelocations("x.o", "s", insns, relos, *l.btf, none))
            .find("need the target kernel's BTF") != std::string::npos);
}
