// adjust_scalar_min_max_vals and the scalar moves of check_alu_op (6.18), on hand-traced cases.

#include "bounds_builders.h"

#include "lib/isa/insn.h"
#include "verifier/domain/scalar_alu.h"
#include "verifier/domain/scalar_print.h"

#include <catch2/catch.hpp>

using namespace bpfverify::domain;
using namespace bpfverify::isa;

using namespace bpfverify::domain::testing;

TEST_CASE("ADD of a range and a constant (scalar_min_max_add, tnum_add)", "[domain][alu]") {
  ScalarBounds r = adjustScalarMinMaxVals(range(0, 10), k(5), BPF_ADD, true);
  CHECK(formatScalar(r) ==
        "scalar(smin=umin=smin32=umin32=5,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))");
  CHECK(adjustScalarMinMaxVals(k(40), k(2), BPF_ADD, true) == k(42));
  CHECK(adjustScalarMinMaxVals(k(0xffffffff), k(1), BPF_ADD, false) == k(0));
}

TEST_CASE("ADD where only some unsigned sums wrap loses the u64 range", "[domain][alu]") {
  ScalarBounds r = adjustScalarMinMaxVals(range(U64Max - 1, U64Max), range(0, 1), BPF_ADD, true);
  CHECK(r.smin == -2);
  CHECK(r.smax == 0);
  CHECK(r.umin == 0);
  CHECK(r.umax == U64Max);
  CHECK(formatScalar(r) == "scalar(smin=smin32=-2,smax=smax32=0)");
  // All sums wrapping keeps the (wrapped) range.
  ScalarBounds all = adjustScalarMinMaxVals(range(U64Max - 1, U64Max), k(2), BPF_ADD, true);
  CHECK(all.umin == 0);
  CHECK(all.umax == 1);
}

TEST_CASE("SUB and NEG", "[domain][alu]") {
  ScalarBounds r = adjustScalarMinMaxVals(range(10, 20), range(0, 5), BPF_SUB, true);
  CHECK(r.umin == 5);
  CHECK(r.umax == 20);
  CHECK(r.smin == 5);
  CHECK(r.smax == 20);
  // Some differences underflow: unsigned range lost, signed range kept.
  ScalarBounds u = adjustScalarMinMaxVals(range(0, 5), k(3), BPF_SUB, true);
  CHECK(u.smin == -3);
  CHECK(u.smax == 2);
  CHECK(u.umin == 0);
  CHECK(u.umax == U64Max);
  // BPF_NEG: 0 - dst with the subtraction rules, tnum_neg for the bits.
  CHECK(adjustScalarMinMaxVals(k(5), ScalarBounds::unknown(), BPF_NEG, true) == k(uint64_t(-5)));
  CHECK(adjustScalarMinMaxVals(k(5), ScalarBounds::unknown(), BPF_NEG, false) == k(0xfffffffb));
  ScalarBounds n = adjustScalarMinMaxVals(range(1, 3), ScalarBounds::unknown(), BPF_NEG, true);
  CHECK(n.smin == -3);
  CHECK(n.smax == -1);
  CHECK(n.umin == uint64_t(-3));
  CHECK(n.umax == uint64_t(-1));
}

TEST_CASE("MUL (scalar_min_max_mul)", "[domain][alu]") {
  ScalarBounds r = adjustScalarMinMaxVals(range(0, 10), range(0, 10), BPF_MUL, true);
  CHECK(r.umin == 0);
  CHECK(r.umax == 100);
  CHECK(r.smax == 100);
  CHECK(r.u32Max == 100);
  CHECK(adjustScalarMinMaxVals(k(6), k(7), BPF_MUL, false) == k(42));
  // The unsigned product may overflow, so the ranges give up; tnum_mul (a shift by 32 here)
  // still bounds the result once reg_bounds_sync reads it.
  ScalarBounds big = adjustScalarMinMaxVals(range(0, 0x100000000), k(0x100000000), BPF_MUL, true);
  CHECK(big.varOff == Tnum{0, 0xffffffff00000000});
  CHECK(big.umin == 0);
  CHECK(big.umax == 0xffffffff00000000);
  CHECK(big.smin == S64Min);
}

