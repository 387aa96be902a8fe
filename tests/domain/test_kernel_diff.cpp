// Differential check against the running kernel's verifier (hidden: run with
// `test_domain "[kernel]"` as root on Linux 6.18). Random straight-line programs on two scalars
// r6 and r7 are loaded with log_level 2; every register state the kernel prints for them must be
// the one the domain computes, printed the same way. Each jump target is its own "r0 = 0; exit"
// stub, so an undecided jump's taken-edge state is printed in its "from N to M:" line, and a jump
// the domain decides must reach its stub exactly when the domain says "taken".

#include "concrete_sets.h"

#include "verifier/domain/scalar_alu.h"
#include "verifier/domain/scalar_branch.h"

#include <catch2/catch.hpp>

#include <linux/bpf.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace bpfverify::domain;
using namespace bpfverify::domain::testing;

namespace {

bpf_insn makeInsn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm) {
  bpf_insn insn{};
  insn.code = code;
  insn.dst_reg = dst;
  insn.src_reg = src;
  insn.off = off;
  insn.imm = imm;
  return insn;
}

struct Expected {
  std::optional<ScalarBounds> r6, r7;
};

/// One generated program with the states the domain predicts.
struct Program {
  std::vector<bpf_insn> insns;
  std::map<int, Expected> afterInsn; ///< main-path insn index -> state printed on its line
  std::map<int, Expected> takenEdge; ///< jump insn index -> state at its stub ("from" line)
  std::vector<std::pair<int, int>> jumpFixups; ///< (jump insn index, stub number)
  std::vector<std::string> violations;         ///< REG INVARIANTS VIOLATION messages expected
  struct Decided {
    int jump;
    int stub; ///< stub number, then (after layout) its first insn index
    bool taken;
  };
  std::vector<Decided> decided; ///< jumps whose outcome the domain knows
  int mainExit = 0;             ///< index of the main path's "r0 = 0"
};

int32_t randomImm(SetGenerator &gen) {
  switch (gen.below(4)) {
  case 0:
    return int32_t(gen.below(64)) - 16;
  case 1:
    return int32_t(uint32_t(gen.value()));
  case 2:
    return int32_t(1u << gen.below(32));
  default:
    return int32_t(gen.any());
  }
}

