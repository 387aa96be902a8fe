// Every argument type of the prototypes against the running kernel (data/helper_args_search.tsv,
// tools/helper_args_oracle.c): for each callable (program type, helper), the recorder found,
// position by position, the first kind of value the kernel accepts there, trying in order zero,
// ctx, a stack pointer, the constant 8, a trusted task_struct, an initialized local dynptr, a
// callback, a read-only map string, a map value with a bpf_spin_lock, one with a bpf_timer, a
// referenced socket (where bpf_sk_lookup_tcp exists), reserved ringbuf memory, a ringbuf dynptr,
// a map. The first kind each argument type accepts is a
// property of the type (check_func_arg, compatible_reg_types), so the recorded kinds pin down
// the base type, nullability, SIZE vs SIZE_OR_ZERO, uninit vs initialized dynptrs and task BTF ids.

#include "tests/target/probe_data.h"
#include "verifier/target/func_ids.h"

#include <map>

using namespace bpfverify::target;
using namespace bpfverify::target::testing;
using namespace bpfverify::verifier;

namespace {

// The first kind, in the recorder's order, that check_func_arg accepts for this argument type;
// "?" when none of the kinds fits (per-cpu pointers, map values with timers, locks or kptrs, BTF
// types other than task_struct, sockets where bpf_sk_lookup_tcp is not callable).
std::string firstAcceptedKind(const HelperProto &proto, unsigned pos, bool socketsAvailable) {
  uint32_t type = proto.argTypes[pos];
  uint32_t base = baseType(type);
  if (base == ARG_DONTCARE || base == ARG_ANYTHING || base == ARG_CONST_SIZE_OR_ZERO ||
      base == ARG_CONST_ALLOC_SIZE_OR_ZERO || (type & PTR_MAYBE_NULL))
    return "zero";
  switch (base) {
  case ARG_PTR_TO_CTX:
    return "ctx";
  case ARG_PTR_TO_MAP_KEY:
  case ARG_PTR_TO_MAP_VALUE:
  case ARG_PTR_TO_MEM:
  case ARG_PTR_TO_STACK:
    return "fp";
  case ARG_PTR_TO_DYNPTR:
    if (type & MEM_UNINIT)
      return "fp";
    // A local dynptr, or for the ringbuf helpers (which release it) a ringbuf one.
    return (type & (DYNPTR_TYPE_RINGBUF | OBJ_RELEASE)) ? "rbdynptr" : "dynptr";
  case ARG_PTR_TO_RINGBUF_MEM:
    return "rbmem";
  case ARG_PTR_TO_SOCK_COMMON:
  case ARG_PTR_TO_SOCKET:
  case ARG_PTR_TO_BTF_ID_SOCK_COMMON:
    return socketsAvailable ? "sock" : "?";
  case ARG_CONST_SIZE:
    return "const8";
  case ARG_PTR_TO_BTF_ID:
    return proto.argBtfType[pos] && std::string(proto.argBtfType[pos]) == "task_struct" ? "task"
                                                                                        : "?";
  case ARG_PTR_TO_FUNC:
    return "func";
  case ARG_PTR_TO_CONST_STR:
    return "str";
  // A map value holding a lock or timer; some program types may not use such maps at all
  // (check_map_prog_compatibility), which this table does not model.
  case ARG_PTR_TO_SPIN_LOCK:
    return "lock|?";
  case ARG_PTR_TO_TIMER:
    return "timer|?";
  case ARG_CONST_MAP_PTR:
    return "map";
  default:
    return "?";
  }
}

// reg_type_str() of the register check_helper_call makes of the return type, up to its "(".
std::string returnedRegType(const HelperProto &proto) {
  uint32_t ret = proto.retType;
  std::string nullable = (ret & PTR_MAYBE_NULL) ? "_or_null" : "";
  std::string btf = proto.retBtfType ? proto.retBtfType : "";
  switch (baseType(ret)) {
  case RET_INTEGER:
    return "scalar";
  case RET_VOID:
    return "-";
  case RET_PTR_TO_MAP_VALUE:
    return "map_value" + nullable;
  case RET_PTR_TO_SOCKET:
    return "sock" + nullable;
  case RET_PTR_TO_TCP_SOCK:
    return "tcp_sock" + nullable;
  case RET_PTR_TO_SOCK_COMMON:
    return "sock_common" + nullable;
  case RET_PTR_TO_MEM:
    return std::string((ret & MEM_RDONLY) ? "rdonly_" : "") +
           ((ret & MEM_RINGBUF) ? "ringbuf_mem" : "mem") + nullable;
  case RET_PTR_TO_BTF_ID:
    return std::string((ret & PTR_TRUSTED) ? "trusted_" : "") + "ptr" + nullable + "_" + btf;
  default:
    return "?";
  }
}

std::vector<std::string> split(const std::string &text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::stringstream stream(text);
  while (std::getline(stream, part, separator))
    parts.push_back(part);
  return parts;
}

} // namespace

