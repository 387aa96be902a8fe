#include "lib/report/kernel_log.h"

namespace bpfverify::report {

// BPF_COMPLEXITY_LIMIT_INSNS of include/linux/bpf.h.
constexpr uint64_t ComplexityLimitInsns = 1000000;

std::string processedLine(const verifier::Stats &s) {
  // mark_read is not tracked by bpfverify; Linux 6.18 prints it, so the line keeps its shape.
  return "processed " + std::to_string(s.processedInsns) + " insns (limit " +
         std::to_string(ComplexityLimitInsns) + ") max_states_per_insn " +
         std::to_string(s.maxStatesPerInsn) + " total_states " + std::to_string(s.totalStates) +
         " peak_states " + std::to_string(s.peakStates) + " mark_read 0";
}

void renderKernelLog(const ProgramReport &p, int logLevel, llvm::raw_ostream &os) {
  if (p.verdict == verifier::Verdict::Unverified) {
    os << "; bpfverify: no verdict for " << p.name << ": " << p.unverifiedReason << "\n";
    return;
  }
  if (!p.kernelLog.empty()) {
    // The engine's log already holds the trace, the error and the statistics lines.
    os << p.kernelLog;
    return;
  }
  if (logLevel > 0)
    for (const verifier::TraceEntry &entry : p.trace)
      os << entry.text << "\n";
  if (p.error)
    os << p.error->message << "\n";
  if (p.stats) {
    // print_verification_stats(): the time line comes first under BPF_LOG_STATS.
    os << "verification time " << p.stats->verificationTimeUs << " usec\n";
    os << processedLine(*p.stats) << "\n";
  }
}

} // namespace bpfverify::report