/// Builds a program; the domain's model of r6/r7 follows along.
Program generate(SetGenerator &gen, int length, const DomainOptions &opts) {
  Program p;
  ScalarBounds reg[2];
  auto emit = [&](bpf_insn insn) { p.insns.push_back(insn); };
  // r6 = *(u32 *)(r1 + 0) (skb->len), r7 = *(u32 *)(r1 + 8) (skb->mark): check_ctx_access marks
  // them unknown, then check_mem_access's coerce_reg_to_size(4).
  for (int r = 0; r < 2; r++) {
    emit(makeInsn(BPF_LDX | BPF_MEM | BPF_W, uint8_t(6 + r), 1, int16_t(r * 8), 0));
    reg[r] = ScalarBounds::unknown();
    reg[r].coerceToSize(4, opts);
    p.afterInsn[int(p.insns.size()) - 1] =
        r == 0 ? Expected{reg[0], std::nullopt} : Expected{std::nullopt, reg[1]};
  }
  int stubs = 0;
  bool forkedOnce = false;
  while (int(p.insns.size()) < length) {
    int d = int(gen.below(2));
    int s = 1 - d;
    uint8_t dstNo = uint8_t(6 + d), srcNo = uint8_t(6 + s);
    bool wide = gen.below(2) == 0;
    bool useX = gen.below(3) == 0;
    Expected after;
    if (gen.below(4) == 0) {
      // Conditional jump.
      static const uint8_t jops[] = {BPF_JEQ,  BPF_JNE,  BPF_JGT,  BPF_JGE,  BPF_JLT, BPF_JLE,
                                     BPF_JSET, BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE};
      uint8_t op = jops[gen.below(11)];
      ScalarBounds src;
      int32_t imm = 0;
      if (useX) {
        src = reg[s];
      } else {
        imm = randomImm(gen);
        src = ScalarBounds::known(uint64_t(int64_t(imm)));
      }
      BranchTaken decision = isScalarBranchTaken(reg[d], src, op, !wide);
      if (decision != BranchTaken::Unknown) {
        // A forked state (maybe_fork_scalars) re-runs later jumps with other values, so only
        // check decisions on programs that never forked.
        if (forkedOnce || gen.below(2))
          continue;
        uint8_t code = uint8_t((wide ? BPF_JMP : BPF_JMP32) | op | (useX ? BPF_X : BPF_K));
        emit(makeInsn(code, dstNo, useX ? srcNo : 0, 0, imm));
        int at = int(p.insns.size()) - 1;
        p.jumpFixups.push_back({at, stubs});
        p.decided.push_back({at, stubs++, decision == BranchTaken::Yes});
        // No refinement on a decided jump; the registers are printed unchanged.
        (d == 0 ? after.r6 : after.r7) = reg[d];
        if (useX)
          (s == 0 ? after.r6 : after.r7) = reg[s];
        p.afterInsn[at] = after;
        if (decision == BranchTaken::Yes)
          break; // the rest of the main path is dead
        continue;
      }
      BranchRefinement refined = regSetMinMax(reg[d], src, op, !wide, opts);
      p.violations.insert(p.violations.end(), refined.messages.begin(), refined.messages.end());
      uint8_t code = uint8_t((wide ? BPF_JMP : BPF_JMP32) | op | (useX ? BPF_X : BPF_K));
      emit(makeInsn(code, dstNo, useX ? srcNo : 0, 0, imm));
      int at = int(p.insns.size()) - 1;
      p.jumpFixups.push_back({at, stubs++});
      Expected taken;
      (d == 0 ? taken.r6 : taken.r7) = refined.taken.dst;
      reg[d] = refined.fallthrough.dst;
      (d == 0 ? after.r6 : after.r7) = reg[d];
      if (useX) {
        (s == 0 ? taken.r6 : taken.r7) = refined.taken.src;
        reg[s] = refined.fallthrough.src;
        (s == 0 ? after.r6 : after.r7) = reg[s];
      }
      // The "from" line prints every register.
      taken.r6 = taken.r6 ? taken.r6 : reg[0];
      taken.r7 = taken.r7 ? taken.r7 : reg[1];
      if (d == 0 && !useX)
        taken.r7 = reg[1];
      if (d == 1 && !useX)
        taken.r6 = reg[0];
      p.takenEdge[at] = taken;
      p.afterInsn[at] = after;
      continue;
    }
    static const uint8_t aops[] = {BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,  BPF_AND,  BPF_LSH,
                                   BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END};
    uint8_t op = aops[gen.below(14)];
    if (op == BPF_END && std::getenv("BPFVERIFY_DOMAIN_NO_END"))
      continue;
    uint8_t cls = wide ? BPF_ALU64 : BPF_ALU;
    unsigned width = wide ? 64 : 32;
    if (op == BPF_NEG) {
      emit(makeInsn(cls | BPF_NEG | BPF_K, dstNo, 0, 0, 0));
      reg[d] = adjustScalarMinMaxVals(reg[d], reg[d], BPF_NEG, wide, opts);
    } else if (op == BPF_END) {
      static const int32_t sizes[] = {16, 32, 64};
      uint8_t srcBit = wide ? BPF_TO_LE : (gen.below(2) ? BPF_TO_BE : BPF_TO_LE);
      int32_t bits = sizes[gen.below(3)];
      emit(makeInsn(cls | BPF_END | srcBit, dstNo, 0, 0, bits));
      reg[d] = byteSwap(reg[d], wide, srcBit == BPF_TO_BE, bits, opts);
    } else if (op == BPF_MOV) {
      if (!useX) {
        int32_t imm = randomImm(gen);
        emit(makeInsn(cls | BPF_MOV | BPF_K, dstNo, 0, 0, imm));
        reg[d] = movImm(imm, wide);
      } else {
        int offs64[] = {0, 8, 16, 32}, offs32[] = {0, 8, 16};
        int off = wide ? offs64[gen.below(4)] : offs32[gen.below(3)];
        emit(makeInsn(cls | BPF_MOV | BPF_X, dstNo, srcNo, int16_t(off), 0));
        reg[d] = off ? movSx(reg[s], off, wide, opts) : movReg(reg[s], wide, opts);
        // The copy shares an id with its source; "dst |= 0" clears the destination's id so no
        // two registers are linked at a later branch (sync_linked_regs is not domain work).
        (d == 0 ? after.r6 : after.r7) = reg[d];
        p.afterInsn[int(p.insns.size()) - 1] = after;
        after = Expected{};
        emit(makeInsn(BPF_ALU64 | BPF_OR | BPF_K, dstNo, 0, 0, 0));
        std::optional<ScalarBounds> forked;
        reg[d] =
            adjustScalarMinMaxVals(reg[d], ScalarBounds::known(0), BPF_OR, true, opts, &forked);
        forkedOnce = forkedOnce || forked.has_value();
      }
    } else {
      ScalarBounds src;
      if (useX) {
        src = reg[s];
        emit(makeInsn(cls | op | BPF_X, dstNo, srcNo, 0, 0));
      } else {
        int32_t imm = randomImm(gen);
        if (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH)
          imm = int32_t(gen.below(width));
        if ((op == BPF_DIV || op == BPF_MOD) && imm == 0)
          imm = 3;
        src = ScalarBounds::known(uint64_t(int64_t(imm)));
        emit(makeInsn(cls | op | BPF_K, dstNo, 0, 0, imm));
      }
      std::optional<ScalarBounds> forked;
      reg[d] = adjustScalarMinMaxVals(reg[d], src, op, wide, opts, &forked);
      forkedOnce = forkedOnce || forked.has_value();
      if (useX)
        (s == 0 ? after.r6 : after.r7) = reg[s];
    }
    (d == 0 ? after.r6 : after.r7) = reg[d];
    p.afterInsn[int(p.insns.size()) - 1] = after;
  }
  // Main exit, then one stub per jump.
  p.mainExit = int(p.insns.size());
  emit(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0));
  emit(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  int stubBase = int(p.insns.size());
  for (int i = 0; i < stubs; i++) {
    emit(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0));
    emit(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  }
  for (auto [at, stub] : p.jumpFixups)
    p.insns[at].off = int16_t(stubBase + 2 * stub - at - 1);
  for (auto &d : p.decided)
    d.stub = stubBase + 2 * d.stub;
  return p;
}

