// helperProtoFor against the running kernel's answers recorded in data/helper_availability.tsv
// (tools/helper_oracle.c): for every probed (program type, attach type, helper id), the kernel
// said "program of this type cannot use helper" exactly when helperProtoFor returns nullptr.

#include "tests/target/probe_data.h"

#include <set>

using namespace bpfverify::target;
using namespace bpfverify::target::testing;

TEST_CASE("helper availability matches the recorded 6.18 kernel for every probe") {
  std::vector<Probe> probes = readProbes("helper_availability.tsv");
  REQUIRE(probes.size() > 10000);
  std::set<std::string> targets;
  std::vector<std::string> mismatches;
  for (const Probe &probe : probes) {
    targets.insert(probe.target);
    bool kernelAllows = probe.message != "CANNOT_USE";
    const HelperProto *proto =
        helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
    if (kernelAllows != (proto != nullptr))
      mismatches.push_back(probe.target + " #" + std::to_string(probe.helperId) +
                           (kernelAllows
                                ? " kernel allows (" + probe.message + ")"
                                : " kernel refuses, we give " + std::string(proto->kernelSymbol)));
  }
  CHECK(targets.size() >= 55);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}
