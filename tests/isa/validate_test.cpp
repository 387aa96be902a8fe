// Encoding checks against the kernel's own first error (tests/isa/data/validation_corpus.txt) and
// against the check order of kernel/bpf/verifier.c.

#include "lib/isa/validate.h"
#include "tests/isa/kernel_data.h"

#include <catch2/catch.hpp>

#include <regex>

using namespace bpfverify::isa;
using bpfverify::isa::test::fromHex;
using bpfverify::isa::test::loadKernelCases;

namespace {

// The corpus template (gen_validation_corpus.py): r1 = *(u32 *)(r1 +0); r0, r2..r9 = 0;
// if r1 == 0x0 goto pc+<case slots>; <case at insn 11>; r0 = 0; exit.
constexpr size_t kCaseIndex = 11;

std::vector<Insn> programFor(const std::vector<Insn> &caseInsns) {
  std::vector<Insn> prog = {makeInsn(BPF_LDX | BPF_MEM | BPF_W, 1, 1, 0, 0)};
  for (uint8_t r : {0, 2, 3, 4, 5, 6, 7, 8, 9})
    prog.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, 0));
  prog.push_back(
      makeInsn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, static_cast<int16_t>(caseInsns.size()), 0));
  prog.insert(prog.end(), caseInsns.begin(), caseInsns.end());
  prog.push_back(makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0));
  prog.push_back(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  return prog;
}

// Kernel messages this module produces; any other kernel message is outside its scope.
bool isOurs(const std::string &msg) {
  static const std::regex ours(
      "(BPF_[A-Z_/0-9]+|BPF_LD_\\[ABS\\|IND\\]) uses reserved fields|unknown opcode [0-9a-f]+|"
      "invalid bpf_ld_imm64 insn|unrecognized bpf_ld_imm64 insn|invalid BPF_ALU opcode .*|"
      "invalid BPF_JMP/JMP32 opcode .*|invalid may_goto imm -?[0-9]+|invalid shift -?[0-9]+|"
      "div by zero|invalid atomic operand size|BPF_ATOMIC uses invalid atomic opcode .*|"
      "jump out of range from insn .*|last insn is not an exit or jmp|"
      "call to invalid destination|too many subprograms|addr_space_cast insn .*|"
      "invalid BPF_LD_IMM insn|invalid BPF_LD mode");
  return std::regex_match(msg, ours);
}

// Messages of checks the kernel runs before exploration that need BTF, maps or the CFG pass.
bool isUnmodelledEarlyCheck(const std::string &msg) {
  static const std::regex early("unreachable insn .*|back-edge from insn .*|"
                                "jump into the middle of ldimm64 insn .*|fd .*|"
                                ".*btf.*|.*BTF.*|.*kernel function.*|.*kfunc.*");
  return std::regex_match(msg, early);
}

} // namespace

TEST_CASE("first error matches the kernel on the recorded corpus", "[isa][validate]") {
  const auto cases = loadKernelCases("validation_corpus.txt");
  size_t compared = 0, ourErrors = 0;
  for (const auto &c : cases) {
    INFO("data line " << c.line << ", kernel: " << c.expected);
    const std::vector<Insn> prog = programFor(c.insns);
    if (auto err = validateProgram(prog)) {
      CHECK(err->stage == CheckStage::Program);
      CHECK(err->message == c.expected);
      ++compared;
      ++ourErrors;
      continue;
    }
    if (isUnmodelledEarlyCheck(c.expected))
      continue;
    // The template before the case is valid.
    for (size_t i = 0; i < kCaseIndex; ++i)
      REQUIRE(!validateInstruction(prog, i));
    ++compared;
    const auto err = validateInstruction(prog, kCaseIndex);
    if (!err) {
      CHECK(!isOurs(c.expected));
      continue;
    }
    ++ourErrors;
    std::string expected = err->message;
    // Every register of the template is readable, so only an out-of-range dst comes first.
    if (err->stage == CheckStage::AfterDstRead && c.insns[0].dst >= MAX_BPF_REG)
      expected = "R" + std::to_string(c.insns[0].dst) + " is invalid";
    CHECK(expected == c.expected);
  }
  CHECK(compared > 7000);
  CHECK(ourErrors > 5000);
}

