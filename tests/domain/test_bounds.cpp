// reg_bounds_sync and friends on hand-made states; every expected value is traced by hand through
// the 6.18 functions named in each case.

#include "verifier/domain/scalar_bounds.h"

#include <catch2/catch.hpp>

using namespace bpfverify::domain;

namespace {
ScalarBounds withU64(uint64_t umin, uint64_t umax) {
  ScalarBounds r;
  r.umin = umin;
  r.umax = umax;
  return r;
}
} // namespace

TEST_CASE("known() fills all eight bounds (___mark_reg_known)", "[domain][bounds]") {
  ScalarBounds r = ScalarBounds::known(0xffffffff80000000);
  CHECK(r.varOff == tnumConst(0xffffffff80000000));
  CHECK(r.smin == int64_t(-0x80000000LL));
  CHECK(r.umax == 0xffffffff80000000);
  CHECK(r.s32Min == S32Min);
  CHECK(r.u32Max == 0x80000000u);
  ScalarBounds copy = r;
  copy.sync();
  CHECK(copy == r);
  CHECK(ScalarBounds::unknown().varOff.isUnknown());
}

TEST_CASE("__reg32_deduce_bounds: same upper half gives a u32 and s32 range", "[domain][bounds]") {
  // The example in the kernel comment: u64 [0x10000000A, 0x10000000F] -> [0xA, 0xF].
  ScalarBounds r = withU64(0x10000000a, 0x10000000f);
  r.sync();
  CHECK(r.u32Min == 10);
  CHECK(r.u32Max == 15);
  CHECK(r.s32Min == 10);
  CHECK(r.s32Max == 15);
  CHECK(r.smin == 0x10000000a);
  CHECK(r.smax == 0x10000000f);
  CHECK(r.varOff == Tnum{0x100000008, 7});
}

TEST_CASE("__reg32_deduce_bounds: upper halves N and N+1 crossing the s32 sign",
          "[domain][bounds]") {
  // The kernel comment's example: s64 [-1, 1] gives s32 [-1, 1]; nothing else is learned.
  ScalarBounds r;
  r.smin = -1;
  r.smax = 1;
  r.sync();
  CHECK(r.s32Min == -1);
  CHECK(r.s32Max == 1);
  CHECK(r.smin == -1);
  CHECK(r.smax == 1);
  CHECK(r.umin == 0);
  CHECK(r.umax == U64Max);
  CHECK(r.u32Min == 0);
  CHECK(r.u32Max == U32Max);
  CHECK(r.varOff.isUnknown());
}

TEST_CASE("__reg_deduce_mixed_bounds: 32-bit bounds tighten both ends of the 64-bit range",
          "[domain][bounds]") {
  // The kernel comment's example: [0x1'00000000, 0x3'80000000] with s32 [1, 0x7fffffff]
  // becomes [0x1'00000001, 0x3'7fffffff].
  ScalarBounds r = withU64(0x100000000, 0x380000000);
  r.s32Min = 1;
  r.s32Max = 0x7fffffff;
  r.sync();
  CHECK(r.umin == 0x100000001);
  CHECK(r.umax == 0x37fffffff);
  CHECK(r.smin == 0x100000001);
  CHECK(r.smax == 0x37fffffff);
  CHECK(r.u32Min == 1);
  CHECK(r.u32Max == 0x7fffffff);
  CHECK(r.varOff == Tnum{0, 0x37fffffff});
}

TEST_CASE("__reg_deduce_mixed_bounds: sign-extension case with a non-negative subregister",
          "[domain][bounds]") {
  // s64 within [S32_MIN, S32_MAX] and s32 [0, 100]: the upper bits cannot be all ones.
  ScalarBounds r;
  r.smin = S32Min;
  r.smax = S32Max;
  r.s32Min = 0;
  r.s32Max = 100;
  r.sync();
  CHECK(r.smin == 0);
  CHECK(r.smax == 100);
  CHECK(r.umin == 0);
  CHECK(r.umax == 100);
  CHECK(r.u32Min == 0);
  CHECK(r.u32Max == 100);
  CHECK(r.varOff == Tnum{0, 0x7f});
}

