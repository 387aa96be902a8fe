#pragma once
// Conditional jumps: check_cond_jmp_op of Linux 6.18 — branch-taken decisions for scalars and
// pointers, refinement of both edges, null checks by id, packet range learning, linked scalars.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// check_cond_jmp_op for env.insn(); may push the other edge. On return env.insnIdx is the
/// next instruction of this path (the jump target when the branch is always taken).
bool checkCondJmpOp(Env &env);

/// Every register of every frame, spilled registers included (bpf_for_each_reg_in_vstate).
template <typename Fn>
void forEachRegInState(VerifierState &st, Fn &&fn) {
  for (auto &frame : st.frames) {
    for (auto &reg : frame.regs)
      fn(reg);
    for (auto &slot : frame.stack)
      if (slot.isSpilledReg())
        fn(slot.spilledPtr);
  }
}

/// mark_ptr_not_null_reg
void markPtrNotNullReg(RegState &reg, Env &env);
/// reg_may_point_to_spin_lock(): a map value whose map holds a bpf_spin_lock (or res lock).
bool regMayPointToSpinLock(Env &env, const RegState &reg);

} // namespace bpfverify::verifier
