#pragma once
// Scalars in the notation of the Linux 6.18 verifier log (kernel/bpf/log.c): "5", "-1",
// "scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))".

#include "verifier/domain/scalar_bounds.h"

#include <cstdint>
#include <string>

namespace bpfverify::domain {

/// verbose_unum: decimal up to U16_MAX, "%#llx" above.
std::string formatUnum(uint64_t value);
/// verbose_snum: decimal within [S16_MIN, S16_MAX], else the 64-bit pattern as "%#llx".
std::string formatSnum(int64_t value);
/// tnum_strn: a constant as verbose_unum would print it, else "(%#llx; %#llx)".
std::string formatTnum(Tnum t);
/// print_scalar_ranges: appends "<sep>name=value" for every bound not at its type's limit,
/// merging bounds of equal value and sign into "a=b=value"; sep becomes "," after the first.
void appendScalarRanges(std::string &out, const ScalarBounds &reg, const char *&sep);
/// print_reg_state for a SCALAR_VALUE without id: "[P]<const>" or
/// "[P]scalar(<ranges>[,var_off=..])".
std::string formatScalar(const ScalarBounds &reg, bool precise = false);

} // namespace bpfverify::domain
