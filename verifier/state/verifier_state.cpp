#include "verifier/state/verifier_state.h"

namespace bpfverify::verifier {

void FuncState::growStack(int size) {
  // grow_stack_state(): round up to whole slots; new slots are STACK_INVALID.
  size_t slots = size_t((size + BPF_REG_SIZE - 1) / BPF_REG_SIZE);
  if (slots > stack.size())
    stack.resize(slots);
}

char slotTypeChar(SlotType t) {
  switch (t) {
  case SlotType::Invalid:
    return '?';
  case SlotType::Spill:
    return 'r';
  case SlotType::Misc:
    return 'm';
  case SlotType::Zero:
    return '0';
  case SlotType::Dynptr:
    return 'd';
  case SlotType::Iter:
    return 'i';
  case SlotType::IrqFlag:
    return 'f';
  }
  return '?';
}

} // namespace bpfverify::verifier
