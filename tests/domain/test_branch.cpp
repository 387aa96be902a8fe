// is_scalar_branch_taken and reg_set_min_max (6.18) on hand-traced cases.

#include "bounds_builders.h"

#include "lib/isa/insn.h"
#include "verifier/domain/scalar_branch.h"
#include "verifier/domain/scalar_print.h"

#include <catch2/catch.hpp>

using namespace bpfverify::domain;
using namespace bpfverify::isa;

using namespace bpfverify::domain::testing;

TEST_CASE("is_scalar_branch_taken on ranges", "[domain][branch]") {
  CHECK(isScalarBranchTaken(range(0, 10), k(10), BPF_JGT, false) == BranchTaken::No);
  CHECK(isScalarBranchTaken(range(11, 20), k(10), BPF_JGT, false) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(range(5, 15), k(10), BPF_JGT, false) == BranchTaken::Unknown);
  CHECK(isScalarBranchTaken(range(0, 10), k(10), BPF_JLE, false) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(range(0, 10), k(0), BPF_JGE, false) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(k(uint64_t(-1)), k(0), BPF_JSLT, false) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(k(uint64_t(-1)), k(0), BPF_JLT, false) == BranchTaken::No);
  // jmp32 compares the low halves only.
  CHECK(isScalarBranchTaken(k(0x100000000), k(0), BPF_JEQ, true) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(k(0x100000000), k(0), BPF_JEQ, false) == BranchTaken::No);
  CHECK(isScalarBranchTaken(k(0xffffffff), k(0), BPF_JSLT, true) == BranchTaken::Yes);
}

TEST_CASE("is_scalar_branch_taken for JEQ/JNE uses tnums and 32-bit ranges", "[domain][branch]") {
  ScalarBounds even = range(0, 254);
  even.varOff = Tnum{0, 0xfe};
  even.sync();
  CHECK(isScalarBranchTaken(even, k(3), BPF_JEQ, false) == BranchTaken::No);
  CHECK(isScalarBranchTaken(even, k(3), BPF_JNE, false) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(even, k(4), BPF_JEQ, false) == BranchTaken::Unknown);
  // Inconclusive 64-bit ranges, disjoint 32-bit ones.
  ScalarBounds r;
  r.u32Min = 10;
  r.u32Max = 20;
  CHECK(isScalarBranchTaken(r, k(5), BPF_JEQ, false) == BranchTaken::No);
}

TEST_CASE("is_scalar_branch_taken for JSET needs one constant", "[domain][branch]") {
  CHECK(isScalarBranchTaken(
            ScalarBounds{Tnum{1, 0xfe}, S64Min, S64Max, 0, U64Max, S32Min, S32Max, 0, U32Max}, k(1),
            BPF_JSET, false) == BranchTaken::Yes);
  CHECK(isScalarBranchTaken(range(0, 254), k(0x100), BPF_JSET, false) == BranchTaken::No);
  // The constant may be on the left.
  CHECK(isScalarBranchTaken(k(0x100), range(0, 254), BPF_JSET, false) == BranchTaken::No);
  CHECK(isScalarBranchTaken(range(0, 3), range(0, 3), BPF_JSET, false) == BranchTaken::Unknown);
}

TEST_CASE("reg_set_min_max narrows both edges of JGT", "[domain][branch]") {
  BranchRefinement r = regSetMinMax(range(0, 100), k(50), BPF_JGT, false);
  CHECK(formatScalar(r.taken.dst) ==
        "scalar(smin=umin=smin32=umin32=51,smax=umax=smax32=umax32=100,var_off=(0x0; 0x7f))");
  CHECK(r.taken.src == k(50));
  CHECK(formatScalar(r.fallthrough.dst) ==
        "scalar(smin=smin32=0,smax=umax=smax32=umax32=50,var_off=(0x0; 0x3f))");
  CHECK(r.messages.empty());
  // Two registers: both sides learn.
  BranchRefinement two = regSetMinMax(range(0, 100), range(10, 20), BPF_JLT, false);
  CHECK(two.taken.dst.umax == 19);
  CHECK(two.taken.src.umin == 10);
  CHECK(two.fallthrough.dst.umin == 10);
  CHECK(two.fallthrough.src.umax == 20);
}

