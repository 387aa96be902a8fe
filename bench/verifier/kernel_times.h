#pragma once
// The kernel's answer for one program as the benchmark compares against: verdict, processed
// instructions, "verification time N usec" and the wall time of the BPF_PROG_LOAD syscall.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace bpfverify::bench {

struct KernelTimes {
  std::string verdict; ///< accept / reject / env-refused; empty when there is no answer
  uint64_t processedInsns = 0;
  std::optional<double> verificationUs; ///< bpf_check()'s env->verification_time, in µs
  std::optional<double> loadSyscallUs;  ///< the whole BPF_PROG_LOAD (verifier, fixups, JIT)

  /// A verifier verdict with both times: the programs a time comparison can use.
  bool usable() const {
    return (verdict == "accept" || verdict == "reject") && verificationUs && loadSyscallUs;
  }
};

/// From a flat record: a corpus line's "kernel" member or a `kernel-oracle --raw` result line.
KernelTimes kernelTimesFromFlat(const nlohmann::json &record);

/// From a PROGRAM record of kernel-oracle's object output (testdata/expect/kernel/*.json too),
/// where the statistics are under "stats".
KernelTimes kernelTimesFromProgram(const nlohmann::json &program);

} // namespace bpfverify::bench
