#pragma once
// Measuring the running kernel in the benchmark's own run: kernel-oracle (scripts/kernel-oracle)
// is executed on the same corpus and objects and its JSON answers are parsed.

#include "bench/verifier/kernel_times.h"

#include <llvm/Support/Error.h>

#include <map>
#include <string>

namespace bpfverify::bench {

/// Answers by program: the corpus id, or "<object path as given>:<program name>".
using KernelAnswers = std::map<std::string, KernelTimes>;

/// Exit status 3 of kernel-oracle: no usable kernel (no bpf(), not root).
inline constexpr int OracleNoKernel = 3;

struct OracleError {
  int exitStatus = -1;
  std::string message; ///< kernel-oracle's stderr, or why it could not run
};

/// `kernel-oracle --stats-only --raw CORPUS`: one result line per program (pass 1 only: the
/// timed load; no level-2 log pass).
llvm::Expected<KernelAnswers> measureCorpus(const std::string &oracle, const std::string &corpus,
                                            OracleError &failure);

/// `kernel-oracle --stats-only --no-insns --compact OBJECT`: every program of the object, each
/// loaded alone.
llvm::Expected<KernelAnswers> measureObject(const std::string &oracle, const std::string &object,
                                            OracleError &failure);

} // namespace bpfverify::bench