TEST_CASE("stages follow the kernel's order", "[isa][validate]") {
  // "div by zero" comes after check_reg_arg(dst, SRC_OP) in check_alu_op().
  std::vector<Insn> div = {makeInsn(BPF_ALU64 | BPF_DIV | BPF_K, 1, 0, 0, 0)};
  auto err = validateInstruction(div, 0);
  REQUIRE(err);
  CHECK(*err == InsnError{0, "div by zero", CheckStage::AfterDstRead});
  // Reserved fields of a conditional jump are checked after the dst read too.
  std::vector<Insn> jeq = {makeInsn(BPF_JMP | BPF_JEQ | BPF_X, 1, 2, 0, 5)};
  err = validateInstruction(jeq, 0);
  REQUIRE(err);
  CHECK(*err == InsnError{0, "BPF_JMP/JMP32 uses reserved fields", CheckStage::AfterDstRead});
  // ... while the other classes check at entry.
  std::vector<Insn> st = {makeInsn(BPF_ST | BPF_MEM | BPF_W, 10, 1, -4, 0)};
  err = validateInstruction(st, 0);
  REQUIRE(err);
  CHECK(*err == InsnError{0, "BPF_ST uses reserved fields", CheckStage::InsnEntry});
  std::vector<Insn> ldAbs = {makeInsn(BPF_LD | BPF_ABS | BPF_W, 1, 0, 0, 0)};
  err = validateInstruction(ldAbs, 0);
  REQUIRE(err);
  CHECK(err->stage == CheckStage::AfterLdAbsChecks);
}

TEST_CASE("addr_space_cast needs an arena", "[isa][validate]") {
  std::vector<Insn> cast = {makeInsn(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, BPF_ADDR_SPACE_CAST, 1)};
  auto err = validateInstruction(cast, 0);
  REQUIRE(err);
  CHECK(err->message ==
        "addr_space_cast insn can only be used in a program that has an associated arena");
  CHECK(!validateInstruction(cast, 0, ValidateOptions{.hasArena = true}));
  cast[0].imm = 2;
  err = validateInstruction(cast, 0, ValidateOptions{.hasArena = true});
  REQUIRE(err);
  CHECK(err->message == "addr_space_cast insn can only convert between address space 1 and 0");
}

TEST_CASE("program checks run in bpf_check order", "[isa][validate]") {
  // An unknown opcode (resolve_pseudo_ldimm64) loses against a bad jump (check_subprogs),
  // although it comes first.
  auto prog = fromHex("0700000000000000" // r0 += 0
                      "ff00000000000000" // unknown opcode ff
                      "0500050000000000" // goto pc+5: out of range
                      "9500000000000000");
  auto err = validateProgram(prog);
  REQUIRE(err);
  CHECK(err->message == "jump out of range from insn 2 to 8");
  CHECK(err->index == 2);
  prog[2].off = 0;
  err = validateProgram(prog);
  REQUIRE(err);
  CHECK(*err == InsnError{1, "unknown opcode ff", CheckStage::Program});
}

TEST_CASE("subprograms come from calls and callbacks", "[isa][validate]") {
  // 0: call pc+2; 1: exit; 2: r1 = subprog at 5 (pseudo func); 4: exit; 5: r0 = 0; 6: exit
  std::vector<Insn> prog = {makeInsn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1),
                            makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
                            makeInsn(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_FUNC, 0, 2),
                            makeInsn(0, 0, 0, 0, 0),
                            makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
                            makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
                            makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)};
  SubprogLayout layout;
  REQUIRE(!validateProgram(prog, &layout));
  CHECK(layout.starts == std::vector<uint32_t>{0, 2, 5});
  // A jump from one subprogram into another is out of range.
  prog[1] = makeInsn(BPF_JMP | BPF_JA, 0, 0, 3, 0);
  auto err = validateProgram(prog);
  REQUIRE(err);
  CHECK(err->message == "jump out of range from insn 1 to 5");
  prog[1] = makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
  prog[0].imm = 100;
  err = validateProgram(prog);
  REQUIRE(err);
  CHECK(*err == InsnError{0, "call to invalid destination", CheckStage::Program});
}

TEST_CASE("at most 256 subprograms", "[isa][validate]") {
  // 300 calls; call i targets insn 300 + i, each target an exit.
  std::vector<Insn> prog;
  const int calls = 300;
  for (int i = 0; i < calls; ++i)
    prog.push_back(makeInsn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, calls - 1));
  for (int i = 0; i <= calls; ++i)
    prog.push_back(makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
  auto err = validateProgram(prog);
  REQUIRE(err);
  CHECK(*err == InsnError{255, "too many subprograms", CheckStage::Program});
}

TEST_CASE("validateAll lints every instruction", "[isa][validate]") {
  std::vector<Insn> insns = {
      makeInsn(BPF_ALU64 | BPF_NEG, 1, 0, 0, 1), makeInsn(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 7),
      makeInsn(0, 0, 0, 0, 0), makeInsn(BPF_ALU | BPF_LSH | BPF_K, 2, 0, 0, 32),
      makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)};
  auto errors = validateAll(insns);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == InsnError{0, "BPF_NEG uses reserved fields", CheckStage::InsnEntry});
  CHECK(errors[1] == InsnError{3, "invalid shift 32", CheckStage::AfterDstRead});
}
