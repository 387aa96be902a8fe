#pragma once
// The kernel's table of valid opcodes: bpf_opcode_in_insntable() (kernel/bpf/core.c, Linux 6.18).

#include <cstdint>

namespace bpfverify::isa {

/// True when `code` is an opcode the kernel accepts before verification; other codes are
/// rejected by resolve_pseudo_ldimm64() with "unknown opcode %02x".
bool isKnownOpcode(uint8_t code);

} // namespace bpfverify::isa
