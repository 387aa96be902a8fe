#pragma once
// The raw 8-byte BPF instruction and the opcode constants of include/uapi/linux/bpf.h.

#include <cstdint>

namespace bpfverify::isa {

/// One 8-byte instruction slot, as struct bpf_insn (little-endian layout, dst in the low nibble).
struct Insn {
  uint8_t code = 0;
  uint8_t dst : 4 = 0;
  uint8_t src : 4 = 0;
  int16_t off = 0;
  int32_t imm = 0;

  uint8_t cls() const { return code & 0x07; }
  friend bool operator==(const Insn &, const Insn &) = default;
};
static_assert(sizeof(Insn) == 8);

// Instruction classes.
inline constexpr uint8_t BPF_LD = 0x00, BPF_LDX = 0x01, BPF_ST = 0x02, BPF_STX = 0x03,
                         BPF_ALU = 0x04, BPF_JMP = 0x05, BPF_JMP32 = 0x06, BPF_ALU64 = 0x07;
// Sizes and modes of load/store classes.
inline constexpr uint8_t BPF_W = 0x00, BPF_H = 0x08, BPF_B = 0x10, BPF_DW = 0x18;
inline constexpr uint8_t BPF_IMM = 0x00, BPF_ABS = 0x20, BPF_IND = 0x40, BPF_MEM = 0x60,
                         BPF_MEMSX = 0x80, BPF_ATOMIC = 0xc0;
// Source operand.
inline constexpr uint8_t BPF_K = 0x00, BPF_X = 0x08;
// ALU operations.
inline constexpr uint8_t BPF_ADD = 0x00, BPF_SUB = 0x10, BPF_MUL = 0x20, BPF_DIV = 0x30,
                         BPF_OR = 0x40, BPF_AND = 0x50, BPF_LSH = 0x60, BPF_RSH = 0x70,
                         BPF_NEG = 0x80, BPF_MOD = 0x90, BPF_XOR = 0xa0, BPF_MOV = 0xb0,
                         BPF_ARSH = 0xc0, BPF_END = 0xd0;
inline constexpr uint8_t BPF_TO_LE = 0x00, BPF_TO_BE = 0x08;
// Jump operations.
inline constexpr uint8_t BPF_JA = 0x00, BPF_JEQ = 0x10, BPF_JGT = 0x20, BPF_JGE = 0x30,
                         BPF_JSET = 0x40, BPF_JNE = 0x50, BPF_JSGT = 0x60, BPF_JSGE = 0x70,
                         BPF_CALL = 0x80, BPF_EXIT = 0x90, BPF_JLT = 0xa0, BPF_JLE = 0xb0,
                         BPF_JSLT = 0xc0, BPF_JSLE = 0xd0, BPF_JCOND = 0xe0;
// Atomic operations (imm of BPF_STX | BPF_ATOMIC).
inline constexpr int32_t BPF_FETCH = 0x01, BPF_XCHG = 0xe0 | BPF_FETCH,
                         BPF_CMPXCHG = 0xf0 | BPF_FETCH, BPF_LOAD_ACQ = 0x100,
                         BPF_STORE_REL = 0x110;
inline constexpr int16_t BPF_ADDR_SPACE_CAST = 1; // off of BPF_ALU64 | BPF_MOV | BPF_X
inline constexpr int16_t BPF_MAY_GOTO = 0;        // src of BPF_JMP | BPF_JCOND

// src_reg of BPF_LD | BPF_IMM | BPF_DW (ld_imm64).
inline constexpr uint8_t BPF_PSEUDO_MAP_FD = 1, BPF_PSEUDO_MAP_VALUE = 2, BPF_PSEUDO_BTF_ID = 3,
                         BPF_PSEUDO_FUNC = 4, BPF_PSEUDO_MAP_IDX = 5, BPF_PSEUDO_MAP_IDX_VALUE = 6;
// src_reg of BPF_JMP | BPF_CALL.
inline constexpr uint8_t BPF_PSEUDO_CALL = 1, BPF_PSEUDO_KFUNC_CALL = 2;

inline constexpr uint8_t opClass(uint8_t code) {
  return code & 0x07;
}
inline constexpr uint8_t opSize(uint8_t code) {
  return code & 0x18;
}
inline constexpr uint8_t opMode(uint8_t code) {
  return code & 0xe0;
}
inline constexpr uint8_t opCode(uint8_t code) {
  return code & 0xf0;
}
inline constexpr uint8_t opSrc(uint8_t code) {
  return code & 0x08;
}

// Registers and limits (include/linux/filter.h, include/linux/bpf.h, include/linux/bpf_verifier.h).
inline constexpr uint8_t BPF_REG_0 = 0, BPF_REG_1 = 1, BPF_REG_6 = 6, BPF_REG_FP = 10;
inline constexpr uint8_t MAX_BPF_REG = 11; ///< r0..r10; the verifier says "R%d is invalid" above
inline constexpr uint32_t BPF_MAXINSNS = 4096;                    ///< unprivileged program size
inline constexpr uint32_t BPF_COMPLEXITY_LIMIT_INSNS = 1'000'000; ///< privileged program size
inline constexpr uint32_t BPF_MAX_SUBPROGS = 256;
inline constexpr uint32_t BPF_MAX_VAR_OFF = 1u << 29;

inline bool isLdImm64(const Insn &insn) {
  return insn.code == (BPF_LD | BPF_IMM | BPF_DW);
}
inline bool isPseudoCall(const Insn &insn) {
  return insn.code == (BPF_JMP | BPF_CALL) && insn.src == BPF_PSEUDO_CALL;
}
inline bool isHelperCall(const Insn &insn) {
  return insn.code == (BPF_JMP | BPF_CALL) && insn.src == 0;
}
inline bool isKfuncCall(const Insn &insn) {
  return insn.code == (BPF_JMP | BPF_CALL) && insn.src == BPF_PSEUDO_KFUNC_CALL;
}
/// ld_imm64 of a subprogram address (bpf_pseudo_func() in verifier.c).
inline bool isPseudoFunc(const Insn &insn) {
  return isLdImm64(insn) && insn.src == BPF_PSEUDO_FUNC;
}
/// Jump displacement in instructions (bpf_jmp_offset()): imm for gotol (JMP32 | JA), else off.
inline int32_t jumpOffset(const Insn &insn) {
  return insn.code == (BPF_JMP32 | BPF_JA) ? insn.imm : insn.off;
}
/// Builds an instruction; dst and src are truncated to their 4-bit fields.
inline constexpr Insn makeInsn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  Insn insn;
  insn.code = code;
  insn.dst = dst & 0x0f;
  insn.src = src & 0x0f;
  insn.off = off;
  insn.imm = imm;
  return insn;
}

} // namespace bpfverify::isa
