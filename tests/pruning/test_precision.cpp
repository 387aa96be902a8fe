// Precision backtracking (Linux 6.18 __mark_chain_precision / backtrack_insn) on hand-built
// states and jump histories. Where a case says "kernel log", the expected mark_precise lines are
// what the running 6.18.44 kernel printed at log_level 2 for the same program (socket filter),
// with the jump history the kernel records for that path.

#include "verifier/engine/pruning/precision.h"

#include "kernel_cases.h"

#include "lib/isa/disasm.h"

#include <catch2/catch.hpp>

#include <memory>

using namespace bpfverify;
using namespace bpfverify::verifier;
using namespace bpfverify::verifier::pruning;
using isa::makeInsn;
using namespace bpfverify::pruning_testing;

namespace {

RegState scalar() {
  RegState r;
  markRegUnknown(r);
  return r;
}

/// A one-frame state with every register an imprecise unknown scalar.
VerifierState scalars() {
  VerifierState st;
  st.frames.resize(1);
  for (auto &r : st.frames[0].regs)
    r = scalar();
  return st;
}

struct Harness {
  std::vector<isa::Insn> insns;
  std::string log;
  PrecisionEnv env;

  explicit Harness(std::vector<isa::Insn> program) : insns(std::move(program)) {
    env.insns = insns;
    env.logLevel2 = true;
    env.verbose = [this](std::string_view s) { log += s; };
    env.formatInsn = [this](uint32_t idx) { return isa::formatInstruction(insns, idx); };
    env.printState = [this](const VerifierState &, uint32_t) { log += "<state>\n"; };
  }
};

} // namespace

TEST_CASE("r1 = r2; r1 += 5; if r1 > K: r2 is wanted (kernel log)", "[precision]") {
  const KernelCase kc = movAddJump();
  Harness h(kc.insns);
  VerifierState cur = scalars();
  cur.insnIdx = 3;
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 1));
  CHECK(h.log == kc.expected);
  // The current state itself is never marked.
  CHECK_FALSE(cur.frames[0].regs[1].precise);
}

TEST_CASE("r1 = r2; r1 += 5; if r1 > K marks r2 precise in the parent checkpoint", "[precision]") {
  Harness h({makeInsn(LDXW, 2, 1, 0, 0), makeInsn(MOVX, 1, 2, 0, 0), makeInsn(ADDK, 1, 0, 0, 5),
             makeInsn(JGTK, 1, 0, 1, -1), makeInsn(MOVK, 0, 0, 0, 0), makeInsn(EXIT, 0, 0, 0, 0)});
  // Checkpoint at insn 1 (reached from 0), current path continues to the jump at 3.
  auto parent = std::make_shared<VerifierState>(scalars());
  parent->insnIdx = 1;
  parent->firstInsnIdx = 0;
  parent->lastInsnIdx = 0;
  parent->frames[0].regs[1].precise = false;
  VerifierState cur = *parent;
  cur.parent = parent;
  cur.firstInsnIdx = 1;
  cur.insnIdx = 3;
  cur.lastInsnIdx = 2;
  bool changed = false;
  BacktrackState bt;
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 1, bt, &changed));
  CHECK(changed);
  CHECK(parent->frames[0].regs[2].precise);
  CHECK_FALSE(parent->frames[0].regs[1].precise);
  CHECK(h.log == "mark_precise: frame0: last_idx 3 first_idx 1 subseq_idx -1 \n"
                 "mark_precise: frame0: regs=r1 stack= before 2: (07) r1 += 5\n"
                 "mark_precise: frame0: regs=r1 stack= before 1: (bf) r1 = r2\n"
                 "mark_precise: frame0: parent state regs=r2 stack=: <state>\n"
                 "mark_precise: frame0: last_idx 0 first_idx 0 subseq_idx 1 \n"
                 "mark_precise: frame0: regs=r2 stack= before 0: (61) r2 = *(u32 *)(r1 +0)\n");
  // Already precise in the parent: nothing more to do there, no change.
  h.log.clear();
  changed = false;
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 1, bt, &changed));
  CHECK_FALSE(changed);
}

