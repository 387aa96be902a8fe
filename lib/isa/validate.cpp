#include "lib/isa/validate.h"

#include "lib/isa/opcode_table.h"

#include <algorithm>
#include <cstdio>

namespace bpfverify::isa {
namespace {

InsnError error(size_t index, std::string message, CheckStage stage) {
  return InsnError{index, std::move(message), stage};
}

std::string hex(const char *fmt, uint32_t value) {
  char buf[48];
  snprintf(buf, sizeof(buf), fmt, value);
  return buf;
}

std::string decimal(const char *fmt, int64_t a, int64_t b) {
  char buf[96];
  snprintf(buf, sizeof(buf), fmt, static_cast<long long>(a), static_cast<long long>(b));
  return buf;
}

// check_alu_op(): the reserved-field and opcode checks, then the static operand checks that
// follow check_reg_arg(dst, SRC_OP).
std::optional<InsnError> checkAlu(const Insn &insn, size_t index, const ValidateOptions &options) {
  const uint8_t op = opCode(insn.code);
  const bool isX = opSrc(insn.code) == BPF_X;
  const bool is64 = insn.cls() == BPF_ALU64;
  const auto entry = [&](const char *msg) { return error(index, msg, CheckStage::InsnEntry); };
  if (op == BPF_NEG) {
    if (isX || insn.src != 0 || insn.off != 0 || insn.imm != 0)
      return entry("BPF_NEG uses reserved fields");
    return std::nullopt;
  }
  if (op == BPF_END) {
    if (insn.src != 0 || insn.off != 0 || (insn.imm != 16 && insn.imm != 32 && insn.imm != 64) ||
        (is64 && opSrc(insn.code) != BPF_TO_LE))
      return entry("BPF_END uses reserved fields");
    return std::nullopt;
  }
  if (op == BPF_MOV) {
    if (isX) {
      if (!is64) {
        if ((insn.off != 0 && insn.off != 8 && insn.off != 16) || insn.imm != 0)
          return entry("BPF_MOV uses reserved fields");
      } else if (insn.off == BPF_ADDR_SPACE_CAST) {
        if (insn.imm != 1 && static_cast<uint32_t>(insn.imm) != 1u << 16)
          return entry("addr_space_cast insn can only convert between address space 1 and 0");
        if (!options.hasArena)
          return entry("addr_space_cast insn can only be used in a program that has an "
                       "associated arena");
      } else if ((insn.off != 0 && insn.off != 8 && insn.off != 16 && insn.off != 32) ||
                 insn.imm != 0) {
        return entry("BPF_MOV uses reserved fields");
      }
    } else if (insn.src != 0 || insn.off != 0) {
      return entry("BPF_MOV uses reserved fields");
    }
    return std::nullopt;
  }
  if (op > BPF_END)
    return error(index, hex("invalid BPF_ALU opcode %x", op), CheckStage::InsnEntry);
  // Only BPF_DIV and BPF_MOD have a signed form (off 1).
  const bool badOff =
      (insn.off != 0 && insn.off != 1) || (insn.off == 1 && op != BPF_MOD && op != BPF_DIV);
  if (isX ? (insn.imm != 0 || badOff) : (insn.src != 0 || badOff))
    return entry("BPF_ALU uses reserved fields");
  if (!isX && (op == BPF_MOD || op == BPF_DIV) && insn.imm == 0)
    return error(index, "div by zero", CheckStage::AfterDstRead);
  if (!isX && (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH)) {
    const int32_t size = is64 ? 64 : 32;
    if (insn.imm < 0 || insn.imm >= size)
      return error(index, "invalid shift " + std::to_string(insn.imm), CheckStage::AfterDstRead);
  }
  return std::nullopt;
}

// check_atomic(): the operation, then check_atomic_rmw()'s operand size.
std::optional<InsnError> checkAtomic(const Insn &insn, size_t index) {
  switch (insn.imm) {
  case BPF_ADD:
  case BPF_ADD | BPF_FETCH:
  case BPF_AND:
  case BPF_AND | BPF_FETCH:
  case BPF_OR:
  case BPF_OR | BPF_FETCH:
  case BPF_XOR:
  case BPF_XOR | BPF_FETCH:
  case BPF_XCHG:
  case BPF_CMPXCHG:
    if (opSize(insn.code) != BPF_W && opSize(insn.code) != BPF_DW)
      return error(index, "invalid atomic operand size", CheckStage::InsnEntry);
    return std::nullopt;
  case BPF_LOAD_ACQ:
  case BPF_STORE_REL:
    // Any size; the 64-bit forms are refused only on 32-bit kernels.
    return std::nullopt;
  default:
    return error(index,
                 hex("BPF_ATOMIC uses invalid atomic opcode %02x", static_cast<uint32_t>(insn.imm)),
                 CheckStage::InsnEntry);
  }
}

// The BPF_JMP / BPF_JMP32 branch of do_check_insn() and the start of check_cond_jmp_op().
std::optional<InsnError> checkJmp(const Insn &insn, size_t index) {
  const uint8_t op = opCode(insn.code);
  const bool is32 = insn.cls() == BPF_JMP32;
  const auto entry = [&](const char *msg) { return error(index, msg, CheckStage::InsnEntry); };
  if (op == BPF_CALL) {
    if (opSrc(insn.code) != BPF_K || (insn.src != BPF_PSEUDO_KFUNC_CALL && insn.off != 0) ||
        (insn.src != 0 && insn.src != BPF_PSEUDO_CALL && insn.src != BPF_PSEUDO_KFUNC_CALL) ||
        insn.dst != 0 || is32)
      return entry("BPF_CALL uses reserved fields");
    return std::nullopt;
  }
  if (op == BPF_JA) {
    if (opSrc(insn.code) != BPF_K || insn.src != 0 || insn.dst != 0 || (!is32 && insn.imm != 0) ||
        (is32 && insn.off != 0))
      return entry("BPF_JA uses reserved fields");
    return std::nullopt;
  }
  if (op == BPF_EXIT) {
    if (opSrc(insn.code) != BPF_K || insn.imm != 0 || insn.src != 0 || insn.dst != 0 || is32)
      return entry("BPF_EXIT uses reserved fields");
    return std::nullopt;
  }
  if (op > BPF_JCOND)
    return error(index, hex("invalid BPF_JMP/JMP32 opcode %x", op), CheckStage::InsnEntry);
  if (op == BPF_JCOND) {
    if (insn.code != (BPF_JMP | BPF_JCOND) || insn.src != BPF_MAY_GOTO || insn.dst != 0 ||
        insn.imm != 0)
      return error(index, "invalid may_goto imm " + std::to_string(insn.imm),
                   CheckStage::InsnEntry);
    return std::nullopt;
  }
  if (opSrc(insn.code) == BPF_X ? insn.imm != 0 : insn.src != 0)
    return error(index, "BPF_JMP/JMP32 uses reserved fields", CheckStage::AfterDstRead);
  return std::nullopt;
}

// The BPF_LD branch of do_check_insn(): check_ld_abs() and check_ld_imm().
std::optional<InsnError> checkLd(const Insn &insn, size_t index) {
  const uint8_t mode = opMode(insn.code);
  if (mode == BPF_ABS || mode == BPF_IND) {
    if (insn.dst != 0 || insn.off != 0 || opSize(insn.code) == BPF_DW ||
        (mode == BPF_ABS && insn.src != 0))
      return error(index, "BPF_LD_[ABS|IND] uses reserved fields", CheckStage::AfterLdAbsChecks);
    return std::nullopt;
  }
  if (mode == BPF_IMM) {
    if (opSize(insn.code) != BPF_DW)
      return error(index, "invalid BPF_LD_IMM insn", CheckStage::InsnEntry);
    if (insn.off != 0)
      return error(index, "BPF_LD_IMM64 uses reserved fields", CheckStage::InsnEntry);
    return std::nullopt;
  }
  return error(index, "invalid BPF_LD mode", CheckStage::InsnEntry);
}

// resolve_pseudo_ldimm64(): the shape of an ld_imm64 pair and its src_reg kind.
std::optional<InsnError> checkLdImm64Pair(llvm::ArrayRef<Insn> insns, size_t i) {
  if (i + 1 == insns.size() || insns[i + 1].code != 0 || insns[i + 1].dst != 0 ||
      insns[i + 1].src != 0 || insns[i + 1].off != 0)
    return error(i, "invalid bpf_ld_imm64 insn", CheckStage::Program);
  switch (insns[i].src) {
  case 0:
  case BPF_PSEUDO_BTF_ID:
  case BPF_PSEUDO_FUNC:
  case BPF_PSEUDO_MAP_VALUE:
  case BPF_PSEUDO_MAP_IDX_VALUE:
    return std::nullopt;
  case BPF_PSEUDO_MAP_FD:
  case BPF_PSEUDO_MAP_IDX:
    if (insns[i + 1].imm == 0)
      return std::nullopt;
    [[fallthrough]];
  default:
    return error(i, "unrecognized bpf_ld_imm64 insn", CheckStage::Program);
  }
}

} // namespace

std::optional<InsnError> findSubprogs(llvm::ArrayRef<Insn> insns, SubprogLayout &layout) {
  layout.starts.assign(1, 0);
  const int64_t count = static_cast<int64_t>(insns.size());
  for (size_t i = 0; i < insns.size(); ++i) {
    const Insn &insn = insns[i];
    if (!isPseudoFunc(insn) && !isPseudoCall(insn))
      continue;
    const int64_t target = static_cast<int64_t>(i) + insn.imm + 1;
    if (target < 0 || target >= count)
      return error(i, "call to invalid destination", CheckStage::Program);
    auto pos =
        std::lower_bound(layout.starts.begin(), layout.starts.end(), static_cast<uint32_t>(target));
    if (pos != layout.starts.end() && *pos == target)
      continue;
    if (layout.starts.size() >= BPF_MAX_SUBPROGS)
      return error(i, "too many subprograms", CheckStage::Program);
    layout.starts.insert(pos, static_cast<uint32_t>(target));
  }
  return std::nullopt;
}

std::optional<InsnError> validateProgram(llvm::ArrayRef<Insn> insns, SubprogLayout *layoutOut) {
  SubprogLayout layout;
  if (auto err = findSubprogs(insns, layout))
    return err;

  // check_subprogs(): every jump stays inside its subprogram, and each subprogram ends in an
  // exit or an unconditional jump.
  size_t subprog = 0;
  int64_t start = 0;
  int64_t end = layout.starts.size() > 1 ? layout.starts[1] : static_cast<int64_t>(insns.size());
  for (size_t i = 0; i < insns.size(); ++i) {
    const uint8_t code = insns[i].code;
    const uint8_t cls = opClass(code);
    if ((cls == BPF_JMP || cls == BPF_JMP32) && opCode(code) != BPF_EXIT &&
        opCode(code) != BPF_CALL) {
      const int64_t target = static_cast<int64_t>(i) + jumpOffset(insns[i]) + 1;
      if (target < start || target >= end)
        return error(i, decimal("jump out of range from insn %lld to %lld", i, target),
                     CheckStage::Program);
    }
    if (static_cast<int64_t>(i) == end - 1) {
      if (code != (BPF_JMP | BPF_EXIT) && code != (BPF_JMP32 | BPF_JA) &&
          code != (BPF_JMP | BPF_JA))
        return error(i, "last insn is not an exit or jmp", CheckStage::Program);
      start = end;
      ++subprog;
      end = subprog + 1 < layout.starts.size() ? layout.starts[subprog + 1]
                                               : static_cast<int64_t>(insns.size());
    }
  }

  // resolve_pseudo_ldimm64(): LDX fields, ld_imm64 pairs, then the opcode table.
  for (size_t i = 0; i < insns.size(); ++i) {
    const Insn &insn = insns[i];
    if (insn.cls() == BPF_LDX &&
        ((opMode(insn.code) != BPF_MEM && opMode(insn.code) != BPF_MEMSX) || insn.imm != 0))
      return error(i, "BPF_LDX uses reserved fields", CheckStage::Program);
    if (isLdImm64(insn)) {
      if (auto err = checkLdImm64Pair(insns, i))
        return err;
      ++i;
      continue;
    }
    if (!isKnownOpcode(insn.code))
      return error(i, hex("unknown opcode %02x", insn.code), CheckStage::Program);
  }
  if (layoutOut)
    *layoutOut = std::move(layout);
  return std::nullopt;
}

std::optional<InsnError> validateInstruction(llvm::ArrayRef<Insn> insns, size_t index,
                                             const ValidateOptions &options) {
  if (index >= insns.size())
    return std::nullopt;
  const Insn &insn = insns[index];
  switch (insn.cls()) {
  case BPF_ALU:
  case BPF_ALU64:
    return checkAlu(insn, index, options);
  case BPF_LDX:
    // Checked by resolve_pseudo_ldimm64() before exploration.
    return std::nullopt;
  case BPF_STX:
    if (opMode(insn.code) == BPF_ATOMIC)
      return checkAtomic(insn, index);
    if (opMode(insn.code) != BPF_MEM || insn.imm != 0)
      return error(index, "BPF_STX uses reserved fields", CheckStage::InsnEntry);
    return std::nullopt;
  case BPF_ST:
    if (opMode(insn.code) != BPF_MEM || insn.src != 0)
      return error(index, "BPF_ST uses reserved fields", CheckStage::InsnEntry);
    return std::nullopt;
  case BPF_JMP:
  case BPF_JMP32:
    return checkJmp(insn, index);
  case BPF_LD:
    return checkLd(insn, index);
  }
  return std::nullopt;
}

std::vector<InsnError> validateAll(llvm::ArrayRef<Insn> insns, const ValidateOptions &options) {
  std::vector<InsnError> errors;
  if (auto err = validateProgram(insns)) {
    errors.push_back(std::move(*err));
    return errors;
  }
  for (size_t i = 0; i < insns.size(); ++i) {
    if (auto err = validateInstruction(insns, i, options))
      errors.push_back(std::move(*err));
    if (isLdImm64(insns[i]))
      ++i;
  }
  return errors;
}

} // namespace bpfverify::isa
