// Reading the selftests' annotations back from the example objects' BTF, and matching logs.
#include "lib/report/expectations.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace bpfverify;

namespace {
std::string object(const std::string &stem) {
  return std::string(BPFVERIFY_BINARY_DIR) + "/testdata/progs/" + stem + ".bpf.o";
}
/// The value, or a test failure showing the error message.
std::map<std::string, report::Expectation> expectationsOf(const std::string &stem) {
  auto all = report::readObjectExpectations(object(stem));
  if (!all)
    FAIL(llvm::toString(all.takeError()));
  return std::move(*all);
}
} // namespace

TEST_CASE("annotations of the example objects are read from their BTF") {
  auto all = expectationsOf("example_map_oob");
  const report::Expectation &bad = all.at("read_slot_off_by_one");
  CHECK(bad.privileged.success == false);
  // Two __msg on one program keep their source order through __COUNTER__.
  REQUIRE(bad.privileged.messages.size() == 2);
  CHECK(bad.privileged.messages[0] == "invalid access to map value, value_size=64 off=64 size=4");
  CHECK(bad.privileged.messages[1] == "R0 max value is outside of the allowed memory range");
  CHECK(all.at("read_slot_checked").privileged.success == true);

  auto xdp = expectationsOf("example_xdp_parser");
  const report::Expectation &parse = xdp.at("xdp_parse");
  CHECK(parse.privileged.success == true);
  CHECK(parse.privileged.retval == "XDP_PASS");
  CHECK(parse.description == "XDP parser with bounds-checked header walks");
}

TEST_CASE("annotations agree with the verdicts recorded from the kernel") {
  for (const char *stem : {"example_map_oob", "example_socket_filter", "example_kprobe_ringbuf",
                           "example_xdp_parser"}) {
    INFO(stem);
    auto all = expectationsOf(stem);
    std::ifstream in(std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/expect/kernel/" + stem +
                     ".json");
    REQUIRE(in);
    auto recorded = nlohmann::json::parse(in);
    for (const auto &p : recorded["programs"]) {
      std::string name = p["name"];
      INFO(name);
      const report::Expectation &e = all.at(name);
      REQUIRE(e.privileged.success.has_value());
      CHECK(*e.privileged.success == (p["verdict"] == "accept"));
      if (p["verdict"] == "reject") {
        // The last __msg is the kernel's error line.
        REQUIRE_FALSE(e.privileged.messages.empty());
        CHECK(e.privileged.messages.back() == p["error"]["message"].get<std::string>());
      }
    }
  }
}

TEST_CASE("a missing file or an object without BTF is an input error naming the file") {
  auto missing = report::readObjectExpectations("/nonexistent/x.bpf.o");
  REQUIRE_FALSE(bool(missing));
  CHECK(llvm::toString(missing.takeError()).find("/nonexistent/x.bpf.o") != std::string::npos);
  auto notElf = report::readObjectExpectations(std::string(BPFVERIFY_SOURCE_DIR) + "/README.md");
  REQUIRE_FALSE(bool(notElf));
  CHECK(llvm::toString(notElf.takeError()).find("README.md") != std::string::npos);
}

TEST_CASE("logMatches follows test_loader: in order, {{regex}} parts") {
  const char *log = "0: (b7) r0 = 0\n"
                    "invalid access to map value, value_size=64 off=64 size=4\n"
                    "R0 max value is outside of the allowed memory range\n";
  CHECK(report::logMatches(log, {"value_size=64 off=64", "R0 max value"}));
  CHECK(report::logMatches(log, {"value_size={{[0-9]+}} off={{[0-9]+}} size=4"}));
  std::string why;
  CHECK_FALSE(report::logMatches(log, {"R0 max value", "value_size=64"}, &why)); // order
  CHECK(why.find("value_size=64") != std::string::npos);
  CHECK_FALSE(report::logMatches(log, {"off=6{{[5-9]}}"}));
  // Literal parts are not regular expressions: "(b7)" must match the parentheses.
  CHECK(report::logMatches(log, {"(b7) r0 = 0"}));
  CHECK_FALSE(report::logMatches(log, {"b7. r0"}));
}