std::string loadLog(const Program &p, int &error) {
  std::vector<char> log(1 << 20);
  bpf_attr attr;
  std::memset(&attr, 0, sizeof(attr));
  attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
  attr.insns = uint64_t(uintptr_t(p.insns.data()));
  attr.insn_cnt = uint32_t(p.insns.size());
  attr.license = uint64_t(uintptr_t("GPL"));
  attr.log_level = 2;
  attr.log_buf = uint64_t(uintptr_t(log.data()));
  attr.log_size = uint32_t(log.size());
  long fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  error = fd < 0 ? errno : 0;
  if (fd >= 0)
    close(int(fd));
  return std::string(log.data());
}

/// " R6=scalar(...) R7=5" -> {6: "scalar(...)", 7: "5"}; ids are dropped (not domain state).
// Digits at text[pos...]: their value, and pos moved past them; -1 when there are none.
long readNumber(const std::string &text, size_t &pos) {
  size_t start = pos;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
    pos++;
  return pos == start ? -1 : std::stol(text.substr(start, pos - start));
}

/// Drops "id=N," / "id=N+K," (and a trailing one before ')').
std::string stripIds(std::string value) {
  size_t at;
  while ((at = value.find("id=")) != std::string::npos) {
    size_t pos = at + 3;
    readNumber(value, pos);
    if (pos < value.size() && (value[pos] == '+' || value[pos] == '-')) {
      pos++;
      readNumber(value, pos);
    }
    if (pos < value.size() && value[pos] == ',')
      pos++;
    value.erase(at, pos - at);
  }
  if (value.size() > 2 && value.substr(value.size() - 2) == ",)")
    value.replace(value.size() - 2, 2, ")");
  return value;
}

