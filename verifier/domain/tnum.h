#pragma once
// Tracked numbers (tnums): per-bit known-0 / known-1 / unknown knowledge of a 64-bit value, with
// the arithmetic of Linux 6.18 kernel/bpf/tnum.c.

#include <cstdint>

namespace bpfverify::domain {

/// struct tnum: a bit is unknown where mask is 1; where mask is 0 the bit equals value's bit.
/// Invariant of every well-formed tnum: (value & mask) == 0.
struct Tnum {
  uint64_t value = 0;
  uint64_t mask = 0;

  friend bool operator==(const Tnum &, const Tnum &) = default;

  /// tnum_is_const
  bool isConst() const { return mask == 0; }
  /// tnum_equals_const
  bool equalsConst(uint64_t v) const { return isConst() && value == v; }
  /// tnum_is_unknown
  bool isUnknown() const { return ~mask == 0; }
  /// Whether the concrete value v is one of the values this tnum stands for.
  bool contains(uint64_t v) const { return (v & ~mask) == value; }
};

/// tnum_const
inline constexpr Tnum tnumConst(uint64_t value) {
  return Tnum{value, 0};
}
/// tnum_unknown
inline constexpr Tnum tnumUnknown() {
  return Tnum{0, ~uint64_t{0}};
}

Tnum tnumRange(uint64_t min, uint64_t max); ///< tnum_range
Tnum tnumLshift(Tnum a, uint8_t shift);     ///< tnum_lshift
Tnum tnumRshift(Tnum a, uint8_t shift);     ///< tnum_rshift
/// tnum_arshift: insnBitness is 32 or 64.
Tnum tnumArshift(Tnum a, uint8_t minShift, uint8_t insnBitness);
Tnum tnumAdd(Tnum a, Tnum b);              ///< tnum_add
Tnum tnumSub(Tnum a, Tnum b);              ///< tnum_sub
Tnum tnumNeg(Tnum a);                      ///< tnum_neg
Tnum tnumAnd(Tnum a, Tnum b);              ///< tnum_and
Tnum tnumOr(Tnum a, Tnum b);               ///< tnum_or
Tnum tnumXor(Tnum a, Tnum b);              ///< tnum_xor
Tnum tnumMul(Tnum a, Tnum b);              ///< tnum_mul (6.18: long multiplication with tnum_union)
bool tnumOverlap(Tnum a, Tnum b);          ///< tnum_overlap: the known bits of both agree
Tnum tnumIntersect(Tnum a, Tnum b);        ///< tnum_intersect
Tnum tnumUnion(Tnum a, Tnum b);            ///< tnum_union
Tnum tnumCast(Tnum a, uint8_t size);       ///< tnum_cast: keep the low size bytes
bool tnumIsAligned(Tnum a, uint64_t size); ///< tnum_is_aligned
bool tnumIn(Tnum a, Tnum b);               ///< tnum_in: b is a subset of a
Tnum tnumSubreg(Tnum a);                   ///< tnum_subreg
Tnum tnumClearSubreg(Tnum a);              ///< tnum_clear_subreg
Tnum tnumWithSubreg(Tnum reg, Tnum subreg);   ///< tnum_with_subreg
Tnum tnumConstSubreg(Tnum a, uint32_t value); ///< tnum_const_subreg
/// tnum_step (6.18.y): the smallest member of t greater than z; t's largest member when z is
/// at or above it, t's smallest when z is below it.
uint64_t tnumStep(Tnum t, uint64_t z);
Tnum tnumBswap16(Tnum a); ///< tnum_bswap16 (6.18.y): swap the low two bytes, clear the rest
Tnum tnumBswap32(Tnum a); ///< tnum_bswap32 (6.18.y)
Tnum tnumBswap64(Tnum a); ///< tnum_bswap64 (6.18.y)
/// tnum_subreg_is_const
inline bool tnumSubregIsConst(Tnum a) {
  return tnumSubreg(a).mask == 0;
}

} // namespace bpfverify::domain