TEST_CASE("spill and fill carry precision through the stack slot (kernel log)", "[precision]") {
  const KernelCase kc = spillFill();
  Harness h(kc.insns);
  VerifierState cur = scalars();
  cur.insnIdx = 3;
  // check_stack_write_fixed_off / check_stack_read_fixed_off record the spill and the fill.
  cur.jmpHistory.push_back({1, 0, insnStackAccessFlags(0, 0), 0});
  cur.jmpHistory.push_back({2, 1, insnStackAccessFlags(0, 0), 0});
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 3));
  CHECK(h.log == kc.expected);
}

TEST_CASE("the jump history leads backtracking along the taken edge (kernel log)", "[precision]") {
  // 0: r6 = len  1: r8 = mark  2: if r6 > 100 goto +1  3: r8 = 1  4: r7 = r6  5: r7 += r8
  // 6: if r7 > 0xffffffff goto +1 ... path 0,1,2,4,5,6 (jump 2 -> 4 recorded at the jump point 4)
  const KernelCase kc = takenEdge();
  Harness h(kc.insns);
  VerifierState cur = scalars();
  cur.insnIdx = 6;
  cur.jmpHistory.push_back({4, 2, 0, 0});
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 7));
  CHECK(h.log == kc.expected);
}

TEST_CASE("through a static subprogram: r0 into the callee, r1 back to the caller (kernel log)",
          "[precision]") {
  // main: 0: r1 = len  1: call pc+3  2: if r0 > 0xffffffff goto +1  3: r0 = 0  4: exit
  // sub:  5: r0 = r1  6: exit
  const KernelCase kc = staticSubprog();
  Harness h(kc.insns);
  h.env.findSubprog = [](uint32_t idx) { return idx == 5 ? 1 : idx == 0 ? 0 : -1; };
  h.env.subprogIsGlobal = [](uint32_t) { return false; };
  VerifierState cur = scalars();
  cur.insnIdx = 2;
  // Jump points: the callee's first insn (from the call) and the return site (from the exit).
  cur.jmpHistory.push_back({5, 1, 0, 0});
  cur.jmpHistory.push_back({2, 6, 0, 0});
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 0));
  CHECK(h.log == kc.expected);
}

TEST_CASE("linked registers at a jump share precision (kernel log)", "[precision]") {
  // 0: r6 = len  1: r7 = r6  2: if r7 > 10 goto +2  3: if r6 > 0xffffffff goto +1 ...
  const KernelCase kc = linkedRegs();
  Harness h(kc.insns);
  VerifierState cur = scalars();
  cur.frames[0].regs[6].id = 1;
  cur.frames[0].regs[7].id = 1;
  LinkedRegs linked;
  collectLinkedRegs(cur, 1, linked);
  REQUIRE(linked.cnt == 2);
  CHECK(linked.entries[0] == LinkedReg{0, 6, true});
  CHECK(linked.entries[1] == LinkedReg{0, 7, true});
  cur.insnIdx = 3;
  cur.jmpHistory.push_back({2, 1, 0, linkedRegsPack(linked)});
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 6));
  CHECK(h.log == kc.expected);
}

TEST_CASE("linked_regs pack/unpack round trip and overflow clears ids", "[precision]") {
  LinkedRegs in;
  in.push()[0] = LinkedReg{2, 63, false};
  in.push()[0] = LinkedReg{7, 9, true};
  in.push()[0] = LinkedReg{0, 0, true};
  const uint64_t packed = linkedRegsPack(in);
  CHECK((packed & 0xf) == 3);
  // The kernel packs the first entry into the highest bits and unpacks from the lowest: the
  // order comes back reversed (bt_sync_linked_regs does not care).
  LinkedRegs out = linkedRegsUnpack(packed);
  REQUIRE(out.cnt == 3);
  for (int i = 0; i < 3; i++)
    CHECK(out.entries[i] == in.entries[2 - i]);

  VerifierState st = scalars();
  for (int r = 0; r < 8; r++)
    st.frames[0].regs[r].id = 5;
  st.frames[0].regs[7].id = 5 | BPF_ADD_CONST; // linked with a delta: same base id
  st.frames[0].regs[7].off = 3;
  LinkedRegs linked;
  collectLinkedRegs(st, 5, linked);
  CHECK(linked.cnt == LINKED_REGS_MAX);
  // r6 and r7 did not fit: clear_scalar_id().
  CHECK(st.frames[0].regs[6].id == 0);
  CHECK(st.frames[0].regs[7].id == 0);
  CHECK(st.frames[0].regs[7].off == 0);
  CHECK(st.frames[0].regs[5].id == 5);
}

