#include "verifier/domain/scalar_print.h"

#include <cinttypes>
#include <cstdio>

namespace bpfverify::domain {

namespace {

constexpr uint64_t UnumMaxDecimal = 0xffff; // U16_MAX
constexpr int64_t SnumMaxDecimal = 0x7fff;  // S16_MAX
constexpr int64_t SnumMinDecimal = -0x8000; // S16_MIN

// is_unum_decimal / is_snum_decimal
bool isUnumDecimal(uint64_t v) {
  return v <= UnumMaxDecimal;
}
bool isSnumDecimal(int64_t v) {
  return v >= SnumMinDecimal && v <= SnumMaxDecimal;
}

// The kernel's vsnprintf "%#llx": unlike glibc it prefixes zero too ("0x0").
std::string altHex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
  return buf;
}

} // namespace

// verbose_unum
std::string formatUnum(uint64_t value) {
  return isUnumDecimal(value) ? std::to_string(value) : altHex(value);
}

// verbose_snum
std::string formatSnum(int64_t value) {
  return isSnumDecimal(value) ? std::to_string(value) : altHex(uint64_t(value));
}

// tnum_strn
std::string formatTnum(Tnum t) {
  if (t.mask == 0)
    return formatUnum(t.value);
  return "(" + altHex(t.value) + "; " + altHex(t.mask) + ")";
}

// print_scalar_ranges
void appendScalarRanges(std::string &out, const ScalarBounds &reg, const char *&sep) {
  // Hex s32 bounds are printed as their 32-bit pattern, not sign-extended, so that "smin=-2"
  // and "smin32=-2" merge in decimal but 0xfffffffe never poses as a 64-bit value.
  auto s32Val = [](int32_t v) {
    return isSnumDecimal(v) ? uint64_t(int64_t(v)) : uint64_t(uint32_t(v));
  };
  struct MinMax {
    const char *name;
    uint64_t val;
    bool omit;
  } minmaxs[] = {
      {"smin", uint64_t(reg.smin), reg.smin == S64Min},
      {"smax", uint64_t(reg.smax), reg.smax == S64Max},
      {"umin", reg.umin, reg.umin == 0},
      {"umax", reg.umax, reg.umax == U64Max},
      {"smin32", s32Val(reg.s32Min), reg.s32Min == S32Min},
      {"smax32", s32Val(reg.s32Max), reg.s32Max == S32Max},
      {"umin32", reg.u32Min, reg.u32Min == 0},
      {"umax32", reg.u32Max, reg.u32Max == U32Max},
  };
  constexpr int count = sizeof(minmaxs) / sizeof(minmaxs[0]);
  for (int i = 0; i < count; i++) {
    MinMax &m1 = minmaxs[i];
    if (m1.omit)
      continue;
    bool neg1 = m1.name[0] == 's' && int64_t(m1.val) < 0;
    out += sep;
    out += m1.name;
    out += '=';
    sep = ",";
    // Mins merge only with later mins, maxes with later maxes (same parity).
    for (int j = i + 2; j < count; j += 2) {
      MinMax &m2 = minmaxs[j];
      if (m2.omit || m2.val != m1.val)
        continue;
      bool neg2 = m2.name[0] == 's' && int64_t(m2.val) < 0;
      if (neg2 != neg1)
        continue;
      m2.omit = true;
      out += m2.name;
      out += '=';
    }
    out += m1.name[0] == 's' ? formatSnum(int64_t(m1.val)) : formatUnum(m1.val);
  }
}

// print_reg_state, SCALAR_VALUE case without id/ref_obj_id
std::string formatScalar(const ScalarBounds &reg, bool precise) {
  std::string out = precise ? "P" : "";
  if (reg.varOff.isConst())
    return out + formatSnum(int64_t(reg.varOff.value));
  out += "scalar(";
  const char *sep = "";
  appendScalarRanges(out, reg, sep);
  if (!reg.varOff.isUnknown()) {
    out += sep;
    out += "var_off=" + formatTnum(reg.varOff);
  }
  out += ")";
  return out;
}

} // namespace bpfverify::domain
