// verifier/check/dynptr: the stack-slot rules of Linux 6.18's dynptrs on hand-built states.
#include "verifier/check/dynptr.h"

#include "verifier/check/call.h"
#include "verifier/engine/verify_options.h"
#include "verifier/target/helper_proto.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::verifier;
namespace tg = bpfverify::target;

namespace {

/// An Env over an empty program with one frame of `slots` stack slots.
struct Harness {
  object::Object obj;
  object::Program prog;
  VerifyOptions opts;
  Env env;

  explicit Harness(int slots) : env(obj, prog, nullptr, opts) {
    env.cur = std::make_unique<VerifierState>();
    env.cur->frames.resize(1);
    initFuncState(env.cur->frames[0], -1, 0, 0);
    env.cur->frames[0].growStack(slots * BPF_REG_SIZE);
  }
  FuncState &frame() { return env.cur->frames[0]; }
};

/// A dynptr of `type` whose first slot is `spi` (second slot spi - 1), as mark_stack_slots_dynptr
/// leaves it.
void putDynptr(FuncState &f, int spi, DynptrType type, uint32_t id, uint32_t refObjId) {
  for (int s : {spi, spi - 1}) {
    StackSlot &slot = f.stack[size_t(s)];
    slot.slotType.fill(SlotType::Dynptr);
    markRegKnownZero(slot.spilledPtr);
    slot.spilledPtr.type = RegType(RegBase::ConstPtrToDynptr);
    slot.spilledPtr.id = id;
    slot.spilledPtr.dynptrType = type;
    slot.spilledPtr.dynptrFirstSlot = s == spi;
    slot.spilledPtr.refObjId = refObjId;
  }
}

/// A bpf_dynptr_data slice of the dynptr with `dynptrId`.
RegState slice(uint32_t dynptrId, uint32_t refObjId) {
  RegState r;
  markPtrKnownZero(r, RegType(RegBase::PtrToMem));
  r.memSize = 8;
  r.dynptrId = dynptrId;
  r.refObjId = refObjId;
  return r;
}

bool allOf(const StackSlot &slot, SlotType t) {
  for (SlotType s : slot.slotType)
    if (s != t)
      return false;
  return true;
}

} // namespace

TEST_CASE("argument types name their dynptr type") {
  CHECK(argToDynptrType(tg::ARG_PTR_TO_DYNPTR) == DynptrType::Invalid);
  CHECK(argToDynptrType(tg::ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_LOCAL | MEM_UNINIT) ==
        DynptrType::Local);
  CHECK(argToDynptrType(tg::ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE) ==
        DynptrType::Ringbuf);
  CHECK(argToDynptrType(DYNPTR_TYPE_SKB) == DynptrType::Skb);
  CHECK(argToDynptrType(DYNPTR_TYPE_XDP) == DynptrType::Xdp);
  CHECK(argToDynptrType(DYNPTR_TYPE_SKB_META) == DynptrType::SkbMeta);
  CHECK(argTypeIsDynptr(tg::ARG_PTR_TO_DYNPTR | MEM_RDONLY));
  CHECK_FALSE(argTypeIsDynptr(tg::ARG_PTR_TO_MEM | DYNPTR_TYPE_LOCAL));
  CHECK(dynptrTypeRefcounted(DynptrType::Ringbuf));
  CHECK_FALSE(dynptrTypeRefcounted(DynptrType::Local));
}

TEST_CASE("a write into either slot of a local dynptr destroys both slots and its slices") {
  for (int written : {0, 1}) {
    Harness h(3);
    putDynptr(h.frame(), 1, DynptrType::Local, 5, 0);
    h.frame().regs[6] = slice(5, 0);
    h.frame().regs[7] = slice(9, 0); // another dynptr's slice
    h.frame().stack[2].slotType.fill(SlotType::Misc);
    REQUIRE(destroyIfDynptrStackSlot(h.env, h.frame(), written));
    CHECK(allOf(h.frame().stack[0], SlotType::Invalid));
    CHECK(allOf(h.frame().stack[1], SlotType::Invalid));
    CHECK(allOf(h.frame().stack[2], SlotType::Misc));
    CHECK(h.frame().stack[1].spilledPtr.isNotInit());
    CHECK(h.frame().regs[6].isScalar());
    CHECK(h.frame().regs[7].type == RegType(RegBase::PtrToMem));
    CHECK_FALSE(h.env.rejection);
  }
}

TEST_CASE("a slot without a dynptr is left alone") {
  Harness h(2);
  h.frame().stack[0].slotType.fill(SlotType::Misc);
  REQUIRE(destroyIfDynptrStackSlot(h.env, h.frame(), 0));
  CHECK(allOf(h.frame().stack[0], SlotType::Misc));
}

TEST_CASE("a referenced dynptr cannot be overwritten") {
  Harness h(2);
  putDynptr(h.frame(), 1, DynptrType::Ringbuf, 1, 2);
  CHECK_FALSE(destroyIfDynptrStackSlot(h.env, h.frame(), 0));
  REQUIRE(h.env.rejection);
  CHECK(h.env.rejection->message == "cannot overwrite referenced dynptr");
  CHECK(allOf(h.frame().stack[1], SlotType::Dynptr));
}

TEST_CASE("releasing a ringbuf dynptr invalidates every dynptr sharing its reference") {
  Harness h(4);
  putDynptr(h.frame(), 3, DynptrType::Ringbuf, 1, 7);
  putDynptr(h.frame(), 1, DynptrType::Ringbuf, 3, 7); // a clone
  RegState ptr;
  markPtrKnownZero(ptr, RegType(RegBase::PtrToStack));
  ptr.off = -32; // the first dynptr: fp-32..fp-17, first slot spi 3
  std::vector<uint32_t> released;
  REQUIRE(unmarkStackSlotsDynptr(h.env, ptr, [&](uint32_t id) {
    released.push_back(id);
    return true;
  }));
  CHECK(released == std::vector<uint32_t>{7});
  for (int spi = 0; spi < 4; spi++)
    CHECK(allOf(h.frame().stack[size_t(spi)], SlotType::Invalid));
}

TEST_CASE("releasing a local dynptr only invalidates its own slots") {
  Harness h(4);
  putDynptr(h.frame(), 3, DynptrType::Local, 1, 0);
  putDynptr(h.frame(), 1, DynptrType::Local, 3, 0);
  RegState ptr;
  markPtrKnownZero(ptr, RegType(RegBase::PtrToStack));
  ptr.off = -16; // the second dynptr: first slot spi 1
  bool called = false;
  REQUIRE(unmarkStackSlotsDynptr(h.env, ptr, [&](uint32_t) { return called = true; }));
  CHECK_FALSE(called);
  CHECK(allOf(h.frame().stack[0], SlotType::Invalid));
  CHECK(allOf(h.frame().stack[1], SlotType::Invalid));
  CHECK(allOf(h.frame().stack[2], SlotType::Dynptr));
  CHECK(allOf(h.frame().stack[3], SlotType::Dynptr));
}
