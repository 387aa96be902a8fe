#include "lib/isa/decode.h"

#include "lib/support/error.h"

namespace bpfverify::isa {

Insn decodeInstruction(const uint8_t *slot) {
  Insn insn;
  insn.code = slot[0];
  insn.dst = slot[1] & 0x0f;
  insn.src = slot[1] >> 4;
  insn.off = static_cast<int16_t>(static_cast<uint16_t>(slot[2] | (slot[3] << 8)));
  insn.imm = static_cast<int32_t>(
      static_cast<uint32_t>(slot[4]) | (static_cast<uint32_t>(slot[5]) << 8) |
      (static_cast<uint32_t>(slot[6]) << 16) | (static_cast<uint32_t>(slot[7]) << 24));
  return insn;
}

void encodeInstruction(const Insn &insn, uint8_t *slot) {
  const auto off = static_cast<uint16_t>(insn.off);
  const auto imm = static_cast<uint32_t>(insn.imm);
  slot[0] = insn.code;
  slot[1] = static_cast<uint8_t>(insn.dst | (insn.src << 4));
  slot[2] = static_cast<uint8_t>(off);
  slot[3] = static_cast<uint8_t>(off >> 8);
  for (int i = 0; i < 4; ++i)
    slot[4 + i] = static_cast<uint8_t>(imm >> (8 * i));
}

llvm::Expected<std::vector<Insn>> decodeInstructions(llvm::ArrayRef<uint8_t> bytes,
                                                     llvm::StringRef sourceName) {
  if (bytes.size() % kInsnSize != 0)
    return inputError(sourceName, "size " + llvm::Twine(bytes.size()) +
                                      " is not a multiple of 8 (the size of struct bpf_insn)");
  // The output is exactly as large as the input, so no count from the file can inflate it.
  std::vector<Insn> insns;
  insns.reserve(bytes.size() / kInsnSize);
  for (size_t pos = 0; pos < bytes.size(); pos += kInsnSize)
    insns.push_back(decodeInstruction(bytes.data() + pos));
  return insns;
}

std::vector<uint8_t> encodeInstructions(llvm::ArrayRef<Insn> insns) {
  std::vector<uint8_t> bytes(insns.size() * kInsnSize);
  for (size_t i = 0; i < insns.size(); ++i)
    encodeInstruction(insns[i], bytes.data() + i * kInsnSize);
  return bytes;
}

} // namespace bpfverify::isa