TEST_CASE("JNE against a constant at the range edge", "[domain][branch]") {
  BranchEdge taken = refineOnBranch(range(0, 10), k(0), BPF_JNE, false, true);
  CHECK(taken.dst.umin == 1);
  CHECK(taken.dst.umax == 10);
  BranchEdge eq = refineOnBranch(range(0, 10), k(0), BPF_JNE, false, false);
  CHECK(eq.dst == k(0));
  // jmp32 JNE only moves the 32-bit bounds directly.
  BranchEdge t32 = refineOnBranch(range(0, 10), k(10), BPF_JNE, true, true);
  CHECK(t32.dst.u32Max == 9);
  CHECK(t32.dst.umax == 9);
}

TEST_CASE("JEQ intersects ranges and tnums", "[domain][branch]") {
  BranchEdge e = refineOnBranch(range(0, 100), range(50, 200), BPF_JEQ, false, true);
  CHECK(e.dst.umin == 50);
  CHECK(e.dst.umax == 100);
  CHECK(e.src.umin == 50);
  CHECK(e.src.umax == 100);
  // jmp32 JEQ keeps the upper halves apart.
  BranchEdge e32 = refineOnBranch(range(0x100000000, 0x1000000ff), k(7), BPF_JEQ, true, true);
  CHECK(e32.dst == k(0x100000007));
}

TEST_CASE("JSET edges", "[domain][branch]") {
  // True edge with a single bit sets that bit.
  BranchEdge t = refineOnBranch(ScalarBounds::unknown(), k(4), BPF_JSET, false, true);
  CHECK(t.dst.varOff == Tnum{4, ~uint64_t{4}});
  // Several bits: nothing learned.
  BranchEdge many = refineOnBranch(range(0, 7), k(3), BPF_JSET, false, true);
  CHECK(many.dst == range(0, 7));
  // False edge clears all bits of the constant.
  BranchEdge f = refineOnBranch(range(0, 0xff), k(0xf0), BPF_JSET, false, false);
  CHECK(f.dst.varOff == Tnum{0, 0x0f});
  CHECK(f.dst.umax == 0x0f);
}

TEST_CASE("An impossible edge shows as a bounds violation", "[domain][branch]") {
  // 5 != 5 on the taken edge: the kernel only gets here when is_branch_taken was unsure, but
  // the refinement still proves it dead.
  BranchEdge e = refineOnBranch(k(5), k(5), BPF_JNE, false, true);
  REQUIRE(e.infeasible());
  CHECK(e.violations.front().rfind("REG INVARIANTS VIOLATION (true_reg1): range bounds violation",
                                   0) == 0);
  // The kernel continues with the violating register's ranges reset, var_off kept.
  CHECK(e.dst.varOff == tnumConst(5));
  CHECK(e.dst.umax == U64Max);

  BranchRefinement r = regSetMinMax(range(0, 10), range(20, 30), BPF_JGT, false);
  CHECK(r.taken.infeasible());
  CHECK_FALSE(r.fallthrough.infeasible());
  CHECK(r.messages.size() == r.taken.violations.size());
}

TEST_CASE("flip_opcode and rev_opcode", "[domain][branch]") {
  CHECK(flipOpcode(BPF_JGT) == BPF_JLT);
  CHECK(flipOpcode(BPF_JSLE) == BPF_JSGE);
  CHECK(flipOpcode(BPF_JSET) == BPF_JSET);
  CHECK(revOpcode(BPF_JGT) == BPF_JLE);
  CHECK(revOpcode(BPF_JSET) == JsetFalse);
  CHECK(revOpcode(JsetFalse) == BPF_JSET);
  CHECK(revOpcode(BPF_JEQ) == BPF_JNE);
}
