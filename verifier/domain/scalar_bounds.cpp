#include "verifier/domain/scalar_bounds.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace bpfverify::domain {

// ___mark_reg_known
ScalarBounds ScalarBounds::known(uint64_t value) {
  ScalarBounds r;
  r.varOff = tnumConst(value);
  r.smin = r.smax = int64_t(value);
  r.umin = r.umax = value;
  r.s32Min = r.s32Max = int32_t(uint32_t(value));
  r.u32Min = r.u32Max = uint32_t(value);
  return r;
}

bool ScalarBounds::contains(uint64_t v) const {
  int64_t s = int64_t(v);
  uint32_t v32 = uint32_t(v);
  int32_t s32 = int32_t(v32);
  return varOff.contains(v) && umin <= v && v <= umax && smin <= s && s <= smax && u32Min <= v32 &&
         v32 <= u32Max && s32Min <= s32 && s32 <= s32Max;
}

// __mark_reg64_unbounded
void ScalarBounds::markUnbounded64() {
  smin = S64Min;
  smax = S64Max;
  umin = 0;
  umax = U64Max;
}

// __mark_reg32_unbounded
void ScalarBounds::markUnbounded32() {
  s32Min = S32Min;
  s32Max = S32Max;
  u32Min = 0;
  u32Max = U32Max;
}

// __mark_reg32_known
void ScalarBounds::markKnown32(uint32_t value) {
  varOff = tnumConstSubreg(varOff, value);
  s32Min = s32Max = int32_t(value);
  u32Min = u32Max = value;
}

// __update_reg32_bounds
void ScalarBounds::updateBounds32() {
  Tnum var32 = tnumSubreg(varOff);
  // The smallest signed value sets the sign bit if it may be set and leaves other unknowns clear.
  s32Min = std::max(s32Min, int32_t(uint32_t(var32.value | (var32.mask & 0x80000000u))));
  s32Max = std::min(s32Max, int32_t(uint32_t(var32.value | (var32.mask & 0x7fffffffu))));
  u32Min = std::max(u32Min, uint32_t(var32.value));
  u32Max = std::min(u32Max, uint32_t(var32.value | var32.mask));
}

// __update_reg64_bounds
void ScalarBounds::updateBounds64(const DomainOptions &opts) {
  constexpr uint64_t signBit = uint64_t{1} << 63;
  smin = std::max(smin, int64_t(varOff.value | (varOff.mask & signBit)));
  smax = std::min(smax, int64_t(varOff.value | (varOff.mask & ~signBit)));
  umin = std::max(umin, varOff.value);
  umax = std::min(umax, varOff.value | varOff.mask);
  if (!opts.tnumStepSingleValue)
    return;
  // 6.18.y: when the u64 range and the tnum share a single value, the register is that constant.
  uint64_t next = tnumStep(varOff, umin);
  bool uminInTnum = varOff.contains(umin);
  uint64_t tmax = varOff.value | varOff.mask;
  if (uminInTnum && next > umax)
    *this = known(umin);
  else if (!uminInTnum && next == tmax)
    *this = known(tmax);
  else if (!uminInTnum && next <= umax && tnumStep(varOff, next) > umax)
    *this = known(next);
}

