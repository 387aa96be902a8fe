#include "verifier/check/dynptr.h"

#include "lib/isa/insn.h"
#include "verifier/check/jmp.h"
#include "verifier/check/mem.h"
#include "verifier/check/regs.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/state/print.h"
#include "verifier/target/func_ids.h"
#include "verifier/target/helper_proto.h"

namespace bpfverify::verifier {

namespace tg = bpfverify::target;

namespace {

constexpr int SPI_EINVAL = -22; ///< -EINVAL of stack_slot_obj_get_spi: bad offset (logged)
constexpr int SPI_ERANGE = -34; ///< -ERANGE: the slots are not allocated yet

/// is_spi_bounds_valid(): slots [spi - nrSlots + 1, spi] lie in the allocated stack.
bool isSpiBoundsValid(const FuncState &state, int spi, int nrSlots) {
  return spi - nrSlots + 1 >= 0 && spi < int(state.stack.size());
}

/// dynptr_get_spi() (stack_slot_obj_get_spi with "dynptr"): the first slot's spi, or a
/// negative error; a bad offset is explained in the log.
int dynptrGetSpi(Env &env, const RegState &reg) {
  if (!reg.bounds.varOff.isConst()) {
    env.verbose("dynptr has to be at a constant offset\n");
    return SPI_EINVAL;
  }
  int off = reg.off + int(int64_t(reg.bounds.varOff.value));
  if (off % BPF_REG_SIZE) {
    env.verbose("cannot pass in dynptr at an offset=%d\n", off);
    return SPI_EINVAL;
  }
  int spi = stackSpi(off);
  if (spi + 1 < BPF_DYNPTR_NR_SLOTS) {
    env.verbose("cannot pass in dynptr at an offset=%d\n", off);
    return SPI_EINVAL;
  }
  if (!isSpiBoundsValid(funcOf(env, reg), spi, BPF_DYNPTR_NR_SLOTS))
    return SPI_ERANGE;
  return spi;
}

/// __mark_dynptr_reg(): the register type is only meaningful for callback arguments, but is
/// set for stack slots too.
void markDynptrReg(RegState &reg, DynptrType type, bool firstSlot, uint32_t dynptrId) {
  markRegKnownZero(reg);
  reg.type = RegType(RegBase::ConstPtrToDynptr);
  reg.id = dynptrId; // slices find their dynptr by this id
  reg.dynptrType = type;
  reg.dynptrFirstSlot = firstSlot;
}

/// mark_reg_invalid() for a privileged program (allow_ptr_leaks): an unknown scalar.
void markRegInvalid(RegState &reg) {
  markRegUnknown(reg);
}

/// invalidate_dynptr(): both slots of the dynptr whose first slot is `spi` become invalid.
void invalidateDynptr(Env &env, FuncState &state, int spi) {
  state.stack[size_t(spi)].slotType.fill(SlotType::Invalid);
  state.stack[size_t(spi - 1)].slotType.fill(SlotType::Invalid);
  markRegNotInit(state.stack[size_t(spi)].spilledPtr);
  markRegNotInit(state.stack[size_t(spi - 1)].spilledPtr);
  stackWriteHook(env, state.frameno, spi - 1, true);
  stackWriteHook(env, state.frameno, spi, true);
}

/// is_dynptr_reg_valid_uninit(): slots that are not allocated yet are fine (the writes of
/// process_dynptr_func grow the stack); existing unreferenced dynptrs there get destroyed.
bool isDynptrRegValidUninit(Env &env, const RegState &reg) {
  if (reg.type.is(RegBase::ConstPtrToDynptr))
    return false;
  int spi = dynptrGetSpi(env, reg);
  return !(spi < 0 && spi != SPI_ERANGE);
}

/// is_dynptr_reg_valid_init()
bool isDynptrRegValidInit(Env &env, const RegState &reg) {
  // CONST_PTR_TO_DYNPTR has no offset (check_func_arg_reg_off) and is always initialised.
  if (reg.type.is(RegBase::ConstPtrToDynptr))
    return true;
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0)
    return false;
  const FuncState &state = funcOf(env, reg);
  if (!state.stack[size_t(spi)].spilledPtr.dynptrFirstSlot)
    return false;
  for (int i = 0; i < BPF_REG_SIZE; i++)
    if (state.stack[size_t(spi)].slotType[size_t(i)] != SlotType::Dynptr ||
        state.stack[size_t(spi - 1)].slotType[size_t(i)] != SlotType::Dynptr)
      return false;
  return true;
}

/// is_dynptr_type_expected(): plain ARG_PTR_TO_DYNPTR takes any dynptr.
bool isDynptrTypeExpected(Env &env, const RegState &reg, uint32_t argType) {
  if (argType == tg::ARG_PTR_TO_DYNPTR)
    return true;
  DynptrType want = argToDynptrType(argType);
  if (reg.type.is(RegBase::ConstPtrToDynptr))
    return reg.dynptrType == want;
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0)
    return false;
  return funcOf(env, reg).stack[size_t(spi)].spilledPtr.dynptrType == want;
}

