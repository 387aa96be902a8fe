#pragma once
// State equivalence for pruning and the cleaning of dead registers and stack slots before it:
// states_equal, func_states_equal, regsafe, stacksafe, refsafe, check_ids, check_scalar_ids,
// range_within, clean_func_state and clean_verifier_state of kernel/bpf/verifier.c (Linux 6.18).

#include "verifier/state/verifier_state.h"

#include <array>
#include <cstdint>
#include <functional>

namespace bpfverify::verifier {

/// enum exact_level: how strictly an explored ("old") state must cover the current one.
/// NotExact is the normal pruning check; RangeWithin ignores precision marks (used inside loops
/// whose read/precision marks are not final yet: iterators, callbacks, may_goto, SCC backedges);
/// Exact requires identical registers up to id renaming (infinite loop detection).
enum class ExactLevel { NotExact, Exact, RangeWithin };

/// BPF_ID_MAP_SIZE of include/linux/bpf_verifier.h: every register and stack slot of every frame.
inline constexpr size_t BPF_ID_MAP_SIZE =
    (11 + MAX_BPF_STACK / BPF_REG_SIZE) * size_t(MAX_CALL_FRAMES);

/// struct bpf_idmap: the old-id -> current-id pairing built while comparing two states.
struct IdMap {
  struct Pair {
    uint32_t old = 0;
    uint32_t cur = 0;
  };
  /// Source of temporary ids for check_scalar_ids(); starts at env->id_gen.
  uint32_t tmpIdGen = 0;
  std::array<Pair, BPF_ID_MAP_SIZE> map{};

  /// reset_idmap_scratch(): forget all pairs; temporary ids continue after `idGen`.
  void reset(uint32_t idGen) {
    tmpIdGen = idGen;
    map.fill(Pair{});
  }
};

/// Privilege-dependent switches of the comparison (bpf_verifier_env fields).
struct EquivalenceOptions {
  /// env->explore_alu_limits (unprivileged with Spectre v1 masking): scalars compare exactly.
  bool exploreAluLimits = false;
  /// env->allow_uninit_stack (bpf_allow_uninit_stack(): CAP_PERFMON, true for root).
  bool allowUninitStack = true;
  /// Packet pointers whose range is AT_PKT_END or BEYOND_PKT_END (negative) are only equivalent
  /// to the same marker (6.18.y stable backport of upstream "bpf: Fix regsafe() for pointers to
  /// packet"); the release compares the signed ranges as for any other.
  bool pktEndRangeExact = false;
};

/// insn_aux_data[insnIdx].live_regs_before (compute_live_registers, bit n = rn).
using LiveRegsBefore = std::function<uint16_t(uint32_t insnIdx)>;

/// What states_equal() needs from the verifier environment besides the two states.
struct EquivalenceContext {
  /// func_states_equal() compares only registers live before the frame's instruction. Unset:
  /// every register counts as live.
  LiveRegsBefore liveRegsBefore;
  /// env->id_gen at the time of the comparison (seeds IdMap::tmpIdGen).
  uint32_t idGen = 0;
  EquivalenceOptions options;
};

/// range_within(): cur's four ranges lie inside old's.
bool rangeWithin(const domain::ScalarBounds &old, const domain::ScalarBounds &cur);
/// check_ids(): ids must be both zero or consistently paired old -> cur (and no two old ids may
/// map to one current id). Returns false when the map is full (the kernel WARNs).
bool checkIds(uint32_t oldId, uint32_t curId, IdMap &idmap);
/// check_scalar_ids(): as checkIds, but a zero id stands for a fresh unique id, so
/// "0 vs unique id" pairs are accepted.
bool checkScalarIds(uint32_t oldId, uint32_t curId, IdMap &idmap);

/// regs_exact(): identical up to `id` (type, off, payload, var_off, bounds) plus consistent id
/// and ref_obj_id pairing.
bool regsExact(const RegState &old, const RegState &cur, IdMap &idmap);
/// regsafe(): whether everything the old register allowed stays safe with the current one.
bool regsafe(const RegState &old, const RegState &cur, IdMap &idmap, ExactLevel exact,
             const EquivalenceOptions &options = {});
/// stacksafe(): the same for one frame's stack, slot byte by slot byte.
bool stacksafe(const FuncState &old, const FuncState &cur, IdMap &idmap, ExactLevel exact,
               const EquivalenceOptions &options = {});
/// refsafe(): acquired references, locks and RCU/preempt/IRQ sections agree.
bool refsafe(const VerifierState &old, const VerifierState &cur, IdMap &idmap);

/// frame_insn_idx(): the instruction a frame is at: the state's insn_idx for the innermost frame,
/// the call site of the next frame for the others.
uint32_t frameInsnIdx(const VerifierState &st, uint32_t frame);

/// func_states_equal(): callback depth, the registers live before insnIdx, and the stack.
bool funcStatesEqual(const FuncState &old, const FuncState &cur, uint32_t insnIdx, ExactLevel exact,
                     IdMap &idmap, const EquivalenceContext &ctx);
/// states_equal(): `old` (an explored, verified-safe checkpoint) covers `cur`. Resets `scratch`.
bool statesEqual(const VerifierState &old, const VerifierState &cur, ExactLevel exact,
                 IdMap &scratch, const EquivalenceContext &ctx = {});

/// bpf_stack_slot_alive(frameno, spi) as answered after bpf_live_stack_query_init(state).
using StackSlotAlive = std::function<bool(uint32_t frameno, uint32_t spi)>;

/// clean_func_state(): registers r0-r9 not in `liveRegs` and stack slots that are not alive
/// become NOT_INIT / STACK_INVALID, so that later comparisons ignore them. An empty
/// `stackSlotAlive` keeps every stack slot.
void cleanFuncState(FuncState &st, uint16_t liveRegs, const StackSlotAlive &stackSlotAlive);
/// clean_verifier_state(): cleans every frame at frameInsnIdx() and sets `cleaned`. The caller
/// must have run bpf_live_stack_query_init(st) (StackLiveness::liveStackQueryInit) first, which
/// the kernel does at the top of this function. Unset `liveRegsBefore`: all registers live.
void cleanVerifierState(VerifierState &st, const LiveRegsBefore &liveRegsBefore,
                        const StackSlotAlive &stackSlotAlive);

/// states_maybe_looping(): same frame depth and the innermost frame's registers identical up to
/// (excluding) frameno — the cheap pre-check of infinite loop detection in is_state_visited().
bool statesMaybeLooping(const VerifierState &old, const VerifierState &cur);
/// iter_active_depths_differ(): some ACTIVE iterator slot of `old` has another depth in `cur`.
bool iterActiveDepthsDiffer(const VerifierState &old, const VerifierState &cur);

} // namespace bpfverify::verifier
