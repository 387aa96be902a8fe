#pragma once
// What a verification run says about one program: the verdict, the first error, the statistics
// and the per-instruction trace. Rendering lives in lib/report; analysis never prints.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::verifier {

enum class Verdict { Accept, Reject, Unverified };

/// The reason the kernel would give, at the instruction it would name.
struct Rejection {
  uint32_t insnIndex = 0;
  std::string message; ///< kernel wording, without trailing newline
};

/// The numbers of the kernel's print_verification_stats() plus our own time.
struct Stats {
  uint64_t processedInsns = 0;
  uint64_t totalStates = 0;
  uint64_t peakStates = 0;
  uint64_t maxStatesPerInsn = 0;
  uint64_t verificationTimeUs = 0;
};

/// One line of the per-instruction state log (log level 1 or 2).
struct TraceEntry {
  uint32_t insnIndex = 0;
  std::string kind; ///< "insn", "state", "branch", "source"
  std::string text; ///< as the kernel log would print it
};

struct Result {
  Verdict verdict = Verdict::Unverified;
  std::optional<Rejection> rejection;
  Stats stats;
  std::vector<TraceEntry> trace;
  /// The whole kernel-format log (levels 1/2 trace, error, statistics lines).
  std::string log;
  /// For Unverified: what bpfverify does not model yet, in a few words.
  std::string unverifiedReason;
  /// Per-subprogram stack depth, as "stack depth 8+0" prints it.
  std::vector<uint32_t> stackDepths;
};

inline const char *verdictName(Verdict v) {
  switch (v) {
  case Verdict::Accept:
    return "accept";
  case Verdict::Reject:
    return "reject";
  case Verdict::Unverified:
    return "unverified";
  }
  return "unverified";
}

} // namespace bpfverify::verifier
