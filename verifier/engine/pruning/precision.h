#pragma once
// Precision backtracking (Linux 6.18 kernel/bpf/verifier.c: mark_chain_precision,
// __mark_chain_precision, backtrack_insn, the bt_* masks, propagate_precision and the SCC backedge
// fixed point of propagate_backedges): which scalars must be compared exactly when pruning.

#include "lib/isa/insn.h"
#include "verifier/state/equivalence.h"
#include "verifier/state/verifier_state.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bpfverify::verifier::pruning {

/// BPF_REGMASK_ARGS: r1-r5.
inline constexpr uint32_t BPF_REGMASK_ARGS = 0x3e;

/// struct linked_reg / struct linked_regs: registers and spilled slots sharing a scalar id at a
/// conditional jump (at most LINKED_REGS_MAX = 6).
struct LinkedReg {
  uint8_t frameno = 0;
  uint8_t spiOrRegno = 0;
  bool isReg = false;
  friend bool operator==(const LinkedReg &, const LinkedReg &) = default;
};
inline constexpr int LINKED_REGS_MAX = 6;
struct LinkedRegs {
  int cnt = 0;
  std::array<LinkedReg, LINKED_REGS_MAX> entries{};
  /// linked_regs_push(): nullptr when full.
  LinkedReg *push() { return cnt < LINKED_REGS_MAX ? &entries[cnt++] : nullptr; }
};
/// linked_regs_pack(): 4-bit count, then 10 bits per entry (3 frameno, 6 spi/regno, 1 is_reg),
/// first entry in the highest bits.
uint64_t linkedRegsPack(const LinkedRegs &regs);
/// linked_regs_unpack(): reads from the lowest bits, so entries come back in reverse order.
LinkedRegs linkedRegsUnpack(uint64_t value);
/// collect_linked_regs(): every scalar register (r0-r9) and spilled scalar of every frame whose
/// id, without BPF_ADD_CONST, is `id` (innermost frame first). Registers beyond the sixth lose
/// their id (clear_scalar_id: id = 0, off = 0), as in the kernel. With `liveRegs` (6.18.y),
/// registers dead at each frame's instruction (its callsite for callers) are left out.
void collectLinkedRegs(VerifierState &st, uint32_t id, LinkedRegs &out,
                       const LiveRegsBefore &liveRegs = {});

/// struct backtrack_state: per frame, the registers and stack slots whose precision is wanted.
struct BacktrackState {
  uint32_t frame = 0;
  std::array<uint32_t, MAX_CALL_FRAMES> regMasks{};
  std::array<uint64_t, MAX_CALL_FRAMES> stackMasks{};

  void reset() { *this = BacktrackState{}; }
  bool empty() const;
  void setFrameReg(uint32_t fr, uint32_t reg) { regMasks[fr] |= 1u << reg; }
  void clearFrameReg(uint32_t fr, uint32_t reg) { regMasks[fr] &= ~(1u << reg); }
  void setReg(uint32_t reg) { setFrameReg(frame, reg); }
  void clearReg(uint32_t reg) { clearFrameReg(frame, reg); }
  void setFrameSlot(uint32_t fr, uint32_t slot) { stackMasks[fr] |= 1ull << slot; }
  void clearFrameSlot(uint32_t fr, uint32_t slot) { stackMasks[fr] &= ~(1ull << slot); }
  uint32_t regMask() const { return regMasks[frame]; }
  uint64_t stackMask() const { return stackMasks[frame]; }
  bool isRegSet(uint32_t reg) const { return regMasks[frame] & (1u << reg); }
  bool isFrameRegSet(uint32_t fr, uint32_t reg) const { return regMasks[fr] & (1u << reg); }
  bool isFrameSlotSet(uint32_t fr, uint32_t slot) const { return stackMasks[fr] & (1ull << slot); }
};

/// What backtracking needs from the verifier environment. Every callback is optional; the
/// defaults describe a program without subprograms and callbacks.
struct PrecisionEnv {
  /// env->prog->insnsi.
  std::span<const isa::Insn> insns;
  /// find_subprog(): the index of the subprogram starting exactly at insnIdx, or -1.
  std::function<int(uint32_t insnIdx)> findSubprog;
  /// subprog_is_global(): BTF_FUNC_GLOBAL linkage (global subprograms are verified separately,
  /// so backtracking treats a call to one like a helper call).
  std::function<bool(uint32_t subprog)> subprogIsGlobal;
  /// bpf_calls_callback(): insn_aux_data[insnIdx].calls_callback.
  std::function<bool(uint32_t insnIdx)> callsCallback;
  /// is_sync_callback_calling_kfunc() for a kfunc call (bpf_rbtree_add_impl in 6.18). Helper
  /// calls are classified here (for_each_map_elem, find_vma, loop, user_ringbuf_drain).
  std::function<bool(const isa::Insn &kfuncCall)> isSyncCallbackCallingKfunc;
  /// env->bpf_capable: unprivileged programs do no precision tracking at all.
  bool bpfCapable = true;

