// Explanations of CO-RE decisions, in the wording of libbpf's debug log (relo_core.c) and of
// its verifier log fixup (libbpf.c: fixup_log_failed_core_relo).
#include "btf/core/core_explain.h"

#include "btf/core/core_spec.h"

namespace bpfverify::btf::core {

namespace {

uint64_t widen(int64_t v) {
  return static_cast<uint64_t>(v);
}

std::string moduleSuffix(const CoreCandidate &c) {
  return c.module == 0 ? "" : " in module #" + std::to_string(c.module);
}

} // namespace

std::vector<std::string> explainDecision(const CoreDecision &d) {
  std::vector<std::string> lines;
  std::string prefix = "relo #" + std::to_string(d.reloIndex) + ": ";
  if (!d.trace.localSpec.empty())
    lines.push_back(prefix + d.trace.localSpec);
  bool anyMatched = false;
  for (size_t i = 0; i < d.trace.candidates.size(); ++i) {
    const CandidateOutcome &c = d.trace.candidates[i];
    anyMatched |= c.matched > 0;
    lines.push_back(prefix + (c.matched > 0 ? "matching" : "non-matching") + " candidate #" +
                    std::to_string(i) + " " + c.spec + moduleSuffix(c.candidate));
  }
  if (d.record.kind != CoreReloKind::TypeIdLocal && !anyMatched)
    lines.push_back(prefix + "no matching targets found");
  if (!d.note.empty())
    lines.push_back(prefix + "warning: " + d.note);

  const isa::Insn &before = d.before[0], &after = d.after[0];
  std::string at = "insn #" + std::to_string(d.insnIndex);
  bool poisoned = after.code == (isa::BPF_JMP | isa::BPF_CALL) && after.imm == PoisonHelperId &&
                  !(before == after);
  if (poisoned) {
    lines.push_back(prefix + "substituting " + at + " w/ invalid insn");
    return lines;
  }
  switch (before.cls()) {
  case isa::BPF_ALU:
  case isa::BPF_ALU64:
    lines.push_back(prefix + "patched " + at + " (ALU/ALU64) imm " +
                    std::to_string(widen(before.imm)) + " -> " + std::to_string(d.result.newVal));
    break;
  case isa::BPF_LDX:
  case isa::BPF_ST:
  case isa::BPF_STX:
    lines.push_back(prefix + "patched " + at + " (LDX/ST/STX) off " +
                    std::to_string(widen(before.off)) + " -> " + std::to_string(d.result.newVal));
    if (d.result.newSize != d.result.origSize)
      lines.push_back(prefix + "patched " + at + " (LDX/ST/STX) mem_sz " +
                      std::to_string(d.result.origSize) + " -> " +
                      std::to_string(d.result.newSize));
    break;
  case isa::BPF_LD: {
    uint64_t imm = static_cast<uint32_t>(before.imm) | (widen(d.before[1].imm) << 32);
    lines.push_back(prefix + "patched " + at + " (LDIMM64) imm64 " + std::to_string(imm) + " -> " +
                    std::to_string(d.result.newVal));
    break;
  }
  default:
    break;
  }
  return lines;
}

std::string failedRelocationLogText(int insnIdx, const Btf &localBtf, const CoreReloRecord &rec) {
  CoreSpec spec;
  if (parseSpec(localBtf, rec, spec) != 0)
    return {};
  // libbpf formats the spec into a 256-byte buffer and marks a cut with "...".
  std::string text = formatSpec(spec);
  std::string suffix;
  if (text.size() >= 256) {
    text.resize(255);
    suffix = "...";
  }
  return std::to_string(insnIdx) +
         ": <invalid CO-RE relocation>\nfailed to resolve CO-RE "
         "relocation " +
         text + suffix + "\n";
}

} // namespace bpfverify::btf::core
