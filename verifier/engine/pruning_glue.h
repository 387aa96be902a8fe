#pragma once
// State pruning in the exploration loop: is_state_visited() of Linux 6.18 over the explored
// states of env, and the per-instruction stack-liveness bookkeeping around do_check_insn().

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// is_state_visited(): 1 when an explored state covers env.cur (prune), 0 to continue, -1 on
/// error (rejection recorded, e.g. "infinite loop detected").
int isStateVisited(Env &env, uint32_t insnIdx);
/// update_branch_counts(): a path ended; states whose branches drop to 0 leave their SCC visit
/// and the free list.
bool updateBranchCounts(Env &env, VerifierState *st);
/// bpf_update_live_stack()
void updateLiveStack(Env &env);
/// bpf_reset_live_stack_callchain()
void resetLiveStackCallchain(Env &env);
/// bpf_reset_stack_write_marks() before an instruction.
void resetStackWriteMarks(Env &env);
/// bpf_commit_stack_write_marks() after it.
void commitStackWriteMarks(Env &env);

} // namespace bpfverify::verifier
