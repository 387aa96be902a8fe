// The committed raw-program corpora (testdata/raw/corpus-v1, -deep-v1, -prune-v1, -ctxhelp-v1
// .jsonl): every entry is valid raw input for bpfverify, and the recorded kernel answers have the
// properties the corpora promise.

#include "lib/isa/decode.h"
#include "lib/object/raw/raw_input.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace bpfverify;
using nlohmann::json;

namespace {

const std::string kRawDir = std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/raw/";

// The corpora and the least number of judged programs each must hold.
struct CorpusFile {
  const char *stem;
  size_t minimum;
};
const CorpusFile kCorpora[] = {{"corpus-v1", 2000},
                               {"corpus-deep-v1", 1000},
                               {"corpus-prune-v1", 500},
                               {"corpus-ctxhelp-v1", 2500}};

std::vector<json> readCorpus(const std::string &stem) {
  std::ifstream in(kRawDir + stem + ".jsonl");
  REQUIRE(in.good());
  std::vector<json> entries;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty())
      entries.push_back(json::parse(line));
  return entries;
}

const std::vector<json> &corpus(const std::string &stem) {
  static std::map<std::string, std::vector<json>> cache;
  auto it = cache.find(stem);
  if (it == cache.end())
    it = cache.emplace(stem, readCorpus(stem)).first;
  return it->second;
}

std::vector<uint8_t> hexBytes(const std::string &hex) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

} // namespace

TEST_CASE("raw corpus: enough programs with a kernel verdict, unique ids") {
  for (const auto &file : kCorpora) {
    INFO(file.stem);
    const auto &entries = corpus(file.stem);
    std::set<std::string> ids;
    size_t judged = 0;
    for (const auto &e : entries) {
      INFO(e.value("id", "?"));
      REQUIRE(e.contains("kernel"));
      CHECK(ids.insert(e.at("id").get<std::string>()).second);
      const std::string verdict = e.at("kernel").at("verdict");
      CHECK((verdict == "accept" || verdict == "reject" || verdict == "env-refused"));
      judged += verdict != "env-refused";
    }
    CHECK(judged >= file.minimum);
  }
}

TEST_CASE("raw corpus: every entry is valid bpfverify raw input") {
  for (const auto &file : kCorpora)
    for (const auto &e : corpus(file.stem)) {
      const std::string id = e.at("id");
      INFO(id);
      const std::string hex = e.at("insns");
      REQUIRE(hex.size() % 16 == 0);
      const auto bytes = hexBytes(hex);
      auto insns = isa::decodeInstructions(bytes, id + ".insns");
      REQUIRE(!!insns);
      const size_t count = insns->size();
      CHECK(count == hex.size() / 16);
      auto maps = object::raw::parseRawMaps(e.at("maps").dump(), id + ".maps.json");
      if (!maps)
        FAIL(errorMessage(maps.takeError()));
      const size_t mapCount = maps->size();
      auto object = object::raw::buildRawObject(
          std::move(*insns), id + ".insns", e.at("prog_type").get<uint32_t>(),
          e.at("expected_attach_type").get<uint32_t>(), std::move(*maps), id + ".maps.json");
      if (!object)
        FAIL(errorMessage(object.takeError()));
      REQUIRE(object->programs.size() == 1);
      CHECK(object->programs[0].insns.size() == count);
      CHECK(object->programs[0].progType == e.at("prog_type").get<uint32_t>());
      CHECK(object->maps.size() == mapCount);
    }
}

TEST_CASE("raw corpus: the kernel accepts between 35% and 65%") {
  for (const auto &file : kCorpora) {
    INFO(file.stem);
    size_t accept = 0, judged = 0;
    for (const auto &e : corpus(file.stem)) {
      const std::string verdict = e.at("kernel").at("verdict");
      if (verdict == "env-refused")
        continue;
      ++judged;
      accept += verdict == "accept";
    }
    REQUIRE(judged > 0);
    const double ratio = static_cast<double>(accept) / static_cast<double>(judged);
    INFO("accepted " << accept << " of " << judged);
    CHECK(ratio >= 0.35);
    CHECK(ratio <= 0.65);
  }
}

TEST_CASE("raw corpus: rejections carry a message, acceptances statistics") {
  for (const auto &file : kCorpora) {
    INFO(file.stem);
    std::map<std::string, size_t> messages;
    for (const auto &e : corpus(file.stem)) {
      INFO(e.at("id").get<std::string>());
      const json &k = e.at("kernel");
      const std::string verdict = k.at("verdict");
      if (verdict == "reject") {
        REQUIRE(k.at("message").is_string());
        CHECK(!k.at("message").get<std::string>().empty());
        CHECK(k.at("errno").get<int>() != 0);
        ++messages[k.at("message").get<std::string>()];
      } else if (verdict == "accept") {
        CHECK(k.at("message").is_null());
        CHECK(k.at("errno").get<int>() == 0);
        REQUIRE(k.at("processed_insns").is_number_unsigned());
        CHECK(k.at("processed_insns").get<uint64_t>() > 0);
      }
    }
    // The corpus is meant to reject for many different reasons, not one.
    CHECK(messages.size() >= 20);
  }
}

TEST_CASE("raw corpus: the sidecar names the kernel and matches the counts") {
  for (const auto &file : kCorpora) {
    INFO(file.stem);
    std::ifstream in(kRawDir + file.stem + ".meta.json");
    REQUIRE(in.good());
    const json meta = json::parse(in);
    const auto &entries = corpus(file.stem);
    CHECK(meta.at("programs").get<size_t>() == entries.size());
    CHECK(!meta.at("kernel_release").get<std::string>().empty());
    std::map<std::string, size_t> counts;
    for (const auto &e : entries)
      ++counts[e.at("kernel").at("verdict").get<std::string>()];
    for (const auto &[verdict, count] : counts)
      CHECK(meta.at("verdicts").at(verdict).get<size_t>() == count);
  }
}
