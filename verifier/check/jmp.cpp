#include "verifier/check/jmp.h"

#include "verifier/check/call.h"
#include "verifier/check/regs.h"
#include "verifier/domain/scalar_alu.h"
#include "verifier/domain/scalar_branch.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/engine/pruning/precision.h"
#include "verifier/engine/uapi.h"
#include "verifier/engine/verify_options.h"

#include <algorithm>

namespace bpfverify::verifier {

using namespace isa;
using domain::BranchTaken;

namespace {

constexpr int32_t MAX_PACKET_OFF = 0xffff;
constexpr int32_t AT_PKT_END = -1;
constexpr int32_t BEYOND_PKT_END = -2;

bool isRegConst(const RegState &reg, bool subreg32) {
  return reg.isScalar() && reg.bounds.isConst(subreg32);
}

bool regIsPktPointerAny(const RegState &reg) {
  return isPacketPointer(reg.type) || reg.type.is(RegBase::PtrToPacketEnd);
}

bool regIsInitPktPointer(const RegState &reg, RegBase which) {
  return reg.type == RegType(which) && reg.id == 0 && reg.off == 0 && reg.bounds.varOff.isConst() &&
         reg.bounds.varOff.value == 0;
}

/// is_pkt_ptr_branch_taken()
int isPktPtrBranchTaken(const RegState &dst, const RegState &src, uint8_t op) {
  const RegState *pkt;
  if (src.type.is(RegBase::PtrToPacketEnd)) {
    pkt = &dst;
  } else if (dst.type.is(RegBase::PtrToPacketEnd)) {
    pkt = &src;
    op = domain::flipOpcode(op);
  } else {
    return -1;
  }
  if (pkt->range >= 0)
    return -1;
  switch (op) {
  case BPF_JLE:
  case BPF_JGT:
    if (pkt->range == BEYOND_PKT_END)
      return op == BPF_JGT;
    break;
  case BPF_JLT:
  case BPF_JGE:
    if (pkt->range == BEYOND_PKT_END || pkt->range == AT_PKT_END)
      return op == BPF_JGE;
    break;
  }
  return -1;
}

/// is_branch_taken()
int isBranchTaken(const RegState &r1, const RegState &r2, uint8_t op, bool is32) {
  if (regIsPktPointerAny(r1) && regIsPktPointerAny(r2) && !is32)
    return isPktPtrBranchTaken(r1, r2, op);
  if (!r1.isScalar() || !r2.isScalar()) {
    const RegState *reg1 = &r1, *reg2 = &r2;
    if (!isRegConst(*reg2, is32)) {
      op = domain::flipOpcode(op);
      std::swap(reg1, reg2);
    }
    if (!isRegConst(*reg2, is32))
      return -1;
    if (!regNotNull(*reg1))
      return -1;
    if (reg2->bounds.constValue(is32) != 0)
      return -1;
    switch (op) {
    case BPF_JEQ:
      return 0;
    case BPF_JNE:
      return 1;
    default:
      return -1;
    }
  }
  return int(domain::isScalarBranchTaken(r1.bounds, r2.bounds, op, is32));
}

/// find_good_pkt_pointers()
void findGoodPktPointers(VerifierState &st, const RegState &dstReg, RegType type,
                         bool rangeRightOpen) {
  if (dstReg.off < 0 || (dstReg.off == 0 && rangeRightOpen))
    return;
  if (dstReg.bounds.umax > uint64_t(MAX_PACKET_OFF) ||
      dstReg.bounds.umax + uint64_t(int64_t(dstReg.off)) > uint64_t(MAX_PACKET_OFF))
    return;
  int32_t newRange = dstReg.off;
  if (rangeRightOpen)
    newRange++;
  uint32_t id = dstReg.id;
  forEachRegInState(st, [&](RegState &reg) {
    if (reg.type == type && reg.id == id)
      reg.range = std::max(reg.range, newRange);
  });
}

/// mark_pkt_end()
void markPktEnd(VerifierState &st, uint32_t regno, bool rangeOpen) {
  RegState &reg = st.cur().regs[regno];
  if (!reg.type.is(RegBase::PtrToPacket))
    return;
  reg.range = rangeOpen ? BEYOND_PKT_END : AT_PKT_END;
}

/// try_match_pkt_pointers()
bool tryMatchPktPointers(const Insn &insn, const RegState &dstReg, const RegState &srcReg,
                         VerifierState &thisBranch, VerifierState &otherBranch) {
  if (opSrc(insn.code) != BPF_X || insn.cls() == BPF_JMP32)
    return false;
  // Copies: the registers live in thisBranch and are updated while we walk it.
  RegState dst = dstReg, src = srcReg;
  bool caseA =
      (dst.type == RegType(RegBase::PtrToPacket) && src.type == RegType(RegBase::PtrToPacketEnd)) ||
      (dst.type == RegType(RegBase::PtrToPacketMeta) &&
       regIsInitPktPointer(src, RegBase::PtrToPacket));
  bool caseB = !caseA && ((dst.type == RegType(RegBase::PtrToPacketEnd) &&
                           src.type == RegType(RegBase::PtrToPacket)) ||
                          (regIsInitPktPointer(dst, RegBase::PtrToPacket) &&
                           src.type == RegType(RegBase::PtrToPacketMeta)));
  if (!caseA && !caseB)
    return false;
  switch (opCode(insn.code)) {
  case BPF_JGT:
    if (caseA) {
      findGoodPktPointers(thisBranch, dst, dst.type, false);
      markPktEnd(otherBranch, insn.dst, true);
    } else {
      findGoodPktPointers(otherBranch, src, src.type, true);
      markPktEnd(thisBranch, insn.src, false);
    }
    return true;
  case BPF_JLT:
    if (caseA) {
      findGoodPktPointers(otherBranch, dst, dst.type, true);
      markPktEnd(thisBranch, insn.dst, false);
    } else {
      findGoodPktPointers(thisBranch, src, src.type, false);
      markPktEnd(otherBranch, insn.src, true);
    }
    return true;
  case BPF_JGE:
    if (caseA) {
      findGoodPktPointers(thisBranch, dst, dst.type, true);
      markPktEnd(otherBranch, insn.dst, false);
    } else {
      findGoodPktPointers(otherBranch, src, src.type, false);
      markPktEnd(thisBranch, insn.src, true);
    }
    return true;
  case BPF_JLE:
    if (caseA) {
      findGoodPktPointers(otherBranch, dst, dst.type, false);
      markPktEnd(thisBranch, insn.dst, true);
    } else {
      findGoodPktPointers(thisBranch, src, src.type, true);
      markPktEnd(otherBranch, insn.src, false);
    }
    return true;
  default:
    return false;
  }
}

/// mark_ptr_or_null_reg()
void markPtrOrNullReg(Env &env, RegState &reg, uint32_t id, bool isNull) {
  if (!typeMayBeNull(reg.type) || reg.id != id)
    return;
  if (reg.bounds.smin || reg.bounds.smax || !reg.bounds.varOff.isConst() ||
      reg.bounds.varOff.value != 0)
    return;
  if (!(reg.type.is(RegBase::PtrToBtfId) && reg.type.has(MEM_ALLOC)) &&
      !reg.type.has(NON_OWN_REF) && reg.off)
    return;
  if (isNull) {
    reg.type = RegType(RegBase::Scalar);
    reg.id = 0;
    reg.refObjId = 0;
    return;
  }
  markPtrNotNullReg(reg, env);
  // reg_may_point_to_spin_lock(): a map value holding a spin lock keeps its id, so that two
  // lookups stay two different locks.
  if (!regMayPointToSpinLock(env, reg))
    reg.id = 0;
}

void releaseReferenceState(VerifierState &st, uint32_t id) {
  auto it = std::find_if(st.refs.begin(), st.refs.end(),
                         [&](const RefState &r) { return uint32_t(r.id) == id; });
  if (it != st.refs.end())
    st.refs.erase(it);
}

/// mark_ptr_or_null_regs()
void markPtrOrNullRegs(Env &env, VerifierState &st, uint32_t regno, bool isNull) {
  RegState &r = st.cur().regs[regno];
  uint32_t refObjId = r.refObjId;
  uint32_t id = r.id;
  if (refObjId && refObjId == id && isNull)
    releaseReferenceState(st, id);
  forEachRegInState(st, [&](RegState &reg) { markPtrOrNullReg(env, reg, id, isNull); });
}

/// collect_linked_regs(); with linkedRegsLiveOnly (6.18.y) registers dead at the frame's
/// instruction are left out.
void collectLinkedRegs(const Env &env, VerifierState &st, uint32_t id, pruning::LinkedRegs &set) {
  LiveRegsBefore live;
  if (env.opts.linkedRegsLiveOnly)
    live = [&env](uint32_t at) -> uint16_t {
      return at < env.liveRegsBefore.size() ? env.liveRegsBefore[at] : uint16_t(0xffff);
    };
  pruning::collectLinkedRegs(st, id, set, live);
}

/// sync_linked_regs()
void syncLinkedRegs(VerifierState &st, const RegState *knownPtr, const pruning::LinkedRegs &set,
                    const domain::DomainOptions &dom, bool wideDelta) {
  RegState known = *knownPtr;
  for (int i = 0; i < set.cnt; ++i) {
    const pruning::LinkedReg &e = set.entries[i];
    FuncState &f = st.frames[e.frameno];
    RegState &reg = e.isReg ? f.regs[e.spiOrRegno] : f.stack[e.spiOrRegno].spilledPtr;
    if (!reg.isScalar() || &reg == knownPtr)
      continue;
    if ((reg.id & ~BPF_ADD_CONST) != (known.id & ~BPF_ADD_CONST))
      continue;
    // 6.18.y: no delta relation across 32-bit and 64-bit links.
    if (wideDelta && ((reg.id ^ known.id) & BPF_ADD_CONST) == BPF_ADD_CONST)
      continue;
    int32_t savedSubregDef = reg.subregDef;
    if ((!(reg.id & BPF_ADD_CONST) && !(known.id & BPF_ADD_CONST)) || reg.off == known.off) {
      reg = known;
      reg.subregDef = savedSubregDef;
    } else {
      int32_t savedOff = reg.off;
      uint32_t savedId = reg.id;
      // (s32) differences in 6.18; (s64) in 6.18.y where offsets may be negative.
      int64_t d = wideDelta ? int64_t(reg.off) - int64_t(known.off)
                            : int64_t(int32_t(uint32_t(reg.off) - uint32_t(known.off)));
      domain::ScalarBounds delta = domain::ScalarBounds::known(uint64_t(d));
      reg = known;
      reg.off = savedOff;
      reg.id = savedId;
      reg.subregDef = savedSubregDef;
      // scalar32_min_max_add + scalar_min_max_add + tnum_add, without a sync (as the kernel).
      reg.bounds = domain::addWithoutSync(reg.bounds, delta);
      // 6.18.y syncs the bounds after applying the delta (observed on 6.18.44: the tnum of
      // a register refined this way is deduced from its ranges).
      if (wideDelta) {
        if ((reg.id | known.id) & BPF_ADD_CONST32)
          reg.bounds.zext32To64();
        reg.bounds.sync(dom);
      }
    }
  }
}

} // namespace

bool regMayPointToSpinLock(Env &env, const RegState &reg) {
  if (reg.type.base() != RegBase::PtrToMapValue)
    return false;
  const BtfRecord *rec = env.mapRecords.of(reg.map);
  return rec && rec->has(BPF_SPIN_LOCK | BPF_RES_SPIN_LOCK);
}

void markPtrNotNullReg(RegState &reg, Env &env) {
  const object::Object &obj = env.obj;
  if (reg.type.base() == RegBase::PtrToMapValue) {
    const object::Map *map = reg.map;
    if (map && map->innerMap) {
      reg.type = RegType(RegBase::ConstPtrToMap);
      // The inner map template stands for map->inner_map_meta.
      uint32_t inner = *map->innerMap;
      reg.map = inner < obj.maps.size() ? &obj.maps[inner] : nullptr;
      reg.mapIndex = int32_t(inner);
      // Each lookup of an inner map holding a timer or workqueue is a distinct map (map_uid),
      // so a timer cannot be initialised with another inner map.
      const BtfRecord *rec = env.mapRecords.of(reg.map);
      if (rec && rec->has(BPF_TIMER | BPF_WORKQUEUE))
        reg.mapUid = reg.id;
      return;
    }
    if (map && map->type == uapi::BPF_MAP_TYPE_XSKMAP)
      reg.type = RegType(RegBase::PtrToXdpSock);
    else if (map &&
             (map->type == uapi::BPF_MAP_TYPE_SOCKMAP || map->type == uapi::BPF_MAP_TYPE_SOCKHASH))
      reg.type = RegType(RegBase::PtrToSocket);
    else
      reg.type = RegType(RegBase::PtrToMapValue);
    return;
  }
  reg.type = reg.type.without(PTR_MAYBE_NULL);
}

bool checkCondJmpOp(Env &env) {
  const Insn insn = env.insn();
  uint8_t opcode = opCode(insn.code);
  VerifierState &thisBranch = *env.cur;
  if (opcode == BPF_JCOND) {
    // may_goto: this path takes the jump; the fall-through is explored later one level deeper.
    uint32_t idx = env.insnIdx;
    const VerifierState *prev =
        thisBranch.parent ? findPrevEntry(env, *thisBranch.parent, idx) : nullptr;
    VerifierState *queued = env.pushStack(idx + 1, int32_t(idx), false);
    if (!queued)
      return false;
    queued->mayGotoDepth++;
    if (prev)
      widenImpreciseScalars(env, *prev, *queued);
    env.insnIdx += uint32_t(insn.off) + 1;
    return true;
  }
  if (!checkRegArg(env, insn.dst, RegArg::SrcOp))
    return false;
  RegState *regs = env.curRegs();
  uint32_t insnFlags = 0;
  RegState fake;
  RegState *srcReg;
  if (opSrc(insn.code) == BPF_X) {
    if (!checkRegArg(env, insn.src, RegArg::SrcOp))
      return false;
    srcReg = &regs[insn.src];
    if (srcReg->type.is(RegBase::PtrToStack))
      insnFlags |= INSN_F_SRC_REG_STACK;
  } else {
    fake.type = RegType(RegBase::Scalar);
    markRegKnown(fake, uint64_t(int64_t(insn.imm)));
    srcReg = &fake;
  }
  RegState *dstReg = &regs[insn.dst];
  if (dstReg->type.is(RegBase::PtrToStack))
    insnFlags |= INSN_F_DST_REG_STACK;
  if (insnFlags && !env.pushInsnHistory(thisBranch, insnFlags, 0))
    return false;

  bool is32 = insn.cls() == BPF_JMP32;
  int pred = isBranchTaken(*dstReg, *srcReg, opcode, is32);
  if (pred >= 0) {
    if (dstReg->isScalar() && !markChainPrecision(env, insn.dst))
      return false;
    if (opSrc(insn.code) == BPF_X && env.curRegs()[insn.src].isScalar() &&
        !markChainPrecision(env, insn.src))
      return false;
  }
  if (pred == 1 || pred == 0) {
    if (env.log.verboseEnabled())
      printInsnState(env.log, env.insnIdx, thisBranch, thisBranch.curframe, env.scratched,
                     env.printCtx);
    env.insnIdx += pred == 1 ? insn.off + 1 : 1;
    return true;
  }

  regs = env.curRegs();
  dstReg = &regs[insn.dst];
  if (opSrc(insn.code) == BPF_X)
    srcReg = &regs[insn.src];
  pruning::LinkedRegs linked;
  if (opSrc(insn.code) == BPF_X && srcReg->isScalar() && srcReg->id)
    collectLinkedRegs(env, thisBranch, srcReg->id, linked);
  if (dstReg->isScalar() && dstReg->id)
    collectLinkedRegs(env, thisBranch, dstReg->id, linked);
  if (linked.cnt > 1 && !env.pushInsnHistory(thisBranch, 0, pruning::linkedRegsPack(linked)))
    return false;

  VerifierState *otherBranch =
      env.pushStack(env.insnIdx + insn.off + 1, int32_t(env.insnIdx), false);
  if (!otherBranch)
    return false;
  // push_stack may have reallocated nothing of ours, but re-take pointers for clarity.
  regs = env.curRegs();
  dstReg = &regs[insn.dst];
  if (opSrc(insn.code) == BPF_X)
    srcReg = &regs[insn.src];
  RegState *otherRegs = otherBranch->cur().regs.data();

  // reg_set_min_max(): only when both are scalars.
  RegState &otherDst = otherRegs[insn.dst];
  RegState otherFakeSrc = fake;
  RegState &otherSrc = opSrc(insn.code) == BPF_X ? otherRegs[insn.src] : otherFakeSrc;
  if (dstReg->isScalar() && srcReg->isScalar()) {
    domain::BranchRefinement r =
        domain::regSetMinMax(dstReg->bounds, srcReg->bounds, opcode, is32, env.dom);
    otherDst.bounds = r.taken.dst;
    otherSrc.bounds = r.taken.src;
    dstReg->bounds = r.fallthrough.dst;
    srcReg->bounds = r.fallthrough.src;
    for (const std::string &m : r.messages)
      env.verbose("verifier bug: %s\n", m.c_str());
  }

  if (opSrc(insn.code) == BPF_X && srcReg->isScalar() && srcReg->id &&
      srcReg->id == otherRegs[insn.src].id) {
    syncLinkedRegs(thisBranch, srcReg, linked, env.dom, env.opts.linkedRegsSubAndNegative);
    syncLinkedRegs(*otherBranch, &otherRegs[insn.src], linked, env.dom,
                   env.opts.linkedRegsSubAndNegative);
  }
  if (dstReg->isScalar() && dstReg->id && dstReg->id == otherRegs[insn.dst].id) {
    syncLinkedRegs(thisBranch, dstReg, linked, env.dom, env.opts.linkedRegsSubAndNegative);
    syncLinkedRegs(*otherBranch, &otherRegs[insn.dst], linked, env.dom,
                   env.opts.linkedRegsSubAndNegative);
  }

  if (!is32 && opSrc(insn.code) == BPF_X && !srcReg->isScalar() && !dstReg->isScalar() &&
      !srcReg->type.is(RegBase::PtrToBtfId) && !dstReg->type.is(RegBase::PtrToBtfId)) {
    RegState *eq = nullptr;
    if (opcode == BPF_JEQ)
      eq = otherRegs;
    else if (opcode == BPF_JNE)
      eq = regs;
    if (eq) {
      bool dstNotNull = regNotNull(*dstReg), srcNotNull = regNotNull(*srcReg);
      bool srcMayNull = typeMayBeNull(srcReg->type), dstMayNull = typeMayBeNull(dstReg->type);
      if (dstNotNull && srcMayNull)
        markPtrNotNullReg(eq[insn.src], env);
      if (srcNotNull && dstMayNull)
        markPtrNotNullReg(eq[insn.dst], env);
    }
  }

  if (!is32 && opSrc(insn.code) == BPF_K && insn.imm == 0 &&
      (opcode == BPF_JEQ || opcode == BPF_JNE) && typeMayBeNull(dstReg->type)) {
    markPtrOrNullRegs(env, thisBranch, insn.dst, opcode == BPF_JNE);
    markPtrOrNullRegs(env, *otherBranch, insn.dst, opcode == BPF_JEQ);
  } else {
    tryMatchPktPointers(insn, *dstReg, regs[insn.src], thisBranch, *otherBranch);
    // is_pointer_value() is false for privileged programs: no "pointer comparison prohibited".
  }
  if (env.log.verboseEnabled())
    printInsnState(env.log, env.insnIdx, thisBranch, thisBranch.curframe, env.scratched,
                   env.printCtx);
  env.insnIdx += 1;
  return true;
}

} // namespace bpfverify::verifier
