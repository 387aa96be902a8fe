#include "tools/corpus-diff/corpus_diff.h"

#include "lib/isa/decode.h"
#include "lib/object/raw/raw_input.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/SHA256.h>
#include <nlohmann/json.hpp>

#include <array>
#include <regex>

#include <chrono>
#include <cmath>
#include <fstream>

namespace bpfverify::corpus {

namespace {

/// The corpus stores instructions as hex of their 8-byte encoding.
llvm::Expected<std::vector<isa::Insn>> decodeHex(const std::string &hex, const std::string &name) {
  std::string bytes;
  if (!llvm::tryGetFromHex(hex, bytes))
    return inputError(name, "instructions are not a hex string");
  return isa::decodeInstructions(llvm::arrayRefFromStringRef(bytes), name);
}

} // namespace

std::string logDigest(const std::string &log) {
  static const std::regex addr(R"(\(18\) r([0-9]+) = 0x[0-9a-f]+)");
  static const std::regex align(R"( +;)");
  static const std::regex time(R"(verification time [0-9]+ usec)");
  std::string text = std::regex_replace(log, addr, "(18) r$1 = ADDR");
  text = std::regex_replace(text, align, " ;");
  text = std::regex_replace(text, time, "verification time N usec");
  size_t b = text.find_first_not_of(" \n\t");
  size_t e = text.find_last_not_of(" \n\t");
  text = b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
  text += "\n";
  std::array<uint8_t, 32> hash = llvm::SHA256::hash(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(text.data()), text.size()));
  return llvm::toHex(hash, /*LowerCase=*/true);
}

llvm::Expected<std::map<std::string, std::string>> readLogDigests(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return inputError(path, "cannot open the log digests");
  std::map<std::string, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j.contains("sha256"))
      return inputError(path, "a line is not a digest record");
    out[j["id"].get<std::string>()] = j["sha256"].get<std::string>();
  }
  return out;
}

llvm::Expected<std::vector<EntryOutcome>>
runCorpus(const std::string &path, const verifier::VerifyOptions &baseOpts, bool withLogs) {
  verifier::VerifyOptions opts = baseOpts;
  if (withLogs)
    opts.logLevel = 2 | 4;
  std::ifstream in(path);
  if (!in)
    return inputError(path, "cannot open the corpus");
  std::vector<EntryOutcome> out;
  std::string line;
  size_t lineNo = 0;
  while (std::getline(in, line)) {
    lineNo++;
    if (line.empty())
      continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return inputError(path, "line " + std::to_string(lineNo) + " is not a JSON object");
    EntryOutcome e;
    e.id = j.value("id", "");
    if (!j.contains("kernel") || !j["kernel"].is_object() || !j.contains("maps") ||
        !j.contains("insns") || !j["insns"].is_string())
      return inputError(path, "line " + std::to_string(lineNo) +
                                  " lacks the kernel's answer, the maps or the instructions");
    const nlohmann::json &k = j["kernel"];
    e.kernelVerdict = k.value("verdict", "");
    if (k.contains("message") && k["message"].is_string())
      e.kernelMessage = k["message"];
    if (k.contains("insn_index") && k["insn_index"].is_number())
      e.kernelInsn = k["insn_index"];
    if (k.contains("processed_insns") && k["processed_insns"].is_number())
      e.kernelProcessed = k["processed_insns"];
    if (k.contains("load_syscall_us") && k["load_syscall_us"].is_number())
      e.kernelLoadUs = k["load_syscall_us"];
    auto maps = object::raw::parseRawMaps(j["maps"].dump(), path + ":" + e.id);
    if (!maps)
      return maps.takeError();
    auto insns = decodeHex(j["insns"], path + ":" + e.id);
    if (!insns)
      return insns.takeError();
    auto obj = object::raw::buildRawObject(
        std::move(*insns), path + ":" + e.id, j.value("prog_type", 0u),
        j.value("expected_attach_type", 0u), std::move(*maps), path + ":" + e.id);
    if (!obj)
      return obj.takeError();
    auto t0 = std::chrono::steady_clock::now();
    verifier::Result r = verifier::verify(*obj, 0, nullptr, opts);
    e.ourTimeNs = uint64_t(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
            .count());
    e.ours = r.verdict;
    e.ourProcessed = r.stats.processedInsns;
    e.unverifiedReason = r.unverifiedReason;
    if (withLogs)
      e.ourLogDigest = logDigest(r.log);
    if (r.rejection) {
      e.ourMessage = r.rejection->message;
      e.ourInsn = r.rejection->insnIndex;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Summary summarize(const std::vector<EntryOutcome> &outcomes) {
  Summary s;
  for (const EntryOutcome &e : outcomes) {
    s.total++;
    if (e.kernelVerdict != "accept" && e.kernelVerdict != "reject") {
      s.envRefused++;
      continue;
    }
    if (e.ours == verifier::Verdict::Unverified) {
      s.unverified++;
      continue;
    }
    s.compared++;
    bool kAccept = e.kernelVerdict == "accept";
    bool oAccept = e.ours == verifier::Verdict::Accept;
    s.ourTimeMs += double(e.ourTimeNs) / 1e6;
    s.kernelTimeMs += e.kernelLoadUs / 1e3;
    if (kAccept == oAccept) {
      s.agree++;
      if (kAccept) {
        s.acceptedBoth++;
        double k = double(e.kernelProcessed), o = double(e.ourProcessed);
        if (k > 0 && std::fabs(o - k) <= 0.1 * k)
          s.processedWithin10++;
      } else {
        s.rejectionsBoth++;
        bool m = e.ourMessage == e.kernelMessage;
        // The kernel names no instruction for errors before exploration (e.g. a bad map
        // value offset in resolve_pseudo_ldimm64): any index of ours agrees.
        bool i = e.ourInsn == e.kernelInsn || e.kernelInsn < 0;
        s.messageMatch += m;
        s.insnMatch += i;
        s.messageAndInsn += m && i;
      }
    } else if (oAccept) {
      s.falseAccept++;
    } else {
      s.falseReject++;
    }
  }
  return s;
}

} // namespace bpfverify::corpus
