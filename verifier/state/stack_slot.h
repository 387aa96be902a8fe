#pragma once
// One 8-byte stack slot: struct bpf_stack_state (include/linux/bpf_verifier.h, Linux 6.18).

#include "verifier/state/reg_state.h"

#include <array>
#include <cstdint>

namespace bpfverify::verifier {

/// enum bpf_stack_slot_type
enum class SlotType : uint8_t { Invalid, Spill, Misc, Zero, Dynptr, Iter, IrqFlag };

inline constexpr int BPF_REG_SIZE = 8;
inline constexpr int MAX_BPF_STACK = 512;

/// Byte i of slot `spi` is the stack byte at fp - (spi * 8 + i + 1): slotType[7] is the lowest
/// address of the slot, slotType[0] the highest (the kernel's `slot % BPF_REG_SIZE` indexing).
struct StackSlot {
  RegState spilledPtr;
  std::array<SlotType, BPF_REG_SIZE> slotType{};

  friend bool operator==(const StackSlot &, const StackSlot &) = default;

  /// is_spilled_reg: the last byte of the slot (slot_type[7]) says STACK_SPILL.
  bool isSpilledReg() const { return slotType[BPF_REG_SIZE - 1] == SlotType::Spill; }
  /// is_spilled_scalar_reg
  bool isSpilledScalarReg() const { return isSpilledReg() && spilledPtr.isScalar(); }
};

/// The stack slot index of a frame-pointer offset: (-off - 1) / BPF_REG_SIZE.
inline int stackSpi(int off) {
  return (-off - 1) / BPF_REG_SIZE;
}

/// slot_type_char of kernel/bpf/log.c: '?', 'r', 'm', '0', 'd', 'i', 'f'.
char slotTypeChar(SlotType t);

} // namespace bpfverify::verifier
