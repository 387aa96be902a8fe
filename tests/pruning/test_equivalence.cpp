// State equivalence (states_equal and friends) against the rules of Linux 6.18
// kernel/bpf/verifier.c: each case states the kernel rule it checks.

#include "verifier/state/equivalence.h"

#include <catch2/catch.hpp>

using namespace bpfverify::verifier;
using bpfverify::domain::ScalarBounds;
using bpfverify::domain::Tnum;

namespace {

RegState scalarRange(uint64_t umin, uint64_t umax, bool precise = false, uint32_t id = 0) {
  RegState r;
  markRegUnknown(r);
  r.bounds.umin = umin;
  r.bounds.umax = umax;
  r.bounds.sync();
  r.precise = precise;
  r.id = id;
  return r;
}

RegState scalarConst(uint64_t v, bool precise = false, uint32_t id = 0) {
  RegState r;
  markRegUnknown(r);
  markRegKnown(r, v);
  r.precise = precise;
  r.id = id;
  return r;
}

RegState stackPtr(int off, uint32_t frameno = 0) {
  RegState r;
  markPtrKnownZero(r, RegType(RegBase::PtrToStack));
  r.off = off;
  r.frameno = frameno;
  return r;
}

VerifierState oneFrame() {
  VerifierState st;
  st.frames.resize(1);
  for (auto &r : st.frames[0].regs)
    markRegNotInit(r);
  st.frames[0].regs[10] = stackPtr(0);
  return st;
}

bool equal(const VerifierState &old, const VerifierState &cur,
           ExactLevel exact = ExactLevel::NotExact) {
  static IdMap scratch;
  return statesEqual(old, cur, exact, scratch);
}

void spill(FuncState &f, int spi, const RegState &reg) {
  f.growStack((spi + 1) * BPF_REG_SIZE);
  f.stack[spi].spilledPtr = reg;
  f.stack[spi].slotType.fill(SlotType::Spill);
}

void fill(FuncState &f, int spi, SlotType t) {
  f.growStack((spi + 1) * BPF_REG_SIZE);
  markRegNotInit(f.stack[spi].spilledPtr);
  f.stack[spi].slotType.fill(t);
}

} // namespace

TEST_CASE("imprecise scalars in the old state match any scalar", "[equivalence]") {
  IdMap m;
  RegState old = scalarConst(5);
  RegState cur = scalarRange(0, 1000);
  CHECK(regsafe(old, cur, m, ExactLevel::NotExact));
  // RANGE_WITHIN ignores precision marks: the range must then be covered.
  m.reset(0);
  CHECK_FALSE(regsafe(old, cur, m, ExactLevel::RangeWithin));
  m.reset(0);
  CHECK(regsafe(cur, old, m, ExactLevel::RangeWithin));
}

