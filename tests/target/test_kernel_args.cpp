// The prototypes' argument types against the running kernel. Each recorded probe called the helper
// with r1..r5 = 0 (helper_availability.tsv) or with the context in r1 and r2..r5 = 0
// (helper_args_ctx.tsv), so the kernel's first complaint names the first argument those values
// do not satisfy, with the register types that argument accepts (compatible_reg_types in
// kernel/bpf/verifier.c), or says the call itself is refused (might sleep, not allowed).

#include "tests/target/probe_data.h"

using namespace bpfverify::target;
using namespace bpfverify::target::testing;
using namespace bpfverify::verifier;

namespace {

// The accepted register types the kernel lists for an argument's base type.
std::string expectedTypes(uint32_t argType) {
  switch (baseType(argType)) {
  case ARG_CONST_MAP_PTR:
    return "map_ptr";
  case ARG_PTR_TO_MAP_KEY:
  case ARG_PTR_TO_MAP_VALUE:
  case ARG_PTR_TO_MEM:
    return "fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_";
  case ARG_PTR_TO_CTX:
    return "ctx";
  case ARG_PTR_TO_SOCK_COMMON:
    return "sock_common, sock, tcp_sock, xdp_sock";
  case ARG_PTR_TO_BTF_ID_SOCK_COMMON:
    return "sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_";
  case ARG_PTR_TO_SOCKET:
    return "sock";
  case ARG_PTR_TO_BTF_ID:
    return "ptr_, trusted_ptr_, rcu_ptr_";
  case ARG_PTR_TO_PERCPU_BTF_ID:
    return "percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_";
  case ARG_PTR_TO_RINGBUF_MEM:
    return "ringbuf_mem";
  case ARG_PTR_TO_FUNC:
    return "func";
  case ARG_PTR_TO_STACK:
    return "fp";
  case ARG_PTR_TO_CONST_STR:
  case ARG_PTR_TO_TIMER:
    return "map_value";
  case ARG_KPTR_XCHG_DEST:
  case ARG_PTR_TO_SPIN_LOCK:
    return "map_value, ptr_";
  case ARG_PTR_TO_DYNPTR:
    return "fp, dynptr_ptr";
  case ARG_CONST_SIZE:
  case ARG_CONST_SIZE_OR_ZERO:
  case ARG_CONST_ALLOC_SIZE_OR_ZERO:
    return "scalar";
  default:
    return "?";
  }
}

// Whether check_func_arg accepts a register holding the constant 0.
bool acceptsZero(uint32_t argType) {
  if (argType & PTR_MAYBE_NULL)
    return true;
  switch (baseType(argType)) {
  case ARG_DONTCARE:
  case ARG_ANYTHING:
  case ARG_CONST_SIZE:
  case ARG_CONST_SIZE_OR_ZERO:
  case ARG_CONST_ALLOC_SIZE_OR_ZERO:
    return true;
  default:
    return false;
  }
}

// Whether it accepts the program's unmodified context pointer (privileged: ARG_ANYTHING may
// take a pointer).
bool acceptsCtx(uint32_t argType) {
  return baseType(argType) == ARG_PTR_TO_CTX || baseType(argType) == ARG_ANYTHING;
}

std::string predictedMessage(const HelperProto &proto, const ProgramFacts &facts, bool ctxInR1) {
  if (!helperAllowed(proto, facts))
    return "helper call is not allowed in probe";
  if (proto.mightSleep && !facts.sleepable)
    return "helper call might sleep in a non-sleepable prog";
  for (unsigned i = 0; i < proto.argCount(); ++i) {
    bool ctx = ctxInR1 && i == 0;
    if (ctx ? acceptsCtx(proto.argTypes[i]) : acceptsZero(proto.argTypes[i]))
      continue;
    return "R" + std::to_string(i + 1) + " type=" + (ctx ? "ctx" : "scalar") +
           " expected=" + expectedTypes(proto.argTypes[i]);
  }
  return "";
}

void compareFirstComplaints(const std::string &fileName, bool ctxInR1, unsigned minimum) {
  unsigned compared = 0;
  std::vector<std::string> mismatches;
  for (Probe &probe : readProbes(fileName)) {
    if (probe.message == "CANNOT_USE")
      continue;
    const HelperProto *proto =
        helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
    if (!proto)
      continue; // availability is the other test's concern
    // A call that passed its argument checks leaves the return-code check, or
    // check_get_func_ip's attach-type check (after the arguments in check_helper_call).
    std::string message = probe.message;
    if (message.rfind("At program exit", 0) == 0 || message.rfind("func bpf_get_func_ip#", 0) == 0)
      message = "";
    ++compared;
    std::string predicted = predictedMessage(*proto, probe.facts, ctxInR1);
    if (predicted != message)
      mismatches.push_back(probe.target + " " + proto->kernelSymbol + ": kernel '" + message +
                           "', table '" + predicted + "'");
  }
  CHECK(compared > minimum);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}

} // namespace

TEST_CASE("first complaint with zeroed arguments matches the recorded 6.18 kernel") {
  compareFirstComplaints("helper_availability.tsv", false, 5000);
}

TEST_CASE("first complaint with the context in r1 matches the recorded 6.18 kernel") {
  compareFirstComplaints("helper_args_ctx.tsv", true, 5000);
}
