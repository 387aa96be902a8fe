// Unit tests of the tnum operations; expected values worked out from kernel/bpf/tnum.c (6.18).

#include "verifier/domain/tnum.h"

#include <catch2/catch.hpp>

using namespace bpfverify::domain;

TEST_CASE("tnum_range covers the range with the fewest unknown low bits", "[domain][tnum]") {
  CHECK(tnumRange(5, 5) == tnumConst(5));
  // include/linux/tnum.h: tnum_range(0, 2) stands for {0, 1, 2, 3}.
  CHECK(tnumRange(0, 2) == Tnum{0, 3});
  CHECK(tnumRange(4, 7) == Tnum{4, 3});
  CHECK(tnumRange(0x10000000a, 0x10000000f) == Tnum{0x100000008, 7});
  // fls64(min ^ max) == 64: the special case returning tnum_unknown.
  CHECK(tnumRange(0, ~uint64_t{0}).isUnknown());
  CHECK(tnumRange(1, 0x8000000000000000).isUnknown());
  // tnum.h's warning: tnum_in(tnum_range(0, 2), tnum_const(3)) is true.
  CHECK(tnumIn(tnumRange(0, 2), tnumConst(3)));
  CHECK_FALSE(tnumIn(tnumConst(3), tnumRange(0, 2)));
}

TEST_CASE("tnum_add and tnum_sub propagate carries into unknown bits", "[domain][tnum]") {
  // tnum_add((0; 3), 1): sm=3, sv=1, sigma=4, chi=5, mu=7.
  CHECK(tnumAdd(Tnum{0, 3}, tnumConst(1)) == Tnum{0, 7});
  // tnum_add((0; 0xf), 5): sm=0xf, sv=5, sigma=0x14, chi=0x11, mu=0x1f.
  CHECK(tnumAdd(Tnum{0, 0xf}, tnumConst(5)) == Tnum{0, 0x1f});
  CHECK(tnumAdd(tnumConst(~uint64_t{0}), tnumConst(1)) == tnumConst(0));
  CHECK(tnumSub(tnumConst(5), tnumConst(3)) == tnumConst(2));
  // tnum_sub((4; 3), 1): dv=3, alpha=6, beta=3, chi=5, mu=7.
  CHECK(tnumSub(Tnum{4, 3}, tnumConst(1)) == Tnum{0, 7});
  CHECK(tnumNeg(tnumConst(5)) == tnumConst(uint64_t(-5)));
  CHECK(tnumNeg(tnumUnknown()).isUnknown());
}

TEST_CASE("tnum bitwise operations", "[domain][tnum]") {
  CHECK(tnumAnd(tnumUnknown(), tnumConst(0xff)) == Tnum{0, 0xff});
  CHECK(tnumAnd(Tnum{1, 0xf0}, tnumConst(0x11)) == Tnum{1, 0x10});
  CHECK(tnumOr(Tnum{0, 0xff}, tnumConst(0x100)) == Tnum{0x100, 0xff});
  CHECK(tnumOr(Tnum{0, 0xff}, tnumConst(0x1)) == Tnum{0x1, 0xfe});
  CHECK(tnumXor(Tnum{0, 0xf}, tnumConst(0xff)) == Tnum{0xf0, 0xf});
}

TEST_CASE("tnum_mul is the 6.18 long multiplication with tnum_union", "[domain][tnum]") {
  // The worked example in tnum.c: x1 * 11 == union(0011, 1001) == x0x1.
  CHECK(tnumMul(Tnum{1, 2}, tnumConst(3)) == Tnum{1, 0xa});
  CHECK(tnumMul(tnumConst(6), tnumConst(7)) == tnumConst(42));
  CHECK(tnumMul(tnumConst(0), tnumUnknown()) == tnumConst(0));
  CHECK(tnumMul(tnumUnknown(), tnumConst(0)) == tnumConst(0));
  // Multiplying by 4 shifts the unknown bits left by two.
  CHECK(tnumMul(Tnum{0, 0xf}, tnumConst(4)) == Tnum{0, 0x3c});
}

TEST_CASE("tnum shifts", "[domain][tnum]") {
  CHECK(tnumLshift(Tnum{1, 2}, 4) == Tnum{0x10, 0x20});
  CHECK(tnumRshift(Tnum{0x10, 0x20}, 4) == Tnum{1, 2});
  CHECK(tnumArshift(tnumConst(0x80000000), 4, 32) == tnumConst(0xf8000000));
  CHECK(tnumArshift(tnumConst(0x8000000000000000), 4, 64) == tnumConst(0xf800000000000000));
  // An unknown sign bit spreads unknowns into the shifted-in bits.
  CHECK(tnumArshift(Tnum{0, 0x80000000}, 4, 32) == Tnum{0, 0xf8000000});
  // 32-bit arshift looks only at the low half.
  CHECK(tnumArshift(tnumConst(0x1000000010), 4, 32) == tnumConst(1));
}

TEST_CASE("tnum_intersect, tnum_union and tnum_overlap", "[domain][tnum]") {
  // Known bits disagreeing: intersect says known 1 (tnum.c comment).
  CHECK(tnumIntersect(tnumConst(1), tnumConst(2)) == tnumConst(3));
  CHECK(tnumIntersect(Tnum{0, 0xff}, Tnum{0x10, 0x0f}) == Tnum{0x10, 0x0f});
  CHECK(tnumUnion(tnumConst(3), tnumConst(9)) == Tnum{1, 0xa});
  CHECK(tnumUnion(Tnum{0, 1}, tnumConst(2)) == Tnum{0, 3});
  CHECK_FALSE(tnumOverlap(tnumConst(1), tnumConst(2)));
  CHECK(tnumOverlap(Tnum{0, 1}, tnumConst(1)));
  CHECK(tnumOverlap(tnumUnknown(), tnumConst(12345)));
}

TEST_CASE("tnum subregister helpers", "[domain][tnum]") {
  Tnum t{0x1234567800000000, 0xff};
  CHECK(tnumSubreg(t) == Tnum{0, 0xff});
  CHECK(tnumClearSubreg(Tnum{0x1234567812345678, 0xf0}) == tnumConst(0x1234567800000000));
  CHECK(tnumWithSubreg(tnumUnknown(), tnumConst(7)) == Tnum{7, 0xffffffff00000000});
  CHECK(tnumConstSubreg(tnumConst(0xaaaaaaaabbbbbbbb), 5) == tnumConst(0xaaaaaaaa00000005));
  CHECK(tnumSubregIsConst(Tnum{5, 0xffffffff00000000}));
  CHECK_FALSE(tnumSubregIsConst(Tnum{0, 0x80000000}));
  CHECK(tnumCast(tnumUnknown(), 2) == Tnum{0, 0xffff});
  CHECK(tnumIsAligned(Tnum{8, 0xf0}, 8));
  CHECK_FALSE(tnumIsAligned(Tnum{8, 0xf4}, 8));
  CHECK(tnumIsAligned(tnumUnknown(), 0));
}
