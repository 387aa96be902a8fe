#include "lib/isa/disasm.h"

#include "lib/isa/helpers.h"

#include <cstdarg>
#include <cstdio>

namespace bpfverify::isa {
namespace {

// The kernel's operator and size names (bpf_alu_string and friends in disasm.c). A missing
// entry is nullptr, which the kernel's vsnprintf prints as "(null)".
const char *const kAluString[16] = {"+=",  "-=", "*=", "/=", "|=",   "&=",     "<<=",   ">>=",
                                    "neg", "%=", "^=", "=",  "s>>=", "endian", nullptr, nullptr};
const char *const kAluSignString[16] = {nullptr, nullptr, nullptr, "s/=",  nullptr, nullptr,
                                        nullptr, nullptr, nullptr, "s%=",  nullptr, nullptr,
                                        nullptr, nullptr, nullptr, nullptr};
const char *const kMovsxString[4] = {"(s8)", "(s16)", nullptr, "(s32)"};
const char *const kAtomicAluString[16] = {"add",   nullptr, nullptr, nullptr, "or",  "and",
                                          nullptr, nullptr, nullptr, nullptr, "xor", nullptr,
                                          nullptr, nullptr, nullptr, nullptr};
const char *const kLdstString[4] = {"u32", "u16", "u8", "u64"};
// The kernel's bpf_ldsx_string has no BPF_DW entry (it would read past the array); that code is
// not in the opcode table, so the kernel never prints it.
const char *const kLdsxString[4] = {"s32", "s16", "s8", nullptr};
const char *const kJmpString[16] = {"jmp",  "==",   ">", ">=", "&",  "!=",  "s>",    "s>=",
                                    "call", "exit", "<", "<=", "s<", "s<=", nullptr, nullptr};
const char *const kClassString[8] = {"ld", "ldx", "st", "stx", "alu", "jmp", "jmp32", "alu64"};

const char *orNull(const char *s) {
  return s ? s : "(null)";
}

__attribute__((format(printf, 1, 2))) std::string format(const char *fmt, ...) {
  char buf[256];
  va_list args;
  va_start(args, fmt);
  int n = vsnprintf(buf, sizeof(buf), fmt, args);
  va_end(args);
  if (n < 0)
    return {};
  if (static_cast<size_t>(n) < sizeof(buf))
    return std::string(buf, n);
  // Only callback-provided names can be this long.
  std::string out(static_cast<size_t>(n) + 1, '\0');
  va_start(args, fmt);
  vsnprintf(out.data(), out.size(), fmt, args);
  va_end(args);
  out.resize(n);
  return out;
}

char regPrefix(bool is32) {
  return is32 ? 'w' : 'r';
}
int reg(uint8_t r) {
  return r;
}

bool isSdivSmod(const Insn &insn) {
  return (opCode(insn.code) == BPF_DIV || opCode(insn.code) == BPF_MOD) && insn.off == 1;
}
bool isMovsx(const Insn &insn) {
  return opCode(insn.code) == BPF_MOV && (insn.off == 8 || insn.off == 16 || insn.off == 32);
}
bool isAddrSpaceCast(const Insn &insn) {
  return insn.code == (BPF_ALU64 | BPF_MOV | BPF_X) && insn.off == BPF_ADDR_SPACE_CAST;
}
// The kernel's internal per-CPU address form (BPF_ADDR_PERCPU, off -1); never in user input that
// passes verification, but printed when present.
bool isMovPercpuAddr(const Insn &insn) {
  return insn.code == (BPF_ALU64 | BPF_MOV | BPF_X) && insn.off == -1;
}

std::string formatAlu(const Insn &insn) {
  const bool is32 = insn.cls() == BPF_ALU;
  const char w = regPrefix(is32);
  const uint8_t op = opCode(insn.code);
  if (op == BPF_END) {
    if (!is32)
      return format("(%02x) r%d = bswap%d r%d", insn.code, reg(insn.dst), insn.imm, reg(insn.dst));
    return format("(%02x) r%d = %s%d r%d", insn.code, reg(insn.dst),
                  opSrc(insn.code) == BPF_TO_BE ? "be" : "le", insn.imm, reg(insn.dst));
  }
  if (op == BPF_NEG)
    return format("(%02x) %c%d = -%c%d", insn.code, w, reg(insn.dst), w, reg(insn.dst));
  if (isAddrSpaceCast(insn))
    return format("(%02x) r%d = addr_space_cast(r%d, %u, %u)", insn.code, reg(insn.dst),
                  reg(insn.src), static_cast<uint32_t>(insn.imm) >> 16,
                  static_cast<unsigned>(static_cast<uint16_t>(insn.imm)));
  if (isMovPercpuAddr(insn))
    return format("(%02x) r%d = &(void __percpu *)(r%d)", insn.code, reg(insn.dst), reg(insn.src));
  const char *opName = orNull(isSdivSmod(insn) ? kAluSignString[op >> 4] : kAluString[op >> 4]);
  if (opSrc(insn.code) == BPF_X)
    return format("(%02x) %c%d %s %s%c%d", insn.code, w, reg(insn.dst), opName,
                  isMovsx(insn) ? orNull(kMovsxString[(insn.off >> 3) - 1]) : "", w, reg(insn.src));
  return format("(%02x) %c%d %s %d", insn.code, w, reg(insn.dst), opName, insn.imm);
}

std::string formatStx(const Insn &insn) {
  const char *size = kLdstString[opSize(insn.code) >> 3];
  const char *bits = opSize(insn.code) == BPF_DW ? "64" : "";
  const int32_t imm = insn.imm;
  if (opMode(insn.code) == BPF_MEM)
    return format("(%02x) *(%s *)(r%d %+d) = r%d", insn.code, size, reg(insn.dst), insn.off,
                  reg(insn.src));
  if (opMode(insn.code) != BPF_ATOMIC)
    return format("BUG_%02x", insn.code);
  if (imm == BPF_ADD || imm == BPF_AND || imm == BPF_OR || imm == BPF_XOR)
    return format("(%02x) lock *(%s *)(r%d %+d) %s r%d", insn.code, size, reg(insn.dst), insn.off,
                  kAluString[(imm & 0xf0) >> 4], reg(insn.src));
  if (imm == (BPF_ADD | BPF_FETCH) || imm == (BPF_AND | BPF_FETCH) || imm == (BPF_OR | BPF_FETCH) ||
      imm == (BPF_XOR | BPF_FETCH))
    return format("(%02x) r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)", insn.code, reg(insn.src),
                  bits, kAtomicAluString[(imm & 0xf0) >> 4], size, reg(insn.dst), insn.off,
                  reg(insn.src));
  if (imm == BPF_CMPXCHG)
    return format("(%02x) r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)", insn.code, bits, size,
                  reg(insn.dst), insn.off, reg(insn.src));
  if (imm == BPF_XCHG)
    return format("(%02x) r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)", insn.code, reg(insn.src),
                  bits, size, reg(insn.dst), insn.off, reg(insn.src));
  if (imm == BPF_LOAD_ACQ)
    return format("(%02x) r%d = load_acquire((%s *)(r%d %+d))", insn.code, reg(insn.dst), size,
                  reg(insn.src), insn.off);
  if (imm == BPF_STORE_REL)
    return format("(%02x) store_release((%s *)(r%d %+d), r%d)", insn.code, size, reg(insn.dst),
                  insn.off, reg(insn.src));
  return format("BUG_%02x", insn.code);
}

std::string formatLdImm64(llvm::ArrayRef<Insn> insns, size_t index,
                          const DisasmCallbacks &callbacks) {
  const Insn &insn = insns[index];
  const uint32_t hi = index + 1 < insns.size() ? static_cast<uint32_t>(insns[index + 1].imm) : 0;
  uint64_t value = (static_cast<uint64_t>(hi) << 32) | static_cast<uint32_t>(insn.imm);
  const bool isPtr = insn.src == BPF_PSEUDO_MAP_FD || insn.src == BPF_PSEUDO_MAP_VALUE ||
                     insn.src == BPF_PSEUDO_MAP_IDX || insn.src == BPF_PSEUDO_MAP_IDX_VALUE ||
                     insn.src == BPF_PSEUDO_BTF_ID;
  if (isPtr && !callbacks.allowPtrLeaks)
    value = 0;
  std::string text;
  if (callbacks.immName)
    if (std::optional<std::string> name = callbacks.immName(insn, value))
      text = std::move(*name);
  if (text.empty())
    text = format("0x%llx", static_cast<unsigned long long>(value));
  return format("(%02x) r%d = %s", insn.code, reg(insn.dst), text.c_str());
}

std::string formatLd(llvm::ArrayRef<Insn> insns, size_t index, const DisasmCallbacks &callbacks) {
  const Insn &insn = insns[index];
  const char *size = kLdstString[opSize(insn.code) >> 3];
  switch (opMode(insn.code)) {
  case BPF_ABS:
    return format("(%02x) r0 = *(%s *)skb[%d]", insn.code, size, insn.imm);
  case BPF_IND:
    return format("(%02x) r0 = *(%s *)skb[r%d + %d]", insn.code, size, reg(insn.src), insn.imm);
  case BPF_IMM:
    if (opSize(insn.code) == BPF_DW)
      return formatLdImm64(insns, index, callbacks);
    break;
  default:
    break;
  }
  return format("BUG_ld_%02x", insn.code);
}

// __func_get_name() of disasm.c with the verifier's callback.
std::string callTarget(const Insn &insn, const DisasmCallbacks &callbacks) {
  if (insn.src == 0)
    if (std::optional<llvm::StringRef> name = helperName(insn.imm))
      return name->str();
  if (callbacks.callName)
    if (std::optional<std::string> name = callbacks.callName(insn))
      return *name;
  if (insn.src == BPF_PSEUDO_CALL)
    return format("%+d", insn.imm);
  if (insn.src == BPF_PSEUDO_KFUNC_CALL)
    return "kernel-function";
  return "unknown";
}

std::string formatJmp(const Insn &insn, const DisasmCallbacks &callbacks) {
  const bool is32 = insn.cls() == BPF_JMP32;
  const char w = regPrefix(is32);
  const uint8_t op = opCode(insn.code);
  if (op == BPF_CALL) {
    if (insn.src == BPF_PSEUDO_CALL)
      return format("(%02x) call pc%s", insn.code, callTarget(insn, callbacks).c_str());
    return format("(%02x) call %s#%d", insn.code, callTarget(insn, callbacks).c_str(), insn.imm);
  }
  if (insn.code == (BPF_JMP | BPF_JA))
    return format("(%02x) goto pc%+d", insn.code, insn.off);
  if (insn.code == (BPF_JMP | BPF_JCOND) && insn.src == BPF_MAY_GOTO)
    return format("(%02x) may_goto pc%+d", insn.code, insn.off);
  if (insn.code == (BPF_JMP32 | BPF_JA))
    return format("(%02x) gotol pc%+d", insn.code, insn.imm);
  if (insn.code == (BPF_JMP | BPF_EXIT))
    return format("(%02x) exit", insn.code);
  const char *opName = orNull(kJmpString[op >> 4]);
  if (opSrc(insn.code) == BPF_X)
    return format("(%02x) if %c%d %s %c%d goto pc%+d", insn.code, w, reg(insn.dst), opName, w,
                  reg(insn.src), insn.off);
  return format("(%02x) if %c%d %s 0x%x goto pc%+d", insn.code, w, reg(insn.dst), opName,
                static_cast<uint32_t>(insn.imm), insn.off);
}

} // namespace

std::string formatInstruction(llvm::ArrayRef<Insn> insns, size_t index,
                              const DisasmCallbacks &callbacks) {
  if (index >= insns.size())
    return {};
  const Insn &insn = insns[index];
  switch (insn.cls()) {
  case BPF_ALU:
  case BPF_ALU64:
    return formatAlu(insn);
  case BPF_STX:
    return formatStx(insn);
  case BPF_ST:
    if (opMode(insn.code) == BPF_MEM)
      return format("(%02x) *(%s *)(r%d %+d) = %d", insn.code, kLdstString[opSize(insn.code) >> 3],
                    reg(insn.dst), insn.off, insn.imm);
    if (opMode(insn.code) == 0xc0) // BPF_NOSPEC: kernel-internal, not UAPI
      return format("(%02x) nospec", insn.code);
    return format("BUG_st_%02x", insn.code);
  case BPF_LDX:
    if (opMode(insn.code) != BPF_MEM && opMode(insn.code) != BPF_MEMSX)
      return format("BUG_ldx_%02x", insn.code);
    return format("(%02x) r%d = *(%s *)(r%d %+d)", insn.code, reg(insn.dst),
                  opMode(insn.code) == BPF_MEM ? kLdstString[opSize(insn.code) >> 3]
                                               : orNull(kLdsxString[opSize(insn.code) >> 3]),
                  reg(insn.src), insn.off);
  case BPF_LD:
    return formatLd(insns, index, callbacks);
  case BPF_JMP:
  case BPF_JMP32:
    return formatJmp(insn, callbacks);
  }
  return format("(%02x) %s", insn.code, kClassString[insn.cls()]);
}

} // namespace bpfverify::isa