// __reg32_deduce_bounds
void ScalarBounds::deduceBounds32(const DomainOptions &opts) {
  // Upper 32 bits constant across the u64 range: the low halves form a range of their own.
  if ((umin >> 32) == (umax >> 32)) {
    u32Min = std::max(u32Min, uint32_t(umin));
    u32Max = std::min(u32Max, uint32_t(umax));
    if (int32_t(umin) <= int32_t(umax)) {
      s32Min = std::max(s32Min, int32_t(umin));
      s32Max = std::min(s32Max, int32_t(umax));
    }
  }
  if ((smin >> 32) == (smax >> 32)) {
    if (uint32_t(smin) <= uint32_t(smax)) {
      u32Min = std::max(u32Min, uint32_t(smin));
      u32Max = std::min(u32Max, uint32_t(smax));
    }
    if (int32_t(smin) <= int32_t(smax)) {
      s32Min = std::max(s32Min, int32_t(smin));
      s32Max = std::min(s32Max, int32_t(smax));
    }
  }
  // Upper halves are two consecutive numbers (mod 2^32) and the low halves cross from negative
  // to non-negative: the low halves still form one s32 range.
  if (uint32_t(uint32_t(umin >> 32) + 1) == uint32_t(umax >> 32) && int32_t(umin) < 0 &&
      int32_t(umax) >= 0) {
    s32Min = std::max(s32Min, int32_t(umin));
    s32Max = std::min(s32Max, int32_t(umax));
  }
  if (uint32_t(uint32_t(smin >> 32) + 1) == uint32_t(smax >> 32) && int32_t(smin) < 0 &&
      int32_t(smax) >= 0) {
    s32Min = std::max(s32Min, int32_t(smin));
    s32Max = std::min(s32Max, int32_t(smax));
  }
  if (int32_t(u32Min) <= int32_t(u32Max)) {
    s32Min = std::max(s32Min, int32_t(u32Min));
    s32Max = std::min(s32Max, int32_t(u32Max));
  }
  if (uint32_t(s32Min) <= uint32_t(s32Max)) {
    u32Min = std::max(uint32_t(s32Min), u32Min);
    u32Max = std::min(uint32_t(s32Max), u32Max);
  } else if (opts.reg32CrossSignDeduction) {
    // 6.18.y: the 32-bit twin of __reg64_deduce_bounds' wrapped-s64 case.
    if (u32Max < uint32_t(s32Min)) {
      s32Min = int32_t(u32Min);
      u32Max = std::min(u32Max, uint32_t(s32Max));
    } else if (uint32_t(s32Max) < u32Min) {
      s32Max = int32_t(u32Max);
      u32Min = std::max(u32Min, uint32_t(s32Min));
    }
  }
}

// __reg64_deduce_bounds
void ScalarBounds::deduceBounds64() {
  if (int64_t(umin) <= int64_t(umax)) {
    smin = std::max(smin, int64_t(umin));
    smax = std::min(smax, int64_t(umax));
  }
  if (uint64_t(smin) <= uint64_t(smax)) {
    umin = std::max(uint64_t(smin), umin);
    umax = std::min(uint64_t(smax), umax);
  } else {
    // The s64 range wraps the u64 domain's ends; if the u64 range meets only one of its two
    // pieces, both ranges shrink to that piece.
    if (umax < uint64_t(smin)) {
      smin = int64_t(umin);
      umax = std::min(umax, uint64_t(smax));
    } else if (uint64_t(smax) < umin) {
      smax = int64_t(umax);
      umin = std::max(umin, uint64_t(smin));
    }
  }
}

// __reg_deduce_mixed_bounds
void ScalarBounds::deduceMixedBounds() {
  constexpr uint64_t high = ~uint64_t{0xffffffff};
  uint64_t newUmin = (umin & high) | u32Min;
  uint64_t newUmax = (umax & high) | u32Max;
  umin = std::max(umin, newUmin);
  umax = std::min(umax, newUmax);
  int64_t newSmin = int64_t((uint64_t(smin) & high) | u32Min);
  int64_t newSmax = int64_t((uint64_t(smax) & high) | u32Max);
  smin = std::max(smin, newSmin);
  smax = std::min(smax, newSmax);

  // After a sign-extending load: an s64 range within [S32_MIN, S32_MAX] whose low half is known
  // non-negative cannot have all-ones upper bits.
  if (s32Min >= 0 && smin >= S32Min && smax <= S32Max) {
    smin = s32Min;
    smax = s32Max;
    umin = uint64_t(int64_t(s32Min));
    umax = uint64_t(int64_t(s32Max));
    varOff = tnumIntersect(varOff, tnumRange(uint64_t(smin), uint64_t(smax)));
  }
}