TEST_CASE("a helper call clears r0; unexplained argument wishes are a verifier bug",
          "[precision]") {
  // 0: r1 = 1  1: call bpf_get_prandom_u32  2: if r0 > K
  Harness h({makeInsn(MOVK, 1, 0, 0, 1), makeInsn(CALL, 0, 0, 0, 7), makeInsn(JGTK, 0, 0, 1, -1),
             makeInsn(EXIT, 0, 0, 0, 0)});
  BacktrackState bt;
  bt.setReg(0);
  CHECK(backtrackInsn(h.env, 1, 2, nullptr, bt) == BacktrackResult::Ok);
  CHECK(bt.empty());
  bt.setReg(2);
  std::string error;
  CHECK(backtrackInsn(h.env, 1, 2, nullptr, bt, &error) == BacktrackResult::Bug);
  CHECK(error == "verifier bug: backtracking call unexpected regs 4(1)");
}

TEST_CASE("stores through a scalar and LD_ABS fall back to all scalars precise", "[precision]") {
  // 0: r6 = len  1: r0 = *(u8 *)skb[r6] (LD_IND)  2: if r0 > K
  Harness h({makeInsn(LDXW, 6, 1, 0, 0),
             makeInsn(isa::BPF_LD | isa::BPF_IND | isa::BPF_B, 0, 6, 0, 0),
             makeInsn(JGTK, 0, 0, 1, -1), makeInsn(EXIT, 0, 0, 0, 0)});
  auto parent = std::make_shared<VerifierState>(scalars());
  parent->frames[0].growStack(16);
  parent->frames[0].stack[1].slotType.fill(SlotType::Spill);
  parent->frames[0].stack[1].spilledPtr = scalar();
  parent->insnIdx = 1;
  VerifierState cur = *parent;
  cur.parent = parent;
  cur.firstInsnIdx = 1;
  cur.insnIdx = 2;
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 0));
  for (int r = 0; r < 10; r++)
    CHECK(parent->frames[0].regs[r].precise);
  CHECK(parent->frames[0].stack[1].spilledPtr.precise);
  CHECK(h.log.find("mark_precise: frame0: falling back to forcing all scalars precise\n") !=
        std::string::npos);
  CHECK(h.log.find("force_precise: frame0: forcing fp-16 to be precise\n") != std::string::npos);

  BacktrackState bt;
  bt.setReg(1);
  // *(u64 *)(r1 + 0) = r2 with r1 a wanted scalar: pointer arithmetic was lost.
  Harness st({makeInsn(STXDW, 1, 2, 0, 0)});
  CHECK(backtrackInsn(st.env, 0, 1, nullptr, bt) == BacktrackResult::NotSupported);
}

TEST_CASE("unprivileged programs do no precision tracking", "[precision]") {
  Harness h({makeInsn(MOVX, 1, 2, 0, 0), makeInsn(JGTK, 1, 0, 1, -1)});
  h.env.bpfCapable = false;
  auto parent = std::make_shared<VerifierState>(scalars());
  VerifierState cur = *parent;
  cur.parent = parent;
  cur.insnIdx = 1;
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 1));
  CHECK(h.log.empty());
  CHECK_FALSE(parent->frames[0].regs[2].precise);
}

