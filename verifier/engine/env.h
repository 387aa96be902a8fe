#pragma once
// The state of one verification run: struct bpf_verifier_env of include/linux/bpf_verifier.h
// (Linux 6.18) — the program, per-instruction facts, subprograms, the current path state, the
// branch stack, the explored states and the statistics. Checks in verifier/check take it.

#include "lib/isa/helpers.h"
#include "lib/isa/insn.h"
#include "lib/object/object.h"
#include "verifier/domain/options.h"
#include "verifier/engine/btf_record.h"
#include "verifier/engine/pruning/precision.h"
#include "verifier/engine/pruning/scc_visits.h"
#include "verifier/engine/pruning/stack_liveness.h"
#include "verifier/log/scratched.h"
#include "verifier/log/source_lines.h"
#include "verifier/log/verifier_log.h"
#include "verifier/result.h"
#include "verifier/state/equivalence.h"
#include "verifier/state/print.h"
#include "verifier/state/verifier_state.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::btf {
struct Target;
}

namespace bpfverify::verifier {

struct VerifyOptions;

/// struct bpf_insn_aux_data: what the verifier learns about each instruction.
struct InsnAux {
  bool seen = false;
  bool prunePoint = false;
  bool jmpPoint = false;
  bool jumpTarget = false;
  bool forceCheckpoint = false;
  bool callsCallback = false;
  bool ptrTypeSet = false;
  RegType ptrType;             ///< save_aux_ptr_type: pointer type of the first pass here
  uint16_t liveRegsBefore = 0; ///< compute_live_registers
  uint32_t scc = 0;            ///< compute_scc
  int32_t subprog = 0;         ///< the subprogram this instruction belongs to
};

/// struct bpf_subprog_arg_info: one argument of a global function as BTF types it.
struct SubprogArg {
  uint32_t argType = 0; ///< target::ARG_ANYTHING, ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | flags
  uint32_t memSize = 0;
};

/// struct bpf_subprog_info (the parts the verifier uses).
struct SubprogInfo {
  std::vector<SubprogArg> args; ///< valid when argsCached
  bool argsCached = false;
  bool called = false;   ///< func_info_aux.called: a global function reached by a call
  bool verified = false; ///< func_info_aux.verified
  uint32_t start = 0;
  int32_t stackDepth = 0;
  bool hasTailCall = false;
  bool tailCallReachable = false;
  bool hasLdAbs = false;
  bool isGlobal = false; ///< BTF_FUNC_GLOBAL linkage in func_info
  bool isCb = false;
  bool isAsyncCb = false;
  bool isExceptionCb = false;
  bool changesPktData = false; ///< calls a helper that changes packet data (visit_insn)
  bool mightSleep = false;     ///< calls a helper that might sleep (visit_insn)
  uint32_t funcTypeId = 0;     ///< func_info BTF FUNC id, 0 without BTF
};

/// struct bpf_verifier_stack_elem
struct BranchElem {
  VerifierState st;
  uint32_t insnIdx = 0;
  int32_t prevInsnIdx = -1;
  /// The last instruction do_check processed: errors found after exploration name it, as the
  /// last instruction line of the kernel's log does.
  uint32_t lastProcessedInsn = 0;
  size_t logPos = 0;
};

/// struct bpf_verifier_state_list
struct ExploredState {
  std::shared_ptr<VerifierState> state;
  uint32_t hitCnt = 0;
  uint32_t missCnt = 0;
};

class Env {
public:
  Env(const object::Object &obj, const object::Program &prog, const btf::Target *target,
      const VerifyOptions &opts);

  const object::Object &obj;
  const object::Program &prog;
  const btf::Target *target;
  const VerifyOptions &opts;
  domain::DomainOptions dom;
  /// map->record of every map the program uses, from the object's BTF.
  MapRecords mapRecords{obj};

  std::vector<isa::Insn> insns;
  std::vector<InsnAux> aux;
  std::vector<SubprogInfo> subprogs;

  VerifierLog log;
  Scratched scratched;
  PrintContext printCtx;
  SourceLines sourceLines;
  /// GPL-compatible license (license_is_gpl_compatible).
  bool gplCompatible = true;
  /// __BPF_FUNC_MAX_ID of the target kernel (its BTF's enum bpf_func_id): an older kernel knows
  /// fewer helpers.
  int32_t helperCount = isa::kHelperCount;
  /// compute_live_registers(): registers live before each instruction.
  std::vector<uint16_t> liveRegsBefore;
  /// What precision backtracking reads from this run (instructions, subprograms, log).
  pruning::PrecisionEnv penv;
  /// kernel/bpf/liveness.c: stack slots that may still be read.
  std::unique_ptr<pruning::StackLiveness> liveness;
  /// SCC visits and their backedges (loop precision).
  std::unique_ptr<pruning::SccVisits> scc;
  /// env->explored_states_size and env->free_list_size (for peak_states).
  uint64_t exploredStatesSize = 0;
  uint64_t freeListSize = 0;
  IdMap &idmapScratch() {
    if (!idmap_)
      idmap_ = std::make_unique<IdMap>();
    return *idmap_;
  }

