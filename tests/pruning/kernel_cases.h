#pragma once
// Small socket filter programs and the level-2 log text Linux 6.18.44 printed for them: the
// mark_precise walks and the stack liveness updates. The unit tests rebuild the kernel's path
// states and expect the same text from our code; test_kernel_logs.cpp ("[.][kernel]", root)
// re-checks that the running kernel still prints it.

#include "lib/isa/insn.h"

#include <string>
#include <vector>

namespace bpfverify::pruning_testing {

using isa::makeInsn;

inline constexpr uint8_t LDXW = isa::BPF_LDX | isa::BPF_MEM | isa::BPF_W;
inline constexpr uint8_t LDXDW = isa::BPF_LDX | isa::BPF_MEM | isa::BPF_DW;
inline constexpr uint8_t STXDW = isa::BPF_STX | isa::BPF_MEM | isa::BPF_DW;
inline constexpr uint8_t STDW = isa::BPF_ST | isa::BPF_MEM | isa::BPF_DW;
inline constexpr uint8_t MOVX = isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_X;
inline constexpr uint8_t MOVK = isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_K;
inline constexpr uint8_t ADDK = isa::BPF_ALU64 | isa::BPF_ADD | isa::BPF_K;
inline constexpr uint8_t ADDX = isa::BPF_ALU64 | isa::BPF_ADD | isa::BPF_X;
inline constexpr uint8_t JGTK = isa::BPF_JMP | isa::BPF_JGT | isa::BPF_K;
inline constexpr uint8_t CALL = isa::BPF_JMP | isa::BPF_CALL;
inline constexpr uint8_t EXIT = isa::BPF_JMP | isa::BPF_EXIT;

struct KernelCase {
  const char *name;
  std::vector<isa::Insn> insns;
  /// Consecutive lines of the kernel's log_level 2 output.
  std::string expected;
};

/// 0: r2 = len  1: r1 = r2  2: r1 += 5  3: if r1 > 0xffffffff goto +1 (never taken)
inline KernelCase movAddJump() {
  return {"mov-add-jump",
          {makeInsn(LDXW, 2, 1, 0, 0), makeInsn(MOVX, 1, 2, 0, 0), makeInsn(ADDK, 1, 0, 0, 5),
           makeInsn(JGTK, 1, 0, 1, -1), makeInsn(MOVK, 0, 0, 0, 0), makeInsn(EXIT, 0, 0, 0, 0)},
          "mark_precise: frame0: last_idx 3 first_idx 0 subseq_idx -1 \n"
          "mark_precise: frame0: regs=r1 stack= before 2: (07) r1 += 5\n"
          "mark_precise: frame0: regs=r1 stack= before 1: (bf) r1 = r2\n"
          "mark_precise: frame0: regs=r2 stack= before 0: (61) r2 = *(u32 *)(r1 +0)\n"};
}

/// 0: r2 = len  1: *(u64 *)(r10 -8) = r2  2: r3 = *(u64 *)(r10 -8)  3: if r3 > 0xffffffff ...
inline KernelCase spillFill() {
  return {"spill-fill",
          {makeInsn(LDXW, 2, 1, 0, 0), makeInsn(STXDW, 10, 2, -8, 0), makeInsn(LDXDW, 3, 10, -8, 0),
           makeInsn(JGTK, 3, 0, 1, -1), makeInsn(MOVK, 0, 0, 0, 0), makeInsn(EXIT, 0, 0, 0, 0)},
          "mark_precise: frame0: last_idx 3 first_idx 0 subseq_idx -1 \n"
          "mark_precise: frame0: regs=r3 stack= before 2: (79) r3 = *(u64 *)(r10 -8)\n"
          "mark_precise: frame0: regs= stack=-8 before 1: (7b) *(u64 *)(r10 -8) = r2\n"
          "mark_precise: frame0: regs=r2 stack= before 0: (61) r2 = *(u32 *)(r1 +0)\n"};
}

/// The same program's stack liveness update at its exit.
inline KernelCase spillFillLiveness() {
  KernelCase c = spillFill();
  c.name = "spill-fill-liveness";
  c.expected = "(0) frame 0 insn 2 +live -8 \n"
               "(0) frame 0 insn 1 +written -8 \n"
               "(0) frame 0 insn 0 +written -8 \n"
               "(0) live stack update done in 2 iterations\n";
  return c;
}

/// 0: r6 = len  1: r8 = mark  2: if r6 > 100 goto +1  3: r8 = 1  4: r7 = r6  5: r7 += r8
/// 6: if r7 > 0xffffffff goto +1; expected: the second path (2 -> 4).
inline KernelCase takenEdge() {
  return {"taken-edge",
          {makeInsn(LDXW, 6, 1, 0, 0), makeInsn(LDXW, 8, 1, 4, 0), makeInsn(JGTK, 6, 0, 1, 100),
           makeInsn(MOVK, 8, 0, 0, 1), makeInsn(MOVX, 7, 6, 0, 0), makeInsn(ADDX, 7, 8, 0, 0),
           makeInsn(JGTK, 7, 0, 1, -1), makeInsn(MOVK, 0, 0, 0, 0), makeInsn(EXIT, 0, 0, 0, 0)},
          "mark_precise: frame0: last_idx 6 first_idx 0 subseq_idx -1 \n"
          "mark_precise: frame0: regs=r7 stack= before 5: (0f) r7 += r8\n"
          "mark_precise: frame0: regs=r7,r8 stack= before 4: (bf) r7 = r6\n"
          "mark_precise: frame0: regs=r6,r8 stack= before 2: (25) if r6 > 0x64 goto pc+1\n"
          "mark_precise: frame0: regs=r6,r8 stack= before 1: (61) r8 = *(u32 *)(r1 +4)\n"
          "mark_precise: frame0: regs=r6 stack= before 0: (61) r6 = *(u32 *)(r1 +0)\n"};
}

/// main: 0: r1 = len  1: call pc+3  2: if r0 > 0xffffffff goto +1  3: r0 = 0  4: exit
/// sub:  5: r0 = r1  6: exit
inline KernelCase staticSubprog() {
  return {"static-subprog",
          {makeInsn(LDXW, 1, 1, 0, 0), makeInsn(CALL, 0, 1, 0, 3), makeInsn(JGTK, 0, 0, 1, -1),
           makeInsn(MOVK, 0, 0, 0, 0), makeInsn(EXIT, 0, 0, 0, 0), makeInsn(MOVX, 0, 1, 0, 0),
           makeInsn(EXIT, 0, 0, 0, 0)},
          "mark_precise: frame0: last_idx 2 first_idx 0 subseq_idx -1 \n"
          "mark_precise: frame0: regs=r0 stack= before 6: (95) exit\n"
          "mark_precise: frame1: regs=r0 stack= before 5: (bf) r0 = r1\n"
          "mark_precise: frame1: regs=r1 stack= before 1: (85) call pc+3\n"
          "mark_precise: frame0: regs=r1 stack= before 0: (61) r1 = *(u32 *)(r1 +0)\n"};
}

/// 0: r6 = len  1: r7 = r6  2: if r7 > 10 goto +2  3: if r6 > 0xffffffff goto +1 ...
inline KernelCase linkedRegs() {
  return {"linked-regs",
          {makeInsn(LDXW, 6, 1, 0, 0), makeInsn(MOVX, 7, 6, 0, 0), makeInsn(JGTK, 7, 0, 2, 10),
           makeInsn(JGTK, 6, 0, 1, -1), makeInsn(MOVK, 0, 0, 0, 0), makeInsn(MOVK, 0, 0, 0, 0),
           makeInsn(EXIT, 0, 0, 0, 0)},
          "mark_precise: frame0: last_idx 3 first_idx 0 subseq_idx -1 \n"
          "mark_precise: frame0: regs=r6 stack= before 2: (25) if r7 > 0xa goto pc+2\n"
          "mark_precise: frame0: regs=r6,r7 stack= before 1: (bf) r7 = r6\n"
          "mark_precise: frame0: regs=r6 stack= before 0: (61) r6 = *(u32 *)(r1 +0)\n"};
}

/// main: 0: r1 = r10  1: r1 += -8  2: *(u64 *)(r10 -16) = 7  3: call pc+3
///       4: r0 = *(u64 *)(r10 -8)  5: r0 = 0  6: exit
/// sub:  7: *(u64 *)(r1 +0) = 1  8: r0 = 0  9: exit
/// Expected: the update at the callee's exit, then the one at the main exit.
inline KernelCase calleeWritesCallerStack() {
  return {"callee-writes-caller-stack",
          {makeInsn(MOVX, 1, 10, 0, 0), makeInsn(ADDK, 1, 0, 0, -8), makeInsn(STDW, 10, 0, -16, 7),
           makeInsn(CALL, 0, 1, 0, 3), makeInsn(LDXDW, 0, 10, -8, 0), makeInsn(MOVK, 0, 0, 0, 0),
           makeInsn(EXIT, 0, 0, 0, 0), makeInsn(STDW, 1, 0, 0, 1), makeInsn(MOVK, 0, 0, 0, 0),
           makeInsn(EXIT, 0, 0, 0, 0)},
          "(3,7) frame 0 insn 7 +written -8 \n"
          "(3,7) live stack update done in 2 iterations\n"
          "(0) frame 0 insn 3 +written -8 \n"
          "(0) frame 0 insn 2 +written -8,-16 \n"
          "(0) frame 0 insn 0 +written -8,-16 \n"
          "(0) live stack update done in 2 iterations\n"};
}

/// The second update of calleeWritesCallerStack(), at the main program's exit.
inline const char *calleeWritesCallerStackFinal() {
  return "(0) frame 0 insn 4 +live -8 \n"
         "(0) live stack update done in 2 iterations\n";
}

inline std::vector<KernelCase> allKernelCases() {
  return {movAddJump(),    spillFill(),  spillFillLiveness(),      takenEdge(),
          staticSubprog(), linkedRegs(), calleeWritesCallerStack()};
}

} // namespace bpfverify::pruning_testing