// __reg_bound_offset
void ScalarBounds::boundOffset() {
  Tnum var64 = tnumIntersect(varOff, tnumRange(umin, umax));
  Tnum var32 = tnumIntersect(tnumSubreg(var64), tnumRange(u32Min, u32Max));
  varOff = tnumOr(tnumClearSubreg(var64), var32);
}

// reg_bounds_sync
void ScalarBounds::sync(const DomainOptions &opts) {
  updateBounds(opts);
  deduceBounds(opts);
  deduceBounds(opts);
  deduceBounds(opts);
  boundOffset();
  updateBounds(opts);
}

// __reg_assign_32_into_64
void ScalarBounds::assign32Into64() {
  umin = u32Min;
  umax = u32Max;
  // __reg32_bound_s64: only non-negative s32 bounds carry over to s64.
  if (s32Min >= 0 && s32Max >= 0) {
    smin = s32Min;
    smax = s32Max;
  } else {
    smin = 0;
    smax = U32Max;
  }
}

// zext_32_to_64
void ScalarBounds::zext32To64() {
  varOff = tnumSubreg(varOff);
  assign32Into64();
}

// coerce_reg_to_size
void ScalarBounds::coerceToSize(int size, const DomainOptions &opts) {
  varOff = tnumCast(varOff, uint8_t(size));
  uint64_t mask = (uint64_t{1} << (size * 8)) - 1;
  if ((umin & ~mask) == (umax & ~mask)) {
    umin &= mask;
    umax &= mask;
  } else {
    umin = 0;
    umax = mask;
  }
  smin = int64_t(umin);
  smax = int64_t(umax);
  // Below 32 bits the subregister was truncated too.
  if (size < 4)
    markUnbounded32();
  sync(opts);
}

namespace {

int64_t signExtend(uint64_t v, int size) {
  switch (size) {
  case 1:
    return int8_t(v);
  case 2:
    return int16_t(v);
  default:
    return int32_t(v);
  }
}

// set_sext64_default_val
void setSext64DefaultVal(ScalarBounds &r, int size) {
  if (size == 1) {
    r.smin = r.s32Min = INT8_MIN;
    r.smax = r.s32Max = INT8_MAX;
  } else if (size == 2) {
    r.smin = r.s32Min = INT16_MIN;
    r.smax = r.s32Max = INT16_MAX;
  } else {
    r.smin = r.s32Min = S32Min;
    r.smax = r.s32Max = S32Max;
  }
  r.umin = r.u32Min = 0;
  r.umax = U64Max;
  r.u32Max = U32Max;
  r.varOff = tnumUnknown();
}

// set_sext32_default_val
void setSext32DefaultVal(ScalarBounds &r, int size) {
  if (size == 1) {
    r.s32Min = INT8_MIN;
    r.s32Max = INT8_MAX;
  } else {
    r.s32Min = INT16_MIN;
    r.s32Max = INT16_MAX;
  }
  r.u32Min = 0;
  r.u32Max = U32Max;
  r.varOff = tnumSubreg(tnumUnknown());
}

} // namespace

// coerce_reg_to_size_sx
void ScalarBounds::coerceToSizeSx(int size) {
  if (varOff.isConst()) {
    uint64_t v = uint64_t(signExtend(varOff.value, size));
    varOff = tnumConst(v);
    smin = smax = int64_t(v);
    umin = umax = v;
    s32Min = s32Max = int32_t(uint32_t(v));
    u32Min = u32Max = uint32_t(v);
    return;
  }
  unsigned bits = unsigned(size) * 8;
  uint64_t topSmax = (uint64_t(smax) >> bits) << bits;
  uint64_t topSmin = (uint64_t(smin) >> bits) << bits;
  if (topSmax == topSmin) {
    int64_t initMax = signExtend(uint64_t(smax), size);
    int64_t initMin = signExtend(uint64_t(smin), size);
    int64_t newMax = std::max(initMax, initMin);
    int64_t newMin = std::min(initMax, initMin);
    if ((newMax >= 0) == (newMin >= 0)) {
      smin = newMin;
      s32Min = int32_t(uint32_t(uint64_t(newMin)));
      smax = newMax;
      s32Max = int32_t(uint32_t(uint64_t(newMax)));
      umin = uint64_t(newMin);
      u32Min = uint32_t(umin);
      umax = uint64_t(newMax);
      u32Max = uint32_t(umax);
      varOff = tnumRange(uint64_t(newMin), uint64_t(newMax));
      return;
    }
  }
  setSext64DefaultVal(*this, size);
}

