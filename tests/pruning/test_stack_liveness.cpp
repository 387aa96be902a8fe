// Stack slot liveness (kernel/bpf/liveness.c of Linux 6.18). The hooks are driven in the order
// the kernel's do_check() calls them for two small programs; the expected log text is what the
// running 6.18.44 kernel printed at log_level 2 for the same programs (loaded as socket filters).

#include "kernel_cases.h"

#include "verifier/engine/pruning/stack_liveness.h"

#include <catch2/catch.hpp>

#include "lib/isa/liveness.h"

#include <set>

using namespace bpfverify;
using namespace bpfverify::verifier;
using namespace bpfverify::verifier::pruning;
using isa::makeInsn;
using namespace bpfverify::pruning_testing;

namespace {

VerifierState mainState() {
  VerifierState st;
  st.frames.resize(1);
  st.frames[0].callsite = -1;
  return st;
}

/// Enters a static subprogram like check_func_call(): a new frame, then the callchain reset.
void enterSubprog(StackLiveness &lv, VerifierState &st, int32_t callsite, uint32_t subprogno) {
  FuncState callee;
  callee.callsite = callsite;
  callee.frameno = st.curframe + 1;
  callee.subprogno = subprogno;
  st.frames.push_back(callee);
  st.curframe++;
  lv.resetLiveStackCallchain();
}

/// One instruction of do_check(): reset, the instruction's marks, commit.
template <typename F>
void step(StackLiveness &lv, VerifierState &st, uint32_t idx, F &&marks) {
  st.insnIdx = idx;
  lv.resetStackWriteMarks(st, idx);
  marks();
  lv.commitStackWriteMarks();
}
void step(StackLiveness &lv, VerifierState &st, uint32_t idx) {
  step(lv, st, idx, [] {});
}

} // namespace

TEST_CASE("spill then fill: the slot is live between them (kernel log)", "[liveness]") {
  // 0: r2 = *(u32 *)(r1 +0)  1: *(u64 *)(r10 -8) = r2  2: r3 = *(u64 *)(r10 -8)
  // 3: if r3 > 0xffffffff goto pc+1  4: r0 = 0  5: exit
  const KernelCase kc = spillFillLiveness();
  const std::vector<isa::Insn> &insns = kc.insns;
  StackLiveness lv({insns, {0}, {}});
  std::string log;
  const std::set<uint32_t> prune = {3, 5};
  lv.setLog([&](std::string_view s) { log += s; }, [&](uint32_t i) { return prune.count(i); });

  VerifierState st = mainState();
  step(lv, st, 0);
  step(lv, st, 1, [&] { lv.markStackWrite(0, 1ull << 0); });
  step(lv, st, 2, [&] { lv.markStackRead(st, 0, 2, 1ull << 0); });
  step(lv, st, 3);
  step(lv, st, 4);
  step(lv, st, 5);
  lv.updateLiveStack(st); // process_bpf_exit

  CHECK(log == kc.expected);

  auto at = [&](uint32_t idx) {
    VerifierState q = mainState();
    q.insnIdx = idx;
    lv.liveStackQueryInit(q);
    return lv.stackSlotAlive(0, 0);
  };
  CHECK_FALSE(at(0));
  CHECK_FALSE(at(1)); // written before any read
  CHECK(at(2));
  CHECK_FALSE(at(3));
  auto m = lv.masks({0}, 0, 1);
  REQUIRE(m);
  CHECK(m->mustWrite == 1);
  CHECK(m->mustWriteAcc == 1);
}

