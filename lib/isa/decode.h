#pragma once
// Decoding and encoding of raw instruction streams (struct bpf_insn, 8 little-endian bytes each).

#include "lib/isa/insn.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <vector>

namespace bpfverify::isa {

/// Size of one instruction slot in bytes.
inline constexpr size_t kInsnSize = 8;

/// Decodes one slot: code, dst (low nibble) and src (high nibble), off, imm; all little-endian.
Insn decodeInstruction(const uint8_t *slot);

/// Encodes one slot into 8 bytes; the inverse of decodeInstruction.
void encodeInstruction(const Insn &insn, uint8_t *slot);

/// Decodes a whole stream. The length must be a multiple of 8; an empty stream gives no
/// instructions. Errors name `sourceName` and the offending size.
llvm::Expected<std::vector<Insn>> decodeInstructions(llvm::ArrayRef<uint8_t> bytes,
                                                     llvm::StringRef sourceName);

/// Encodes instructions back into their byte form.
std::vector<uint8_t> encodeInstructions(llvm::ArrayRef<Insn> insns);

} // namespace bpfverify::isa
