#pragma once
// Replays of do_check's printing for recorded programs: the calls the engine will make, in the
// kernel's order, with hand-built states. Shared by the unit tests and the live-kernel check.

#include "builders.h"

#include "verifier/log/stats.h"

#include <string>

namespace bpfverify::verifier::testing {

/// The parts of do_check that print, with the kernel's order of calls.
struct Replay {
  explicit Replay(uint32_t level) : log(level) {}
  VerifierLog log;
  Scratched scratched;
  PrintContext ctx;
  bool doPrintState = false;

  /// Top of do_check's loop for instruction idx, then the instruction line.
  void insn(int32_t prevIdx, uint32_t idx, const VerifierState &st, const std::string &text) {
    if (log.level2() && doPrintState) {
      printBranchPop(log, prevIdx, idx, st, scratched, ctx);
      doPrintState = false;
    }
    if (scratched.any())
      printInsnState(log, idx, st, st.curframe, scratched, ctx);
    printInsnLine(log, idx, text + "\n");
  }
};

/// Program "fail":
///   0: r3 = *(u32 *)(r1 +0)   1: if r3 > 0xa goto pc+2   2: r0 = 0   3: exit
///   4: r0 = r2 (R2 !read_ok)  5: exit
struct FailProgram {
  VerifierState st;
  FailProgram() {
    st.frames.push_back(frame());
    st.frames[0].regs[1] = ctxPtr();
  }
  ScalarBounds above10() {
    return bounds({0, 0xffffffff}, 11, 0xffffffff, 11, 0xffffffff, domain::S32Min, domain::S32Max,
                  11, domain::U32Max);
  }