TEST_CASE("a callee's writes to the caller's stack kill the slot at the call (kernel log)",
          "[liveness]") {
  // main: 0: r1 = r10  1: r1 += -8  2: *(u64 *)(r10 -16) = 7  3: call pc+3
  //       4: r0 = *(u64 *)(r10 -8)  5: r0 = 0  6: exit
  // sub:  7: *(u64 *)(r1 +0) = 1  8: r0 = 0  9: exit
  const KernelCase kc = calleeWritesCallerStack();
  const std::vector<isa::Insn> &insns = kc.insns;
  StackLiveness lv({insns, {0, 7}, {}});
  std::string log;
  const std::set<uint32_t> prune = {3, 4, 7};
  lv.setLog([&](std::string_view s) { log += s; }, [&](uint32_t i) { return prune.count(i); });

  VerifierState st = mainState();
  step(lv, st, 0);
  step(lv, st, 1);
  step(lv, st, 2, [&] { lv.markStackWrite(0, 1ull << 1); });
  step(lv, st, 3, [&] { enterSubprog(lv, st, 3, 1); });
  step(lv, st, 7, [&] { lv.markStackWrite(0, 1ull << 0); }); // through r1 = fp[0]-8
  step(lv, st, 8);
  step(lv, st, 9, [&] {
    // process_bpf_exit_full() in a subprogram, then prepare_func_exit().
    lv.updateLiveStack(st);
    st.frames.pop_back();
    st.curframe--;
  });
  CHECK(log == kc.expected);
  log.clear();
  step(lv, st, 4, [&] { lv.markStackRead(st, 0, 4, 1ull << 0); });
  step(lv, st, 5);
  step(lv, st, 6);
  lv.updateLiveStack(st);
  CHECK(log == calleeWritesCallerStackFinal());
  CHECK(lv.instanceCount() == 2);

  VerifierState q = mainState();
  q.insnIdx = 4;
  lv.liveStackQueryInit(q);
  CHECK(lv.stackSlotAlive(0, 0));
  CHECK_FALSE(lv.stackSlotAlive(0, 1)); // fp-16 is never read
  q.insnIdx = 3;
  lv.liveStackQueryInit(q);
  CHECK_FALSE(lv.stackSlotAlive(0, 0)); // the callee always overwrites fp-8

  // Inside the callee after its write: dead in the callee, but alive after the call site.
  VerifierState inCallee = mainState();
  inCallee.frames[0].regs[10].type = RegType(RegBase::PtrToStack);
  FuncState callee;
  callee.callsite = 3;
  callee.frameno = 1;
  callee.subprogno = 1;
  inCallee.frames.push_back(callee);
  inCallee.curframe = 1;
  inCallee.insnIdx = 8;
  lv.liveStackQueryInit(inCallee);
  CHECK(lv.stackSlotAlive(0, 0));
  CHECK_FALSE(lv.stackSlotAlive(0, 1));
  // At the callee's entry the caller's fp-8 is about to be written: dead via the callee, but the
  // query still looks after the call site, where it is read.
  inCallee.insnIdx = 7;
  lv.liveStackQueryInit(inCallee);
  CHECK(lv.stackSlotAlive(0, 0));
}

TEST_CASE("must_write is the intersection over visits of an instruction", "[liveness]") {
  // 0: if r1 == 0 goto +1  1: *(u64 *)(r10 -8) = r1  2: r0 = *(u64 *)(r10 -8)  3: exit
  // Two visits of insn 1 in one call chain: one writes, one (pretend) does not.
  const std::vector<isa::Insn> insns = {
      makeInsn(isa::BPF_JMP | isa::BPF_JEQ | isa::BPF_K, 1, 0, 1, 0),
      makeInsn(isa::BPF_STX | isa::BPF_MEM | isa::BPF_DW, 10, 1, -8, 0),
      makeInsn(isa::BPF_LDX | isa::BPF_MEM | isa::BPF_DW, 0, 10, -8, 0),
      makeInsn(isa::BPF_JMP | isa::BPF_EXIT, 0, 0, 0, 0),
  };
  StackLiveness lv({insns, {0}, {}});
  VerifierState st = mainState();
  step(lv, st, 0);
  step(lv, st, 1, [&] { lv.markStackWrite(0, 1); });
  step(lv, st, 2, [&] { lv.markStackRead(st, 0, 2, 1); });
  step(lv, st, 3);
  lv.updateLiveStack(st);
  VerifierState q = mainState();
  q.insnIdx = 0;
  lv.liveStackQueryInit(q);
  // Path 0->1->2: fp-8 is written at 1 first; path 0->2 reads it: live at 0 anyway.
  CHECK(lv.stackSlotAlive(0, 0));
  q.insnIdx = 1;
  lv.liveStackQueryInit(q);
  CHECK_FALSE(lv.stackSlotAlive(0, 0));
  // A second visit of insn 1 that writes nothing drops the must_write: now live before 1.
  step(lv, st, 1);
  lv.updateLiveStack(st);
  lv.liveStackQueryInit(q);
  CHECK(lv.stackSlotAlive(0, 0));
  auto m = lv.masks({0}, 0, 1);
  REQUIRE(m);
  CHECK(m->mustWrite == 0);
}

TEST_CASE("callback-calling call sites keep slots alive before the call", "[liveness]") {
  // main: 0: call bpf_loop-like helper at 0 (flagged as calling a callback)  1: exit
  // cb:   2: r0 = *(u64 *)(r1 +0) reading caller's fp-8  3: exit
  const std::vector<isa::Insn> insns = {
      makeInsn(isa::BPF_JMP | isa::BPF_CALL, 0, 0, 0, 181),
      makeInsn(isa::BPF_JMP | isa::BPF_EXIT, 0, 0, 0, 0),
      makeInsn(isa::BPF_LDX | isa::BPF_MEM | isa::BPF_DW, 0, 1, 0, 0),
      makeInsn(isa::BPF_JMP | isa::BPF_EXIT, 0, 0, 0, 0),
  };
  StackLiveness lv({insns, {0, 2}, [](uint32_t i) { return i == 0; }});
  VerifierState st = mainState();
  step(lv, st, 0, [&] { enterSubprog(lv, st, 0, 1); });
  step(lv, st, 2, [&] { lv.markStackRead(st, 0, 2, 1); });
  step(lv, st, 3, [&] { lv.updateLiveStack(st); });

  VerifierState inCb = mainState();
  FuncState cb;
  cb.callsite = 0;
  cb.frameno = 1;
  cb.subprogno = 1;
  inCb.frames.push_back(cb);
  inCb.curframe = 1;
  inCb.insnIdx = 3;
  lv.liveStackQueryInit(inCb);
  // Dead after the read within the callback, but the callback may run again: the query looks
  // before the call site, where the propagated read makes it live.
  CHECK(lv.stackSlotAlive(0, 0));

  StackLiveness plain({insns, {0, 2}, {}});
  VerifierState st2 = mainState();
  step(plain, st2, 0, [&] { enterSubprog(plain, st2, 0, 1); });
  step(plain, st2, 2, [&] { plain.markStackRead(st2, 0, 2, 1); });
  step(plain, st2, 3, [&] { plain.updateLiveStack(st2); });
  plain.liveStackQueryInit(inCb);
  CHECK_FALSE(plain.stackSlotAlive(0, 0));
}

