#include "lib/isa/opcode_table.h"

#include "lib/isa/insn.h"

#include <array>

namespace bpfverify::isa {
namespace {

// The codes of BPF_INSN_MAP in kernel/bpf/core.c plus the extra entries bpf_opcode_in_insntable()
// adds (LD_ABS/LD_IND, may_goto, and the byte/half atomics of load-acquire/store-release).
// Checked against Linux 6.18 by sweeping all 256 codes through BPF_PROG_LOAD.
constexpr std::array<bool, 256> buildTable() {
  std::array<bool, 256> table{};
  auto set = [&](int code) { table[code] = true; };
  constexpr uint8_t aluOps[] = {BPF_ADD, BPF_SUB, BPF_AND, BPF_OR,   BPF_LSH, BPF_RSH,
                                BPF_XOR, BPF_MUL, BPF_MOV, BPF_ARSH, BPF_DIV, BPF_MOD};
  for (uint8_t cls : {BPF_ALU, BPF_ALU64})
    for (uint8_t op : aluOps)
      for (uint8_t src : {BPF_X, BPF_K})
        set(cls | op | src);
  set(BPF_ALU | BPF_NEG);
  set(BPF_ALU64 | BPF_NEG);
  set(BPF_ALU | BPF_END | BPF_TO_BE);
  set(BPF_ALU | BPF_END | BPF_TO_LE);
  set(BPF_ALU64 | BPF_END | BPF_TO_LE); // bswap
  set(BPF_JMP | BPF_CALL);
  set(BPF_JMP | BPF_EXIT);
  constexpr uint8_t condOps[] = {BPF_JEQ,  BPF_JNE,  BPF_JGT,  BPF_JLT,  BPF_JGE, BPF_JLE,
                                 BPF_JSGT, BPF_JSLT, BPF_JSGE, BPF_JSLE, BPF_JSET};
  for (uint8_t cls : {BPF_JMP, BPF_JMP32})
    for (uint8_t op : condOps)
      for (uint8_t src : {BPF_X, BPF_K})
        set(cls | op | src);
  set(BPF_JMP | BPF_JA);
  set(BPF_JMP32 | BPF_JA);
  set(BPF_JMP | BPF_JCOND);
  for (uint8_t size : {BPF_B, BPF_H, BPF_W, BPF_DW}) {
    set(BPF_STX | BPF_MEM | size);
    set(BPF_STX | BPF_ATOMIC | size);
    set(BPF_ST | BPF_MEM | size);
    set(BPF_LDX | BPF_MEM | size);
  }
  for (uint8_t size : {BPF_B, BPF_H, BPF_W}) {
    set(BPF_LDX | BPF_MEMSX | size);
    set(BPF_LD | BPF_ABS | size);
    set(BPF_LD | BPF_IND | size);
  }
  set(BPF_LD | BPF_IMM | BPF_DW);
  return table;
}

constexpr std::array<bool, 256> kTable = buildTable();

} // namespace

bool isKnownOpcode(uint8_t code) {
  return kTable[code];
}

} // namespace bpfverify::isa
