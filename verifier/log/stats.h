#pragma once
// The closing lines of every Linux 6.18 verifier log (print_verification_stats in
// kernel/bpf/verifier.c): "verification time", "stack depth" (BPF_LOG_STATS only) and
// "processed N insns ...".

#include "verifier/log/verifier_log.h"

#include <cstdint>
#include <vector>

namespace bpfverify::verifier {

/// BPF_COMPLEXITY_LIMIT_INSNS
inline constexpr uint32_t BPF_COMPLEXITY_LIMIT_INSNS = 1000000;

struct VerificationStats {
  uint32_t insnProcessed = 0;    ///< env->insn_processed
  uint32_t maxStatesPerInsn = 0; ///< env->max_states_per_insn
  uint32_t totalStates = 0;      ///< env->total_states
  uint32_t peakStates = 0;       ///< env->peak_states
  /// env->longest_mark_read_walk: 6.18 no longer walks read marks (REG_LIVE_* are gone), so
  /// the kernel always prints 0 here.
  uint32_t markRead = 0;
  uint64_t verificationTimeNs = 0;          ///< env->verification_time
  std::vector<uint32_t> subprogStackDepths; ///< subprog_info[i].stack_depth, i < subprog_cnt
};

/// print_verification_stats: with BPF_LOG_STATS "verification time <us> usec\n" and
/// "stack depth <d0>+<d1>...\n"; always (whenever the log is on)
/// "processed %d insns (limit %d) max_states_per_insn %d total_states %d peak_states %d
/// mark_read %d\n".
void printVerificationStats(VerifierLog &log, const VerificationStats &stats);

} // namespace bpfverify::verifier
