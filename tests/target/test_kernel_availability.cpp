// helperProtoFor against the running kernel's answers recorded in data/helper_availability.tsv
// (tools/helper_oracle.c): for every probed (program type, attach type, helper id), the kernel
// said "program of this type cannot use helper" exactly when helperProtoFor returns nullptr.

#include "verifier/target/func_proto.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace bpfverify::target;

namespace {

struct Probe {
  std::string target;
  uint32_t progType = 0;
  uint32_t attachType = 0;
  uint32_t helperId = 0;
  std::string message;
};

std::vector<Probe> readProbes() {
  std::ifstream in(BPFVERIFY_SOURCE_DIR "/tests/target/data/helper_availability.tsv");
  REQUIRE(in.good());
  std::vector<Probe> probes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '\t'))
      fields.push_back(field);
    REQUIRE(fields.size() >= 5);
    if (fields[3] == "*") // REFUSED: the verifier never ran for this target
      continue;
    Probe probe;
    probe.target = fields[0];
    probe.progType = uint32_t(std::stoul(fields[1]));
    probe.attachType = uint32_t(std::stoul(fields[2]));
    probe.helperId = uint32_t(std::stoul(fields[3]));
    probe.message = fields.size() > 5 ? fields[5] : "";
    probes.push_back(probe);
  }
  return probes;
}

// The facts the recorder used for each target label (tools/helper_oracle.c).
ProgramFacts factsFor(const Probe &probe) {
  ProgramFacts facts;
  facts.progType = probe.progType;
  facts.expectedAttachType = probe.attachType;
  facts.sleepable = probe.target == "tracing.iter.s" || probe.target == "syscall";
  if (probe.target == "tracing.tp_btf")
    facts.attachBtfName = "btf_trace_sched_switch";
  else if (probe.target == "tracing.iter.tcp")
    facts.attachBtfName = "bpf_iter_tcp";
  else if (probe.target.rfind("tracing.iter", 0) == 0)
    facts.attachBtfName = "bpf_iter_task";
  return facts;
}

} // namespace

TEST_CASE("helper availability matches the recorded 6.18 kernel for every probe") {
  std::vector<Probe> probes = readProbes();
  REQUIRE(probes.size() > 10000);
  std::set<std::string> targets;
  std::vector<std::string> mismatches;
  for (const Probe &probe : probes) {
    targets.insert(probe.target);
    bool kernelAllows = probe.message != "CANNOT_USE";
    const HelperProto *proto =
        helperProtoFor(probe.helperId, factsFor(probe), KernelConfig::referenceMachine());
    if (kernelAllows != (proto != nullptr))
      mismatches.push_back(probe.target + " #" + std::to_string(probe.helperId) +
                           (kernelAllows
                                ? " kernel allows (" + probe.message + ")"
                                : " kernel refuses, we give " + std::string(proto->kernelSymbol)));
  }
  CHECK(targets.size() >= 50);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}
