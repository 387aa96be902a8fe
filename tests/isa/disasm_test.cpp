// Disassembly text against the kernel's own verifier log (tests/isa/data/disasm_golden.txt).

#include "lib/isa/disasm.h"
#include "tests/isa/kernel_data.h"

#include <catch2/catch.hpp>

using namespace bpfverify::isa;
using bpfverify::isa::test::loadKernelCases;

namespace {

// The recording machine's BTF id of bpf_obj_new_impl (see the data file's header); the verifier
// names kfuncs through disasm_kfunc_name(), which our callback stands in for.
constexpr int32_t kRecordedKfuncId = 65214;

DisasmCallbacks recordedKfuncNames() {
  DisasmCallbacks cb;
  cb.callName = [](const Insn &call) -> std::optional<std::string> {
    if (call.src == BPF_PSEUDO_KFUNC_CALL && call.imm == kRecordedKfuncId)
      return "bpf_obj_new_impl";
    return std::nullopt;
  };
  return cb;
}

} // namespace

TEST_CASE("every recorded kernel disassembly line is reproduced exactly", "[isa][disasm]") {
  const auto cases = loadKernelCases("disasm_golden.txt");
  CHECK(cases.size() > 240);
  const DisasmCallbacks cb = recordedKfuncNames();
  for (const auto &c : cases) {
    INFO("data line " << c.line);
    CHECK(formatInstruction(c.insns, 0, cb) == c.expected);
  }
}

TEST_CASE("call names fall back like __func_get_name", "[isa][disasm]") {
  std::vector<Insn> kfunc = {makeInsn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, 77)};
  CHECK(formatInstruction(kfunc, 0) == "(85) call kernel-function#77");
  std::vector<Insn> local = {makeInsn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -3)};
  CHECK(formatInstruction(local, 0) == "(85) call pc-3");
  // A helper id the table knows is named before the callback is asked.
  DisasmCallbacks cb;
  cb.callName = [](const Insn &) { return std::optional<std::string>("from_callback"); };
  std::vector<Insn> helper = {makeInsn(BPF_JMP | BPF_CALL, 0, 0, 0, 5)};
  CHECK(formatInstruction(helper, 0, cb) == "(85) call bpf_ktime_get_ns#5");
  std::vector<Insn> unknownHelper = {makeInsn(BPF_JMP | BPF_CALL, 0, 0, 0, 999)};
  CHECK(formatInstruction(unknownHelper, 0, cb) == "(85) call from_callback#999");
  CHECK(formatInstruction(kfunc, 0, cb) == "(85) call from_callback#77");
}

TEST_CASE("ld_imm64 values go through the immediate callback", "[isa][disasm]") {
  // r1 = map index 2 (the object model's convention) with offset 8 in the upper half.
  std::vector<Insn> insns = {makeInsn(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_VALUE, 0, 2),
                             makeInsn(0, 0, 0, 0, 8)};
  CHECK(formatInstruction(insns, 0) == "(18) r1 = 0x800000002");
  DisasmCallbacks hidden;
  hidden.allowPtrLeaks = false; // unprivileged logs print map pointers as 0
  CHECK(formatInstruction(insns, 0, hidden) == "(18) r1 = 0x0");
  DisasmCallbacks named;
  named.immName = [](const Insn &first, uint64_t value) -> std::optional<std::string> {
    if (first.src != BPF_PSEUDO_MAP_VALUE)
      return std::nullopt;
    return "map[" + std::to_string(value & 0xffffffff) + "]+" + std::to_string(value >> 32);
  };
  CHECK(formatInstruction(insns, 0, named) == "(18) r1 = map[2]+8");
  // Plain constants are not pointers and keep their value without leaks allowed.
  std::vector<Insn> constant = {makeInsn(BPF_LD | BPF_IMM | BPF_DW, 3, 0, 0, 42),
                                makeInsn(0, 0, 0, 0, 0)};
  CHECK(formatInstruction(constant, 0, hidden) == "(18) r3 = 0x2a");
}

TEST_CASE("formatting never reads outside the program", "[isa][disasm]") {
  std::vector<Insn> truncated = {makeInsn(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, -1)};
  CHECK(formatInstruction(truncated, 0) == "(18) r1 = 0xffffffff");
  CHECK(formatInstruction(truncated, 1).empty());
  // Encodings the kernel rejects before printing still follow its code paths.
  std::vector<Insn> odd = {makeInsn(0xe4, 1, 0, 0, 3), makeInsn(0x96, 0, 0, 0, 0),
                           makeInsn(0x99, 2, 1, 4, 0), makeInsn(0xe3, 1, 2, 0, 0)};
  CHECK(formatInstruction(odd, 0) == "(e4) w1 (null) 3");
  CHECK(formatInstruction(odd, 1) == "(96) if w0 exit 0x0 goto pc+0");
  CHECK(formatInstruction(odd, 2) == "(99) r2 = *((null) *)(r1 +4)");
  CHECK(formatInstruction(odd, 3) == "BUG_e3");
}