TEST_CASE("__reg64_deduce_bounds: s64 range across the sign boundary meets one u64 end",
          "[domain][bounds]") {
  // s64 [-10, 10] wraps around the u64 ends; u64 [5, 0x8000000000000005] meets only [0, 10]
  // (the else branch): smin becomes umin and umax becomes smax.
  ScalarBounds r = withU64(5, 0x8000000000000005);
  r.smin = -10;
  r.smax = 10;
  r.sync();
  CHECK(r.smin == 5);
  CHECK(r.smax == 10);
  CHECK(r.umin == 5);
  CHECK(r.umax == 10);
  CHECK(r.s32Min == 5);
  CHECK(r.s32Max == 10);
  CHECK(r.u32Min == 5);
  CHECK(r.u32Max == 10);
  CHECK(r.varOff == Tnum{0, 0xf});

  // The mirror case: u64 range only meets the negative piece.
  ScalarBounds n = withU64(0x7ffffffffffffff0, 0xfffffffffffffffe);
  n.smin = -5;
  n.smax = 3;
  n.sync();
  CHECK(n.smin == -5);
  CHECK(n.smax == -2);
  CHECK(n.umin == uint64_t(-5));
  CHECK(n.umax == uint64_t(-2));
}

TEST_CASE("__reg_bound_offset and the final __update_reg_bounds", "[domain][bounds]") {
  ScalarBounds r = withU64(0, 0xff);
  r.sync();
  CHECK(r.varOff == Tnum{0, 0xff});
  CHECK(r.smax == 255);
  CHECK(r.s32Max == 255);
  CHECK(r.u32Max == 255);

  // reg_bounds_sync's comment: umax 0x7f..f and var_off (0; 0xf..fc) give var_off
  // (0; 0x7f..fc), which then improves umax.
  ScalarBounds c;
  c.varOff = Tnum{0, 0xfffffffffffffffc};
  c.umax = 0x7fffffffffffffff;
  c.sync();
  CHECK(c.varOff == Tnum{0, 0x7ffffffffffffffc});
  CHECK(c.umax == 0x7ffffffffffffffc);
  CHECK(c.smax == 0x7ffffffffffffffc);
  CHECK(c.smin == 0);
  CHECK(c.s32Min == S32Min);
  CHECK(c.s32Max == 0x7ffffffc);
  CHECK(c.u32Max == 0xfffffffc);
}

TEST_CASE("__update_reg_bounds reads signed bounds off the tnum", "[domain][bounds]") {
  ScalarBounds r;
  r.varOff = Tnum{0x8000000000000001, 0x0000000000000f00}; // negative, bits 8-11 unknown
  r.updateBounds();
  CHECK(r.smin == int64_t(0x8000000000000001));
  CHECK(r.smax == int64_t(0x8000000000000f01));
  CHECK(r.umin == 0x8000000000000001);
  CHECK(r.umax == 0x8000000000000f01);
  CHECK(r.s32Min == 1);
  CHECK(r.s32Max == 0xf01);
}

TEST_CASE("reg_bounds_sanity_check messages and repair", "[domain][bounds]") {
  ScalarBounds good = withU64(1, 2);
  good.sync();
  CHECK_FALSE(sanityCheck(good, "alu").has_value());

  ScalarBounds bad = withU64(5, 4);
  auto msg = sanityCheck(bad, "alu");
  REQUIRE(msg.has_value());
  CHECK(*msg == "REG INVARIANTS VIOLATION (alu): range bounds violation u64=[0x5, 0x4] "
                "s64=[0x8000000000000000, 0x7fffffffffffffff] u32=[0x0, 0xffffffff] "
                "s32=[0x80000000, 0x7fffffff] var_off=(0x0, 0xffffffffffffffff)");
  // __mark_reg_unbounded, var_off kept.
  CHECK(bad == ScalarBounds::unknown());

  ScalarBounds constOut;
  constOut.varOff = tnumConst(7);
  msg = sanityCheck(constOut, "true_reg1");
  REQUIRE(msg.has_value());
  CHECK(msg->rfind("REG INVARIANTS VIOLATION (true_reg1): const tnum out of sync with range "
                   "bounds u64=[0x0, 0xffffffffffffffff]",
                   0) == 0);
  CHECK(constOut.varOff == tnumConst(7));

  ScalarBounds subOut;
  subOut.varOff = Tnum{5, 0xffffffff00000000};
  msg = sanityCheck(subOut, "false_reg2");
  REQUIRE(msg.has_value());
  CHECK(msg->find("const subreg tnum out of sync with range bounds") != std::string::npos);
}

