// Property tests: for random concrete sets and abstractions admitting them, every concrete
// result must lie inside the abstract result (tnum and all four ranges), branch decisions must
// never contradict a concrete pair, and reg_bounds_sync must never drop a value.
// Seeded and reproducible; BPFVERIFY_DOMAIN_SEED overrides the seed, BPFVERIFY_DOMAIN_SCALE
// multiplies the iteration counts.

#include "concrete_sets.h"

#include "lib/isa/insn.h"
#include "verifier/domain/scalar_alu.h"
#include "verifier/domain/scalar_branch.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace bpfverify::domain;
using namespace bpfverify::domain::testing;
using namespace bpfverify::isa;

namespace {

uint64_t seedFor(uint64_t fallback) {
  if (const char *s = std::getenv("BPFVERIFY_DOMAIN_SEED"))
    return std::strtoull(s, nullptr, 0);
  return fallback;
}

int iterations(int base) {
  if (const char *s = std::getenv("BPFVERIFY_DOMAIN_SCALE"))
    return base * std::max(1, std::atoi(s));
  return base;
}

/// Counts checks and keeps the first few failures for the report.
struct Tally {
  Tally(const char *n, uint64_t s) : name(n), seed(s) {}
  const char *name;
  uint64_t seed;
  uint64_t checks = 0;
  uint64_t failures = 0;
  std::string report;

  /// what() builds the failure description only when needed: most checks pass.
  template <typename Describe>
  void check(bool ok, Describe what) {
    checks++;
    if (ok)
      return;
    if (failures++ < 5)
      report += what() + "\n";
  }
  ~Tally() {
    std::printf("[domain properties] %s: %llu checks, %llu failures, seed %#llx\n", name,
                (unsigned long long)checks, (unsigned long long)failures, (unsigned long long)seed);
  }
};

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
  return buf;
}

const char *aluName(uint8_t op) {
  switch (op) {
  case BPF_ADD:
    return "add";
  case BPF_SUB:
    return "sub";
  case BPF_MUL:
    return "mul";
  case BPF_DIV:
    return "div";
  case BPF_MOD:
    return "mod";
  case BPF_AND:
    return "and";
  case BPF_OR:
    return "or";
  case BPF_XOR:
    return "xor";
  case BPF_LSH:
    return "lsh";
  case BPF_RSH:
    return "rsh";
  case BPF_ARSH:
    return "arsh";
  case BPF_NEG:
    return "neg";
  }
  return "?";
}

const char *jmpName(uint8_t op) {
  switch (op) {
  case BPF_JEQ:
    return "jeq";
  case BPF_JNE:
    return "jne";
  case BPF_JGT:
    return "jgt";
  case BPF_JGE:
    return "jge";
  case BPF_JLT:
    return "jlt";
  case BPF_JLE:
    return "jle";
  case BPF_JSET:
    return "jset";
  case BPF_JSGT:
    return "jsgt";
  case BPF_JSGE:
    return "jsge";
  case BPF_JSLT:
    return "jslt";
  case BPF_JSLE:
    return "jsle";
  }
  return "?";
}

} // namespace

TEST_CASE("reg_bounds_sync never excludes a value the input admitted", "[domain][property]") {
  Tally tally{"sync", seedFor(0x5eed0001)};
  SetGenerator gen(tally.seed);
  for (int i = 0; i < iterations(60000); i++) {
    ValueSet s = gen.set(6);
    ScalarBounds raw = abstractionOf(gen, s, false);
    // Loosen single bounds the way transfer functions do (ranges they gave up on).
    switch (gen.below(6)) {
    case 0:
      raw.markUnbounded64();
      break;
    case 1:
      raw.markUnbounded32();
      break;
    case 2:
      raw.smin = S64Min;
      raw.umax = U64Max;
      break;
    case 3:
      raw.s32Max = S32Max;
      raw.u32Min = 0;
      break;
    default:
      break;
    }
    const DomainOptions opts = i % 2 ? DomainOptions::linux618Stable() : DomainOptions::linux618();
    ScalarBounds synced = raw;
    synced.sync(opts);
    ScalarBounds checked = synced;
    auto violation = sanityCheck(checked, "sync");
    tally.check(!violation, [&] {
      return std::string("sync produced an invariant violation: " + violation.value_or("") +
                         "\n  input " + describe(raw));
    });
    for (uint64_t v : s)
      tally.check(synced.contains(v), [&] {
        return std::string("sync dropped " + hex(v) + "\n  input  " + describe(raw) +
                           "\n  output " + describe(synced));
      });
  }
  INFO(tally.report);
  CHECK(tally.failures == 0);
  CHECK(tally.checks > 100000);
}

