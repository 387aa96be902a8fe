// Register liveness and SCC numbering against the kernel's "Live regs before insn:" listings
// (tests/isa/data/liveness_golden.txt, recorded from socket filter programs).

#include "lib/isa/liveness.h"
#include "tests/isa/kernel_data.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

using namespace bpfverify::isa;
using bpfverify::isa::test::fromHex;

namespace {

struct ListingCase {
  int line = 0;
  std::vector<Insn> insns;
  std::vector<std::string> listing;
};

std::vector<ListingCase> loadListings() {
  std::ifstream in(std::string(BPFVERIFY_SOURCE_DIR) + "/tests/isa/data/liveness_golden.txt");
  REQUIRE(in.good());
  std::vector<ListingCase> cases;
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.rfind("prog ", 0) == 0)
      cases.push_back({lineNo, fromHex(line.substr(5)), {}});
    else if (line != "end" && !line.empty() && line[0] != '#')
      cases.back().listing.push_back(line);
  }
  return cases;
}

// get_call_summary() for a socket filter: the argument count of each helper's prototype
// (include/uapi/linux/bpf.h). Helpers the program type cannot use, unknown ids, and kfuncs not
// registered for socket filters have no summary.
std::optional<unsigned> socketFilterCallParams(const Insn &call) {
  static const std::map<int32_t, unsigned> params = {
      {1, 2},   // map_lookup_elem(map, key)
      {2, 4},   // map_update_elem(map, key, value, flags)
      {5, 0},   // ktime_get_ns()
      {7, 0},   // get_prandom_u32()
      {12, 3},  // tail_call(ctx, prog_array_map, index)
      {25, 5},  // perf_event_output(ctx, map, flags, data, size)
      {130, 4}, // ringbuf_output(ringbuf, data, size, flags)
      {211, 2}, // cgrp_storage_delete(map, cgroup)
  };
  if (call.src != 0)
    return std::nullopt;
  auto it = params.find(call.imm);
  if (it == params.end())
    return std::nullopt;
  return it->second;
}

} // namespace

TEST_CASE("live registers and SCCs match the kernel's listing", "[isa][liveness]") {
  const auto cases = loadListings();
  CHECK(cases.size() > 250);
  DisasmCallbacks names;
  names.callName = [](const Insn &call) -> std::optional<std::string> {
    if (call.src == BPF_PSEUDO_KFUNC_CALL && call.imm == 65214) // see disasm_golden.txt
      return "bpf_obj_new_impl";
    return std::nullopt;
  };
  size_t withScc = 0;
  for (const auto &c : cases) {
    INFO("data line " << c.line);
    const auto listing = formatLiveRegsListing(c.insns, socketFilterCallParams, names);
    CHECK(listing == c.listing);
    for (uint32_t id : computeScc(c.insns))
      withScc += id != 0;
  }
  CHECK(withScc > 10);
}

TEST_CASE("use and def of instruction kinds", "[isa][liveness]") {
  auto ud = [](Insn insn) { return regUseDef(insn); };
  CHECK(ud(makeInsn(BPF_ALU64 | BPF_ADD | BPF_X, 1, 2, 0, 0)).use == 0b110);
  CHECK(ud(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 5)).use == 0);
  CHECK(ud(makeInsn(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_CMPXCHG)).def == 1);
  CHECK(ud(makeInsn(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD | BPF_FETCH)).def == 0b100);
  CHECK(ud(makeInsn(BPF_STX | BPF_ATOMIC | BPF_W, 3, 2, 0, BPF_LOAD_ACQ)).def == 0b1000);
  // A call without a summary reads r1-r5 and clobbers r0-r5.
  const RegUseDef call = ud(makeInsn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3));
  CHECK(call.use == 0b111110);
  CHECK(call.def == 0b111111);
  CHECK(regUseDef(makeInsn(BPF_JMP | BPF_CALL, 0, 0, 0, 1), [](const Insn &) {
          return std::optional<unsigned>(2);
        }).use == 0b110);
}

TEST_CASE("successors follow bpf_insn_successors", "[isa][liveness]") {
  std::vector<Insn> insns = {makeInsn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 2, 0),
                             makeInsn(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 0),
                             makeInsn(0, 0, 0, 0, 0), makeInsn(BPF_JMP32 | BPF_JA, 0, 0, 0, -4),
                             makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)};
  CHECK(insnSuccessors(insns, 0) == std::vector<uint32_t>{1, 3});
  CHECK(insnSuccessors(insns, 1) == std::vector<uint32_t>{3});
  CHECK(insnSuccessors(insns, 3) == std::vector<uint32_t>{0});
  CHECK(insnSuccessors(insns, 4).empty());
  insns[3].imm = 100; // out of the program: dropped rather than followed
  CHECK(insnSuccessors(insns, 3).empty());
}