TEST_CASE("AND / OR / XOR", "[domain][alu]") {
  ScalarBounds a = adjustScalarMinMaxVals(ScalarBounds::unknown(), k(0xff), BPF_AND, true);
  CHECK(formatScalar(a) == "scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))");
  ScalarBounds o = adjustScalarMinMaxVals(range(0, 0xf), k(0x100), BPF_OR, true);
  CHECK(o.umin == 0x100);
  CHECK(o.umax == 0x10f);
  CHECK(o.varOff == Tnum{0x100, 0xf});
  ScalarBounds x = adjustScalarMinMaxVals(range(0, 0xf), k(0xf0), BPF_XOR, true);
  CHECK(x.umin == 0xf0);
  CHECK(x.umax == 0xff);
  // Both constants: __mark_reg_known / __mark_reg32_known.
  CHECK(adjustScalarMinMaxVals(k(0xf0f0), k(0xff00), BPF_AND, true) == k(0xf000));
  CHECK(adjustScalarMinMaxVals(k(0x1234567800000001), k(2), BPF_OR, false) == k(3));
}

TEST_CASE("LSH, RSH, ARSH by constants", "[domain][alu]") {
  // __scalar64_min_max_lsh's <<32 special case keeps the signed bounds.
  ScalarBounds l = adjustScalarMinMaxVals(range(0, 100), k(32), BPF_LSH, true);
  CHECK(l.smin == 0);
  CHECK(l.smax == 0x6400000000);
  CHECK(l.umax == 0x6400000000);
  CHECK(l.u32Max == 0);
  CHECK(l.varOff == Tnum{0, 0x7f00000000});
  ScalarBounds l32 = adjustScalarMinMaxVals(range(1, 3), k(4), BPF_LSH, false);
  CHECK(l32.umin == 0x10);
  CHECK(l32.umax == 0x30);
  ScalarBounds r = adjustScalarMinMaxVals(range(0x100, 0x1ff), k(4), BPF_RSH, true);
  CHECK(r.umin == 0x10);
  CHECK(r.umax == 0x1f);
  // ARSH by 63 of anything: [-1, 0].
  ScalarBounds a = adjustScalarMinMaxVals(ScalarBounds::unknown(), k(63), BPF_ARSH, true);
  CHECK(formatScalar(a) == "scalar(smin=smin32=-1,smax=smax32=0)");
  ScalarBounds a32 = adjustScalarMinMaxVals(k(0x80000000), k(31), BPF_ARSH, false);
  CHECK(a32 == k(0xffffffff));
}

TEST_CASE("Shifts that are not safe to compute give unknown", "[domain][alu]") {
  // Variable shift amount.
  CHECK(adjustScalarMinMaxVals(k(1), range(0, 3), BPF_LSH, true) == ScalarBounds::unknown());
  // Shift by the width or more (only reachable with BPF_X; BPF_K is rejected earlier).
  CHECK(adjustScalarMinMaxVals(k(1), k(64), BPF_LSH, true) == ScalarBounds::unknown());
  CHECK(adjustScalarMinMaxVals(k(1), k(32), BPF_RSH, false) == ScalarBounds::unknown());
  // ALU32 shift by a register whose low half is the constant 1 but whose upper half is not
  // known: is_safe_to_compute_dst_reg_range checks the 64-bit umax, so the result is unknown.
  ScalarBounds src;
  src.varOff = Tnum{1, 0xffffffff00000000};
  src.sync();
  REQUIRE(src.isConst(true));
  CHECK_FALSE(isSafeToComputeDstRegRange(BPF_LSH, false, src));
  CHECK(adjustScalarMinMaxVals(k(1), src, BPF_LSH, false) == ScalarBounds::unknown());
}

TEST_CASE("DIV and MOD are not tracked in 6.18", "[domain][alu]") {
  CHECK_FALSE(isSafeToComputeDstRegRange(BPF_DIV, true, k(2)));
  CHECK(adjustScalarMinMaxVals(k(10), k(2), BPF_DIV, true) == ScalarBounds::unknown());
  CHECK(adjustScalarMinMaxVals(k(10), k(3), BPF_MOD, false) == ScalarBounds::unknown());
}

