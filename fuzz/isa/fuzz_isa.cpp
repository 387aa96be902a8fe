// Fuzzes the instruction module with arbitrary bytes: decoding, the program and per-instruction
// checks, formatting of every slot with and without callbacks, liveness and SCCs. Checks
// properties, not just the absence of crashes: encode(decode(x)) == x, errors point inside the
// program, text is never empty.

#include "lib/isa/decode.h"
#include "lib/isa/disasm.h"
#include "lib/isa/liveness.h"
#include "lib/isa/validate.h"

#include <cstdlib>

using namespace bpfverify::isa;

namespace {

void check(bool ok) {
  if (!ok)
    abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto insns = decodeInstructions(llvm::ArrayRef<uint8_t>(data, size), "fuzz");
  if (!insns) {
    check(size % kInsnSize != 0);
    llvm::consumeError(insns.takeError());
    // Also decode the whole-slot prefix, so every input exercises the rest.
    size -= size % kInsnSize;
    insns = decodeInstructions(llvm::ArrayRef<uint8_t>(data, size), "fuzz");
    check(static_cast<bool>(insns));
  }
  check(encodeInstructions(*insns) == std::vector<uint8_t>(data, data + size));

  SubprogLayout layout;
  if (auto err = validateProgram(*insns, &layout)) {
    check(err->index < insns->size() && !err->message.empty());
  } else {
    check(!layout.starts.empty() && layout.starts[0] == 0);
    for (uint32_t start : layout.starts)
      check(start < insns->size() || insns->empty());
  }
  for (const InsnError &err : validateAll(*insns, ValidateOptions{.hasArena = size % 2 == 0}))
    check(err.index < insns->size() && !err.message.empty());

  DisasmCallbacks named;
  named.callName = [](const Insn &insn) -> std::optional<std::string> {
    if (insn.imm % 3 == 0)
      return std::nullopt;
    return std::string(static_cast<size_t>(insn.imm & 0x1ff), 'k'); // long names too
  };
  named.immName = [](const Insn &insn, uint64_t value) -> std::optional<std::string> {
    if (insn.src == 0)
      return std::nullopt;
    return "v" + std::to_string(value);
  };
  named.allowPtrLeaks = size % 3 != 0;
  for (size_t i = 0; i < insns->size(); ++i) {
    check(!formatInstruction(*insns, i).empty());
    check(!formatInstruction(*insns, i, named).empty());
  }
  check(formatInstruction(*insns, insns->size()).empty());

  // Liveness and SCCs: one value per slot, and the listing has one line per instruction.
  const auto live = liveRegsBefore(*insns, [](const Insn &call) -> std::optional<unsigned> {
    return call.imm >= 0 && call.imm < 6 ? std::optional<unsigned>(call.imm) : std::nullopt;
  });
  check(live.size() == insns->size());
  check(computeScc(*insns).size() == insns->size());
  size_t slots = 0;
  for (const std::string &line : formatLiveRegsListing(*insns)) {
    check(line.size() > 20);
    ++slots;
  }
  check(slots <= insns->size());
  return 0;
}