TEST_CASE("formatStackMask matches bpf_fmt_stack_mask", "[liveness]") {
  CHECK(formatStackMask(0x15) == "-8,-24,-40");
  CHECK(formatStackMask(0) == "");
  CHECK(formatStackMask(1ull << 63) == "-512");
}

TEST_CASE("with every instruction visited once, live_before is classic backward liveness",
          "[liveness]") {
  // Random single-function CFGs (forward and backward jumps) with random per-instruction read
  // and full-slot write sets. The analysis is path-insensitive per call chain, so after every
  // reachable instruction reported its marks once, live_before must be the least fixed point
  // of in = (out - write) | read, out = union of the successors' in.
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (int round = 0; round < 300; round++) {
    const int n = 3 + int(next() % 30);
    std::vector<isa::Insn> insns;
    for (int i = 0; i < n - 1; i++) {
      const uint64_t kind = next() % 5;
      const int target = int(next() % uint64_t(n)); // any instruction, the exit included
      const int16_t off = int16_t(target - i - 1);
      if (kind == 0)
        insns.push_back(makeInsn(isa::BPF_JMP | isa::BPF_JA, 0, 0, off, 0));
      else if (kind == 1)
        insns.push_back(makeInsn(isa::BPF_JMP | isa::BPF_JEQ | isa::BPF_K, 1, 0, off, 0));
      else
        insns.push_back(makeInsn(isa::BPF_ALU64 | isa::BPF_MOV | isa::BPF_K, 0, 0, 0, 0));
    }
    insns.push_back(makeInsn(isa::BPF_JMP | isa::BPF_EXIT, 0, 0, 0, 0));

    std::vector<uint64_t> reads(n), writes(n);
    for (int i = 0; i < n - 1; i++) {
      reads[i] = next() % 3 == 0 ? next() & 0xf : 0;
      writes[i] = next() % 3 == 0 ? next() & 0xf : 0;
    }
    // Reachability from 0.
    llvm::ArrayRef<isa::Insn> ref(insns);
    std::vector<bool> reachable(n, false);
    std::vector<uint32_t> work = {0};
    reachable[0] = true;
    while (!work.empty()) {
      uint32_t i = work.back();
      work.pop_back();
      for (uint32_t s : isa::insnSuccessors(ref, i))
        if (!reachable[s]) {
          reachable[s] = true;
          work.push_back(s);
        }
    }
    // Reference fixed point.
    std::vector<uint64_t> in(n, 0);
    for (bool changed = true; changed;) {
      changed = false;
      for (int i = n - 1; i >= 0; i--) {
        auto succs = isa::insnSuccessors(ref, uint32_t(i));
        if (succs.empty())
          continue;
        uint64_t out = 0;
        for (uint32_t s : succs)
          out |= in[s];
        const uint64_t v = (out & ~writes[i]) | reads[i];
        if (v != in[i]) {
          in[i] = v;
          changed = true;
        }
      }
    }

    StackLiveness lv({insns, {0}, {}});
    VerifierState st = mainState();
    for (int i = 0; i < n; i++) {
      if (!reachable[i])
        continue;
      step(lv, st, uint32_t(i), [&] {
        if (writes[i])
          lv.markStackWrite(0, writes[i]);
        if (reads[i])
          lv.markStackRead(st, 0, uint32_t(i), reads[i]);
      });
    }
    lv.updateLiveStack(st);
    for (int i = 0; i < n; i++) {
      if (!reachable[i])
        continue;
      INFO("round " << round << " insn " << i);
      auto m = lv.masks({0}, 0, uint32_t(i));
      CHECK((m ? m->liveBefore : 0) == in[i]);
      VerifierState q = mainState();
      q.insnIdx = uint32_t(i);
      lv.liveStackQueryInit(q);
      for (uint32_t spi = 0; spi < 4; spi++)
        CHECK(lv.stackSlotAlive(0, spi) == bool(in[i] & (1ull << spi)));
    }
  }
}