/// mark_stack_slots_dynptr()
bool markStackSlotsDynptr(Env &env, const RegState &reg, uint32_t argType, uint32_t insnIdx,
                          uint32_t cloneRefObjId) {
  FuncState &state = funcOf(env, reg);
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0)
    return env.fail("verifier bug: dynptr slots not allocated");
  // spi and spi - 1 may belong to two different dynptrs ([d1][d1][d2][d2] marked at the
  // middle): destroy whatever lives in either slot.
  if (!destroyIfDynptrStackSlot(env, state, spi) || !destroyIfDynptrStackSlot(env, state, spi - 1))
    return false;
  StackSlot &first = state.stack[size_t(spi)];
  StackSlot &second = state.stack[size_t(spi - 1)];
  first.slotType.fill(SlotType::Dynptr);
  second.slotType.fill(SlotType::Dynptr);
  DynptrType type = argToDynptrType(argType);
  if (type == DynptrType::Invalid)
    return env.fail("verifier bug: dynptr argument without a dynptr type");
  // mark_dynptr_stack_regs(): one fresh id for both slots.
  uint32_t id = env.newId();
  markDynptrReg(first.spilledPtr, type, true, id);
  markDynptrReg(second.spilledPtr, type, false, id);
  if (dynptrTypeRefcounted(type)) {
    uint32_t refId = cloneRefObjId;
    if (!refId) {
      // acquire_reference(): even a failed bpf_ringbuf_reserve_dynptr must be discarded.
      refId = env.newId();
      env.cur->refs.push_back(RefState{RefType::Ptr, int32_t(refId), int32_t(insnIdx), nullptr});
    }
    first.spilledPtr.refObjId = refId;
    second.spilledPtr.refObjId = refId;
  }
  stackWriteHook(env, state.frameno, spi - 1, true);
  stackWriteHook(env, state.frameno, spi, true);
  return true;
}

/// mark_dynptr_read() (mark_stack_slot_obj_read for both slots).
void markDynptrRead(Env &env, const RegState &reg) {
  // A CONST_PTR_TO_DYNPTR was read as a register by check_reg_arg.
  if (reg.type.is(RegBase::ConstPtrToDynptr))
    return;
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0)
    return;
  for (int i = 0; i < BPF_DYNPTR_NR_SLOTS; i++) {
    stackReadHook(env, reg.frameno, spi - i);
    env.markStackSlotScratched(spi - i);
  }
}

/// get_dynptr_arg_reg(): the one dynptr argument of a helper.
const RegState *dynptrArgReg(Env &env, const tg::HelperProto &fn) {
  const RegState *found = nullptr;
  for (size_t i = 0; i < fn.argTypes.size(); i++) {
    if (!argTypeIsDynptr(fn.argTypes[i]))
      continue;
    if (found) {
      env.verbose("verifier internal error: multiple dynptr args\n");
      return nullptr;
    }
    found = &env.curRegs()[isa::BPF_REG_1 + i];
  }
  if (!found)
    env.verbose("verifier internal error: no dynptr arg found\n");
  return found;
}

/// The stack slot holding the dynptr's state (dynptr_id, dynptr_ref_obj_id), or nullptr.
const RegState *dynptrStateReg(Env &env, const RegState &reg) {
  if (reg.type.is(RegBase::ConstPtrToDynptr))
    return &reg;
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0)
    return nullptr;
  return &funcOf(env, reg).stack[size_t(spi)].spilledPtr;
}

} // namespace

