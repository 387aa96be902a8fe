// SCC visit bookkeeping of Linux 6.18 is_state_visited()/update_branch_counts(): enter, backedge,
// exit with precision propagation, and incomplete_read_marks().

#include "verifier/engine/pruning/scc_visits.h"

#include <catch2/catch.hpp>

#include <memory>

using namespace bpfverify;
using namespace bpfverify::verifier;
using namespace bpfverify::verifier::pruning;
using isa::makeInsn;

namespace {
VerifierState scalars() {
  VerifierState st;
  st.frames.resize(1);
  for (auto &r : st.frames[0].regs)
    markRegUnknown(r);
  return st;
}
} // namespace

TEST_CASE("SCC call chains name the outermost frame inside a loop", "[scc]") {
  // insns 2..4 form SCC 1 (main), insns 10..11 SCC 2 (a subprogram).
  std::vector<uint32_t> scc(12, 0);
  scc[2] = scc[3] = scc[4] = 1;
  scc[10] = scc[11] = 2;
  SccVisits visits(scc);
  VerifierState st = scalars();
  st.insnIdx = 1;
  CHECK_FALSE(visits.computeCallchain(st));
  st.insnIdx = 3;
  auto cc = visits.computeCallchain(st);
  REQUIRE(cc);
  CHECK(cc->scc == 1);
  CHECK(cc->format() == "(1)");
  // Called from insn 6 (outside any SCC) into the subprogram's loop.
  st.frames.resize(2);
  st.frames[1].callsite = 6;
  st.curframe = 1;
  st.insnIdx = 10;
  cc = visits.computeCallchain(st);
  REQUIRE(cc);
  CHECK(cc->scc == 2);
  CHECK(cc->format() == "(6,2)");
  // Called from inside the main loop: the main loop is the outermost SCC.
  st.frames[1].callsite = 3;
  cc = visits.computeCallchain(st);
  REQUIRE(cc);
  CHECK(cc->format() == "(1)");
}

TEST_CASE("backedges keep marks incomplete until the entry state's paths are done", "[scc]") {
  // 0: r4 = len  1: r3 = r4  2: loop body (SCC 1) ...
  const std::vector<isa::Insn> insns = {
      makeInsn(isa::BPF_LDX | isa::BPF_MEM | isa::BPF_W, 4, 1, 0, 0),
      makeInsn(isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_X, 3, 4, 0, 0),
      makeInsn(isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_K, 0, 0, 0, 0),
      makeInsn(isa::BPF_JMP | isa::BPF_JA, 0, 0, -2, 0),
  };
  std::string log;
  PrecisionEnv env;
  env.insns = insns;
  env.logLevel2 = true;
  env.verbose = [&](std::string_view s) { log += s; };
  SccVisits visits({0, 0, 1, 1});

  auto parent = std::make_shared<VerifierState>(scalars());
  parent->insnIdx = 1;
  auto entry = std::make_shared<VerifierState>(scalars());
  entry->insnIdx = 2;
  visits.maybeEnter(env, *entry);
  CHECK_FALSE(visits.incompleteReadMarks(*entry));

  // The path came back to insn 2 and matched `entry` (RANGE_WITHIN): a backedge whose parent
  // chain is the current path (first insn 1, parent checkpoint at 1).
  VerifierState equal = scalars();
  equal.insnIdx = 2;
  equal.frames[0].regs[3].precise = true;
  Backedge backedge;
  backedge.state = *parent;
  backedge.state.parent = parent;
  backedge.state.firstInsnIdx = 1;
  backedge.state.insnIdx = 2;
  backedge.equalState = &equal;
  REQUIRE_FALSE(visits.addBackedge(env, *entry, std::move(backedge)));
  CHECK(visits.numBackedges() == 1);
  CHECK(visits.incompleteReadMarks(*entry));

  // Another state in the same SCC visit that did not enter it: nothing happens.
  VerifierState other = *entry;
  REQUIRE_FALSE(visits.maybeExit(env, other));
  CHECK(visits.incompleteReadMarks(*entry));
  CHECK_FALSE(parent->frames[0].regs[4].precise);

  REQUIRE_FALSE(visits.maybeExit(env, *entry));
  CHECK(visits.numBackedges() == 0);
  CHECK_FALSE(visits.incompleteReadMarks(*entry));
  // r3 precise in the matched state -> r4 precise in the backedge's parent (r3 = r4 at insn 1).
  CHECK(parent->frames[0].regs[4].precise);
  CHECK(log.rfind("SCC enter (1)\nSCC backedge (1)\nSCC exit (1)\nframe 0: propagating r3\n", 0) ==
        0);
}

TEST_CASE("exit without a visit is a verifier bug unless speculative", "[scc]") {
  SccVisits visits({0, 1});
  PrecisionEnv env;
  VerifierState st = scalars();
  st.insnIdx = 1;
  auto err = visits.maybeExit(env, st);
  REQUIRE(err);
  CHECK(*err == "verifier bug: scc exit: no visit info for call chain (1)(1)");
  st.speculative = true;
  CHECK_FALSE(visits.maybeExit(env, st));
  VerifierState outside = scalars();
  CHECK(visits.addBackedge(env, outside, Backedge{}).has_value());
}