// coerce_subreg_to_size_sx
void ScalarBounds::coerceSubregToSizeSx(int size) {
  if (varOff.isConst()) {
    // The kernel sign-extends into the whole 64-bit tnum here; zext_32_to_64 follows.
    int32_t v = int32_t(signExtend(uint32_t(varOff.value), size));
    varOff = tnumConst(uint64_t(int64_t(v)));
    s32Min = s32Max = v;
    u32Min = u32Max = uint32_t(v);
    return;
  }
  unsigned bits = unsigned(size) * 8;
  uint32_t topSmax = (uint32_t(s32Max) >> bits) << bits;
  uint32_t topSmin = (uint32_t(s32Min) >> bits) << bits;
  if (topSmax == topSmin) {
    int32_t initMax = int32_t(signExtend(uint32_t(s32Max), size));
    int32_t initMin = int32_t(signExtend(uint32_t(s32Min), size));
    int32_t newMax = std::max(initMax, initMin);
    int32_t newMin = std::min(initMax, initMin);
    if ((newMin >= 0) == (newMax >= 0)) {
      s32Min = newMin;
      s32Max = newMax;
      u32Min = uint32_t(newMin);
      u32Max = uint32_t(newMax);
      varOff = tnumSubreg(tnumRange(uint64_t(int64_t(newMin)), uint64_t(int64_t(newMax))));
      return;
    }
  }
  setSext32DefaultVal(*this, size);
}

namespace {
// The kernel's vsnprintf "%#llx": unlike glibc it prefixes zero too ("0x0").
std::string altHex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
  return buf;
}
} // namespace

// reg_bounds_sanity_check
std::optional<std::string> sanityCheck(ScalarBounds &reg, const char *ctx) {
  const char *msg = nullptr;
  if (reg.umin > reg.umax || reg.smin > reg.smax || reg.u32Min > reg.u32Max ||
      reg.s32Min > reg.s32Max) {
    msg = "range bounds violation";
  } else if (reg.varOff.isConst()) {
    uint64_t u = reg.varOff.value;
    if (reg.umin != u || reg.umax != u || reg.smin != int64_t(u) || reg.smax != int64_t(u))
      msg = "const tnum out of sync with range bounds";
  }
  if (!msg && tnumSubregIsConst(reg.varOff)) {
    uint32_t u = uint32_t(reg.varOff.value);
    if (reg.u32Min != u || reg.u32Max != u || reg.s32Min != int32_t(u) || reg.s32Max != int32_t(u))
      msg = "const subreg tnum out of sync with range bounds";
  }
  if (!msg)
    return std::nullopt;
  std::string text =
      std::string("REG INVARIANTS VIOLATION (") + ctx + "): " + msg + " u64=[" + altHex(reg.umin) +
      ", " + altHex(reg.umax) + "] s64=[" + altHex(uint64_t(reg.smin)) + ", " +
      altHex(uint64_t(reg.smax)) + "] u32=[" + altHex(reg.u32Min) + ", " + altHex(reg.u32Max) +
      "] s32=[" + altHex(uint32_t(reg.s32Min)) + ", " + altHex(uint32_t(reg.s32Max)) +
      "] var_off=(" + altHex(reg.varOff.value) + ", " + altHex(reg.varOff.mask) + ")";
  reg.markUnbounded();
  return text;
}

} // namespace bpfverify::domain
