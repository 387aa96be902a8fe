#pragma once
// Instruction text exactly as the kernel's verifier log prints it (print_bpf_insn in
// kernel/bpf/disasm.c).

#include "lib/isa/insn.h"

#include <llvm/ADT/ArrayRef.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace bpfverify::isa {

/// What the disassembler cannot know by itself; mirrors struct bpf_insn_cbs.
struct DisasmCallbacks {
  /// Name for a call whose id is not a known helper (cb_call). The verifier's log passes
  /// disasm_kfunc_name(): the BTF name of a kfunc for BPF_PSEUDO_KFUNC_CALL, nothing otherwise.
  /// Without a name: "pc%+d" for bpf-to-bpf calls, "kernel-function" for kfuncs, else "unknown".
  std::function<std::optional<std::string>(const Insn &call)> callName;
  /// Text for an ld_imm64 value (cb_imm). The verifier log has no such callback and prints
  /// "0x%llx" of the value after resolve_pseudo_ldimm64() rewrote it. Checked on Linux 6.18:
  /// BPF_PSEUDO_MAP_FD / _MAP_IDX print the map's kernel address, _MAP_VALUE / _MAP_IDX_VALUE
  /// the address of the value plus the offset, BPF_PSEUDO_BTF_ID the symbol's address
  /// ("(18) r1 = 0xffffffff8150e500"), BPF_PSEUDO_FUNC its raw relative offset ("0x3"). An
  /// offline tool cannot know addresses and can render map references here instead.
  std::function<std::optional<std::string>(const Insn &first, uint64_t value)> immName;
  /// env->allow_ptr_leaks (true for root): when false, map and BTF ld_imm64 values print as 0.
  bool allowPtrLeaks = true;
};

/// The text of insns[index] without the leading "N: " and without a newline, e.g.
/// "(bf) r1 = r6", "(85) call bpf_map_lookup_elem#1", "(18) r1 = 0x2a".
/// An ld_imm64 reads its upper half from insns[index + 1] (treated as 0 when missing).
/// Any bit pattern formats without failing; patterns the kernel never prints (it rejects them
/// first) follow the kernel's code paths, including its "(null)" for missing operator names.
std::string formatInstruction(llvm::ArrayRef<Insn> insns, size_t index,
                              const DisasmCallbacks &callbacks = {});

} // namespace bpfverify::isa