TEST_CASE("zext_32_to_64 and __reg_assign_32_into_64", "[domain][bounds]") {
  ScalarBounds r;
  r.varOff = Tnum{0xabc0000000000010, 0x0f};
  r.u32Min = 0x10;
  r.u32Max = 0x1f;
  r.s32Min = 0x10;
  r.s32Max = 0x1f;
  r.zext32To64();
  CHECK(r.varOff == Tnum{0x10, 0x0f});
  CHECK(r.umin == 0x10);
  CHECK(r.umax == 0x1f);
  CHECK(r.smin == 0x10);
  CHECK(r.smax == 0x1f);

  // Negative s32 bounds do not carry over: s64 becomes [0, U32_MAX].
  ScalarBounds n = ScalarBounds::known(uint64_t(-3));
  n.zext32To64();
  CHECK(n.smin == 0);
  CHECK(n.smax == U32Max);
  CHECK(n.umin == 0xfffffffd);
  CHECK(n.varOff == tnumConst(0xfffffffd));
}

TEST_CASE("coerce_reg_to_size", "[domain][bounds]") {
  ScalarBounds k = ScalarBounds::known(0x1ff);
  k.coerceToSize(1);
  CHECK(k == ScalarBounds::known(0xff));

  // Upper bits differ across the range: the truncated range is the whole byte.
  ScalarBounds r = withU64(0xf0, 0x110);
  r.sync();
  r.coerceToSize(1);
  CHECK(r.umin == 0);
  CHECK(r.umax == 0xff);
  CHECK(r.varOff == Tnum{0, 0xff});
  CHECK(r.s32Max == 0xff);

  ScalarBounds w = withU64(0x100000010, 0x100000020);
  w.sync();
  w.coerceToSize(4);
  CHECK(w.umin == 0x10);
  CHECK(w.umax == 0x20);
}

TEST_CASE("coerce_reg_to_size_sx and set_sext64_default_val", "[domain][bounds]") {
  ScalarBounds k = ScalarBounds::known(0x80);
  k.coerceToSizeSx(1);
  CHECK(k == ScalarBounds::known(uint64_t(-128)));

  ScalarBounds neg;
  neg.smin = 0x80;
  neg.smax = 0xff;
  neg.coerceToSizeSx(1);
  CHECK(neg.smin == -128);
  CHECK(neg.smax == -1);
  CHECK(neg.umin == uint64_t(-128));
  CHECK(neg.umax == U64Max);
  CHECK(neg.s32Min == -128);
  CHECK(neg.s32Max == -1);
  CHECK(neg.u32Min == 0xffffff80u);
  CHECK(neg.u32Max == U32Max);
  CHECK(neg.varOff == Tnum{0xffffffffffffff80, 0x7f});

  // Sign flips inside the range: the default s8 range.
  ScalarBounds mixed;
  mixed.smin = 0x70;
  mixed.smax = 0x90;
  mixed.coerceToSizeSx(1);
  CHECK(mixed.smin == -128);
  CHECK(mixed.smax == 127);
  CHECK(mixed.s32Min == -128);
  CHECK(mixed.s32Max == 127);
  CHECK(mixed.umin == 0);
  CHECK(mixed.umax == U64Max);
  CHECK(mixed.varOff.isUnknown());

  // Different upper bits: default too.
  ScalarBounds wide;
  wide.smin = 0x7ff0;
  wide.smax = 0x8010;
  wide.coerceToSizeSx(1);
  CHECK(wide.smin == -128);
  CHECK(wide.smax == 127);
}