TEST_CASE("precise scalars need range_within and tnum_in", "[equivalence]") {
  IdMap m;
  RegState old = scalarRange(0, 15, true);
  CHECK(regsafe(old, scalarConst(7), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK(regsafe(old, scalarRange(2, 9), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(old, scalarRange(0, 16), m, ExactLevel::NotExact));
  // Bounds inside but a tnum that is not a subset: old knows bit 0 is clear.
  RegState even = scalarRange(0, 14, true);
  even.bounds.varOff = Tnum{0, 0xe};
  RegState odd = scalarConst(3);
  m.reset(0);
  CHECK_FALSE(regsafe(even, odd, m, ExactLevel::NotExact));
  m.reset(0);
  CHECK(regsafe(even, scalarConst(4), m, ExactLevel::NotExact));
}

TEST_CASE("NOT_INIT in the old state matches anything, except under RANGE_WITHIN",
          "[equivalence]") {
  IdMap m;
  RegState notInit;
  markRegNotInit(notInit);
  CHECK(regsafe(notInit, stackPtr(-8), m, ExactLevel::NotExact));
  CHECK(regsafe(notInit, scalarConst(1), m, ExactLevel::NotExact));
  // Under RANGE_WITHIN only NOT_INIT vs NOT_INIT passes the early check; otherwise the types
  // differ.
  CHECK(regsafe(notInit, notInit, m, ExactLevel::RangeWithin));
  CHECK_FALSE(regsafe(notInit, scalarConst(1), m, ExactLevel::RangeWithin));
  // And a live register of the old state must not be NOT_INIT in the current one.
  CHECK_FALSE(regsafe(scalarConst(1, true), notInit, m, ExactLevel::NotExact));
}

TEST_CASE("pointer types, flags included, must match exactly", "[equivalence]") {
  IdMap m;
  RegState scalar = scalarRange(0, 100);
  RegState ptr = stackPtr(-8);
  CHECK_FALSE(regsafe(scalar, ptr, m, ExactLevel::NotExact));
  RegState mapValue;
  markPtrKnownZero(mapValue, RegType(RegBase::PtrToMapValue));
  RegState maybeNull = mapValue;
  maybeNull.type = mapValue.type.with(PTR_MAYBE_NULL);
  CHECK_FALSE(regsafe(maybeNull, mapValue, m, ExactLevel::NotExact));
  CHECK_FALSE(regsafe(mapValue, maybeNull, m, ExactLevel::NotExact));
}

TEST_CASE("stack pointers compare exactly, frame included", "[equivalence]") {
  IdMap m;
  CHECK(regsafe(stackPtr(-8), stackPtr(-8), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(stackPtr(-8), stackPtr(-16), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(stackPtr(-8, 0), stackPtr(-8, 1), m, ExactLevel::NotExact));
}

TEST_CASE("map value pointers: same map, uid and offset, narrower variable offset",
          "[equivalence]") {
  // Two distinct maps: only their addresses matter.
  static const int mapA = 0, mapB = 0;
  auto mapPtr = [](const void *map, uint32_t uid, int off) {
    RegState r;
    markPtrKnownZero(r, RegType(RegBase::PtrToMapValue));
    r.map = static_cast<const bpfverify::object::Map *>(map);
    r.mapUid = uid;
    r.off = off;
    return r;
  };
  IdMap m;
  CHECK(regsafe(mapPtr(&mapA, 0, 4), mapPtr(&mapA, 0, 4), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(mapPtr(&mapA, 0, 4), mapPtr(&mapB, 0, 4), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(mapPtr(&mapA, 1, 4), mapPtr(&mapA, 2, 4), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(mapPtr(&mapA, 0, 4), mapPtr(&mapA, 0, 8), m, ExactLevel::NotExact));
  // Variable offset: old [0, 16] covers cur [4, 8].
  RegState oldVar = mapPtr(&mapA, 0, 0);
  oldVar.bounds = ScalarBounds::unknown();
  oldVar.bounds.umax = 16;
  oldVar.bounds.sync();
  RegState curVar = oldVar;
  curVar.bounds = ScalarBounds::unknown();
  curVar.bounds.umin = 4;
  curVar.bounds.umax = 8;
  curVar.bounds.sync();
  m.reset(0);
  CHECK(regsafe(oldVar, curVar, m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(curVar, oldVar, m, ExactLevel::NotExact));
}

TEST_CASE("packet pointers need at least the old range and the same offset", "[equivalence]") {
  auto pkt = [](int off, int range) {
    RegState r;
    markPtrKnownZero(r, RegType(RegBase::PtrToPacket));
    r.off = off;
    r.range = range;
    return r;
  };
  IdMap m;
  CHECK(regsafe(pkt(0, 14), pkt(0, 20), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(pkt(0, 20), pkt(0, 14), m, ExactLevel::NotExact));
  m.reset(0);
  CHECK_FALSE(regsafe(pkt(2, 14), pkt(0, 14), m, ExactLevel::NotExact));

  // BEYOND_PKT_END (-2) and AT_PKT_END (-1): the release lets any larger range match them;
  // 6.18.y stable ("bpf: Fix regsafe() for pointers to packet") wants the same marker.
  EquivalenceOptions release, stable;
  stable.pktEndRangeExact = true;
  m.reset(0);
  CHECK(regsafe(pkt(4, -2), pkt(4, 4), m, ExactLevel::NotExact, release));
  m.reset(0);
  CHECK_FALSE(regsafe(pkt(4, -2), pkt(4, 4), m, ExactLevel::NotExact, stable));
  m.reset(0);
  CHECK_FALSE(regsafe(pkt(4, 4), pkt(4, -1), m, ExactLevel::NotExact, stable));
  m.reset(0);
  CHECK(regsafe(pkt(4, -1), pkt(4, -1), m, ExactLevel::NotExact, stable));
}

TEST_CASE("check_ids keeps the old->cur id mapping consistent", "[equivalence]") {
  IdMap m;
  m.reset(0);
  CHECK(checkIds(5, 9, m));
  CHECK(checkIds(5, 9, m));
  CHECK_FALSE(checkIds(5, 10, m)); // old 5 already maps to 9
  CHECK_FALSE(checkIds(6, 9, m));  // cur 9 already taken by old 5
  CHECK(checkIds(6, 10, m));
  CHECK(checkIds(0, 0, m));
  CHECK_FALSE(checkIds(0, 3, m));
  CHECK_FALSE(checkIds(3, 0, m));
  // check_scalar_ids: zero stands for a fresh id, so 0 vs unique id is fine, but two old
  // registers linked by one id cannot map onto unlinked ones.
  m.reset(100);
  CHECK(checkScalarIds(0, 7, m));
  CHECK(checkScalarIds(0, 0, m));
  CHECK(m.tmpIdGen == 103);
}

TEST_CASE("linked precise scalars must stay linked (check_scalar_ids)", "[equivalence]") {
  // The kernel's example: r6 and r7 share id b on one path, differ on the other.
  VerifierState old = oneFrame();
  old.frames[0].regs[6] = scalarRange(0, 10, true, 2);
  old.frames[0].regs[7] = scalarRange(0, 10, true, 2);
  VerifierState cur = old;
  CHECK(equal(old, cur));
  cur.frames[0].regs[6].id = 1;
  CHECK_FALSE(equal(old, cur));
  // Renaming is fine as long as the link is kept.
  cur.frames[0].regs[6].id = 7;
  cur.frames[0].regs[7].id = 7;
  CHECK(equal(old, cur));
  // Unlinked (id 0) in old: each zero is a fresh id, so two of them cannot both map onto the
  // one shared current id (check_ids rejects two old ids for one current id)...
  VerifierState unlinked = old;
  unlinked.frames[0].regs[6].id = 0;
  unlinked.frames[0].regs[7].id = 0;
  CHECK_FALSE(equal(unlinked, cur));
  CHECK_FALSE(equal(cur, unlinked));
  // ... but "0 vs unique id" pairs are fine.
  VerifierState distinct = old;
  distinct.frames[0].regs[6].id = 11;
  distinct.frames[0].regs[7].id = 12;
  CHECK(equal(unlinked, distinct));
}

TEST_CASE("BPF_ADD_CONST ids must agree on the flag and the delta", "[equivalence]") {
  IdMap m;
  RegState a = scalarRange(0, 10, true, 3 | BPF_ADD_CONST);
  a.off = 4;
  RegState b = a;
  CHECK(regsafe(a, b, m, ExactLevel::NotExact));
  b.off = 5;
  m.reset(0);
  CHECK_FALSE(regsafe(a, b, m, ExactLevel::NotExact));
  b = a;
  b.id = 3;
  m.reset(0);
  CHECK_FALSE(regsafe(a, b, m, ExactLevel::NotExact));
}

TEST_CASE("stack: STACK_MISC in old covers STACK_ZERO, not the other way round", "[equivalence]") {
  EquivalenceOptions strict;
  strict.allowUninitStack = false;
  FuncState old, cur;
  fill(old, 0, SlotType::Misc);
  fill(cur, 0, SlotType::Zero);
  IdMap m;
  CHECK(stacksafe(old, cur, m, ExactLevel::NotExact, strict));
  CHECK_FALSE(stacksafe(cur, old, m, ExactLevel::NotExact, strict));
  // Invalid old slots were never read.
  FuncState invalid;
  fill(invalid, 0, SlotType::Invalid);
  CHECK(stacksafe(invalid, cur, m, ExactLevel::NotExact, strict));
  // An old slot beyond the current stack that was used.
  FuncState empty;
  CHECK_FALSE(stacksafe(old, empty, m, ExactLevel::NotExact, strict));
  // With allow_uninit_stack (root), old MISC bytes are skipped altogether.
  CHECK(stacksafe(old, empty, m, ExactLevel::NotExact, EquivalenceOptions{}));
}

TEST_CASE("stack: 64-bit scalar spill against all-MISC compares as an unbound scalar",
          "[equivalence]") {
  EquivalenceOptions strict;
  strict.allowUninitStack = false;
  FuncState spilled, misc;
  spill(spilled, 0, scalarConst(42)); // imprecise
  fill(misc, 0, SlotType::Misc);
  IdMap m;
  CHECK(stacksafe(spilled, misc, m, ExactLevel::NotExact, strict));
  // A precise spilled constant is not covered by an unknown value.
  FuncState precise;
  spill(precise, 0, scalarConst(42, true));
  m.reset(0);
  CHECK_FALSE(stacksafe(precise, misc, m, ExactLevel::NotExact, strict));
  // MISC (unbound scalar) vs any spilled scalar: unbound covers everything.
  m.reset(0);
  CHECK(stacksafe(misc, precise, m, ExactLevel::NotExact, strict));
}

TEST_CASE("stack: spilled pointers compare with regsafe", "[equivalence]") {
  FuncState a, b;
  spill(a, 1, stackPtr(-8));
  spill(b, 1, stackPtr(-16));
  IdMap m;
  CHECK_FALSE(stacksafe(a, b, m, ExactLevel::NotExact));
  m.reset(0);
  CHECK(stacksafe(a, a, m, ExactLevel::NotExact));
  // Spilled pointer vs MISC bytes: types differ.
  FuncState misc;
  fill(misc, 1, SlotType::Misc);
  m.reset(0);
  CHECK_FALSE(stacksafe(a, misc, m, ExactLevel::NotExact, EquivalenceOptions{false, false}));
}

TEST_CASE("EXACT compares slot types byte for byte", "[equivalence]") {
  FuncState old, cur;
  fill(old, 0, SlotType::Misc);
  fill(cur, 0, SlotType::Zero);
  IdMap m;
  CHECK_FALSE(stacksafe(old, cur, m, ExactLevel::Exact));
  CHECK_FALSE(stacksafe(old, cur, m, ExactLevel::RangeWithin));
}

TEST_CASE("iterator slots ignore depth; dynptr slots compare type and first slot",
          "[equivalence]") {
  FuncState a, b;
  fill(a, 0, SlotType::Iter);
  a.stack[0].spilledPtr.iterState = IterState::Active;
  a.stack[0].spilledPtr.iterDepth = 1;
  a.stack[0].spilledPtr.refObjId = 3;
  b = a;
  b.stack[0].spilledPtr.iterDepth = 2;
  IdMap m;
  CHECK(stacksafe(a, b, m, ExactLevel::NotExact));
  b.stack[0].spilledPtr.iterState = IterState::Drained;
  m.reset(0);
  CHECK_FALSE(stacksafe(a, b, m, ExactLevel::NotExact));

  FuncState d1, d2;
  fill(d1, 0, SlotType::Dynptr);
  d1.stack[0].spilledPtr.dynptrType = DynptrType::Local;
  d1.stack[0].spilledPtr.dynptrFirstSlot = true;
  d2 = d1;
  m.reset(0);
  CHECK(stacksafe(d1, d2, m, ExactLevel::NotExact));
  d2.stack[0].spilledPtr.dynptrType = DynptrType::Ringbuf;
  m.reset(0);
  CHECK_FALSE(stacksafe(d1, d2, m, ExactLevel::NotExact));
}

TEST_CASE("states_equal: frames, call sites, speculation, references", "[equivalence]") {
  VerifierState old = oneFrame();
  old.frames[0].regs[0] = scalarConst(1);
  VerifierState cur = old;
  CHECK(equal(old, cur));
  // A speculative state never prunes a non-speculative one (but the reverse is fine).
  VerifierState spec = old;
  spec.speculative = true;
  CHECK_FALSE(equal(spec, cur));
  CHECK(equal(cur, spec));
  // Acquired references must match in number and ids.
  VerifierState withRef = old;
  withRef.refs.push_back(RefState{RefType::Ptr, 4, 10, nullptr});
  CHECK_FALSE(equal(old, withRef));
  VerifierState withOtherRef = old;
  withOtherRef.refs.push_back(RefState{RefType::Ptr, 9, 20, nullptr});
  CHECK(equal(withRef, withOtherRef));
  // Locks and RCU sections.
  VerifierState rcu = old;
  rcu.activeRcuLock = 1;
  CHECK_FALSE(equal(old, rcu));
  // Different call sites.
  VerifierState two = oneFrame();
  two.frames.resize(2);
  two.frames[1].callsite = 5;
  two.frames[1].frameno = 1;
  two.curframe = 1;
  VerifierState twoOther = two;
  twoOther.frames[1].callsite = 7;
  CHECK(equal(two, two));
  CHECK_FALSE(equal(two, twoOther));
  CHECK_FALSE(equal(old, two));
  // callback_depth: the old state may not be deeper.
  VerifierState deep = old;
  deep.frames[0].callbackDepth = 2;
  CHECK_FALSE(equal(deep, old));
  CHECK(equal(old, deep));
}

TEST_CASE("func_states_equal compares only registers live at the instruction", "[equivalence]") {
  VerifierState old = oneFrame();
  old.insnIdx = 3;
  old.frames[0].regs[2] = stackPtr(-8);
  VerifierState cur = old;
  cur.frames[0].regs[2] = scalarConst(1);
  IdMap m;
  std::vector<uint16_t> live(5, 0xffff);
  EquivalenceContext ctx;
  ctx.liveRegsBefore = [&](uint32_t i) { return live[i]; };
  CHECK_FALSE(statesEqual(old, cur, ExactLevel::NotExact, m, ctx));
  live[3] = uint16_t(~(1u << 2));
  CHECK(statesEqual(old, cur, ExactLevel::NotExact, m, ctx));
}

TEST_CASE("clean_verifier_state drops dead registers and stack slots", "[equivalence]") {
  VerifierState st = oneFrame();
  st.insnIdx = 1;
  st.frames[0].regs[1] = scalarConst(1);
  st.frames[0].regs[2] = scalarConst(2);
  spill(st.frames[0], 0, scalarConst(3));
  spill(st.frames[0], 1, scalarConst(4));
  std::vector<uint16_t> live = {0, uint16_t((1u << 2) | (1u << 10))};
  cleanVerifierState(
      st, [&](uint32_t i) { return live[i]; },
      [](uint32_t frameno, uint32_t spi) { return frameno == 0 && spi == 1; });
  CHECK(st.cleaned);
  CHECK(st.frames[0].regs[1].isNotInit());
  CHECK(st.frames[0].regs[2].isScalar());
  // r10 is never cleaned.
  CHECK(st.frames[0].regs[10].type.is(RegBase::PtrToStack));
  CHECK(st.frames[0].stack[0].slotType[0] == SlotType::Invalid);
  CHECK(st.frames[0].stack[0].spilledPtr.isNotInit());
  CHECK(st.frames[0].stack[1].isSpilledScalarReg());
}

TEST_CASE("frame_insn_idx: inner frame at insn_idx, outer frames at their call sites",
          "[equivalence]") {
  VerifierState st = oneFrame();
  st.frames.resize(3);
  st.frames[1].callsite = 4;
  st.frames[2].callsite = 12;
  st.curframe = 2;
  st.insnIdx = 20;
  CHECK(frameInsnIdx(st, 0) == 4);
  CHECK(frameInsnIdx(st, 1) == 12);
  CHECK(frameInsnIdx(st, 2) == 20);
}

TEST_CASE("infinite loop pre-checks", "[equivalence]") {
  VerifierState a = oneFrame();
  a.frames[0].regs[1] = scalarConst(1, false, 5);
  VerifierState b = a;
  CHECK(statesMaybeLooping(a, b));
  b.frames[0].regs[1].id = 6; // ids count in the memcmp
  CHECK_FALSE(statesMaybeLooping(a, b));
  b = a;
  b.frames[0].regs[1].precise = true; // precise comes after frameno: ignored
  CHECK(statesMaybeLooping(a, b));

  fill(a.frames[0], 0, SlotType::Iter);
  a.frames[0].stack[0].spilledPtr.iterState = IterState::Active;
  a.frames[0].stack[0].spilledPtr.iterDepth = 1;
  b = a;
  CHECK_FALSE(iterActiveDepthsDiffer(a, b));
  b.frames[0].stack[0].spilledPtr.iterDepth = 2;
  CHECK(iterActiveDepthsDiffer(a, b));
}
