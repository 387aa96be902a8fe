#include "lib/isa/liveness.h"

#include <algorithm>
#include <cstdio>

namespace bpfverify::isa {
namespace {

constexpr uint16_t bit(unsigned reg) {
  return static_cast<uint16_t>(1u << reg);
}
constexpr unsigned kCallerSavedRegs = 6; // r0-r5
constexpr uint16_t kAllCallerSaved = (1u << kCallerSavedRegs) - 1;

} // namespace

RegUseDef regUseDef(const Insn &insn, const CallParamCount &callParams) {
  const uint16_t src = bit(insn.src), dst = bit(insn.dst), r0 = bit(0);
  // The kernel's defaults for encodings it does not list: reads everything, writes nothing.
  RegUseDef rd{0xffff, 0};
  const uint8_t mode = opMode(insn.code);
  switch (insn.cls()) {
  case BPF_LD:
    if (mode == BPF_IMM && opSize(insn.code) == BPF_DW)
      rd = {0, dst};
    break; // LD_ABS / LD_IND keep the defaults
  case BPF_LDX:
    if (mode == BPF_MEM || mode == BPF_MEMSX)
      rd = {src, dst};
    break;
  case BPF_ST:
    if (mode == BPF_MEM)
      rd = {dst, 0};
    break;
  case BPF_STX:
    if (mode == BPF_MEM) {
      rd = {static_cast<uint16_t>(dst | src), 0};
    } else if (mode == BPF_ATOMIC) {
      if (insn.imm == BPF_CMPXCHG)
        rd = {static_cast<uint16_t>(r0 | dst | src), r0};
      else if (insn.imm == BPF_LOAD_ACQ)
        rd = {src, dst};
      else if (insn.imm == BPF_STORE_REL)
        rd = {static_cast<uint16_t>(dst | src), 0};
      else
        rd = {static_cast<uint16_t>(dst | src), (insn.imm & BPF_FETCH) ? src : uint16_t(0)};
    }
    break;
  case BPF_ALU:
  case BPF_ALU64:
    if (opCode(insn.code) == BPF_END)
      rd = {dst, dst};
    else if (opCode(insn.code) == BPF_MOV)
      rd = {opSrc(insn.code) == BPF_K ? uint16_t(0) : src, dst};
    else
      rd = {opSrc(insn.code) == BPF_K ? dst : static_cast<uint16_t>(dst | src), dst};
    break;
  case BPF_JMP:
  case BPF_JMP32:
    switch (opCode(insn.code)) {
    case BPF_JA:
    case BPF_JCOND:
      rd = {0, 0};
      break;
    case BPF_EXIT:
      rd = {r0, 0};
      break;
    case BPF_CALL: {
      rd = {static_cast<uint16_t>(kAllCallerSaved & ~r0), kAllCallerSaved};
      if (callParams)
        if (std::optional<unsigned> n = callParams(insn))
          rd.use = static_cast<uint16_t>(((1u << (std::min(*n, 15u) + 1)) - 1) & ~1u); // r1..rn
      break;
    }
    default:
      rd = {opSrc(insn.code) == BPF_K ? dst : static_cast<uint16_t>(dst | src), 0};
    }
    break;
  }
  return rd;
}

std::vector<uint32_t> insnSuccessors(llvm::ArrayRef<Insn> insns, uint32_t index) {
  std::vector<uint32_t> succ;
  if (index >= insns.size())
    return succ;
  const Insn &insn = insns[index];
  bool canJump = false, canFallthrough = true;
  if (insn.cls() == BPF_JMP || insn.cls() == BPF_JMP32) {
    switch (opCode(insn.code)) {
    case BPF_EXIT:
      canFallthrough = false;
      break;
    case BPF_JA:
      canJump = true;
      canFallthrough = false;
      break;
    case BPF_CALL:
      break;
    default: // every conditional jump and BPF_JCOND; 0xf0 is not in the kernel's table
      canJump = opCode(insn.code) != 0xf0;
    }
  }
  const int64_t size = static_cast<int64_t>(insns.size());
  auto add = [&](int64_t target) {
    if (target >= 0 && target < size)
      succ.push_back(static_cast<uint32_t>(target));
  };
  if (canFallthrough)
    add(static_cast<int64_t>(index) + (isLdImm64(insn) ? 2 : 1));
  if (canJump)
    add(static_cast<int64_t>(index) + jumpOffset(insn) + 1);
  return succ;
}

std::vector<uint16_t> liveRegsBefore(llvm::ArrayRef<Insn> insns, const CallParamCount &callParams) {
  const size_t n = insns.size();
  std::vector<RegUseDef> rd(n);
  std::vector<bool> isSecondHalf(n, false);
  std::vector<std::vector<uint32_t>> succ(n);
  for (size_t i = 0; i < n; ++i) {
    if (isSecondHalf[i])
      continue;
    rd[i] = regUseDef(insns[i], callParams);
    succ[i] = insnSuccessors(insns, static_cast<uint32_t>(i));
    if (isLdImm64(insns[i]) && i + 1 < n)
      isSecondHalf[i + 1] = true;
  }
  std::vector<uint16_t> in(n, 0);
  // Backward analysis: sweeping from the end converges in few passes for forward-flowing code.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = n; k-- > 0;) {
      if (isSecondHalf[k])
        continue;
      uint16_t out = 0;
      for (uint32_t s : succ[k])
        out |= in[s];
      const uint16_t newIn = static_cast<uint16_t>((out & ~rd[k].def) | rd[k].use);
      if (newIn != in[k]) {
        in[k] = newIn;
        changed = true;
      }
    }
  }
  return in;
}