TEST_CASE("coerce_subreg_to_size_sx and set_sext32_default_val", "[domain][bounds]") {
  ScalarBounds k = ScalarBounds::known(0x8000);
  k.coerceSubregToSizeSx(2);
  // The constant path sign-extends into the whole tnum.
  CHECK(k.varOff == tnumConst(0xffffffffffff8000));
  CHECK(k.s32Min == -32768);
  CHECK(k.u32Max == 0xffff8000u);

  ScalarBounds r;
  r.s32Min = 0x10;
  r.s32Max = 0x7f;
  r.coerceSubregToSizeSx(1);
  CHECK(r.s32Min == 0x10);
  CHECK(r.s32Max == 0x7f);
  CHECK(r.varOff == Tnum{0, 0x7f});

  ScalarBounds d;
  d.s32Min = 0x10;
  d.s32Max = 0x80;
  d.coerceSubregToSizeSx(1);
  CHECK(d.s32Min == -128);
  CHECK(d.s32Max == 127);
  CHECK(d.u32Min == 0);
  CHECK(d.u32Max == U32Max);
  CHECK(d.varOff == Tnum{0, 0xffffffff});
}

TEST_CASE("6.18.y: u32/s32 refinement when the s32 range crosses the sign boundary",
          "[domain][bounds]") {
  // u32 [0, 0xc6b7f100] and s32 [-3, 0x46b7f100]: the negative s32 part [0xfffffffd,
  // 0xffffffff] lies above the u32 range, so only the non-negative part remains.
  ScalarBounds r;
  r.u32Min = 0;
  r.u32Max = 0xc6b7f100;
  r.s32Min = -3;
  r.s32Max = 0x46b7f100;
  ScalarBounds release = r;
  release.sync(DomainOptions::linux618());
  CHECK(release.s32Min == -3);
  CHECK(release.u32Max == 0xc6b7f100);
  ScalarBounds stable = r;
  stable.sync(DomainOptions::linux618Stable());
  // u32 max 0xc6b7f100 lies below (u32)-3: only the non-negative half remains.
  CHECK(stable.s32Min == 0);
  CHECK(stable.s32Max == 0x46b7f100);
  CHECK(stable.u32Max == 0x46b7f100);
  // __reg_deduce_mixed_bounds: unknown upper half, new low-half maximum.
  CHECK(stable.umax == 0xffffffff46b7f100);
}

TEST_CASE("6.18.y: tnum_step and the single-value overlap in __update_reg64_bounds",
          "[domain][bounds]") {
  // tnum.c's example: t = x11100x0, z = 241 -> 242.
  Tnum t{0b01110000, 0b10000010};
  CHECK(tnumStep(t, 241) == 242);
  CHECK(tnumStep(t, 0) == t.value);
  CHECK(tnumStep(t, 0xff) == (t.value | t.mask));
  // Brute force against the definition on small tnums.
  for (uint64_t mask : {0x0ull, 0x5ull, 0x29ull, 0xf0ull, 0xa5ull})
    for (uint64_t value = 0; value < 256; value += 17) {
      Tnum s{value & ~mask, mask};
      uint64_t tmax = s.value | s.mask;
      for (uint64_t z = 0; z < 300; z++) {
        uint64_t want = tmax;
        if (z < s.value)
          want = s.value;
        else
          for (uint64_t c = z + 1; c <= tmax; c++)
            if (s.contains(c)) {
              want = c;
              break;
            }
        if (tnumStep(s, z) != want)
          FAIL("tnum_step(" << s.value << "; " << s.mask << ", " << z << ")");
      }
    }
  // u64 [5, 9] and tnum (0; 0x18): members 0, 8, 16, 24 -> only 8 is in range.
  ScalarBounds r;
  r.umin = 5;
  r.umax = 9;
  r.varOff = Tnum{0, 0x18};
  ScalarBounds stable = r;
  stable.updateBounds64(DomainOptions::linux618Stable());
  CHECK(stable == ScalarBounds::known(8));
  ScalarBounds release = r;
  release.updateBounds64(DomainOptions::linux618());
  CHECK(release.umin == 5);
}