DynptrType argToDynptrType(uint32_t argType) {
  switch (argType & DynptrTypeFlagMask) {
  case DYNPTR_TYPE_LOCAL:
    return DynptrType::Local;
  case DYNPTR_TYPE_RINGBUF:
    return DynptrType::Ringbuf;
  case DYNPTR_TYPE_SKB:
    return DynptrType::Skb;
  case DYNPTR_TYPE_XDP:
    return DynptrType::Xdp;
  case DYNPTR_TYPE_SKB_META:
    return DynptrType::SkbMeta;
  default:
    return DynptrType::Invalid;
  }
}

bool argTypeIsDynptr(uint32_t argType) {
  return tg::baseType(argType) == tg::ARG_PTR_TO_DYNPTR;
}

bool destroyIfDynptrStackSlot(Env &env, FuncState &state, int spi) {
  // STACK_DYNPTR is never set partially: the slot's first byte tells.
  if (state.stack[size_t(spi)].slotType[0] != SlotType::Dynptr)
    return true;
  if (!state.stack[size_t(spi)].spilledPtr.dynptrFirstSlot)
    spi++; // the first slot is the one above
  if (dynptrTypeRefcounted(state.stack[size_t(spi)].spilledPtr.dynptrType))
    return env.fail("cannot overwrite referenced dynptr");
  env.markStackSlotScratched(spi);
  env.markStackSlotScratched(spi - 1);
  // Writing partially to one dynptr stack slot destroys both.
  state.stack[size_t(spi)].slotType.fill(SlotType::Invalid);
  state.stack[size_t(spi - 1)].slotType.fill(SlotType::Invalid);
  uint32_t dynptrId = state.stack[size_t(spi)].spilledPtr.id;
  // Its slices (PTR_TO_MEM, maybe NULL) die with it.
  forEachRegInState(*env.cur, [&](RegState &reg) {
    if (reg.type != RegType(RegBase::PtrToMem, PTR_MAYBE_NULL) &&
        reg.type != RegType(RegBase::PtrToMem))
      return;
    if (reg.dynptrId == dynptrId)
      markRegInvalid(reg);
  });
  // The reference (none here: refcounted dynptrs cannot be overwritten) stays untouched.
  markRegNotInit(state.stack[size_t(spi)].spilledPtr);
  markRegNotInit(state.stack[size_t(spi - 1)].spilledPtr);
  stackWriteHook(env, state.frameno, spi - 1, true);
  stackWriteHook(env, state.frameno, spi, true);
  return true;
}

bool processDynptrFunc(Env &env, uint32_t regno, uint32_t insnIdx, uint32_t argType,
                       uint32_t cloneRefObjId) {
  const RegState &reg = env.curRegs()[regno];
  if (!reg.type.is(RegBase::PtrToStack) && !reg.type.is(RegBase::ConstPtrToDynptr))
    return env.fail("arg#%u expected pointer to stack or const struct bpf_dynptr", regno - 1);
  if ((argType & (MEM_UNINIT | MEM_RDONLY)) == (MEM_UNINIT | MEM_RDONLY))
    return env.fail("verifier bug: misconfigured dynptr helper type flags");
  if (argType & MEM_UNINIT) {
    // A new mutable dynptr is built in at least 16 bytes of stack.
    if (!isDynptrRegValidUninit(env, reg))
      return env.fail("Dynptr has to be an uninitialized dynptr");
    for (int i = 0; i < BPF_DYNPTR_SIZE; i += BPF_REG_SIZE)
      if (!checkMemAccess(env, insnIdx, regno, i, isa::BPF_DW, true, -1, false, false))
        return false;
    return markStackSlotsDynptr(env, env.curRegs()[regno], argType, insnIdx, cloneRefObjId);
  }
  // MEM_RDONLY: an initialised dynptr that is not mutated; none: it may be mutated. A
  // CONST_PTR_TO_DYNPTR is never mutable.
  if (reg.type.is(RegBase::ConstPtrToDynptr) && !(argType & MEM_RDONLY))
    return env.fail("cannot pass pointer to const bpf_dynptr, the helper mutates it");
  if (!isDynptrRegValidInit(env, reg))
    return env.fail("Expected an initialized dynptr as arg #%u", regno - 1);
  if (!isDynptrTypeExpected(env, reg, argType & ~uint32_t(MEM_RDONLY)))
    return env.fail("Expected a dynptr of type %s as arg #%u",
                    dynptrTypeName(argToDynptrType(argType)), regno - 1);
  markDynptrRead(env, reg);
  return true;
}

