#pragma once
// Random concrete value sets, their abstraction as ScalarBounds, and the concrete BPF semantics
// the domain must over-approximate (for the property tests).

#include "lib/isa/insn.h"
#include "verifier/domain/scalar_bounds.h"
#include "verifier/domain/scalar_print.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace bpfverify::domain::testing {

using ValueSet = std::vector<uint64_t>;

/// Values around which bounds logic has its edge cases.
inline const std::vector<uint64_t> &specialValues() {
  static const std::vector<uint64_t> values = {
      0,
      1,
      2,
      0x7f,
      0x80,
      0xff,
      0x7fff,
      0x8000,
      0xffff,
      0x7fffffff,
      0x80000000,
      0xffffffff,
      0x100000000,
      0x17fffffff,
      0x180000000,
      0x7fffffffffffffff,
      0x8000000000000000,
      0xffffffff00000000,
      0xffffffff7fffffff,
      0xffffffff80000000,
      0xfffffffffffffffe,
      0xffffffffffffffff,
      0xffffffffffffff80,
      0xffffffffffff8000,
  };
  return values;
}

class SetGenerator {
public:
  explicit SetGenerator(uint64_t seed) : rng_(seed) {}

  uint64_t below(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
  uint64_t any() { return rng_(); }

  /// One value from a mix of special values, small numbers, 32-bit and 64-bit randoms.
  uint64_t value() {
    switch (below(8)) {
    case 0:
    case 1:
      return specialValues()[below(specialValues().size())];
    case 2:
      return below(64);
    case 3:
      return uint64_t(-int64_t(below(64)));
    case 4:
      return uint32_t(any());
    case 5:
      return uint64_t(int64_t(int32_t(any())));
    case 6: // a special value nudged a little
      return specialValues()[below(specialValues().size())] + below(7) - 3;
    default:
      return any();
    }
  }

  /// A small set of values clustered around one base, so abstractions are not always "unknown".
  ValueSet set(size_t maxSize = 4) {
    size_t n = 1 + below(maxSize);
    ValueSet s;
    uint64_t base = value();
    int spread = int(below(4)); // 0: equal-ish, 1: small, 2: 32-bit, 3: anything
    for (size_t i = 0; i < n; i++) {
      switch (spread) {
      case 0:
        s.push_back(base + below(4));
        break;
      case 1:
        s.push_back(base + below(512) - 256);
        break;
      case 2:
        s.push_back((base & ~uint64_t{0xffffffff}) | uint32_t(value()));
        break;
      default:
        s.push_back(value());
      }
    }
    return s;
  }

  /// A set for a shift amount: mostly one in-range constant.
  ValueSet shiftSet(unsigned width) {
    if (below(4) != 0)
      return {below(width)};
    return set();
  }

  /// A set for a JSET operand: often one constant, often a single bit.
  ValueSet jsetSet() {
    switch (below(3)) {
    case 0:
      return {uint64_t{1} << below(64)};
    case 1:
      return {value()};
    default:
      return set();
    }
  }

private:
  std::mt19937_64 rng_;
};

/// The tightest abstraction of a set: tnum union of constants plus exact min/max per range.
inline ScalarBounds joinOf(const ValueSet &s) {
  ScalarBounds r = ScalarBounds::known(s.front());
  for (uint64_t v : s) {
    r.varOff = tnumUnion(r.varOff, tnumConst(v));
    r.umin = std::min(r.umin, v);
    r.umax = std::max(r.umax, v);
    r.smin = std::min(r.smin, int64_t(v));
    r.smax = std::max(r.smax, int64_t(v));
    r.u32Min = std::min(r.u32Min, uint32_t(v));
    r.u32Max = std::max(r.u32Max, uint32_t(v));
    r.s32Min = std::min(r.s32Min, int32_t(uint32_t(v)));
    r.s32Max = std::max(r.s32Max, int32_t(uint32_t(v)));
  }
  return r;
}

inline ValueSet supersetOf(SetGenerator &gen, const ValueSet &s) {
  ValueSet superset = s;
  if (gen.below(3) == 0) {
    ValueSet extra = gen.set(3);
    superset.insert(superset.end(), extra.begin(), extra.end());
  }
  return superset;
}

/// Each of the five components (tnum, u64, s64, u32, s32) taken from the join of its own random
/// superset: still sound for s, but the components disagree the way refined states do (e.g. an
/// s64 range crossing the sign boundary next to a u64 range that does not).
inline ScalarBounds mixedAbstractionOf(SetGenerator &gen, const ValueSet &s) {
  ScalarBounds r;
  r.varOff = joinOf(supersetOf(gen, s)).varOff;
  ScalarBounds u64 = joinOf(supersetOf(gen, s));
  ScalarBounds s64 = joinOf(supersetOf(gen, s));
  ScalarBounds u32 = joinOf(supersetOf(gen, s));
  ScalarBounds s32 = joinOf(supersetOf(gen, s));
  r.umin = u64.umin;
  r.umax = u64.umax;
  r.smin = s64.smin;
  r.smax = s64.smax;
  r.u32Min = u32.u32Min;
  r.u32Max = u32.u32Max;
  r.s32Min = s32.s32Min;
  r.s32Max = s32.s32Max;
  return r;
}

/// An abstraction a verifier could hold for the set: the join of a random superset (or a mixed
/// abstraction), synced.
inline ScalarBounds abstractionOf(SetGenerator &gen, const ValueSet &s, bool synced = true) {
  ScalarBounds r = gen.below(4) == 0 ? mixedAbstractionOf(gen, s) : joinOf(supersetOf(gen, s));
  if (gen.below(8) == 0)
    r.varOff = tnumUnknown(); // ranges only, as after many kernel transfer functions
  if (synced)
    r.sync();
  return r;
}

inline std::string describe(const ScalarBounds &r) {
  char buf[400];
  std::snprintf(buf, sizeof(buf),
                "{var_off=(%#llx; %#llx) s64=[%lld, %lld] u64=[%#llx, %#llx] s32=[%d, %d] "
                "u32=[%#x, %#x]} %s",
                (unsigned long long)r.varOff.value, (unsigned long long)r.varOff.mask,
                (long long)r.smin, (long long)r.smax, (unsigned long long)r.umin,
                (unsigned long long)r.umax, r.s32Min, r.s32Max, r.u32Min, r.u32Max,
                formatScalar(r).c_str());
  return buf;
}

/// The BPF interpreter's result of dst = dst op src (ALU64 or zero-extended ALU32); shift
/// amounts are masked as the interpreter and JITs do.
inline uint64_t concreteAlu(uint8_t op, bool alu64, uint64_t x, uint64_t y) {
  using namespace bpfverify::isa;
  if (alu64) {
    switch (op) {
    case BPF_ADD:
      return x + y;
    case BPF_SUB:
      return x - y;
    case BPF_MUL:
      return x * y;
    case BPF_DIV:
      return y ? x / y : 0;
    case BPF_MOD:
      return y ? x % y : x;
    case BPF_AND:
      return x & y;
    case BPF_OR:
      return x | y;
    case BPF_XOR:
      return x ^ y;
    case BPF_LSH:
      return x << (y & 63);
    case BPF_RSH:
      return x >> (y & 63);
    case BPF_ARSH:
      return uint64_t(int64_t(x) >> (y & 63));
    case BPF_NEG:
      return 0 - x;
    }
    return 0;
  }
  uint32_t a = uint32_t(x), b = uint32_t(y);
  switch (op) {
  case BPF_ADD:
    return uint32_t(a + b);
  case BPF_SUB:
    return uint32_t(a - b);
  case BPF_MUL:
    return uint32_t(a * b);
  case BPF_DIV:
    return b ? a / b : 0;
  case BPF_MOD:
    return b ? a % b : a;
  case BPF_AND:
    return a & b;
  case BPF_OR:
    return a | b;
  case BPF_XOR:
    return a ^ b;
  case BPF_LSH:
    return uint32_t(a << (b & 31));
  case BPF_RSH:
    return a >> (b & 31);
  case BPF_ARSH:
    return uint32_t(int32_t(a) >> (b & 31));
  case BPF_NEG:
    return uint32_t(0 - a);
  }
  return 0;
}

/// Whether "x op y" holds for a conditional jump (op may be the JSET false pseudo-op).
inline bool concreteCond(uint8_t op, bool is32, uint64_t x, uint64_t y) {
  using namespace bpfverify::isa;
  if (is32) {
    x = uint32_t(x);
    y = uint32_t(y);
  }
  int64_t sx = is32 ? int64_t(int32_t(uint32_t(x))) : int64_t(x);
  int64_t sy = is32 ? int64_t(int32_t(uint32_t(y))) : int64_t(y);
  switch (op) {
  case BPF_JEQ:
    return x == y;
  case BPF_JNE:
    return x != y;
  case BPF_JGT:
    return x > y;
  case BPF_JGE:
    return x >= y;
  case BPF_JLT:
    return x < y;
  case BPF_JLE:
    return x <= y;
  case BPF_JSET:
    return (x & y) != 0;
  case BPF_JSGT:
    return sx > sy;
  case BPF_JSGE:
    return sx >= sy;
  case BPF_JSLT:
    return sx < sy;
  case BPF_JSLE:
    return sx <= sy;
  }
  return false;
}

} // namespace bpfverify::domain::testing
