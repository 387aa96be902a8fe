#pragma once
// Human-readable accounts of CO-RE decisions: libbpf's debug messages for one relocation, and
// the text libbpf puts into the verifier log in place of a poisoned instruction.

#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/core/core_relo.h"

#include <string>
#include <vector>

namespace bpfverify::btf::core {

/// The story of one relocation in libbpf's pr_debug wording, one line each, e.g.
///   relo #0: <byte_off> [7] struct task_struct.pid (0:77 @ offset 1264)
///   relo #0: matching candidate #0 <byte_off> [114] struct task_struct.pid (0:77 @ offset 1264)
///   relo #0: patched insn #2 (ALU/ALU64) imm 1264 -> 1264
std::vector<std::string> explainDecision(const CoreDecision &decision);

/// What libbpf (fixup_log_failed_core_relo, 1.1 and current) writes into the verifier log for a
/// reached poisoned instruction at insnIdx:
///   "<insnIdx>: <invalid CO-RE relocation>\nfailed to resolve CO-RE relocation <spec>\n"
/// Empty when the record's spec does not parse (libbpf then leaves the log alone).
std::string failedRelocationLogText(int insnIdx, const Btf &localBtf, const CoreReloRecord &rec);

} // namespace bpfverify::btf::core