std::map<int, std::string> parseRegs(const std::string &text) {
  std::map<int, std::string> regs;
  struct Start {
    int regno;
    size_t begin; ///< the space before "R"
    size_t value; ///< first character after '='
  };
  std::vector<Start> starts;
  for (size_t at = text.find(" R"); at != std::string::npos; at = text.find(" R", at + 1)) {
    size_t pos = at + 2;
    long regno = readNumber(text, pos);
    if (regno >= 0 && pos < text.size() && text[pos] == '=')
      starts.push_back({int(regno), at, pos + 1});
  }
  for (size_t i = 0; i < starts.size(); i++) {
    size_t end = i + 1 < starts.size() ? starts[i + 1].begin : text.size();
    std::string value = text.substr(starts[i].value, end - starts[i].value);
    // Stack slots follow the registers: " fp-8=..." ends the last register's value.
    if (size_t fp = value.find(" fp"); fp != std::string::npos)
      value.resize(fp);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\n'))
      value.pop_back();
    value = stripIds(value);
    // Decided jumps mark registers precise ("P" prefix); precision is not domain state.
    if (!value.empty() && value[0] == 'P')
      value.erase(0, 1);
    regs[starts[i].regno] = value;
  }
  return regs;
}

struct Diff {
  int programs = 0;
  int compared = 0;
  int decisions = 0;
  std::vector<std::string> mismatches;
};

void compare(const Program &p, const std::string &log, Diff &diff) {
  std::map<int, std::string> insnLines, fromLines;
  std::map<int, bool> insnSeen;
  size_t pos = 0;
  while (pos < log.size()) {
    size_t nl = log.find('\n', pos);
    std::string line = log.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? log.size() : nl + 1;
    size_t at = 0;
    long idx = readNumber(line, at);
    if (idx >= 0 && line.compare(at, 3, ": (") == 0 && line.size() > at + 6 &&
        line[at + 5] == ')') {
      // "N: (code) insn[ ; state]": the first ';' ends the instruction text.
      size_t semi = line.find(';');
      if (!insnSeen[idx] && semi != std::string::npos)
        insnLines[idx] = line.substr(semi + 1);
      insnSeen[idx] = true;
    } else if (idx >= 0 && line.compare(at, 3, ": R") == 0) {
      // A state not merged into its instruction's line (something was logged in between, such
      // as a "verifier bug:" message).
      if (insnSeen[idx] && !insnLines.count(idx))
        insnLines[idx] = line.substr(at + 1);
    } else if (line.rfind("from ", 0) == 0) {
      size_t p = 5;
      long from = readNumber(line, p);
      size_t colon = line.find(':', p);
      // First occurrence: the main path's edges are popped before any forked state's.
      if (from >= 0 && colon != std::string::npos)
        fromLines.try_emplace(int(from), line.substr(colon + 1));
    }
  }
  // Decided jumps: the stub is reached exactly when the domain said "taken"; after a taken one
  // the main path's exit is dead.
  for (const auto &d : p.decided) {
    diff.decisions++;
    if (insnSeen[d.stub] != d.taken)
      diff.mismatches.push_back("jump " + std::to_string(d.jump) + ": domain says " +
                                (d.taken ? "taken" : "not taken") + ", kernel " +
                                (insnSeen[d.stub] ? "reached" : "did not reach") + " its target");
    if (d.taken && insnSeen[p.mainExit])
      diff.mismatches.push_back("jump " + std::to_string(d.jump) +
                                ": domain says taken, kernel fell through");
  }
  // Every invariant violation the domain predicts must be the kernel's message.
  for (const std::string &msg : p.violations) {
    diff.compared++;
    if (log.find("verifier bug: " + msg + "\n") == std::string::npos)
      diff.mismatches.push_back("kernel did not log: verifier bug: " + msg);
  }
  auto check = [&](const char *what, int idx, int regno, const std::optional<ScalarBounds> &want,
                   const std::map<int, std::string> &got) {
    if (!want)
      return;
    auto it = got.find(regno);
    std::string expect = formatScalar(*want);
    diff.compared++;
    if (it == got.end()) {
      diff.mismatches.push_back(std::string(what) + " " + std::to_string(idx) + ": R" +
                                std::to_string(regno) + " not printed, expected " + expect);
      return;
    }
    if (it->second != expect)
      diff.mismatches.push_back(std::string(what) + " " + std::to_string(idx) + ": R" +
                                std::to_string(regno) + " kernel " + it->second + " domain " +
                                expect + "\n    " + describe(*want));
  };
  size_t before = diff.mismatches.size();
  for (auto &[idx, want] : p.afterInsn) {
    auto line = insnLines.find(idx);
    if (!insnSeen[idx]) {
      diff.mismatches.push_back("insn " + std::to_string(idx) + " not in the log");
      break;
    }
    if (line == insnLines.end()) {
      diff.mismatches.push_back("no state printed after insn " + std::to_string(idx));
      break;
    }
    auto regs = parseRegs(line->second);
    check("after insn", idx, 6, want.r6, regs);
    check("after insn", idx, 7, want.r7, regs);
  }
  for (auto &[idx, want] : p.takenEdge) {
    auto line = fromLines.find(idx);
    if (line == fromLines.end()) {
      diff.mismatches.push_back("no 'from " + std::to_string(idx) + "' line");
      continue;
    }
    auto regs = parseRegs(line->second);
    check("taken edge of", idx, 6, want.r6, regs);
    check("taken edge of", idx, 7, want.r7, regs);
  }
  if (diff.mismatches.size() != before)
    diff.mismatches.push_back("---- kernel log ----\n" + log);
}

} // namespace

