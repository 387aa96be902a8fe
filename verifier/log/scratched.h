#pragma once
// Which registers and stack slots the current instruction touched (env->scratched_regs and
// env->scratched_stack_slots of include/linux/bpf_verifier.h, Linux 6.18): the level-2 log
// prints only these after each instruction.

#include <cstdint>

namespace bpfverify::verifier {

/// The kernel keeps one mask for all frames: bit n of `regs` is Rn of whichever frame is
/// printed, bit spi of `stack` is stack slot spi (fp-8*(spi+1)) of that frame.
struct Scratched {
  uint32_t regs = 0;
  uint64_t stack = 0;

  /// mark_reg_scratched: check_reg_arg() calls it for every register operand.
  void markReg(uint32_t regno) { regs |= 1u << (regno & 31); }
  /// mark_stack_slot_scratched: stack reads/writes, dynptr/iter/irq slot changes.
  void markStackSlot(uint32_t spi) { stack |= uint64_t(1) << (spi & 63); }
  /// mark_verifier_state_scratched: init_func_state and process_bpf_exit (a branch pop).
  void all() {
    regs = ~0u;
    stack = ~uint64_t(0);
  }
  /// mark_verifier_state_clean: print_verifier_state(print_all = false) and bpf_check's start.
  void clear() {
    regs = 0;
    stack = 0;
  }
  /// verifier_state_scratched
  bool any() const { return regs != 0 || stack != 0; }
  /// reg_scratched
  bool reg(uint32_t regno) const { return regno < 32 && ((regs >> regno) & 1) != 0; }
  /// stack_slot_scratched
  bool stackSlot(uint32_t spi) const { return spi < 64 && ((stack >> spi) & 1) != 0; }
};

} // namespace bpfverify::verifier