TEST_CASE("global subprogram entry marks its argument registers", "[precision]") {
  // A global subprog verified alone: r1 flows to r0 at insn 0.
  Harness h({makeInsn(MOVX, 0, 1, 0, 0), makeInsn(JGTK, 0, 0, 1, -1)});
  auto entry = std::make_shared<VerifierState>(scalars());
  entry->frames[0].subprogno = 1;
  entry->frames[0].callsite = -1;
  entry->insnIdx = 0;
  entry->firstInsnIdx = 0;
  entry->lastInsnIdx = uint32_t(-1); // the kernel's -1: nothing executed before the entry
  VerifierState cur = *entry;
  cur.parent = entry;
  cur.firstInsnIdx = 0;
  cur.insnIdx = 1;
  cur.lastInsnIdx = 0;
  REQUIRE_FALSE(markChainPrecision(h.env, cur, 0));
  CHECK(entry->frames[0].regs[1].precise);
}

TEST_CASE("propagate_precision copies the explored state's precise scalars up cur's chain",
          "[precision]") {
  // 0: r4 = len  (parent checkpoint at 1)  1: r3 = r4  2: r0 = 0 (cur matched `old` here)
  Harness h({makeInsn(LDXW, 4, 1, 0, 0), makeInsn(MOVX, 3, 4, 0, 0), makeInsn(MOVK, 0, 0, 0, 0),
             makeInsn(EXIT, 0, 0, 0, 0)});
  auto parent = std::make_shared<VerifierState>(scalars());
  parent->insnIdx = 1;
  parent->firstInsnIdx = 0;
  parent->lastInsnIdx = 0;
  parent->frames[0].growStack(8);
  parent->frames[0].stack[0].slotType.fill(SlotType::Misc);
  VerifierState cur = *parent;
  cur.parent = parent;
  cur.firstInsnIdx = 1;
  cur.lastInsnIdx = 1;
  cur.insnIdx = 2;
  VerifierState old = scalars();
  old.insnIdx = 2;
  old.frames[0].regs[3].precise = true;
  old.frames[0].growStack(8);
  old.frames[0].stack[0].slotType.fill(SlotType::Spill);
  old.frames[0].stack[0].spilledPtr = scalar();
  old.frames[0].stack[0].spilledPtr.precise = true;
  bool changed = false;
  REQUIRE_FALSE(propagatePrecision(h.env, old, cur, &changed));
  CHECK(changed);
  CHECK(h.log.rfind("frame 0: propagating r3,fp-8\n", 0) == 0);
  // r3 = r4 at insn 1 of the current state: r4 is what the parent must keep precise; fp-8 holds
  // no spilled scalar in the parent and drops out.
  CHECK(parent->frames[0].regs[4].precise);
  CHECK_FALSE(parent->frames[0].regs[3].precise);
  CHECK(h.log.find("falling back") == std::string::npos);
}

TEST_CASE("SCC backedges propagate until nothing changes", "[precision]") {
  Harness h({makeInsn(LDXW, 4, 1, 0, 0), makeInsn(MOVX, 3, 4, 0, 0), makeInsn(MOVK, 0, 0, 0, 0),
             makeInsn(EXIT, 0, 0, 0, 0)});
  auto parent = std::make_shared<VerifierState>(scalars());
  parent->insnIdx = 1;
  VerifierState equal = scalars();
  equal.frames[0].regs[3].precise = true;
  std::vector<Backedge> backedges(1);
  backedges[0].state = *parent;
  backedges[0].state.parent = parent;
  backedges[0].state.firstInsnIdx = 1;
  backedges[0].state.insnIdx = 2;
  backedges[0].equalState = &equal;
  REQUIRE_FALSE(propagateBackedges(h.env, backedges));
  CHECK(parent->frames[0].regs[4].precise);
  CHECK_FALSE(parent->frames[0].regs[5].precise);
}

TEST_CASE("mark_all_scalars_imprecise forgets inherited marks", "[precision]") {
  VerifierState st = scalars();
  for (auto &r : st.frames[0].regs)
    r.precise = true;
  markAllScalarsImprecise(st);
  for (int r = 0; r < 10; r++)
    CHECK_FALSE(st.frames[0].regs[r].precise);
}
