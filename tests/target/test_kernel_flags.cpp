// gpl_only and pkt_access against the running kernel. helper_gpl.tsv: the zero-argument probes
// loaded with a non-GPL license, where check_helper_call refuses gpl_only helpers before anything
// else. helper_pkt.tsv: every argument register holds a packet pointer (sched_cls, xdp, sk_skb);
// check_func_arg refuses it for the first argument that is not ARG_ANYTHING unless the proto has
// pkt_access (may_access_direct_pkt_data).

#include "tests/target/probe_data.h"

using namespace bpfverify::target;
using namespace bpfverify::target::testing;

namespace {

const HelperProto *protoFor(const Probe &probe) {
  return helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
}

} // namespace

TEST_CASE("gpl_only matches the recorded 6.18 kernel for every callable helper") {
  unsigned gplRefusals = 0, compared = 0;
  std::vector<std::string> mismatches;
  for (const Probe &probe : readProbes("helper_gpl.tsv")) {
    const HelperProto *proto = protoFor(probe);
    if (!proto)
      continue;
    ++compared;
    bool refused =
        probe.message == "cannot call GPL-restricted function from non-GPL compatible program";
    gplRefusals += refused;
    if (refused != proto->gplOnly)
      mismatches.push_back(probe.target + " " + proto->kernelSymbol + ": " + probe.message);
  }
  CHECK(compared > 5000);
  CHECK(gplRefusals > 1000);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}

TEST_CASE("pkt_access matches the recorded 6.18 kernel for every callable helper") {
  unsigned refusals = 0, compared = 0;
  std::vector<std::string> mismatches;
  for (const Probe &probe : readProbes("helper_pkt.tsv")) {
    const HelperProto *proto = protoFor(probe);
    if (!proto)
      continue;
    ++compared;
    bool refused = probe.message == "helper access to the packet is not allowed";
    refusals += refused;
    // The checks before the arguments: allowed(), then might_sleep.
    bool reachesArguments =
        helperAllowed(*proto, probe.facts) && !(proto->mightSleep && !probe.facts.sleepable);
    bool pointerArgument = false;
    for (uint32_t type : proto->argTypes)
      pointerArgument |= type != ARG_DONTCARE && type != ARG_ANYTHING;
    bool predicted = reachesArguments && pointerArgument && !proto->pktAccess;
    if (refused != predicted)
      mismatches.push_back(probe.target + " " + proto->kernelSymbol + ": " + probe.message);
  }
  CHECK(compared > 600);
  CHECK(refusals > 400);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}