  std::string run(uint32_t level) {
    Replay r(level);
    r.scratched.all(); // init_func_state
    r.insn(-1, 0, st, "(61) r3 = *(u32 *)(r1 +0)");
    r.scratched.markReg(1);
    r.scratched.markReg(3);
    st.frames[0].regs[3] = scalar(u32Unknown());
    r.insn(0, 1, st, "(25) if r3 > 0xa goto pc+2");
    r.scratched.markReg(3);
    // push_stack: the other branch and the log position to return to (level 1 pops there).
    VerifierState other = st;
    other.frames[0].regs[3] = scalar(above10());
    size_t pushedAt = r.log.pos();
    st.frames[0].regs[3] = scalar(smallRange({0, 0xf}, 0, 10));
    printInsnState(r.log, 1, st, 0, r.scratched, r.ctx); // check_cond_jmp_op's own print
    r.insn(1, 2, st, "(b7) r0 = 0");
    r.scratched.markReg(0);
    st.frames[0].regs[0] = known(0);
    r.insn(2, 3, st, "(95) exit");
    // process_bpf_exit: everything scratched, pop_stack (log reset below level 2).
    r.scratched.all();
    if (!r.log.level2())
      r.log.resetTo(pushedAt);
    st = other;
    r.doPrintState = true;
    r.insn(1, 4, st, "(bf) r0 = r2");
    r.log.write("R2 !read_ok\n");
    VerificationStats stats;
    stats.insnProcessed = 5;
    stats.subprogStackDepths = {0};
    printVerificationStats(r.log, stats);
    return r.log.text();
  }
};

/// Program "call" at log_level 2, from the first state line to the main program's exit:
///   0: r6 = 3  1: *(u64 *)(r10 -8) = r6  2: r1 = r10  3: r1 += -8  4: call pc+2  5: r0 = 0
///   6: exit  7: r0 = *(u64 *)(r1 +0)  8: *(u64 *)(r10 -8) = 1  9: r2 = r10  10: exit
inline std::string callProgramLog() {
  Replay r(2);
  VerifierState st;
  st.frames.push_back(frame(0, 1));
  st.frames[0].regs[1] = ctxPtr();
  r.scratched.all();
  r.insn(-1, 0, st, "(b7) r6 = 3");
  st.frames[0].regs[6] = known(3);
  r.scratched.markReg(6);
  r.insn(0, 1, st, "(7b) *(u64 *)(r10 -8) = r6");
  st.frames[0].stack[0] = spill(known(3));
  r.scratched.markReg(6);
  r.scratched.markReg(10);
  r.scratched.markStackSlot(0);
  r.insn(1, 2, st, "(bf) r1 = r10");
  st.frames[0].regs[1] = fp(-0);
  r.scratched.markReg(1);
  r.scratched.markReg(10);
  r.insn(2, 3, st, "(07) r1 += -8");
  st.frames[0].regs[1] = fp(-8);
  r.scratched.markReg(1);
  r.insn(3, 4, st, "(85) call pc+2");
  // check_func_call: setup_func_entry (init_func_state scratches all), callee gets R1-R5,
  // caller's R1-R5 are cleared, then the two frames are printed.
  st.frames.push_back(frame(1, 0));
  st.frames[1].callsite = 4;
  st.frames[1].regs[1] = st.frames[0].regs[1];
  for (int i = 1; i <= 5; i++)
    markRegNotInit(st.frames[0].regs[size_t(i)]);
  st.curframe = 1;
  r.scratched.all();
  printCallEntry(r.log, st, 0, r.scratched, r.ctx);
  r.insn(4, 7, st, "(79) r0 = *(u64 *)(r1 +0)");
  st.frames[1].regs[0] = known(3);
  r.scratched.markReg(0);
  r.scratched.markReg(1);
  r.insn(7, 8, st, "(7a) *(u64 *)(r10 -8) = 1");
  st.frames[1].growStack(8);
  st.frames[1].stack[0] = spill(known(1));
  r.scratched.markReg(10);
  r.scratched.markStackSlot(0);
  r.insn(8, 9, st, "(bf) r2 = r10");
  st.frames[1].regs[2] = fp(0, 1);
  r.scratched.markReg(2);
  r.scratched.markReg(10);
  r.insn(9, 10, st, "(95) exit");
  // prepare_func_exit: R0 goes to the caller, both frames are printed, the callee is dropped.
  st.frames[0].regs[0] = st.frames[1].regs[0];
  // Written by the engine's stack liveness pass (kernel/bpf/liveness.c), not by the printer.
  r.log.write("(4,7) frame 0 insn 7 +live -8 \n(4,7) frame 1 insn 8 +written -8 \n"
              "(4,7) frame 1 insn 7 +written -8 \n(4,7) live stack update done in 2 "
              "iterations\n(0) frame 0 insn 4 +live -8 \n(0) frame 0 insn 1 +written -8 \n"
              "(0) frame 0 insn 0 +written -8 \n(0) live stack update done in 2 iterations\n");
  printCallReturn(r.log, st, 1, 0, 5, r.scratched, r.ctx);
  st.frames.pop_back();
  st.curframe = 0;
  r.doPrintState = true;
  r.insn(10, 5, st, "(b7) r0 = 0");
  st.frames[0].regs[0] = known(0);
  r.scratched.markReg(0);
  r.insn(5, 6, st, "(95) exit");
  return r.log.text();
}

/// Program "stack" after its instruction 17:
///   0: *(u64 *)(r10 -8) = r1     2: *(u64 *)(r10 -16) = r2 (r2 = 7)
///   3: *(u32 *)(r10 -24) = 0     5: *(u8 *)(r10 -25) = r3   6: *(u32 *)(r10 -32) = r3
///   9: *(u64 *)(r10 -48) = r4 (fp-40)   10: *(u64 *)(r10 -56) = 0   11: *(u64 *)(r10 -64) = r3
///   16: *(u16 *)(r10 -70) = 4660        17: r6 = *(u64 *)(r10 -8)
inline VerifierState stackProgramState() {
  FuncState f = frame(0, 9);
  f.regs[1] = ctxPtr();
  f.regs[2] = known(7);
  f.regs[4] = fp(-40);
  f.regs[6] = ctxPtr();
  RegState r3 = scalar(u32Unknown(), 1);
  f.stack[0] = spill(ctxPtr());
  f.stack[1] = spill(known(7));
  f.stack[2] = spill(known(0), "????rrrr"); // BPF_ST of a 32-bit 0 at an 8-aligned offset
  f.stack[3] = spill(r3, "m???rrrr");       // a misc byte above a 32-bit spill
  f.stack[5] = spill(fp(-40));
  f.stack[6] = spill(known(0));
  f.stack[7] = spill(r3);
  f.stack[8] = rawSlot("????mm??");
  VerifierState st;
  st.frames.push_back(std::move(f));
  return st;
}

} // namespace bpfverify::verifier::testing
