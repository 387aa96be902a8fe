#pragma once
// Register use/def, instruction successors, SCCs and the "Live regs before insn:" listing that
// the Linux 6.18 verifier prints at log level 2 (compute_live_registers, compute_scc).

#include "lib/isa/disasm.h"
#include "lib/isa/insn.h"

#include <llvm/ADT/ArrayRef.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::isa {

/// Registers an instruction reads and writes, as bit masks (bit n = rn); compute_insn_live_regs().
struct RegUseDef {
  uint16_t use = 0;
  uint16_t def = 0;
};

/// Number of parameters of a call, as get_call_summary() finds it: the helper's prototype for
/// the program type, or a kfunc's BTF prototype. nullopt (no summary, e.g. bpf-to-bpf calls and
/// helpers the program type cannot use) makes the call read r1-r5.
using CallParamCount = std::function<std::optional<unsigned>(const Insn &call)>;

RegUseDef regUseDef(const Insn &insn, const CallParamCount &callParams = {});

/// Successor instruction indices (bpf_insn_successors() of kernel/bpf/liveness.c): fall-through
/// first (index + 2 after ld_imm64), then the jump target. Calls fall through; exit has none.
/// Targets outside the program are dropped.
std::vector<uint32_t> insnSuccessors(llvm::ArrayRef<Insn> insns, uint32_t index);

/// Registers that may be live before each instruction (insn_aux_data[i].live_regs_before):
/// the least fixed point of in = (out & ~def) | use over insnSuccessors(). The second slot of
/// an ld_imm64 gets 0.
std::vector<uint16_t> liveRegsBefore(llvm::ArrayRef<Insn> insns,
                                     const CallParamCount &callParams = {});

/// SCC number of each instruction as compute_scc() assigns it (Tarjan over insnSuccessors(),
/// roots in index order, ids from 1 in order of completion; 0 for an instruction alone in its
/// component without a self edge).
std::vector<uint32_t> computeScc(llvm::ArrayRef<Insn> insns);

/// The lines after "Live regs before insn:" in the log, e.g. "  1   2: .12....... (07) r2 += 1":
/// the SCC number ("%3d ") or four spaces, the index ("%3d: "), r0-r9 live or '.', the
/// instruction text. One line per instruction, none for the second slot of an ld_imm64.
std::vector<std::string> formatLiveRegsListing(llvm::ArrayRef<Insn> insns,
                                               const CallParamCount &callParams = {},
                                               const DisasmCallbacks &callbacks = {});

} // namespace bpfverify::isa
