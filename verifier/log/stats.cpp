#include "verifier/log/stats.h"

#include <string>

namespace bpfverify::verifier {

void printVerificationStats(VerifierLog &log, const VerificationStats &stats) {
  if (log.level() & BPF_LOG_STATS) {
    log.write("verification time " + std::to_string(stats.verificationTimeNs / 1000) + " usec\n");
    std::string depths = "stack depth ";
    for (size_t i = 0; i < stats.subprogStackDepths.size(); i++) {
      if (i)
        depths += "+";
      depths += std::to_string(int32_t(stats.subprogStackDepths[i])); // "%d" of a u32
    }
    log.write(depths + "\n");
  }
  auto d = [](uint32_t v) { return std::to_string(int32_t(v)); };
  log.write("processed " + d(stats.insnProcessed) + " insns (limit " +
            d(BPF_COMPLEXITY_LIMIT_INSNS) + ") max_states_per_insn " + d(stats.maxStatesPerInsn) +
            " total_states " + d(stats.totalStates) + " peak_states " + d(stats.peakStates) +
            " mark_read " + d(stats.markRead) + "\n");
}

} // namespace bpfverify::verifier