  /// env->cur_state: the path being explored.
  std::unique_ptr<VerifierState> cur;
  uint32_t insnIdx = 0;
  int32_t prevInsnIdx = -1;
  /// The last instruction do_check processed: errors found after exploration name it, as the
  /// last instruction line of the kernel's log does.
  uint32_t lastProcessedInsn = 0;
  /// env->id_gen
  uint32_t idGen = 0;

  /// The pending branches (env->head); back() is the top.
  std::deque<BranchElem> branchStack; // a deque: pushStack() hands out stable pointers
  /// Explored states in the kernel's hash buckets (env->explored_states, indexed by
  /// (insn_idx ^ callsite) % prog_len). Oldest first: back() is the kernel's list head, so
  /// walks go from the back.
  std::vector<std::vector<ExploredState>> explored;
  /// explored_state(): the bucket for insnIdx in the current frame.
  std::vector<ExploredState> &exploredBucket(uint32_t insnIdx) {
    int32_t callsite = cur->cur().callsite;
    uint32_t key = uint32_t(int32_t(insnIdx) ^ callsite);
    return explored[key % uint32_t(explored.size())];
  }

  // Counters of print_verification_stats.
  uint64_t insnProcessed = 0;
  uint64_t prevInsnProcessed = 0;
  uint64_t jmpsProcessed = 0;
  uint64_t prevJmpsProcessed = 0;
  uint64_t totalStates = 0;
  uint64_t peakStates = 0;
  uint64_t maxStatesPerInsn = 0;

  /// The error, once a check failed (message = last line written, like the kernel's log).
  std::optional<Rejection> rejection;
  /// Set when a check wants the run to stop with an internal problem we cannot model.
  bool unsupported = false;
  std::string unsupportedWhat;

  // --- kernel helpers used everywhere ---
  FuncState &curFrame() { return cur->cur(); }
  RegState *curRegs() { return cur->cur().regs.data(); }
  const isa::Insn &insn() const { return insns[insnIdx]; }
  uint32_t newId() { return ++idGen; }

  /// verbose()
  void verbose(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  /// Record an error reached at the current instruction: the message is written to the log
  /// (as verbose() would), the rejection names env->insn_idx. Returns false so checks can
  /// `return env.fail(...)`.
  bool fail(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  /// fail() for the few kernel messages printed without a trailing newline: the statistics
  /// that follow continue the same log line (record_func_key()'s tail call message).
  bool failUnterminated(const std::string &text);
  /// A construct we do not model yet: the run ends with an "unverified" verdict.
  bool notSupported(std::string what);

  void markRegScratched(int regno) { scratched.markReg(uint32_t(regno)); }
  void markStackSlotScratched(int spi) { scratched.markStackSlot(uint32_t(spi)); }

  /// push_stack(): queue the current state for exploration at insnIdx; returns the queued copy.
  VerifierState *pushStack(uint32_t insnIdx, int32_t prevInsnIdx, bool speculative);
  /// push_async_cb(): queue a fresh one-frame state (frame 0 left for the caller to set up) for
  /// an asynchronous callback; the current state does not carry over.
  VerifierState *pushAsyncState(uint32_t insnIdx, int32_t prevInsnIdx);
  /// push_insn_history()
  bool pushInsnHistory(VerifierState &st, uint32_t flags, uint64_t linkedRegs);
  /// Whether the last history entry is this instruction's (env->cur_hist_ent).
  bool curHistEntValid = false;

  /// The subprogram an instruction belongs to (find_containing_subprog).
  int subprogOf(uint32_t insnIdx) const { return aux[insnIdx].subprog; }
  /// find_subprog(): index of the subprogram starting at insnIdx, or -1.
  int findSubprog(uint32_t insnIdx) const;

private:
  /// push_stack()'s queueing and its BPF_COMPLEXITY_LIMIT_JMP_SEQ check.
  VerifierState *pushBranch(BranchElem elem, const char *limitWhat);
  std::unique_ptr<IdMap> idmap_;
  /// The text verbose() wrote after the last newline, and the log position it ended at.
  std::string partialLine_;
  size_t partialLinePos_ = size_t(-1);
};

/// The kernel's verdict limits (include/linux/bpf.h / verifier.c).
inline constexpr uint32_t BPF_COMPLEXITY_LIMIT_JMP_SEQ = 8192;
inline constexpr uint32_t BPF_COMPLEXITY_LIMIT_STATES = 64;
inline constexpr int MAX_BPF_FUNC_REG_ARGS = 5;

} // namespace bpfverify::verifier
