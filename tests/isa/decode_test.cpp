// Decoding of raw instruction bytes (struct bpf_insn layout, little-endian).

#include "lib/isa/decode.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify::isa;

TEST_CASE("decodes struct bpf_insn fields", "[isa][decode]") {
  // r1 = *(u32 *)(r10 -8) would be 61 a1 f8 ff 00 00 00 00; here: dst 2, src 10.
  const uint8_t bytes[] = {0x61, 0xa2, 0xf8, 0xff, 0x00, 0x00, 0x00, 0x00,
                           0xb7, 0x03, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff};
  auto insns = decodeInstructions(bytes, "prog.bin");
  REQUIRE(!!insns);
  REQUIRE(insns->size() == 2);
  CHECK((*insns)[0].code == 0x61);
  CHECK((*insns)[0].dst == 2);
  CHECK((*insns)[0].src == 10);
  CHECK((*insns)[0].off == -8);
  CHECK((*insns)[0].imm == 0);
  CHECK((*insns)[1].imm == -2);
  CHECK(encodeInstructions(*insns) == std::vector<uint8_t>(std::begin(bytes), std::end(bytes)));
}

TEST_CASE("a stream must be whole instructions", "[isa][decode]") {
  const uint8_t bytes[13] = {};
  auto insns = decodeInstructions(bytes, "prog.bin");
  REQUIRE(!insns);
  CHECK(bpfverify::errorMessage(insns.takeError()) ==
        "prog.bin: size 13 is not a multiple of 8 (the size of struct bpf_insn)");
  auto empty = decodeInstructions({}, "empty.bin");
  REQUIRE(!!empty);
  CHECK(empty->empty());
}

TEST_CASE("encode and decode are inverse for all field values", "[isa][decode]") {
  for (int code = 0; code < 256; code += 7)
    for (int regs = 0; regs < 256; regs += 17) {
      const uint32_t imm = static_cast<uint32_t>(code) * 16777259u - 5u; // wraps on purpose
      Insn insn = makeInsn(code, regs & 15, regs >> 4, static_cast<int16_t>(code * 257 - 30000),
                           static_cast<int32_t>(imm));
      uint8_t slot[8];
      encodeInstruction(insn, slot);
      CHECK(decodeInstruction(slot) == insn);
    }
}