  /// verbose(): appends raw text to the log (newlines included); called for level-2 text only
  /// when `logLevel2` is set, and for the few unconditional verbose() calls at any level.
  std::function<void(std::string_view)> verbose;
  /// env->log.level & BPF_LOG_LEVEL2
  bool logLevel2 = false;
  /// verbose_insn(): the instruction's text, e.g. "(bf) r1 = r2" (no newline).
  std::function<std::string(uint32_t insnIdx)> formatInsn;
  /// print_verifier_state(env, st, frame, true) for the "parent state regs=..." lines.
  std::function<void(const VerifierState &st, uint32_t frame)> printState;
};

/// Outcome of backtrack_insn().
enum class BacktrackResult {
  Ok,
  NotSupported, ///< -ENOTSUPP: fall back to mark_all_scalars_precise()
  Bug,          ///< -EFAULT after verifier_bug(): the verification fails
};

/// get_jmp_hist_entry(): the history entry of insnIdx if it is the last of the first histEnd.
const JmpHistoryEntry *jmpHistEntry(const VerifierState &st, uint32_t histEnd, int insnIdx);
/// get_prev_insn_idx(): the instruction executed before i within st (following the history),
/// or -ENOENT (-2) when st's first instruction was reached.
int prevInsnIdx(const VerifierState &st, int i, uint32_t &history);

/// backtrack_insn(): update `bt` from "precision wanted after insn idx" to "before idx".
/// `subseqIdx` is the instruction processed just before (the next one in execution order).
/// On Bug, `error` receives the verifier_bug() text.
BacktrackResult backtrackInsn(const PrecisionEnv &env, int idx, int subseqIdx,
                              const JmpHistoryEntry *hist, BacktrackState &bt,
                              std::string *error = nullptr);

/// Result of the chain walks: nothing, or the "verifier bug: ..." message of a failure.
using PrecisionError = std::optional<std::string>;

/// mark_all_scalars_precise(): the fallback: every scalar register and spilled scalar in every
/// parent state of `st` becomes precise.
void markAllScalarsPrecise(const PrecisionEnv &env, VerifierState &st);
/// mark_all_scalars_imprecise(): drop the marks inherited from the parent; is_state_visited()
/// calls it (privileged programs only) on the current state before checkpointing it.
void markAllScalarsImprecise(VerifierState &st);

/// __mark_chain_precision(env, starting_state, regno, changed): walk `startingState` and its
/// parents backwards, marking in the parents every scalar the wanted ones derive from. With
/// regno >= 0 that register of the innermost frame starts the walk; with -1 the masks already in
/// `bt` do (mark_chain_precision_batch). `changed` is set when some mark was added.
PrecisionError markChainPrecision(const PrecisionEnv &env, VerifierState &startingState, int regno,
                                  BacktrackState &bt, bool *changed = nullptr);
/// mark_chain_precision(env, regno) with a fresh backtrack state.
PrecisionError markChainPrecision(const PrecisionEnv &env, VerifierState &cur, int regno);

/// propagate_precision(): after `cur` was found equivalent to the explored `old`, every scalar
/// precise in `old` must also be precise along cur's parent chain.
PrecisionError propagatePrecision(const PrecisionEnv &env, const VerifierState &old,
                                  VerifierState &cur, bool *changed = nullptr);

/// struct bpf_scc_backedge: a copy of the current state when it matched an explored state of
/// the same SCC visit under RANGE_WITHIN (the copy keeps its parent chain alive).
struct Backedge {
  VerifierState state;
  const VerifierState *equalState = nullptr;
};
/// propagate_backedges(): repeat propagate_precision() over all backedges of an SCC visit until
/// nothing changes (at most MAX_BACKEDGE_ITERS = 64 rounds, then mark everything precise).
PrecisionError propagateBackedges(const PrecisionEnv &env, std::span<Backedge> backedges);

} // namespace bpfverify::verifier::pruning
