#pragma once
// Call-chain sensitive stack slot liveness (Linux 6.18 kernel/bpf/liveness.c): the verifier
// reports stack reads and writes per (call chain, instruction) as it explores; a data flow pass
// turns them into "may be read later" sets that clean_verifier_state() uses to forget dead slots.

#include "lib/isa/insn.h"
#include "verifier/state/verifier_state.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bpfverify::verifier::pruning {

/// struct per_frame_masks: stack slot bit sets (bit spi = the 8 bytes at fp-8*(spi+1)) of one
/// frame at one instruction of a function instance.
struct PerFrameMasks {
  uint64_t mayRead = 0;      ///< slots this instruction may read
  uint64_t mustWrite = 0;    ///< slots this instruction always writes (intersection over visits)
  uint64_t mustWriteAcc = 0; ///< slots written by this instruction or all paths after it
  uint64_t liveBefore = 0;   ///< slots that may be read by this instruction or its successors
};

/// struct callchain: the call instructions leading to a frame, then the frame's subprogram start.
struct Callchain {
  std::array<uint32_t, MAX_CALL_FRAMES> callsites{};
  std::array<uint32_t, MAX_CALL_FRAMES> spStarts{};
  uint32_t curframe = 0;

  /// fmt_callchain(): "(0,12,30)".
  std::string format() const;
  /// The map key: callsites[0..curframe] (same_callsites()).
  std::vector<uint32_t> key() const {
    return {callsites.begin(), callsites.begin() + curframe + 1};
  }
};

/// The whole-program facts the analysis needs.
struct StackLivenessProgram {
  std::span<const isa::Insn> insns;
  /// subprog_info[i].start, ascending, subprogStarts[0] == 0.
  std::vector<uint32_t> subprogStarts;
  /// bpf_calls_callback(env, idx): insn_aux_data[idx].calls_callback (sync callback calling
  /// helpers/kfuncs such as bpf_loop). Unset: no instruction calls callbacks.
  std::function<bool(uint32_t insnIdx)> callsCallback;
};

/// struct bpf_liveness and its operations. One instance per verification run (do_check_common);
/// function instances persist until the end of the run.
class StackLiveness {
public:
  /// bpf_stack_liveness_init(); also computes the per-subprogram postorder (compute_postorder).
  explicit StackLiveness(StackLivenessProgram program);

  /// Level-2 log output (log_mask_change and "live stack update done" lines); `isPrunePoint`
  /// is insn_aux_data[i].prune_point, which decides which instructions' changes are logged.
  void setLog(std::function<void(std::string_view)> write,
              std::function<bool(uint32_t insnIdx)> isPrunePoint);

  /// bpf_reset_live_stack_callchain(): the current state's call chain changed (subprogram
  /// entry); the next mark looks its function instance up again.
  void resetLiveStackCallchain();
  /// bpf_mark_stack_read(env, frame, insn_idx, mask): `cur` is env->cur_state.
  void markStackRead(const VerifierState &cur, uint32_t frame, uint32_t insnIdx, uint64_t mask);
  /// bpf_reset_stack_write_marks(env, insn_idx): start accumulating writes of one instruction.
  void resetStackWriteMarks(const VerifierState &cur, uint32_t insnIdx);
  /// bpf_mark_stack_write(env, frame, mask)
  void markStackWrite(uint32_t frame, uint64_t mask);
  /// bpf_commit_stack_write_marks(): intersect the accumulated writes into must_write.
  void commitStackWriteMarks();
  /// bpf_update_live_stack(): run the data flow for every frame of `cur` whose marks changed,
  /// innermost first, passing callee facts to callers.
  void updateLiveStack(const VerifierState &cur);
  /// bpf_live_stack_query_init(env, st): prepare stackSlotAlive() queries for state `st`.
  void liveStackQueryInit(const VerifierState &st);
  /// bpf_stack_slot_alive(env, frameno, spi)
  bool stackSlotAlive(uint32_t frameno, uint32_t spi) const;

  /// The masks recorded for (call chain `callsites` = callsites[0..curframe], frame, insnIdx);
  /// nothing when the instance or the frame's masks do not exist (for tests and debugging).
  std::optional<PerFrameMasks> masks(const std::vector<uint32_t> &callsites, uint32_t frame,
                                     uint32_t insnIdx) const;
  /// Number of function instances (distinct call chains) seen so far.
  size_t instanceCount() const { return instances_.size(); }

private:
  struct FuncInstance {
    Callchain callchain;
    uint32_t insnCnt = 0;
    bool updated = false;
    bool mustWriteDropped = false;
    /// Per frame 0..curframe, per instruction of the function; allocated lazily.
    std::array<std::vector<PerFrameMasks>, MAX_CALL_FRAMES> frames;
    std::vector<bool> mustWriteSet;
  };
  struct Query {
    std::array<FuncInstance *, MAX_CALL_FRAMES> instances{};
    uint32_t curframe = 0;
    uint32_t insnIdx = 0;
  };

  int containingSubprog(uint32_t insnIdx) const;
  std::optional<Callchain> computeCallchain(const VerifierState &st, uint32_t frameno) const;
  FuncInstance *lookupInstance(const Callchain &callchain);
  FuncInstance *lookupInstance(const VerifierState &st, uint32_t frameno);
  FuncInstance *ensureCurInstance(const VerifierState &cur);
  static PerFrameMasks *frameMasks(FuncInstance &instance, uint32_t frame, uint32_t insnIdx);
  static const PerFrameMasks *frameMasks(const FuncInstance &instance, uint32_t frame,
                                         uint32_t insnIdx);
  static PerFrameMasks *allocFrameMasks(FuncInstance &instance, uint32_t frame, uint32_t insnIdx);
  void markStackRead(FuncInstance &instance, uint32_t frame, uint32_t insnIdx, uint64_t mask);
  void resetStackWriteMarks(FuncInstance &instance, uint32_t insnIdx);
  void commitStackWriteMarks(FuncInstance *instance);
  void propagateToOuterInstance(FuncInstance &instance);
  bool updateInsn(FuncInstance &instance, uint32_t frame, uint32_t insnIdx);
  void updateInstance(FuncInstance &instance);
  void logMaskChange(const Callchain &callchain, const char *prefix, uint32_t frame,
                     uint32_t insnIdx, uint64_t oldMask, uint64_t newMask);
  static bool isLiveBefore(const FuncInstance *instance, uint32_t insnIdx, uint32_t frameno,
                           uint32_t spi);

  StackLivenessProgram program_;
  /// bpf_insn_successors() of every instruction, computed once (at most two each).
  std::vector<std::array<uint32_t, 2>> succs_;
  std::vector<uint8_t> succCount_;
  /// env->cfg.insn_postorder and subprog_info[i].postorder_start (one extra end entry).
  std::vector<uint32_t> postorder_;
  std::vector<uint32_t> postorderStart_;

  std::map<std::vector<uint32_t>, std::unique_ptr<FuncInstance>> instances_;
  Query query_;
  FuncInstance *curInstance_ = nullptr;
  std::array<uint64_t, MAX_CALL_FRAMES> writeMasksAcc_{};
  uint32_t writeInsnIdx_ = 0;

  std::function<void(std::string_view)> logWrite_;
  std::function<bool(uint32_t)> isPrunePoint_;
};

/// bpf_fmt_stack_mask(): "-8,-24,-40" for mask 0x15.
std::string formatStackMask(uint64_t mask);

} // namespace bpfverify::verifier::pruning
