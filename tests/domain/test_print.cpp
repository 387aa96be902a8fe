// Scalars printed as kernel/bpf/log.c (6.18) prints them.

#include "verifier/domain/scalar_print.h"

#include <catch2/catch.hpp>

using namespace bpfverify::domain;

TEST_CASE("constants print as verbose_snum", "[domain][print]") {
  CHECK(formatScalar(ScalarBounds::known(5)) == "5");
  CHECK(formatScalar(ScalarBounds::known(0)) == "0");
  CHECK(formatScalar(ScalarBounds::known(uint64_t(-1))) == "-1");
  CHECK(formatScalar(ScalarBounds::known(32767)) == "32767");
  CHECK(formatScalar(ScalarBounds::known(32768)) == "0x8000");
  CHECK(formatScalar(ScalarBounds::known(uint64_t(-32768))) == "-32768");
  CHECK(formatScalar(ScalarBounds::known(uint64_t(-32769))) == "0xffffffffffff7fff");
  CHECK(formatScalar(ScalarBounds::known(5), true) == "P5");
}

TEST_CASE("tnum_strn and the number helpers", "[domain][print]") {
  CHECK(formatTnum(tnumConst(65535)) == "65535");
  CHECK(formatTnum(tnumConst(65536)) == "0x10000");
  CHECK(formatTnum(Tnum{0, 0xff}) == "(0x0; 0xff)");
  CHECK(formatUnum(0xffff) == "65535");
  CHECK(formatSnum(-5) == "-5");
}

TEST_CASE("print_scalar_ranges omits limits and merges equal bounds", "[domain][print]") {
  CHECK(formatScalar(ScalarBounds::unknown()) == "scalar()");
  CHECK(formatScalar(ScalarBounds::unknown(), true) == "Pscalar()");
  ScalarBounds r;
  r.umin = 0;
  r.umax = 0xff;
  r.sync();
  CHECK(formatScalar(r) == "scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))");
}

TEST_CASE("print_scalar_ranges prints hex s32 bounds unextended and keeps signs apart",
          "[domain][print]") {
  ScalarBounds r;
  r.s32Min = -100000;
  r.s32Max = 100000;
  CHECK(formatScalar(r) == "scalar(smin32=0xfffe7960,smax32=0x186a0)");
  // smin=-1 and umin=U64_MAX have the same bits but never merge.
  ScalarBounds n;
  n.smin = -1;
  n.umin = U64Max;
  CHECK(formatScalar(n) == "scalar(smin=-1,umin=0xffffffffffffffff)");
  // Negative decimal s64 and s32 bounds merge.
  ScalarBounds m;
  m.smin = -2;
  m.s32Min = -2;
  CHECK(formatScalar(m) == "scalar(smin=smin32=-2)");
  std::string out = "R1=";
  const char *sep = "";
  appendScalarRanges(out, m, sep);
  CHECK(out == "R1=smin=smin32=-2");
  CHECK(std::string(sep) == ",");
}
