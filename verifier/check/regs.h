#pragma once
// Register reads and writes as the kernel checks them (check_reg_arg, __check_reg_arg) and the
// small register helpers shared by every checker (scalar ids, copies, pointer tests).

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// enum reg_arg_type
enum class RegArg { SrcOp, DstOp, DstOpNoMark };

/// check_reg_arg on the current frame.
bool checkRegArg(Env &env, uint32_t regno, RegArg t);
/// __check_reg_arg on an explicit register file (used for the caller's registers at calls).
bool checkRegArgIn(Env &env, RegState *regs, uint32_t regno, RegArg t);

/// mark_reg_unknown on a register of the current frame.
void markRegUnknownAt(Env &env, RegState *regs, uint32_t regno);
/// mark_reg_not_init
void markRegNotInitAt(Env &env, RegState *regs, uint32_t regno);

/// clear_scalar_id
inline void clearScalarId(RegState &reg) {
  reg.id = 0;
  reg.off = 0;
}
/// assign_scalar_id_before_mov
void assignScalarIdBeforeMov(Env &env, RegState &src);

/// get_reg_width: fls64(umax)
int regWidth(const RegState &reg);

/// is_pointer_value: privileged programs may leak pointers, so the kernel answers false for root.
inline bool isPointerValue(const Env &, uint32_t) {
  return false;
}

/// BPF_REG_TRUSTED_MODIFIERS: the flags a trusted BTF pointer may carry.
inline constexpr uint32_t kTrustedModifiers = MEM_ALLOC | PTR_TRUSTED | NON_OWN_REF;
/// is_trusted_reg() for a BTF pointer: a referenced object, or only the trusted modifiers
/// (MEM_ALLOC, PTR_TRUSTED, NON_OWN_REF; MEM_RCU is not one).
bool isTrustedReg(const RegState &reg);
/// in_rcu_cs(): inside bpf_rcu_read_lock, holding a spin lock, or a non-sleepable program.
bool inRcuCs(const VerifierState &st);
/// reg_not_null
bool regNotNull(const RegState &reg);

/// The register's frame number in the kernel sense (for PTR_TO_STACK: the frame it points to).
inline FuncState &funcOf(Env &env, const RegState &reg) {
  return env.cur->frames[reg.frameno];
}

/// BPF_ALU op names of bpf_alu_string[] (kernel/bpf/disasm.c).
const char *aluOpString(uint8_t op);

} // namespace bpfverify::verifier
