// corpus-diff: bpfverify against the kernel answers recorded in a raw-program corpus.
//   corpus-diff [--release] [--verbose] CORPUS.jsonl...
#include "lib/support/error.h"
#include "tools/corpus-diff/corpus_diff.h"

#include <cstdio>
#include <cstring>
#include <map>

using namespace bpfverify;

int main(int argc, char **argv) {
  verifier::VerifyOptions opts = verifier::VerifyOptions::referenceMachine();
  bool verbose = false;
  std::string digests;
  std::vector<std::string> files;
  for (int i = 1; i < argc; i++) {
    if (!std::strcmp(argv[i], "--verbose"))
      verbose = true;
    else if (!std::strcmp(argv[i], "--log-digests") && i + 1 < argc)
      digests = argv[++i];
    else if (!std::strcmp(argv[i], "--release"))
      opts.setStable(false);
    else
      files.push_back(argv[i]);
  }
  std::vector<corpus::EntryOutcome> all;
  for (const std::string &f : files) {
    auto r = corpus::runCorpus(f, opts, !digests.empty());
    if (!r) {
      std::fprintf(stderr, "corpus-diff: %s\n", errorMessage(r.takeError()).c_str());
      return 2;
    }
    all.insert(all.end(), r->begin(), r->end());
  }
  std::map<std::string, int> unverifiedWhy;
  for (const auto &e : all) {
    bool kAccept = e.kernelVerdict == "accept";
    if (e.ours == verifier::Verdict::Unverified) {
      unverifiedWhy[e.unverifiedReason]++;
      if (verbose)
        std::printf("%s UNVERIFIED: kernel %s [%lld] %s | ours: %s\n", e.id.c_str(),
                    e.kernelVerdict.c_str(), (long long)e.kernelInsn, e.kernelMessage.c_str(),
                    e.unverifiedReason.c_str());
      continue;
    }
    bool oAccept = e.ours == verifier::Verdict::Accept;
    if (!verbose)
      continue;
    if (kAccept != oAccept)
      std::printf("%s %s: kernel %s [%lld] %s | ours [%lld] %s\n", e.id.c_str(),
                  oAccept ? "FALSE-ACCEPT" : "FALSE-REJECT", e.kernelVerdict.c_str(),
                  (long long)e.kernelInsn, e.kernelMessage.c_str(), (long long)e.ourInsn,
                  e.ourMessage.c_str());
    else if (!kAccept &&
             (e.kernelMessage != e.ourMessage || (e.kernelInsn >= 0 && e.kernelInsn != e.ourInsn)))
      std::printf("%s MSG: kernel [%lld] %s | ours [%lld] %s\n", e.id.c_str(),
                  (long long)e.kernelInsn, e.kernelMessage.c_str(), (long long)e.ourInsn,
                  e.ourMessage.c_str());
    else if (kAccept && e.kernelProcessed &&
             (e.ourProcessed > e.kernelProcessed * 11 / 10 ||
              e.ourProcessed < e.kernelProcessed * 9 / 10))
      std::printf("%s COUNT: kernel %llu ours %llu\n", e.id.c_str(),
                  (unsigned long long)e.kernelProcessed, (unsigned long long)e.ourProcessed);
  }
  corpus::Summary s = corpus::summarize(all);
  std::printf("programs %zu, compared %zu: agree %zu, false accept %zu, false reject %zu; "
              "unverified %zu, env-refused %zu\n",
              s.total, s.compared, s.agree, s.falseAccept, s.falseReject, s.unverified,
              s.envRefused);
  std::printf("rejections (both): %zu, same message %zu, same insn %zu, both %zu\n",
              s.rejectionsBoth, s.messageMatch, s.insnMatch, s.messageAndInsn);
  std::printf("accepted (both): %zu, processed insns within 10%%: %zu\n", s.acceptedBoth,
              s.processedWithin10);
  std::printf("time: bpfverify %.1f ms, kernel load syscalls %.1f ms\n", s.ourTimeMs,
              s.kernelTimeMs);
  if (!digests.empty()) {
    auto d = corpus::readLogDigests(digests);
    if (!d) {
      std::fprintf(stderr, "corpus-diff: %s\n", errorMessage(d.takeError()).c_str());
      return 2;
    }
    size_t same = 0, known = 0;
    for (const auto &e : all) {
      auto it = d->find(e.id);
      if (it == d->end())
        continue;
      known++;
      if (it->second == e.ourLogDigest)
        same++;
      else if (verbose)
        std::printf("%s LOG differs\n", e.id.c_str());
    }
    std::printf("level-2 logs identical to the kernel's: %zu/%zu\n", same, known);
  }
  for (const auto &[why, n] : unverifiedWhy)
    std::printf("unverified %d: %s\n", n, why.c_str());
  return 0;
}
