// allow_fastcall against the running kernel (data/helper_fastcall.tsv): a spill/fill of r5 around
// the call disappears from the stack depth exactly when the proto has allow_fastcall and the call
// is inlined (mark_fastcall_pattern_for_call, kernel/bpf/verifier.c). On x86_64 only
// bpf_get_smp_processor_id is inlined (verifier_inlines_helper_call).

#include "tests/target/probe_data.h"
#include "verifier/target/func_ids.h"

using namespace bpfverify::target;
using namespace bpfverify::target::testing;

TEST_CASE("fastcall spill removal matches allow_fastcall for every loadable probe") {
  unsigned removed = 0;
  std::vector<std::string> mismatches;
  std::vector<Probe> probes = readProbes("helper_fastcall.tsv");
  REQUIRE(probes.size() > 500);
  for (const Probe &probe : probes) {
    const HelperProto *proto =
        helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
    REQUIRE(proto != nullptr); // the kernel loaded the call, so the type may call it
    bool kernelRemoved = probe.message == "stack depth 0";
    removed += kernelRemoved;
    bool predicted = proto->allowFastcall && probe.helperId == BPF_FUNC_get_smp_processor_id;
    if (kernelRemoved != predicted)
      mismatches.push_back(probe.target + " " + proto->kernelSymbol + ": " + probe.message);
  }
  CHECK(removed > 10);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}

TEST_CASE("only bpf_get_smp_processor_id_proto has allow_fastcall") {
  for (const HelperProto *proto : allHelperProtos())
    CHECK(proto->allowFastcall ==
          (std::string(proto->kernelSymbol) == "bpf_get_smp_processor_id_proto"));
}