TEST_CASE("MOV, MOVSX and BPF_END", "[domain][alu]") {
  CHECK(movImm(-1, true) == k(U64Max));
  CHECK(movImm(-1, false) == k(0xffffffff));
  ScalarBounds wide = range(0x100000000, 0x100000010);
  CHECK(movReg(wide, true) == wide);
  ScalarBounds low = movReg(wide, false);
  CHECK(low.umin == 0);
  CHECK(low.umax == 0x10);
  CHECK(low.varOff == Tnum{0, 0x1f});
  // w1 = (s8)w2 of 0x80: 0xffffff80, zero-extended.
  CHECK(movSx(k(0x80), 8, false) == k(0xffffff80));
  CHECK(movSx(k(0x80), 8, true) == k(uint64_t(-128)));
  CHECK(movSx(k(0xffff8000), 32, true) == k(0xffffffffffff8000));
  // 64-bit movsx is not followed by reg_bounds_sync in the kernel.
  ScalarBounds mixed;
  mixed.smin = 0x70;
  mixed.smax = 0x90;
  ScalarBounds m = movSx(mixed, 8, true);
  CHECK(m.smin == -128);
  CHECK(m.smax == 127);
  CHECK(m.varOff.isUnknown());
  // 6.18: BPF_END marks the destination unknown, even for a constant.
  CHECK(byteSwap(k(0x1234), true, false, 16) == ScalarBounds::unknown());
  CHECK(byteSwap(k(0x1234), false, false, 64) == ScalarBounds::unknown());
}

TEST_CASE("6.18.y: BPF_END through tnum_bswap (scalar_byte_swap)", "[domain][alu]") {
  const DomainOptions stable = DomainOptions::linux618Stable();
  CHECK(byteSwap(k(0x1234), true, false, 16, stable) == k(0x3412));
  CHECK(byteSwap(k(0x1122334455667788), true, false, 64, stable) == k(0x8877665544332211));
  // to_le on a little-endian machine only truncates (le64 is a no-op, and not zero-extended).
  CHECK(byteSwap(k(0x1122334455667788), false, false, 32, stable) == k(0x55667788));
  CHECK(byteSwap(k(0x1122334455667788), false, false, 64, stable) == k(0x1122334455667788));
  // to_be swaps.
  CHECK(byteSwap(k(0x1122334455667788), false, true, 32, stable) == k(0x88776655));
  ScalarBounds low = range(0, 0xff);
  ScalarBounds swapped = byteSwap(low, false, true, 16, stable);
  CHECK(swapped.varOff == Tnum{0, 0xff00});
  CHECK(swapped.umax == 0xff00);
}

TEST_CASE("6.18.y: maybe_fork_scalars on AND/OR with a constant", "[domain][alu]") {
  const DomainOptions stable = DomainOptions::linux618Stable();
  // s64 [-1, 0], as after "r >>= 63" arithmetic.
  ScalarBounds m = adjustScalarMinMaxVals(ScalarBounds::unknown(), k(63), BPF_ARSH, true);
  std::optional<ScalarBounds> forked;
  ScalarBounds r = adjustScalarMinMaxVals(m, k(0x10), BPF_AND, true, stable, &forked);
  REQUIRE(forked.has_value());
  CHECK(*forked == k(0));
  CHECK(r == k(0x10)); // -1 & 0x10
  CHECK(adjustScalarMinMaxVals(*forked, k(0x10), BPF_AND, true, stable, &forked) == k(0));
  CHECK_FALSE(forked.has_value());
  // The release does not fork.
  ScalarBounds plain = adjustScalarMinMaxVals(m, k(0x10), BPF_AND, true, {}, &forked);
  CHECK_FALSE(forked.has_value());
  CHECK(plain.umax == 0x10);
  CHECK(plain.varOff == Tnum{0, 0x10});
  // s32 [-1, 0] only: the low halves are forked, the upper bits stay.
  ScalarBounds w = range(0, 0xffffffff);
  w.s32Min = -1;
  w.s32Max = 0;
  w.sync();
  adjustScalarMinMaxVals(w, k(0), BPF_OR, false, stable, &forked);
  REQUIRE(forked.has_value());
  CHECK(forked->u32Max == 0);
  CHECK(forked->varOff == Tnum{0, 0});
}
