#include "verifier/domain/tnum.h"

#include <bit>

namespace bpfverify::domain {

// tnum_range
Tnum tnumRange(uint64_t min, uint64_t max) {
  uint64_t differing = min ^ max;
  int bits = 64 - std::countl_zero(differing); // fls64
  if (bits > 63)
    return tnumUnknown();
  uint64_t delta = (uint64_t{1} << bits) - 1;
  return Tnum{min & ~delta, delta};
}

// tnum_lshift / tnum_rshift: callers keep shift below 64, as the kernel's do.
Tnum tnumLshift(Tnum a, uint8_t shift) {
  return Tnum{a.value << shift, a.mask << shift};
}
Tnum tnumRshift(Tnum a, uint8_t shift) {
  return Tnum{a.value >> shift, a.mask >> shift};
}

// tnum_arshift
Tnum tnumArshift(Tnum a, uint8_t minShift, uint8_t insnBitness) {
  if (insnBitness == 32)
    return Tnum{uint32_t(int32_t(uint32_t(a.value)) >> minShift),
                uint32_t(int32_t(uint32_t(a.mask)) >> minShift)};
  return Tnum{uint64_t(int64_t(a.value) >> minShift), uint64_t(int64_t(a.mask) >> minShift)};
}

// tnum_add
Tnum tnumAdd(Tnum a, Tnum b) {
  uint64_t maskSum = a.mask + b.mask;
  uint64_t valueSum = a.value + b.value;
  uint64_t carries = (maskSum + valueSum) ^ valueSum;
  uint64_t unknown = carries | a.mask | b.mask;
  return Tnum{valueSum & ~unknown, unknown};
}

// tnum_sub
Tnum tnumSub(Tnum a, Tnum b) {
  uint64_t diff = a.value - b.value;
  uint64_t alpha = diff + a.mask;
  uint64_t beta = diff - b.mask;
  uint64_t unknown = (alpha ^ beta) | a.mask | b.mask;
  return Tnum{diff & ~unknown, unknown};
}

// tnum_neg
Tnum tnumNeg(Tnum a) {
  return tnumSub(tnumConst(0), a);
}

// tnum_and
Tnum tnumAnd(Tnum a, Tnum b) {
  uint64_t maybeA = a.value | a.mask;
  uint64_t maybeB = b.value | b.mask;
  uint64_t known = a.value & b.value;
  return Tnum{known, maybeA & maybeB & ~known};
}

// tnum_or
Tnum tnumOr(Tnum a, Tnum b) {
  uint64_t v = a.value | b.value;
  uint64_t unknown = a.mask | b.mask;
  return Tnum{v, unknown & ~v};
}

// tnum_xor
Tnum tnumXor(Tnum a, Tnum b) {
  uint64_t v = a.value ^ b.value;
  uint64_t unknown = a.mask | b.mask;
  return Tnum{v & ~unknown, unknown};
}

// tnum_mul: walk a's bits from the bottom; an unknown bit contributes the union of "add b" and
// "add nothing".
Tnum tnumMul(Tnum a, Tnum b) {
  Tnum acc = tnumConst(0);
  while (a.value || a.mask) {
    if (a.value & 1)
      acc = tnumAdd(acc, b);
    else if (a.mask & 1)
      acc = tnumUnion(acc, tnumAdd(acc, b));
    a = tnumRshift(a, 1);
    b = tnumLshift(b, 1);
  }
  return acc;
}

// tnum_overlap
bool tnumOverlap(Tnum a, Tnum b) {
  uint64_t knownBoth = ~a.mask & ~b.mask;
  return (a.value & knownBoth) == (b.value & knownBoth);
}

// tnum_intersect: where a and b disagree on a known bit, the result says known 1.
Tnum tnumIntersect(Tnum a, Tnum b) {
  uint64_t v = a.value | b.value;
  uint64_t unknown = a.mask & b.mask;
  return Tnum{v & ~unknown, unknown};
}

// tnum_union
Tnum tnumUnion(Tnum a, Tnum b) {
  uint64_t v = a.value & b.value;
  uint64_t unknown = (a.value ^ b.value) | a.mask | b.mask;
  return Tnum{v & ~unknown, unknown};
}

// tnum_cast: size is 1, 2 or 4 in the kernel's callers; 8 would shift by 64, so keep all.
Tnum tnumCast(Tnum a, uint8_t size) {
  if (size >= 8)
    return a;
  uint64_t keep = (uint64_t{1} << (size * 8)) - 1;
  return Tnum{a.value & keep, a.mask & keep};
}

// tnum_is_aligned
bool tnumIsAligned(Tnum a, uint64_t size) {
  if (!size)
    return true;
  return !((a.value | a.mask) & (size - 1));
}

// tnum_in
bool tnumIn(Tnum a, Tnum b) {
  if (b.mask & ~a.mask)
    return false;
  return a.value == (b.value & ~a.mask);
}

// tnum_subreg
Tnum tnumSubreg(Tnum a) {
  return tnumCast(a, 4);
}
// tnum_clear_subreg
Tnum tnumClearSubreg(Tnum a) {
  return tnumLshift(tnumRshift(a, 32), 32);
}
// tnum_with_subreg
Tnum tnumWithSubreg(Tnum reg, Tnum subreg) {
  return tnumOr(tnumClearSubreg(reg), tnumSubreg(subreg));
}
// tnum_const_subreg
Tnum tnumConstSubreg(Tnum a, uint32_t value) {
  return tnumWithSubreg(a, tnumConst(value));
}

// tnum_step: every member is value + s for a submask s of mask, so find the smallest submask
// above d = z - value by incrementing d "within the mask": set every non-mask bit (and every bit
// below d's highest non-mask 1) so the +1 carries through them, then keep the mask bits.
uint64_t tnumStep(Tnum t, uint64_t z) {
  uint64_t tmax = t.value | t.mask;
  if (z >= tmax)
    return tmax;
  if (z < t.value)
    return t.value;
  uint64_t d = z - t.value;
  int bits = 64 - std::countl_zero(d & ~t.mask); // fls64
  uint64_t carryMask = bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  uint64_t filled = d | carryMask | ~t.mask;
  return t.value | ((filled + 1) & t.mask);
}

// tnum_bswap16 / tnum_bswap32 / tnum_bswap64
Tnum tnumBswap16(Tnum a) {
  return Tnum{__builtin_bswap16(uint16_t(a.value)), __builtin_bswap16(uint16_t(a.mask))};
}
Tnum tnumBswap32(Tnum a) {
  return Tnum{__builtin_bswap32(uint32_t(a.value)), __builtin_bswap32(uint32_t(a.mask))};
}
Tnum tnumBswap64(Tnum a) {
  return Tnum{__builtin_bswap64(a.value), __builtin_bswap64(a.mask)};
}

} // namespace bpfverify::domain