TEST_CASE("domain states equal the running kernel's verifier log", "[.][kernel]") {
  uint64_t seed = 0x6b65726e;
  if (const char *s = std::getenv("BPFVERIFY_DOMAIN_SEED"))
    seed = std::strtoull(s, nullptr, 0);
  int count = 300;
  if (const char *s = std::getenv("BPFVERIFY_DOMAIN_PROGRAMS"))
    count = std::atoi(s);
  SetGenerator gen(seed);
  Diff diff;
  // The oracle machine runs 6.18.y; BPFVERIFY_DOMAIN_RELEASE=1 checks the 6.18 release rules.
  DomainOptions opts = std::getenv("BPFVERIFY_DOMAIN_RELEASE") ? DomainOptions::linux618()
                                                               : DomainOptions::linux618Stable();
  // BPFVERIFY_DOMAIN_DROP=<name> turns one 6.18.y behaviour off, to show the kernel needs it.
  if (const char *drop = std::getenv("BPFVERIFY_DOMAIN_DROP")) {
    std::string name = drop;
    if (name == "reg32CrossSignDeduction")
      opts.reg32CrossSignDeduction = false;
    else if (name == "tnumStepSingleValue")
      opts.tnumStepSingleValue = false;
    else if (name == "byteSwapTracking")
      opts.byteSwapTracking = false;
    else if (name == "forkScalarsOnAndOr")
      opts.forkScalarsOnAndOr = false;
    else if (name == "lsh32NegativeBounds")
      opts.lsh32NegativeBounds = false;
    else
      FAIL("unknown BPFVERIFY_DOMAIN_DROP " << name);
  }
  for (int i = 0; i < count && diff.mismatches.size() < 20; i++) {
    Program p = generate(gen, 6 + int(gen.below(20)), opts);
    int error = 0;
    std::string log = loadLog(p, error);
    if (error == EPERM || error == EACCES)
      FAIL("BPF_PROG_LOAD refused (" << std::strerror(error) << "): run as root");
    diff.programs++;
    if (error) {
      diff.mismatches.push_back("load failed (" + std::string(std::strerror(error)) + ")\n" + log);
      continue;
    }
    compare(p, log, diff);
  }
  std::printf("[domain kernel diff] %d programs, %d register states and %d branch decisions "
              "compared, %zu mismatches, seed %#llx\n",
              diff.programs, diff.compared, diff.decisions, diff.mismatches.size(),
              (unsigned long long)seed);
  std::string report;
  for (size_t i = 0; i < diff.mismatches.size() && i < 40; i++)
    report += diff.mismatches[i] + "\n";
  INFO(report);
  CHECK(diff.mismatches.empty());
}
