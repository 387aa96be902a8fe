#include "verifier/check/regs.h"

#include <bit>

namespace bpfverify::verifier {

bool checkRegArgIn(Env &env, RegState *regs, uint32_t regno, RegArg t) {
  // __check_reg_arg()
  if (regno >= isa::MAX_BPF_REG)
    return env.fail("R%u is invalid", regno);
  env.markRegScratched(int(regno));
  RegState &reg = regs[regno];
  if (t == RegArg::SrcOp) {
    if (reg.isNotInit())
      return env.fail("R%u !read_ok", regno);
    return true;
  }
  if (regno == isa::BPF_REG_FP)
    return env.fail("frame pointer is read only");
  const isa::Insn &insn = env.insn();
  bool rw64 = insn.cls() == isa::BPF_ALU64 || insn.cls() == isa::BPF_LDX ||
              insn.cls() == isa::BPF_JMP || isa::isLdImm64(insn);
  if (insn.cls() == isa::BPF_LDX && isa::opSize(insn.code) != isa::BPF_DW)
    rw64 = false;
  reg.subregDef = rw64 ? 0 : int32_t(env.insnIdx + 1);
  if (t == RegArg::DstOp)
    markRegUnknownAt(env, regs, regno);
  return true;
}

bool checkRegArg(Env &env, uint32_t regno, RegArg t) {
  return checkRegArgIn(env, env.curRegs(), regno, t);
}

void markRegUnknownAt(Env &, RegState *regs, uint32_t regno) {
  markRegUnknown(regs[regno]);
}

void markRegNotInitAt(Env &, RegState *regs, uint32_t regno) {
  markRegNotInit(regs[regno]);
}

void assignScalarIdBeforeMov(Env &env, RegState &src) {
  if (!src.isScalar())
    return;
  if (src.id & BPF_ADD_CONST)
    clearScalarId(src);
  if (!src.id && !src.bounds.varOff.isConst())
    src.id = env.newId();
}

int regWidth(const RegState &reg) {
  return 64 - std::countl_zero(reg.bounds.umax);
}

bool isTrustedReg(const RegState &reg) {
  uint32_t flags = reg.type.flags();
  return reg.refObjId != 0 || ((flags & kTrustedModifiers) && !(flags & ~kTrustedModifiers));
}

bool inRcuCs(const VerifierState &st) {
  return st.activeRcuLock || st.activeLocks || !st.inSleepable;
}

bool regNotNull(const RegState &reg) {
  if (reg.type.has(PTR_MAYBE_NULL))
    return false;
  // A non-NULL base plus an unbounded offset may still wrap to zero.
  constexpr int64_t maxVarOff = int64_t(1) << 29; // BPF_MAX_VAR_OFF
  if (reg.bounds.smin <= -maxVarOff || reg.bounds.smax >= maxVarOff)
    return false;
  switch (reg.type.base()) {
  case RegBase::PtrToSocket:
  case RegBase::PtrToTcpSock:
  case RegBase::PtrToXdpSock:
  case RegBase::PtrToBuf:
  case RegBase::PtrToMapValue:
  case RegBase::PtrToMapKey:
  case RegBase::PtrToSockCommon:
  case RegBase::PtrToMem:
  case RegBase::ConstPtrToMap:
    return true;
  case RegBase::PtrToBtfId:
    return isTrustedReg(reg);
  default:
    return false;
  }
}

const char *aluOpString(uint8_t op) {
  static const char *const names[16] = {"+=",  "-=", "*=", "/=", "|=",   "&=",     "<<=", ">>=",
                                        "neg", "%=", "^=", "=",  "s>>=", "endian", "?",   "?"};
  return names[(op >> 4) & 0xf];
}

} // namespace bpfverify::verifier
