#include "verifier/check/alu.h"

#include "verifier/check/regs.h"
#include "verifier/domain/scalar_alu.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/engine/verify_options.h"

namespace bpfverify::verifier {

using namespace isa;
using domain::ScalarBounds;

namespace {

/// check_reg_sane_offset()
bool checkRegSaneOffset(Env &env, const RegState &reg, RegType type) {
  bool known = reg.bounds.varOff.isConst();
  int64_t val = int64_t(reg.bounds.varOff.value);
  int64_t smin = reg.bounds.smin;
  const int64_t maxOff = BPF_MAX_VAR_OFF;
  if (known && (val >= maxOff || val <= -maxOff))
    return env.fail("math between %s pointer and %lld is not allowed", regTypeName(type).c_str(),
                    (long long)val);
  if (reg.off >= maxOff || reg.off <= -maxOff)
    return env.fail("%s pointer offset %d is not allowed", regTypeName(type).c_str(), reg.off);
  if (smin == domain::S64Min)
    return env.fail("math between %s pointer and register with unbounded min value is not "
                    "allowed",
                    regTypeName(type).c_str());
  if (smin >= maxOff || smin <= -maxOff)
    return env.fail("value %lld makes %s pointer be out of bounds", (long long)smin,
                    regTypeName(type).c_str());
  return true;
}

void copyPointerPayload(RegState &dst, const RegState &src) {
  // dst_reg->raw = ptr_reg->raw: the type-specific union.
  dst.range = src.range;
  dst.map = src.map;
  dst.mapIndex = src.mapIndex;
  dst.mapUid = src.mapUid;
  dst.btf = src.btf;
  dst.btfId = src.btfId;
  dst.memSize = src.memSize;
  dst.dynptrId = src.dynptrId;
  dst.dynptrType = src.dynptrType;
  dst.dynptrFirstSlot = src.dynptrFirstSlot;
  dst.iterState = src.iterState;
  dst.iterDepth = src.iterDepth;
  dst.subprogno = src.subprogno;
}

void clearPointerPayload(RegState &dst) {
  RegState blank;
  copyPointerPayload(dst, blank);
}

/// A constant folded into the fixed offset: the 64-bit ranges and var_off stay the pointer's
/// (the 32-bit ones were already blanked).
void keepVariableOffset(ScalarBounds &d, const ScalarBounds &p) {
  d.smin = p.smin;
  d.smax = p.smax;
  d.umin = p.umin;
  d.umax = p.umax;
  d.varOff = p.varOff;
}

/// adjust_ptr_min_max_vals(): pointer +/- scalar. ptr and off are copies (the kernel reads them
/// before writing dst).
bool adjustPtrMinMaxVals(Env &env, const RegState ptr, const RegState off, bool dstIsPtr) {
  const Insn &insn = env.insn();
  uint32_t dst = insn.dst;
  RegState &dstReg = env.curRegs()[dst];
  uint8_t opcode = opCode(insn.code);
  bool known = off.bounds.varOff.isConst();
  const ScalarBounds &o = off.bounds;
  const ScalarBounds &p = ptr.bounds;
  if ((known && (o.smin != o.smax || o.umin != o.umax)) || o.smin > o.smax || o.umin > o.umax) {
    markRegUnknown(dstReg);
    return true;
  }
  if (insn.cls() != BPF_ALU64) {
    if (opcode == BPF_SUB) { // allow_ptr_leaks
      markRegUnknown(dstReg);
      return true;
    }
    return env.fail("R%u 32-bit pointer arithmetic prohibited", dst);
  }
  if (ptr.type.has(PTR_MAYBE_NULL))
    return env.fail("R%u pointer arithmetic on %s prohibited, null-check it first", dst,
                    regTypeName(ptr.type).c_str());
  switch (ptr.type.base()) {
  case RegBase::PtrToCtx:
  case RegBase::PtrToMapValue:
  case RegBase::PtrToMapKey:
  case RegBase::PtrToStack:
  case RegBase::PtrToPacketMeta:
  case RegBase::PtrToPacket:
  case RegBase::PtrToTpBuffer:
  case RegBase::PtrToBtfId:
  case RegBase::PtrToMem:
  case RegBase::PtrToBuf:
  case RegBase::PtrToFunc:
  case RegBase::ConstPtrToDynptr:
    break;
  case RegBase::PtrToFlowKeys:
    if (known)
      break;
    [[fallthrough]];
  case RegBase::ConstPtrToMap:
    if (known && o.smin == 0 && opcode == BPF_ADD)
      break;
    [[fallthrough]];
  default:
    return env.fail("R%u pointer arithmetic on %s prohibited", dst, regTypeName(ptr.type).c_str());
  }
  dstReg = ptr; // "if (dst_reg != ptr_reg) *dst_reg = *ptr_reg" (a no-op when they are the same)
  if (!checkRegSaneOffset(env, off, ptr.type) || !checkRegSaneOffset(env, ptr, ptr.type))
    return false;
  dstReg.bounds.markUnbounded32();
  ScalarBounds &d = dstReg.bounds;
  switch (opcode) {
  case BPF_ADD: {
    int64_t sum = int64_t(ptr.off) + o.smin;
    if (known && sum == int64_t(int32_t(sum))) {
      keepVariableOffset(d, p);
      dstReg.off = int32_t(sum);
      copyPointerPayload(dstReg, ptr);
      break;
    }
    if (__builtin_add_overflow(p.smin, o.smin, &d.smin) ||
        __builtin_add_overflow(p.smax, o.smax, &d.smax)) {
      d.smin = domain::S64Min;
      d.smax = domain::S64Max;
    }
    if (__builtin_add_overflow(p.umin, o.umin, &d.umin) ||
        __builtin_add_overflow(p.umax, o.umax, &d.umax)) {
      d.umin = 0;
      d.umax = domain::U64Max;
    }
    d.varOff = domain::tnumAdd(p.varOff, o.varOff);
    dstReg.off = ptr.off;
    copyPointerPayload(dstReg, ptr);
    if (isPacketPointer(ptr.type)) {
      dstReg.id = env.newId();
      clearPointerPayload(dstReg); // range = 0
    }
    break;
  }
  case BPF_SUB: {
    if (!dstIsPtr)
      return env.fail("R%u tried to subtract pointer from scalar", dst);
    if (ptr.type.is(RegBase::PtrToStack))
      return env.fail("R%u subtraction from stack pointer prohibited", dst);
    int64_t diff = int64_t(ptr.off) - o.smin;
    if (known && diff == int64_t(int32_t(diff))) {
      keepVariableOffset(d, p);
      dstReg.id = ptr.id;
      dstReg.off = int32_t(diff);
      copyPointerPayload(dstReg, ptr);
      break;
    }
    if (__builtin_sub_overflow(p.smin, o.smax, &d.smin) ||
        __builtin_sub_overflow(p.smax, o.smin, &d.smax)) {
      d.smin = domain::S64Min;
      d.smax = domain::S64Max;
    }
    if (p.umin < o.umax) {
      d.umin = 0;
      d.umax = domain::U64Max;
    } else {
      d.umin = p.umin - o.umax;
      d.umax = p.umax - o.umin;
    }
    d.varOff = domain::tnumSub(p.varOff, o.varOff);
    dstReg.off = ptr.off;
    copyPointerPayload(dstReg, ptr);
    if (isPacketPointer(ptr.type)) {
      dstReg.id = env.newId();
      if (o.smin < 0)
        clearPointerPayload(dstReg);
    }
    break;
  }
  case BPF_AND:
  case BPF_OR:
  case BPF_XOR:
    return env.fail("R%u bitwise operator %s on pointer prohibited", dst, aluOpString(opcode));
  default:
    return env.fail("R%u pointer arithmetic with %s operator prohibited", dst, aluOpString(opcode));
  }
  if (!checkRegSaneOffset(env, dstReg, ptr.type))
    return false;
  d.sync(env.dom);
  return true;
}

/// The scalar part: adjust_scalar_min_max_vals() plus the linked-scalar id bookkeeping of
/// adjust_reg_min_max_vals().
bool adjustScalar(Env &env, RegState &dstReg, const ScalarBounds &src, bool srcIsDst,
                  bool srcConst) {
  const Insn &insn = env.insn();
  bool alu64 = insn.cls() == BPF_ALU64;
  uint8_t op = opCode(insn.code);
  std::optional<ScalarBounds> forked;
  ScalarBounds before = dstReg.bounds;
  uint64_t dstUmaxBefore = before.umax;
  dstReg.bounds = domain::adjustScalarMinMaxVals(before, src, op, alu64, env.dom, &forked);
  if (forked) {
    // maybe_fork_scalars() (6.18.y): the pushed branch re-runs this instruction with dst 0.
    VerifierState *branch = env.pushStack(env.insnIdx, int32_t(env.insnIdx), false);
    if (!branch)
      return false;
    RegState &b = branch->cur().regs[insn.dst];
    b.bounds = *forked;
  }
  // The linked-scalar delta of adjust_reg_min_max_vals().
  if (env.opts.linkedRegsSubAndNegative) {
    // 6.18.y: "rX += K" / "rX -= K" with K in s32, 64-bit, or 32-bit when rX fitted in 32 bits.
    bool srcConstW = alu64 ? srcConst : src.isConst(true);
    if ((op == BPF_ADD || op == BPF_SUB) && dstReg.id && srcConstW && !srcIsDst) {
      uint64_t val = src.constValue(!alu64);
      bool clear = false;
      if (alu64 && (int64_t(val) < domain::S32Min || int64_t(val) > domain::S32Max))
        clear = true;
      if (!alu64 && dstUmaxBefore > domain::U32Max)
        clear = true;
      int32_t off = int32_t(uint32_t(val));
      if (!clear && op == BPF_SUB) {
        if (off == domain::S32Min)
          clear = true;
        else
          off = -off;
      }
      if (clear || (dstReg.id & BPF_ADD_CONST)) {
        clearScalarId(dstReg);
      } else {
        dstReg.id |= alu64 ? BPF_ADD_CONST64 : BPF_ADD_CONST32;
        dstReg.off = off;
      }
    } else {
      clearScalarId(dstReg);
    }
  } else if (op == BPF_ADD && alu64 && dstReg.id && srcConst && !srcIsDst) {
    uint64_t val = src.constValue(false);
    if ((dstReg.id & BPF_ADD_CONST) || val > uint64_t(domain::S32Max)) {
      clearScalarId(dstReg);
    } else {
      dstReg.id |= BPF_ADD_CONST64;
      dstReg.off = int32_t(val);
    }
  } else {
    clearScalarId(dstReg);
  }
  return true;
}

/// adjust_reg_min_max_vals()
bool adjustRegMinMaxVals(Env &env) {
  const Insn &insn = env.insn();
  RegState *regs = env.curRegs();
  RegState &dstReg = regs[insn.dst];
  uint8_t opcode = opCode(insn.code);
  bool srcX = opSrc(insn.code) == BPF_X;
  if (dstReg.type.is(RegBase::PtrToArena) || (srcX && regs[insn.src].type.is(RegBase::PtrToArena)))
    return env.notSupported("arena pointer arithmetic");
  if (srcX) {
    RegState &srcReg = regs[insn.src];
    if (!srcReg.isScalar()) {
      if (!dstReg.isScalar()) {
        if (opcode == BPF_SUB) { // allow_ptr_leaks
          markRegUnknown(dstReg);
          return true;
        }
        return env.fail("R%u pointer %s pointer prohibited", unsigned(insn.dst),
                        aluOpString(opcode));
      }
      // scalar += pointer
      if (!markChainPrecision(env, insn.dst))
        return false;
      RegState off = dstReg;
      return adjustPtrMinMaxVals(env, srcReg, off, false);
    }
    if (!dstReg.isScalar()) {
      if (!markChainPrecision(env, insn.src))
        return false;
      return adjustPtrMinMaxVals(env, dstReg, srcReg, true);
    }
    if (dstReg.precise && !markChainPrecision(env, insn.src))
      return false;
    ScalarBounds src = srcReg.bounds;
    return adjustScalar(env, dstReg, src, insn.src == insn.dst, src.isConst(false));
  }
  RegState off;
  off.type = RegType(RegBase::Scalar);
  markRegKnown(off, uint64_t(int64_t(insn.imm)));
  if (!dstReg.isScalar())
    return adjustPtrMinMaxVals(env, dstReg, off, true);
  return adjustScalar(env, dstReg, off.bounds, false, true);
}

bool checkMov(Env &env) {
  const Insn &insn = env.insn();
  RegState *regs = env.curRegs();
  bool alu64 = insn.cls() == BPF_ALU64;
  if (opSrc(insn.code) == BPF_X) {
    if (alu64 && insn.off == BPF_ADDR_SPACE_CAST)
      return env.notSupported("addr_space_cast");
    if (!checkRegArg(env, insn.src, RegArg::SrcOp))
      return false;
  }
  if (!checkRegArg(env, insn.dst, RegArg::DstOpNoMark))
    return false;
  RegState &dstReg = regs[insn.dst];
  if (opSrc(insn.code) == BPF_X) {
    RegState &srcReg = regs[insn.src];
    if (alu64) {
      if (insn.off == 0) {
        assignScalarIdBeforeMov(env, srcReg);
        dstReg = srcReg;
        dstReg.subregDef = 0;
      } else if (srcReg.isScalar()) {
        bool noSext = srcReg.bounds.umax < (1ull << (insn.off - 1));
        if (noSext)
          assignScalarIdBeforeMov(env, srcReg);
        dstReg = srcReg;
        if (!noSext)
          clearScalarId(dstReg);
        dstReg.bounds.coerceToSizeSx(insn.off >> 3);
        dstReg.subregDef = 0;
      } else {
        markRegUnknown(dstReg);
      }
    } else {
      if (srcReg.isScalar()) {
        if (insn.off == 0) {
          bool isU32 = regWidth(srcReg) <= 32;
          if (isU32)
            assignScalarIdBeforeMov(env, srcReg);
          dstReg = srcReg;
          if (!isU32)
            clearScalarId(dstReg);
          dstReg.subregDef = int32_t(env.insnIdx + 1);
        } else {
          bool noSext = srcReg.bounds.umax < (1ull << (insn.off - 1));
          if (noSext)
            assignScalarIdBeforeMov(env, srcReg);
          dstReg = srcReg;
          if (!noSext)
            clearScalarId(dstReg);
          dstReg.subregDef = int32_t(env.insnIdx + 1);
          dstReg.bounds.coerceSubregToSizeSx(insn.off >> 3);
        }
      } else {
        markRegUnknown(dstReg);
      }
      dstReg.bounds.zext32To64();
      dstReg.bounds.sync(env.dom);
    }
  } else {
    markRegUnknown(dstReg);
    dstReg.type = RegType(RegBase::Scalar);
    markRegKnown(dstReg, alu64 ? uint64_t(int64_t(insn.imm)) : uint64_t(uint32_t(insn.imm)));
  }
  return true;
}

} // namespace

bool checkAluOp(Env &env) {
  const Insn &insn = env.insn();
  RegState *regs = env.curRegs();
  uint8_t opcode = opCode(insn.code);
  bool alu64 = insn.cls() == BPF_ALU64;
  if (opcode == BPF_END || opcode == BPF_NEG) {
    if (!checkRegArg(env, insn.dst, RegArg::SrcOp))
      return false;
    RegState &dstReg = regs[insn.dst];
    if (dstReg.isScalar()) {
      if (!checkRegArg(env, insn.dst, RegArg::DstOpNoMark))
        return false;
      if (opcode == BPF_NEG) {
        ScalarBounds self = dstReg.bounds;
        dstReg.bounds = domain::adjustScalarMinMaxVals(self, self, BPF_NEG, alu64, env.dom);
        clearScalarId(dstReg); // __mark_reg_known(dst, 0) inside the NEG transfer
      } else {
        dstReg.bounds = domain::byteSwap(dstReg.bounds, alu64, opSrc(insn.code) == BPF_TO_BE,
                                         insn.imm, env.dom);
        // scalar_byte_swap() (6.18.y) keeps the id when nothing changes: to_le64 on a
        // little-endian target. The release marks the register unknown.
        bool needBswap = alu64 || opSrc(insn.code) == BPF_TO_BE;
        if (!env.dom.byteSwapTracking || needBswap || insn.imm == 16 || insn.imm == 32)
          clearScalarId(dstReg);
      }
    } else if (!checkRegArg(env, insn.dst, RegArg::DstOp)) {
      return false;
    }
  } else if (opcode == BPF_MOV) {
    if (!checkMov(env))
      return false;
  } else {
    if (opSrc(insn.code) == BPF_X && !checkRegArg(env, insn.src, RegArg::SrcOp))
      return false;
    if (!checkRegArg(env, insn.dst, RegArg::SrcOp))
      return false;
    if ((opcode == BPF_MOD || opcode == BPF_DIV) && opSrc(insn.code) == BPF_K && insn.imm == 0)
      return env.fail("div by zero");
    if ((opcode == BPF_LSH || opcode == BPF_RSH || opcode == BPF_ARSH) &&
        opSrc(insn.code) == BPF_K) {
      int size = alu64 ? 64 : 32;
      if (insn.imm < 0 || insn.imm >= size)
        return env.fail("invalid shift %d", insn.imm);
    }
    if (!checkRegArg(env, insn.dst, RegArg::DstOpNoMark))
      return false;
    if (!adjustRegMinMaxVals(env))
      return false;
  }
  // reg_bounds_sanity_check(env, dst, "alu")
  RegState &dstReg = env.curRegs()[insn.dst];
  if (dstReg.isScalar() || dstReg.isPointer()) {
    if (auto msg = domain::sanityCheck(dstReg.bounds, "alu"))
      env.verbose("verifier bug: %s\n", msg->c_str());
  }
  return true;
}

} // namespace bpfverify::verifier
