// The verifier against Linux 6.18.44's recorded answers on the generated raw corpus
// (testdata/raw/corpus-v1.jsonl): the figures issue 3 asks for, as thresholds, plus exact
// agreement on every program so that a regression names the program.
#include "lib/support/error.h"
#include "tools/corpus-diff/corpus_diff.h"

#include <catch2/catch.hpp>

using namespace bpfverify;

namespace {

const std::vector<corpus::EntryOutcome> &outcomes() {
  static const std::vector<corpus::EntryOutcome> all = [] {
    auto r = corpus::runCorpus(BPFVERIFY_SOURCE_DIR "/testdata/raw/corpus-v1.jsonl",
                               verifier::VerifyOptions::referenceMachine());
    if (!r)
      FAIL(errorMessage(r.takeError()));
    return std::move(*r);
  }();
  return all;
}

} // namespace

TEST_CASE("corpus: verdicts, messages and instructions as the recorded kernel's") {
  corpus::Summary s = corpus::summarize(outcomes());
  REQUIRE(s.total >= 2000);
  INFO("compared " << s.compared << ", agree " << s.agree << ", false accept " << s.falseAccept
                   << ", false reject " << s.falseReject << ", unverified " << s.unverified);
  CHECK(s.falseAccept == 0);
  CHECK(s.agree * 100 >= s.compared * 99);
  CHECK(s.unverified * 100 <= s.total);
  INFO("rejections in both " << s.rejectionsBoth << ", same message and instruction "
                             << s.messageAndInsn);
  CHECK(s.messageAndInsn * 100 >= s.rejectionsBoth * 95);
  INFO("accepted by both " << s.acceptedBoth << ", processed within 10% " << s.processedWithin10);
  CHECK(s.processedWithin10 * 100 >= s.acceptedBoth * 90);
}

TEST_CASE("corpora deep-v1, prune-v1, ldabs-v1 and ctxhelp-v1: the same figures") {
  for (const char *name :
       {"corpus-deep-v1", "corpus-prune-v1", "corpus-ldabs-v1", "corpus-ctxhelp-v1"}) {
    INFO(name);
    auto r =
        corpus::runCorpus(std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/raw/" + name + ".jsonl",
                          verifier::VerifyOptions::referenceMachine());
    REQUIRE(static_cast<bool>(r));
    corpus::Summary s = corpus::summarize(*r);
    INFO("compared " << s.compared << ", agree " << s.agree << ", false accept " << s.falseAccept
                     << ", false reject " << s.falseReject << ", message and insn "
                     << s.messageAndInsn << "/" << s.rejectionsBoth << ", processed within 10% "
                     << s.processedWithin10 << "/" << s.acceptedBoth);
    CHECK(s.falseAccept == 0);
    CHECK(s.agree * 100 >= s.compared * 99);
    CHECK(s.messageAndInsn * 100 >= s.rejectionsBoth * 95);
    CHECK(s.processedWithin10 * 100 >= s.acceptedBoth * 90);
  }
}

namespace {

/// Verdict, message and failing instruction of every judged program, each named on failure.
void checkOneByOne(const std::vector<corpus::EntryOutcome> &all) {
  for (const corpus::EntryOutcome &e : all) {
    if (e.kernelVerdict != "accept" && e.kernelVerdict != "reject")
      continue;
    INFO(e.id << ": kernel " << e.kernelVerdict << " [" << e.kernelInsn << "] " << e.kernelMessage
              << " | ours [" << e.ourInsn << "] " << e.ourMessage
              << (e.unverifiedReason.empty() ? "" : " unverified: " + e.unverifiedReason));
    CHECK(verifier::verdictName(e.ours) == e.kernelVerdict);
    if (e.kernelVerdict == "reject") {
      CHECK(e.ourMessage == e.kernelMessage);
      if (e.kernelInsn >= 0)
        CHECK(e.ourInsn == e.kernelInsn);
    }
  }
}

} // namespace

TEST_CASE("corpus: every program, one by one") {
  checkOneByOne(outcomes());
}

TEST_CASE("corpus ctxhelp-v1 (contexts and helpers of 24 program types): every program") {
  auto r = corpus::runCorpus(BPFVERIFY_SOURCE_DIR "/testdata/raw/corpus-ctxhelp-v1.jsonl",
                             verifier::VerifyOptions::referenceMachine());
  REQUIRE(static_cast<bool>(r));
  REQUIRE(r->size() >= 2500);
  checkOneByOne(*r);
}

TEST_CASE("corpora v1 and ctxhelp-v1: level-2 logs as the recorded kernel's (normalized digests)") {
  struct Digested {
    const char *stem;
    size_t minimum;
  };
  for (const Digested &c : {Digested{"corpus-v1", 2000}, Digested{"corpus-ctxhelp-v1", 2500}}) {
    INFO(c.stem);
    const std::string base = std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/raw/" + c.stem;
    auto digests = corpus::readLogDigests(base + ".logdigest.jsonl");
    REQUIRE(static_cast<bool>(digests));
    auto withLogs =
        corpus::runCorpus(base + ".jsonl", verifier::VerifyOptions::referenceMachine(), true);
    REQUIRE(static_cast<bool>(withLogs));
    size_t known = 0, same = 0;
    std::vector<std::string> differing;
    for (const corpus::EntryOutcome &e : *withLogs) {
      auto it = digests->find(e.id);
      if (it == digests->end())
        continue;
      known++;
      if (it->second == e.ourLogDigest)
        same++;
      else if (differing.size() < 20)
        differing.push_back(e.id);
    }
    std::string ids;
    for (const std::string &id : differing)
      ids += id + " ";
    INFO("identical " << same << " of " << known << "; first differing: " << ids
                      << "(see them with tools/corpus-diff/record-log-digests' normalization and "
                         "build/bin/kernel-oracle --raw ... --program ID --full-log)");
    REQUIRE(known >= c.minimum);
    CHECK(same * 100 >= known * 95);
  }
}