TEST_CASE("ALU transfer functions contain every concrete result", "[domain][property]") {
  Tally tally{"alu", seedFor(0x5eed0002)};
  SetGenerator gen(tally.seed);
  const uint8_t ops[] = {BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD,  BPF_AND,
                         BPF_OR,  BPF_XOR, BPF_LSH, BPF_RSH, BPF_ARSH, BPF_NEG};
  for (int i = 0; i < iterations(15000); i++) {
    for (uint8_t op : ops) {
      for (bool alu64 : {true, false}) {
        bool shift = op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH;
        ValueSet dstSet = gen.set();
        ValueSet srcSet = shift ? gen.shiftSet(alu64 ? 64 : 32) : gen.set();
        if (op == BPF_NEG)
          srcSet = dstSet;
        ScalarBounds dst = abstractionOf(gen, dstSet);
        ScalarBounds src = op == BPF_NEG ? dst : abstractionOf(gen, srcSet);
        const DomainOptions opts =
            i % 2 ? DomainOptions::linux618Stable() : DomainOptions::linux618();
        std::optional<ScalarBounds> forked;
        ScalarBounds out = adjustScalarMinMaxVals(dst, src, op, alu64, opts, &forked);
        // maybe_fork_scalars: the forked state re-runs the instruction; together they cover.
        std::optional<ScalarBounds> other;
        if (forked)
          other = adjustScalarMinMaxVals(*forked, src, op, alu64, opts);
        ScalarBounds checked = out;
        auto violation = sanityCheck(checked, "alu");
        std::string where = std::string(aluName(op)) + (alu64 ? "64" : "32");
        tally.check(!violation, [&] {
          return std::string(where + ": " + violation.value_or("") + "\n  dst " + describe(dst) +
                             "\n  src " + describe(src));
        });
        for (uint64_t x : dstSet) {
          if (op == BPF_NEG) {
            uint64_t r = concreteAlu(op, alu64, x, 0);
            tally.check(out.contains(r), [&] {
              return std::string(where + " " + hex(x) + " -> " + hex(r) + "\n  dst " +
                                 describe(dst) + "\n  out " + describe(out));
            });
            continue;
          }
          for (uint64_t y : srcSet) {
            uint64_t r = concreteAlu(op, alu64, x, y);
            tally.check(out.contains(r) || (other && other->contains(r)), [&] {
              return std::string(where + " " + hex(x) + ", " + hex(y) + " -> " + hex(r) +
                                 "\n  dst " + describe(dst) + "\n  src " + describe(src) +
                                 "\n  out " + describe(out));
            });
          }
        }
      }
    }
  }
  INFO(tally.report);
  CHECK(tally.failures == 0);
  CHECK(tally.checks > 500000);
}

TEST_CASE("moves, sign extension, truncation and zero-extension contain every concrete result",
          "[domain][property]") {
  Tally tally{"mov", seedFor(0x5eed0003)};
  SetGenerator gen(tally.seed);
  auto sext = [](uint64_t v, int bits) -> uint64_t {
    switch (bits) {
    case 8:
      return uint64_t(int64_t(int8_t(v)));
    case 16:
      return uint64_t(int64_t(int16_t(v)));
    default:
      return uint64_t(int64_t(int32_t(v)));
    }
  };
  for (int i = 0; i < iterations(20000); i++) {
    ValueSet s = gen.set();
    ScalarBounds a = abstractionOf(gen, s);
    const DomainOptions opts = DomainOptions::linux618Stable();
    ScalarBounds mov32 = movReg(a, false, opts);
    ScalarBounds swaps[3][3]; // [bswap64, to_le, to_be][16, 32, 64]
    for (int kind = 0; kind < 3; kind++)
      for (int w = 0; w < 3; w++)
        swaps[kind][w] = byteSwap(a, kind == 0, kind == 2, 16 << w, opts);
    ScalarBounds zext = a;
    zext.zext32To64();
    ScalarBounds sx64[3] = {movSx(a, 8, true), movSx(a, 16, true), movSx(a, 32, true)};
    ScalarBounds sx32[2] = {movSx(a, 8, false), movSx(a, 16, false)};
    ScalarBounds trunc[3] = {a, a, a};
    trunc[0].coerceToSize(1);
    trunc[1].coerceToSize(2);
    trunc[2].coerceToSize(4);
    int32_t imm = int32_t(gen.value());
    for (uint64_t x : s) {
      std::string in = hex(x) + "\n  in " + describe(a);
      tally.check(movReg(a, true).contains(x), [&] { return std::string("mov64 " + in); });
      tally.check(mov32.contains(uint32_t(x)),
                  [&] { return std::string("mov32 " + in + "\n  out " + describe(mov32)); });
      tally.check(zext.contains(uint32_t(x)),
                  [&] { return std::string("zext " + in + "\n  out " + describe(zext)); });
      for (int k = 0; k < 3; k++) {
        int bits = 8 << k;
        tally.check(sx64[k].contains(sext(x, bits)), [&] {
          return std::string("movsx64 s" + std::to_string(bits) + " " + in + "\n  out " +
                             describe(sx64[k]));
        });
        uint64_t mask = (uint64_t{1} << bits) - 1;
        tally.check(trunc[k].contains(x & mask), [&] {
          return std::string("coerce_reg_to_size " + std::to_string(bits) + " " + in + "\n  out " +
                             describe(trunc[k]));
        });
      }
      for (int k = 0; k < 2; k++) {
        int bits = 8 << k;
        uint64_t r = uint32_t(sext(x, bits));
        tally.check(sx32[k].contains(r), [&] {
          return std::string("movsx32 s" + std::to_string(bits) + " " + in + "\n  out " +
                             describe(sx32[k]));
        });
      }
    }
    for (uint64_t x : s) {
      uint64_t want[3][3] = {
          {__builtin_bswap16(uint16_t(x)), __builtin_bswap32(uint32_t(x)), __builtin_bswap64(x)},
          {uint16_t(x), uint32_t(x), x},
          {__builtin_bswap16(uint16_t(x)), __builtin_bswap32(uint32_t(x)), __builtin_bswap64(x)}};
      for (int kind = 0; kind < 3; kind++)
        for (int w = 0; w < 3; w++)
          tally.check(swaps[kind][w].contains(want[kind][w]), [&] {
            return "byte swap kind " + std::to_string(kind) + " bits " + std::to_string(16 << w) +
                   " " + hex(x) + "\n  in " + describe(a) + "\n  out " + describe(swaps[kind][w]);
          });
    }
    tally.check(movImm(imm, true).contains(uint64_t(int64_t(imm))),
                [&] { return std::string("mov64 imm"); });
    tally.check(movImm(imm, false).contains(uint32_t(imm)),
                [&] { return std::string("mov32 imm"); });
  }
  INFO(tally.report);
  CHECK(tally.failures == 0);
  CHECK(tally.checks > 100000);
}