bool checkDynptrReleaseArg(Env &env, uint32_t regno) {
  const RegState &reg = env.curRegs()[regno];
  // Only a dynptr on the stack can be released.
  if (!reg.type.is(RegBase::PtrToStack))
    return env.fail("cannot release unowned const bpf_dynptr");
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0 || !funcOf(env, reg).stack[size_t(spi)].spilledPtr.refObjId)
    return env.fail("arg %u is an unacquired reference", regno);
  return true;
}

bool unmarkStackSlotsDynptr(Env &env, const RegState &reg,
                            const std::function<bool(uint32_t refObjId)> &release) {
  FuncState &state = funcOf(env, reg);
  int spi = dynptrGetSpi(env, reg);
  if (spi < 0)
    return false;
  if (!dynptrTypeRefcounted(state.stack[size_t(spi)].spilledPtr.dynptrType)) {
    invalidateDynptr(env, state, spi);
    return true;
  }
  uint32_t refObjId = state.stack[size_t(spi)].spilledPtr.refObjId;
  // release_reference() invalidates the slices (they carry the dynptr's ref_obj_id); then every
  // dynptr sharing the reference (clones) goes too.
  release(refObjId);
  for (size_t i = 1; i < state.stack.size(); i++) {
    StackSlot &slot = state.stack[i];
    if (slot.spilledPtr.refObjId != refObjId)
      continue;
    if (slot.slotType[0] != SlotType::Dynptr) {
      env.verbose("verifier bug: misconfigured ref_obj_id\n");
      return false;
    }
    if (slot.spilledPtr.dynptrFirstSlot)
      invalidateDynptr(env, state, int(i));
  }
  return true;
}

bool checkDynptrHelper(Env &env, int32_t funcId, const tg::HelperProto &fn, DynptrCallMeta &meta) {
  RegState *regs = env.curRegs();
  switch (funcId) {
  case tg::BPF_FUNC_dynptr_from_mem:
    if (regs[isa::BPF_REG_1].type != RegType(RegBase::PtrToMapValue))
      return env.fail("Unsupported reg type %s for bpf_dynptr_from_mem data",
                      regTypeName(regs[isa::BPF_REG_1].type).c_str());
    return true;
  case tg::BPF_FUNC_dynptr_data: {
    const RegState *reg = dynptrArgReg(env, fn);
    if (!reg)
      return env.fail("verifier bug: no dynptr argument");
    const RegState *st = dynptrStateReg(env, *reg);
    if (!st)
      return env.fail("verifier bug: failed to obtain dynptr id");
    meta.dynptrId = st->id;
    meta.refObjId = st->refObjId;
    return true;
  }
  case tg::BPF_FUNC_dynptr_write: {
    const RegState *reg = dynptrArgReg(env, fn);
    if (!reg)
      return env.fail("verifier bug: no dynptr argument");
    // dynptr_get_type() (the kernel uses reg->off alone for the slot).
    DynptrType type = DynptrType::Invalid;
    if (reg->type.is(RegBase::ConstPtrToDynptr)) {
      type = reg->dynptrType;
    } else {
      int spi = stackSpi(reg->off);
      const FuncState &state = funcOf(env, *reg);
      if (spi >= 0 && size_t(spi) < state.stack.size())
        type = state.stack[size_t(spi)].spilledPtr.dynptrType;
    }
    if (type == DynptrType::Invalid)
      return env.fail("verifier bug: invalid dynptr type");
    // Writing through an skb dynptr may move packet data: clear_all_pkt_pointers().
    meta.changesData = type == DynptrType::Skb || type == DynptrType::SkbMeta;
    return true;
  }
  default:
    return true;
  }
}

void markDynptrCbReg(Env &env, RegState &reg, DynptrType type) {
  markDynptrReg(reg, type, true, env.newId());
}

bool setUserRingbufCallbackState(Env &env, const FuncState &caller, FuncState &callee) {
  markRegNotInit(callee.regs[isa::BPF_REG_0]);
  // A local dynptr over the sample.
  markDynptrCbReg(env, callee.regs[isa::BPF_REG_1], DynptrType::Local);
  callee.regs[2] = caller.regs[3]; // callback_ctx
  for (int r = 3; r <= 5; r++)     // unused
    markRegNotInit(callee.regs[size_t(r)]);
  return true;
}

} // namespace bpfverify::verifier