std::vector<uint32_t> computeScc(llvm::ArrayRef<Insn> insns) {
  constexpr uint32_t kNotOnStack = UINT32_MAX;
  const uint32_t n = static_cast<uint32_t>(insns.size());
  std::vector<uint32_t> scc(n, 0), pre(n, 0), low(n, 0), stack(n), dfs(n);
  uint32_t nextPreorder = 1, nextScc = 1;
  for (uint32_t i = 0; i < n; ++i) {
    if (pre[i])
      continue;
    size_t stackSize = 0, dfsSize = 1;
    dfs[0] = i;
    while (dfsSize) {
      const uint32_t w = dfs[dfsSize - 1];
      if (pre[w] == 0) {
        low[w] = pre[w] = nextPreorder++;
        stack[stackSize++] = w;
      }
      const std::vector<uint32_t> succ = insnSuccessors(insns, w);
      bool descended = false;
      for (uint32_t s : succ) {
        if (pre[s]) {
          low[w] = std::min(low[w], low[s]);
        } else {
          dfs[dfsSize++] = s;
          descended = true;
          break;
        }
      }
      if (descended)
        continue;
      // Keep w on the stack while something above it is reachable from it.
      if (low[w] < pre[w]) {
        --dfsSize;
        continue;
      }
      bool assign =
          stack[stackSize - 1] != w || std::find(succ.begin(), succ.end(), w) != succ.end();
      uint32_t t;
      do {
        t = stack[--stackSize];
        low[t] = kNotOnStack;
        if (assign)
          scc[t] = nextScc;
      } while (t != w);
      if (assign)
        ++nextScc;
      --dfsSize;
    }
  }
  return scc;
}

std::vector<std::string> formatLiveRegsListing(llvm::ArrayRef<Insn> insns,
                                               const CallParamCount &callParams,
                                               const DisasmCallbacks &callbacks) {
  const std::vector<uint16_t> live = liveRegsBefore(insns, callParams);
  const std::vector<uint32_t> scc = computeScc(insns);
  std::vector<std::string> lines;
  for (size_t i = 0; i < insns.size(); ++i) {
    char prefix[48];
    if (scc[i])
      snprintf(prefix, sizeof(prefix), "%3u %3zu: ", scc[i], i);
    else
      snprintf(prefix, sizeof(prefix), "    %3zu: ", i);
    std::string line = prefix;
    for (unsigned reg = 0; reg < BPF_REG_FP; ++reg)
      line += (live[i] & bit(reg)) ? static_cast<char>('0' + reg) : '.';
    line += ' ';
    line += formatInstruction(insns, i, callbacks);
    lines.push_back(std::move(line));
    if (isLdImm64(insns[i]))
      ++i;
  }
  return lines;
}

} // namespace bpfverify::isa