TEST_CASE("branch decisions and refinements are sound on concrete pairs", "[domain][property]") {
  Tally tally{"branch", seedFor(0x5eed0004)};
  SetGenerator gen(tally.seed);
  const uint8_t ops[] = {BPF_JEQ,  BPF_JNE,  BPF_JGT,  BPF_JGE,  BPF_JLT, BPF_JLE,
                         BPF_JSET, BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE};
  for (int i = 0; i < iterations(10000); i++) {
    for (uint8_t op : ops) {
      for (bool is32 : {false, true}) {
        ValueSet dstSet = gen.set();
        ValueSet srcSet;
        if (op == BPF_JSET)
          srcSet = gen.jsetSet();
        else if (gen.below(2) == 0)
          srcSet = {uint64_t(int64_t(int32_t(gen.value())))}; // BPF_K: sign-extended imm
        else
          srcSet = gen.below(4) == 0 ? dstSet : gen.set();
        // Sometimes the register operands share values, so equality is reachable.
        if (gen.below(4) == 0)
          dstSet.push_back(srcSet[gen.below(srcSet.size())]);
        ScalarBounds dst = abstractionOf(gen, dstSet);
        ScalarBounds src = abstractionOf(gen, srcSet);
        BranchTaken taken = isScalarBranchTaken(dst, src, op, is32);
        const DomainOptions opts =
            i % 2 ? DomainOptions::linux618Stable() : DomainOptions::linux618();
        BranchRefinement refined = regSetMinMax(dst, src, op, is32, opts);
        std::string where = std::string(jmpName(op)) + (is32 ? "32" : "64");
        for (uint64_t x : dstSet) {
          for (uint64_t y : srcSet) {
            bool cond = concreteCond(op, is32, x, y);
            auto pair = [&] {
              return where + " " + hex(x) + ", " + hex(y) + (cond ? " (true)" : " (false)") +
                     "\n  dst " + describe(dst) + "\n  src " + describe(src);
            };
            if (taken == BranchTaken::Yes)
              tally.check(cond,
                          [&] { return std::string("is_branch_taken said taken: " + pair()); });
            else if (taken == BranchTaken::No)
              tally.check(!cond,
                          [&] { return std::string("is_branch_taken said not taken: " + pair()); });
            const BranchEdge &edge = cond ? refined.taken : refined.fallthrough;
            tally.check(!edge.infeasible(), [&] {
              return std::string("reachable edge reported infeasible: " + pair() + "\n  " +
                                 (edge.violations.empty() ? "" : edge.violations.front()));
            });
            tally.check(edge.dst.contains(x), [&] {
              return std::string("refined dst excludes: " + pair() + "\n  out " +
                                 describe(edge.dst));
            });
            tally.check(edge.src.contains(y), [&] {
              return std::string("refined src excludes: " + pair() + "\n  out " +
                                 describe(edge.src));
            });
          }
        }
      }
    }
  }
  INFO(tally.report);
  CHECK(tally.failures == 0);
  CHECK(tally.checks > 500000);
}
