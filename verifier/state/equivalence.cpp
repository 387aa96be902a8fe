#include "verifier/state/equivalence.h"

namespace bpfverify::verifier {

namespace {

/// The fields the kernel's memcmp(rold, rcur, offsetof(struct bpf_reg_state, var_off)) covers:
/// type, off and the type-specific union. Our payload fields are separate and stay zero when a
/// type does not use them, so comparing all of them equals comparing the union's bytes.
bool samePayload(const RegState &a, const RegState &b) {
  return a.type == b.type && a.off == b.off && a.range == b.range && a.map == b.map &&
         a.mapIndex == b.mapIndex && a.mapUid == b.mapUid && a.btf == b.btf && a.btfId == b.btfId &&
         a.memSize == b.memSize && a.dynptrId == b.dynptrId && a.dynptrType == b.dynptrType &&
         a.dynptrFirstSlot == b.dynptrFirstSlot && a.iterState == b.iterState &&
         a.iterDepth == b.iterDepth && a.subprogno == b.subprogno;
}

/// memcmp(rold, rcur, offsetof(struct bpf_reg_state, id)): payload plus var_off and the bounds.
bool sameUpToId(const RegState &a, const RegState &b) {
  return samePayload(a, b) && a.bounds == b.bounds;
}

/// The unbound scalar a fully STACK_MISC slot reads as (unbound_reg,
/// __mark_reg_unknown_imprecise).
const RegState &unboundReg() {
  static const RegState reg = [] {
    RegState r;
    markRegUnknown(r);
    return r;
  }();
  return reg;
}

/// is_spilled_scalar_reg64: the first byte (highest address) says STACK_SPILL, so all 8 bytes
/// were spilled.
bool isSpilledScalarReg64(const StackSlot &slot) {
  return slot.slotType[0] == SlotType::Spill && slot.spilledPtr.isScalar();
}

/// is_stack_all_misc
bool isStackAllMisc(const StackSlot &slot, const EquivalenceOptions &options) {
  for (SlotType t : slot.slotType) {
    if (t == SlotType::Misc || (t == SlotType::Invalid && options.allowUninitStack))
      continue;
    return false;
  }
  return true;
}

/// scalar_reg_for_stack: the scalar a slot holds as a register, or nullptr.
const RegState *scalarRegForStack(const StackSlot &slot, const EquivalenceOptions &options) {
  if (isSpilledScalarReg64(slot))
    return &slot.spilledPtr;
  if (isStackAllMisc(slot, options))
    return &unboundReg();
  return nullptr;
}

} // namespace

bool rangeWithin(const domain::ScalarBounds &old, const domain::ScalarBounds &cur) {
  return old.umin <= cur.umin && old.umax >= cur.umax && old.smin <= cur.smin &&
         old.smax >= cur.smax && old.u32Min <= cur.u32Min && old.u32Max >= cur.u32Max &&
         old.s32Min <= cur.s32Min && old.s32Max >= cur.s32Max;
}

bool checkIds(uint32_t oldId, uint32_t curId, IdMap &idmap) {
  // Either both ids are set or both are zero.
  if ((oldId != 0) != (curId != 0))
    return false;
  if (oldId == 0)
    return true;
  for (IdMap::Pair &pair : idmap.map) {
    if (pair.old == 0) {
      // An empty slot: first time this old id is seen.
      pair.old = oldId;
      pair.cur = curId;
      return true;
    }
    if (pair.old == oldId)
      return pair.cur == curId;
    if (pair.cur == curId)
      return false;
  }
  // Out of slots: impossible with BPF_ID_MAP_SIZE entries (the kernel WARNs).
  return false;
}

bool checkScalarIds(uint32_t oldId, uint32_t curId, IdMap &idmap) {
  oldId = oldId ? oldId : ++idmap.tmpIdGen;
  curId = curId ? curId : ++idmap.tmpIdGen;
  return checkIds(oldId, curId, idmap);
}

bool regsExact(const RegState &old, const RegState &cur, IdMap &idmap) {
  return sameUpToId(old, cur) && checkIds(old.id, cur.id, idmap) &&
         checkIds(old.refObjId, cur.refObjId, idmap);
}

bool regsafe(const RegState &old, const RegState &cur, IdMap &idmap, ExactLevel exact,
             const EquivalenceOptions &options) {
  if (exact == ExactLevel::Exact)
    return regsExact(old, cur, idmap);

  // The explored state never used this register.
  if (old.isNotInit() && (exact == ExactLevel::NotExact || cur.isNotInit()))
    return true;

  // Types, modifiers included, must match exactly: a pointer may not stand in for a scalar
  // (pointer leaks) and MAYBE_NULL may not mix with non-null (lost id relations).
  if (old.type != cur.type)
    return false;

  switch (old.type.base()) {
  case RegBase::Scalar:
    if (options.exploreAluLimits)
      return sameUpToId(old, cur) && checkScalarIds(old.id, cur.id, idmap);
    if (!old.precise && exact == ExactLevel::NotExact)
      return true;
    // ADD_CONST kinds must match (a linked old register may not be matched by another kind).
    if (old.id && (old.id & BPF_ADD_CONST) != (cur.id & BPF_ADD_CONST))
      return false;
    if ((old.id & BPF_ADD_CONST) && old.off != cur.off)
      return false;
    // Linked scalars (same id) must stay linked: a bound learnt through one register at a later
    // branch applies to all registers sharing its id.
    return rangeWithin(old.bounds, cur.bounds) &&
           domain::tnumIn(old.bounds.varOff, cur.bounds.varOff) &&
           checkScalarIds(old.id, cur.id, idmap);
  case RegBase::PtrToMapKey:
  case RegBase::PtrToMapValue:
  case RegBase::PtrToMem:
  case RegBase::PtrToBuf:
  case RegBase::PtrToTpBuffer:
    // Same object (map_ptr and map_uid, mem_size, ...) and fixed offset; the variable offset may
    // be narrower.
    return samePayload(old, cur) && rangeWithin(old.bounds, cur.bounds) &&
           domain::tnumIn(old.bounds.varOff, cur.bounds.varOff) &&
           checkIds(old.id, cur.id, idmap) && checkIds(old.refObjId, cur.refObjId, idmap);
  case RegBase::PtrToPacketMeta:
  case RegBase::PtrToPacket:
    // At least as much verified range as before, the same fixed offset (alignment), the same id
    // relations and a narrower variable offset.
    if (options.pktEndRangeExact && (old.range < 0 || cur.range < 0)) {
      if (old.range != cur.range)
        return false;
    } else if (old.range > cur.range) {
      return false;
    }
    if (old.off != cur.off)
      return false;
    if (!checkIds(old.id, cur.id, idmap))
      return false;
    return rangeWithin(old.bounds, cur.bounds) &&
           domain::tnumIn(old.bounds.varOff, cur.bounds.varOff);
  case RegBase::PtrToStack:
    // fp-8 in one frame is not fp-8 in another.
    return regsExact(old, cur, idmap) && old.frameno == cur.frameno;
  case RegBase::PtrToArena:
    return true;
  default:
    return regsExact(old, cur, idmap);
  }
}

bool stacksafe(const FuncState &old, const FuncState &cur, IdMap &idmap, ExactLevel exact,
               const EquivalenceOptions &options) {
  // Walk the explored stack byte by byte; extra slots of the current stack were not used by the
  // explored state.
  const int oldAllocated = old.allocatedStack();
  const int curAllocated = cur.allocatedStack();
  for (int i = 0; i < oldAllocated; i++) {
    const int spi = i / BPF_REG_SIZE;
    const int byte = i % BPF_REG_SIZE;
    const SlotType oldType = old.stack[spi].slotType[byte];

    if (exact != ExactLevel::NotExact &&
        (i >= curAllocated || oldType != cur.stack[spi].slotType[byte]))
      return false;
    if (oldType == SlotType::Invalid)
      continue;
    if (options.allowUninitStack && oldType == SlotType::Misc)
      continue;
    // The explored stack has more populated slots than the current one.
    if (i >= curAllocated)
      return false;

    const StackSlot &oldSlot = old.stack[spi];
    const StackSlot &curSlot = cur.stack[spi];
    // A 64-bit scalar spill against an all-MISC slot (which reads as an unbound scalar), either
    // way round: compare as registers so that scalar ids are checked.
    const RegState *oldReg = scalarRegForStack(oldSlot, options);
    const RegState *curReg = scalarRegForStack(curSlot, options);
    if (oldReg && curReg) {
      if (!regsafe(*oldReg, *curReg, idmap, exact, options))
        return false;
      i += BPF_REG_SIZE - 1;
      continue;
    }

    const SlotType curType = curSlot.slotType[byte];
    // Safe with unknown bytes implies safe with zero bytes; not the other way round.
    if (oldType == SlotType::Misc && curType == SlotType::Zero)
      continue;
    if (oldType != curType)
      return false;
    if (byte != BPF_REG_SIZE - 1)
      continue;
    // Both slots have the same type in their last byte.
    switch (oldSlot.slotType[BPF_REG_SIZE - 1]) {
    case SlotType::Spill:
      // Spilled registers must be compatible like registers (e.g. fp-8 vs fp-16 pointers).
      if (!regsafe(oldSlot.spilledPtr, curSlot.spilledPtr, idmap, exact, options))
        return false;
      break;
    case SlotType::Dynptr:
      if (oldSlot.spilledPtr.dynptrType != curSlot.spilledPtr.dynptrType ||
          oldSlot.spilledPtr.dynptrFirstSlot != curSlot.spilledPtr.dynptrFirstSlot ||
          !checkIds(oldSlot.spilledPtr.refObjId, curSlot.spilledPtr.refObjId, idmap))
        return false;
      break;
    case SlotType::Iter:
      // iter.depth is deliberately not compared (it only feeds infinite loop detection, see
      // iterActiveDepthsDiffer) or iterator loops would never converge.
      if (oldSlot.spilledPtr.btf != curSlot.spilledPtr.btf ||
          oldSlot.spilledPtr.btfId != curSlot.spilledPtr.btfId ||
          oldSlot.spilledPtr.iterState != curSlot.spilledPtr.iterState ||
          !checkIds(oldSlot.spilledPtr.refObjId, curSlot.spilledPtr.refObjId, idmap))
        return false;
      break;
    case SlotType::IrqFlag:
      // The kernel also compares irq.kfunc_class, which RegState does not model.
      if (!checkIds(oldSlot.spilledPtr.refObjId, curSlot.spilledPtr.refObjId, idmap))
        return false;
      break;
    case SlotType::Misc:
    case SlotType::Zero:
    case SlotType::Invalid:
      continue;
    default:
      return false;
    }
  }
  return true;
}

bool refsafe(const VerifierState &old, const VerifierState &cur, IdMap &idmap) {
  if (old.refs.size() != cur.refs.size())
    return false;
  if (old.activeLocks != cur.activeLocks)
    return false;
  if (old.activePreemptLocks != cur.activePreemptLocks)
    return false;
  if (old.activeRcuLock != cur.activeRcuLock)
    return false;
  if (!checkIds(old.activeIrqId, cur.activeIrqId, idmap))
    return false;
  if (!checkIds(old.activeLockId, cur.activeLockId, idmap) ||
      old.activeLockPtr != cur.activeLockPtr)
    return false;
  for (size_t i = 0; i < old.refs.size(); i++) {
    const RefState &o = old.refs[i];
    const RefState &c = cur.refs[i];
    if (!checkIds(uint32_t(o.id), uint32_t(c.id), idmap) || o.type != c.type)
      return false;
    switch (o.type) {
    case RefType::Ptr:
    case RefType::Irq:
      break;
    case RefType::Lock:
    case RefType::ResLock:
    case RefType::ResLockIrq:
      if (o.ptr != c.ptr)
        return false;
      break;
    default:
      return false;
    }
  }
  return true;
}

uint32_t frameInsnIdx(const VerifierState &st, uint32_t frame) {
  if (frame >= st.curframe || size_t(frame) + 1 >= st.frames.size())
    return st.insnIdx;
  return uint32_t(st.frames[frame + 1].callsite);
}

bool funcStatesEqual(const FuncState &old, const FuncState &cur, uint32_t insnIdx, ExactLevel exact,
                     IdMap &idmap, const EquivalenceContext &ctx) {
  const uint16_t liveRegs = ctx.liveRegsBefore ? ctx.liveRegsBefore(insnIdx) : uint16_t(0xffff);
  if (old.callbackDepth > cur.callbackDepth)
    return false;
  for (size_t i = 0; i < old.regs.size(); i++)
    if ((liveRegs & (1u << i)) && !regsafe(old.regs[i], cur.regs[i], idmap, exact, ctx.options))
      return false;
  return stacksafe(old, cur, idmap, exact, ctx.options);
}

bool statesEqual(const VerifierState &old, const VerifierState &cur, ExactLevel exact,
                 IdMap &scratch, const EquivalenceContext &ctx) {
  if (old.curframe != cur.curframe)
    return false;
  if (old.frames.size() <= old.curframe || cur.frames.size() <= cur.curframe)
    return false;
  scratch.reset(ctx.idGen);
  // A speculative path's state must never prune a non-speculative one.
  if (old.speculative && !cur.speculative)
    return false;
  if (old.inSleepable != cur.inSleepable)
    return false;
  if (!refsafe(old, cur, scratch))
    return false;
  // Same call sites, and every frame equivalent.
  for (uint32_t i = 0; i <= old.curframe; i++) {
    if (old.frames[i].callsite != cur.frames[i].callsite)
      return false;
    if (!funcStatesEqual(old.frames[i], cur.frames[i], frameInsnIdx(old, i), exact, scratch, ctx))
      return false;
  }
  return true;
}

void cleanFuncState(FuncState &st, uint16_t liveRegs, const StackSlotAlive &stackSlotAlive) {
  // r10 is never cleaned (the loop stops at BPF_REG_FP).
  for (int i = 0; i < 10; i++)
    if (!(liveRegs & (1u << i)))
      markRegNotInit(st.regs[i]);
  for (size_t spi = 0; spi < st.stack.size(); spi++) {
    // Without a liveness oracle every slot counts as alive (cleaning a live slot is unsound).
    if (!stackSlotAlive || stackSlotAlive(st.frameno, uint32_t(spi)))
      continue;
    markRegNotInit(st.stack[spi].spilledPtr);
    st.stack[spi].slotType.fill(SlotType::Invalid);
  }
}

void cleanVerifierState(VerifierState &st, const LiveRegsBefore &liveRegsBefore,
                        const StackSlotAlive &stackSlotAlive) {
  st.cleaned = true;
  for (uint32_t i = 0; i <= st.curframe && i < st.frames.size(); i++) {
    const uint32_t ip = frameInsnIdx(st, i);
    const uint16_t live = liveRegsBefore ? liveRegsBefore(ip) : uint16_t(0xffff);
    cleanFuncState(st.frames[i], live, stackSlotAlive);
  }
}

bool statesMaybeLooping(const VerifierState &old, const VerifierState &cur) {
  const uint32_t fr = cur.curframe;
  if (old.curframe != fr || fr >= old.frames.size() || fr >= cur.frames.size())
    return false;
  const FuncState &fold = old.frames[fr];
  const FuncState &fcur = cur.frames[fr];
  // memcmp up to offsetof(struct bpf_reg_state, frameno): everything before it, ids included.
  for (size_t i = 0; i < fold.regs.size(); i++)
    if (!sameUpToId(fold.regs[i], fcur.regs[i]) || fold.regs[i].id != fcur.regs[i].id ||
        fold.regs[i].refObjId != fcur.regs[i].refObjId)
      return false;
  return true;
}

bool iterActiveDepthsDiffer(const VerifierState &old, const VerifierState &cur) {
  for (int fr = int(old.curframe); fr >= 0; fr--) {
    if (size_t(fr) >= old.frames.size() || size_t(fr) >= cur.frames.size())
      continue;
    const FuncState &state = old.frames[fr];
    for (size_t i = 0; i < state.stack.size(); i++) {
      if (state.stack[i].slotType[0] != SlotType::Iter)
        continue;
      const RegState &slot = state.stack[i].spilledPtr;
      if (slot.iterState != IterState::Active)
        continue;
      if (i >= cur.frames[fr].stack.size())
        return true;
      if (cur.frames[fr].stack[i].spilledPtr.iterDepth != slot.iterDepth)
        return true;
    }
  }
  return false;
}

} // namespace bpfverify::verifier