TEST_CASE("every argument's accepted kind matches the recorded 6.18 kernel") {
  std::vector<Probe> probes = readProbes("helper_args_search.tsv");
  REQUIRE(probes.size() > 2000);
  unsigned positions = 0;
  std::map<std::string, unsigned> kindCounts;
  std::vector<std::string> mismatches;
  for (const Probe &probe : probes) {
    REQUIRE(probe.fields.size() >= 6);
    const HelperProto *proto =
        helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
    REQUIRE(proto != nullptr); // the recorder only searches callable helpers
    std::vector<std::string> kinds = split(probe.fields[4], ',');
    REQUIRE(kinds.size() == 5);
    bool sockets = helperProtoFor(BPF_FUNC_sk_lookup_tcp, probe.facts,
                                  KernelConfig::referenceMachine()) != nullptr;
    for (unsigned pos = 0; pos < 5; ++pos) {
      std::string predicted = firstAcceptedKind(*proto, pos, sockets);
      bool matches =
          kinds[pos] == predicted ||
          (predicted.find('|') != std::string::npos &&
           (kinds[pos] == predicted.substr(0, predicted.find('|')) || kinds[pos] == "?"));
      if (!matches)
        mismatches.push_back(probe.target + " " + proto->kernelSymbol + " arg" +
                             std::to_string(pos + 1) + ": kernel " + kinds[pos] + ", table " +
                             predicted);
      if (kinds[pos] == "?")
        break; // the recorder could not go further
      ++positions;
      ++kindCounts[kinds[pos]];
    }
  }
  CHECK(positions > 8000);
  // Each kind was needed somewhere, so each argument family was exercised.
  for (const char *kind : {"zero", "ctx", "fp", "const8", "task", "dynptr", "func", "str", "lock",
                           "timer", "sock", "rbmem", "rbdynptr", "map"})
    CHECK(kindCounts[kind] > 0);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}

TEST_CASE("the returned register type matches the recorded 6.18 kernel") {
  // Column 8: R0 as the log shows it after the call with the recorder's best arguments, or "-"
  // when the program stops before reading r0 (void helpers, refusals at the call).
  unsigned compared = 0;
  std::vector<std::string> mismatches;
  for (const Probe &probe : readProbes("helper_args_search.tsv")) {
    REQUIRE(probe.fields.size() >= 8);
    std::string r0 = probe.fields[7];
    std::string lastLine = probe.fields[6];
    // Only calls that passed every check at the call instruction say anything about R0.
    bool callPassed = lastLine.empty() || lastLine.find("reference leak") != std::string::npos;
    if (!callPassed || probe.fields[4].find('?') != std::string::npos)
      continue;
    const HelperProto *proto =
        helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
    REQUIRE(proto != nullptr);
    // "R0=map_value_or_null(id=1,...)" or "R0_w=..." -> "map_value_or_null"
    size_t equals = r0.find('=');
    std::string kernelType =
        r0 == "-" ? "-" : r0.substr(equals + 1, r0.find('(', equals) - equals - 1);
    ++compared;
    if (kernelType != returnedRegType(*proto))
      mismatches.push_back(probe.target + " " + proto->kernelSymbol + ": kernel " + kernelType +
                           ", table " + returnedRegType(*proto));
  }
  CHECK(compared > 1500);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}

TEST_CASE("MEM_WRITE matches the recorded 6.18 kernel for every stack-pointer argument") {
  // Column 9: each argument that took a stack pointer, retried with a pointer into a frozen
  // read-only map: 'w' the kernel said "write into map forbidden", 'r' it accepted the memory,
  // 'x' another complaint (size, dynptr placement), '-' not a stack-pointer argument.
  unsigned writes = 0, reads = 0;
  std::vector<std::string> mismatches;
  for (const Probe &probe : readProbes("helper_args_search.tsv")) {
    REQUIRE(probe.fields.size() >= 9);
    const std::string &access = probe.fields[8];
    REQUIRE(access.size() == 5);
    const HelperProto *proto =
        helperProtoFor(probe.helperId, probe.facts, KernelConfig::referenceMachine());
    REQUIRE(proto != nullptr);
    for (unsigned pos = 0; pos < 5; ++pos) {
      if (access[pos] != 'w' && access[pos] != 'r')
        continue;
      bool kernelWrites = access[pos] == 'w';
      (kernelWrites ? writes : reads)++;
      if (kernelWrites != ((proto->argTypes[pos] & MEM_WRITE) != 0))
        mismatches.push_back(probe.target + " " + proto->kernelSymbol + " arg" +
                             std::to_string(pos + 1) + ": kernel " + access[pos]);
    }
  }
  CHECK(writes > 300);
  CHECK(reads > 300);
  for (const std::string &mismatch : mismatches)
    UNSCOPED_INFO(mismatch);
  CHECK(mismatches.empty());
}
