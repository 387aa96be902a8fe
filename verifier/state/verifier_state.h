#pragma once
// The whole abstract machine state on one path: call frames (struct bpf_func_state), acquired
// references and locks, and the jump history precision backtracking walks
// (struct bpf_verifier_state, include/linux/bpf_verifier.h, Linux 6.18).

#include "verifier/state/reg_state.h"
#include "verifier/state/stack_slot.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace bpfverify::verifier {

inline constexpr int MAX_CALL_FRAMES = 8;

/// struct bpf_retval_range
struct RetvalRange {
  int32_t minval = 0;
  int32_t maxval = 0;
  bool returnRangeSet = false; // kernel: return_32bit is another bit; kept for parity
  bool return32bit = false;
  friend bool operator==(const RetvalRange &, const RetvalRange &) = default;
};

/// struct bpf_func_state: one call frame.
struct FuncState {
  std::array<RegState, 11> regs{};
  /// Instruction index of the call that created this frame (-1 for the main frame:
  /// BPF_MAIN_FUNC).
  int32_t callsite = -1;
  uint32_t frameno = 0;
  uint32_t subprogno = 0;
  uint32_t asyncEntryCnt = 0;
  RetvalRange callbackRetRange;
  bool inCallbackFn = false;
  bool inAsyncCallbackFn = false;
  bool inExceptionCallbackFn = false;
  uint32_t callbackDepth = 0;
  /// stack[spi]; size() * 8 == allocated_stack.
  std::vector<StackSlot> stack;

  int allocatedStack() const { return int(stack.size()) * BPF_REG_SIZE; }
  /// grow_stack_state: make sure `size` bytes (rounded up to 8) are allocated.
  void growStack(int size);

  friend bool operator==(const FuncState &, const FuncState &) = default;
};

/// enum ref_state_type
enum class RefType : uint8_t { Ptr = 1, Irq = 2, Lock = 4, ResLock = 8, ResLockIrq = 16 };

/// struct bpf_reference_state
struct RefState {
  RefType type = RefType::Ptr;
  int32_t id = 0;
  int32_t insnIdx = 0;
  const void *ptr = nullptr; ///< lock owner (map or BTF object) for lock references
  friend bool operator==(const RefState &, const RefState &) = default;
};

/// struct bpf_jmp_history_entry (insn_hist): one executed jump/stack access kept for
/// precision backtracking.
struct JmpHistoryEntry {
  uint32_t idx = 0;
  uint32_t prevIdx = 0; ///< instruction executed before idx (the jump's source)
  /// INSN_F_FRAMENO_MASK | INSN_F_SPI_MASK << INSN_F_SPI_SHIFT | INSN_F_STACK_ACCESS
  uint32_t flags = 0;
  /// linked_regs encoded as the kernel's linked_regs_pack: registers/stack slots that share an
  /// id with the compared register at a conditional jump.
  uint64_t linkedRegs = 0;
};

inline constexpr uint32_t INSN_F_FRAMENO_MASK = 0x7;
inline constexpr uint32_t INSN_F_SPI_MASK = 0x3f;
inline constexpr uint32_t INSN_F_SPI_SHIFT = 3;
inline constexpr uint32_t INSN_F_STACK_ACCESS = 1u << 9;
inline constexpr uint32_t INSN_F_DST_REG_STACK = 1u << 10;
inline constexpr uint32_t INSN_F_SRC_REG_STACK = 1u << 11;

/// insn_stack_access_flags(): history flags of a spill/fill of slot `spi` in frame `frameno`.
inline uint32_t insnStackAccessFlags(uint32_t frameno, uint32_t spi) {
  return INSN_F_STACK_ACCESS | (spi << INSN_F_SPI_SHIFT) | frameno;
}
/// insn_stack_access_spi()
inline uint32_t insnStackAccessSpi(uint32_t flags) {
  return (flags >> INSN_F_SPI_SHIFT) & INSN_F_SPI_MASK;
}
/// insn_stack_access_frameno()
inline uint32_t insnStackAccessFrameno(uint32_t flags) {
  return flags & INSN_F_FRAMENO_MASK;
}

/// struct bpf_verifier_state
struct VerifierState {
  std::vector<FuncState> frames; ///< frames[curframe] is the active one
  uint32_t curframe = 0;
  std::vector<RefState> refs;
  uint32_t activeLocks = 0;
  uint32_t activeRcuLock = 0;
  uint32_t activePreemptLocks = 0;
  uint32_t activeIrqId = 0;
  uint32_t activeLockId = 0;
  const void *activeLockPtr = nullptr;
  bool speculative = false;
  bool inSleepable = false;
  bool usedAsLoopEntry = false;
  bool cleaned = false;

  uint32_t insnIdx = 0;
  uint32_t firstInsnIdx = 0;
  uint32_t lastInsnIdx = 0;
  uint32_t dfsDepth = 0;
  uint32_t callbackUnrollDepth = 0;
  uint32_t mayGotoDepth = 0;
  /// Jump history since the parent checkpoint (the kernel's insn_hist_start..end slice).
  std::vector<JmpHistoryEntry> jmpHistory;
  /// The checkpoint this path continued from (kernel: parent), for precision backtracking.
  std::shared_ptr<VerifierState> parent;
  /// Branches still being explored below this state (kernel: branches).
  uint32_t branches = 0;
  /// An explored state evicted from its list while paths below it are still open (the
  /// kernel's bpf_verifier_state_list.in_free_list): counted in peak_states until freed.
  bool inFreeList = false;

  FuncState &cur() { return frames[curframe]; }
  const FuncState &cur() const { return frames[curframe]; }
  RegState &reg(int regno) { return frames[curframe].regs[regno]; }
};

} // namespace bpfverify::verifier
