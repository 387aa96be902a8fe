#pragma once
// Differential comparison of bpfverify with recorded kernel answers on a raw-program corpus
// (testdata/raw/*.jsonl): verdict, message, instruction and processed-instruction agreement.

#include "verifier/verify.h"

#include <llvm/Support/Error.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bpfverify::corpus {

/// One program's comparison.
struct EntryOutcome {
  std::string id;
  std::string kernelVerdict; ///< accept / reject / env-refused
  verifier::Verdict ours = verifier::Verdict::Unverified;
  std::string kernelMessage, ourMessage;
  int64_t kernelInsn = -1, ourInsn = -1;
  uint64_t kernelProcessed = 0, ourProcessed = 0;
  std::string unverifiedReason;
  uint64_t ourTimeNs = 0;
  double kernelLoadUs = 0;
  std::string ourLogDigest; ///< sha256 of our normalized level-2|4 log (when logs were asked)
};

/// The normalization record-log-digests applies to the kernel's log (map addresses, the
/// alignment after them, the verification time), then its SHA-256 in hex.
std::string logDigest(const std::string &log);
/// Reads a digest file written by record-log-digests: id -> sha256.
llvm::Expected<std::map<std::string, std::string>> readLogDigests(const std::string &path);

struct Summary {
  size_t total = 0, compared = 0, agree = 0, falseAccept = 0, falseReject = 0, unverified = 0,
         envRefused = 0;
  size_t rejectionsBoth = 0, messageMatch = 0, insnMatch = 0, messageAndInsn = 0;
  size_t acceptedBoth = 0, processedWithin10 = 0;
  double ourTimeMs = 0, kernelTimeMs = 0;
};

/// Runs every entry of a corpus file through verifier::verify.
/// With withLogs, each program is verified with log_level 2|4 and its log digested.
llvm::Expected<std::vector<EntryOutcome>>
runCorpus(const std::string &path, const verifier::VerifyOptions &opts, bool withLogs = false);
Summary summarize(const std::vector<EntryOutcome> &outcomes);

} // namespace bpfverify::corpus
