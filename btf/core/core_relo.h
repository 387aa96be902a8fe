#pragma once
// Computing one CO-RE relocation's result (libbpf's bpf_core_calc_relo_insn) and patching the
// instruction with it (bpf_core_patch_insn).

#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/core/core_candidates.h"
#include "btf/core/core_spec.h"
#include "lib/isa/insn.h"

#include <llvm/ADT/StringRef.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bpfverify::btf::core {

/// The imm of the call a failed relocation's instruction becomes: 0xbad2310 ("bad relo"),
/// reported by the verifier as "invalid func unknown#195896080".
inline constexpr int32_t PoisonHelperId = 195896080;

/// struct bpf_core_relo_res.
struct CoreReloResult {
  uint64_t origVal = 0;               ///< what the compiler put in the instruction (local BTF)
  uint64_t newVal = 0;                ///< what the target kernel needs
  bool poison = false;                ///< the relocation failed: the instruction becomes a bad call
  bool validate = true;               ///< check the instruction holds origVal before patching
  bool failMemszAdjust = false;       ///< load/store size change that would read a wrong value
  uint32_t origSize = 0, newSize = 0; ///< field sizes for load/store size adjustment
  TypeId origTypeId = 0, newTypeId = 0;
};

/// How one candidate fared, for explanations.
struct CandidateOutcome {
  CoreCandidate candidate;
  int matched = 0;  ///< 1 matched, 0 not (errors abort the relocation)
  std::string spec; ///< bpf_core_format_spec of the candidate spec
};

/// The reasoning behind one relocation, libbpf's pr_debug story in data form.
struct CoreReloTrace {
  std::string localSpec;
  std::vector<CandidateOutcome> candidates;
  std::optional<CoreSpec> targetSpec; ///< the spec of the first matching candidate
};

/// Diagnostics: libbpf's pr_warn text of a failure, without its "prog '...': relo #N: " prefix.
struct CoreDiag {
  std::string warning;
};

/// bpf_core_calc_relo_insn. cands is the cached candidate list of relo.typeId (nullptr for
/// TYPE_ID_LOCAL) and is pruned to the matching candidates, if any matched. Returns 0 or a
/// negative errno with diag.warning set.
int calcReloInsn(const CoreReloRecord &relo, int reloIdx, const Btf &localBtf,
                 std::vector<CoreCandidate> *cands, CoreReloResult &res, CoreDiag &diag,
                 CoreReloTrace *trace = nullptr);

/// bpf_core_patch_insn on insns[insnIdx] (and the next slot for ld_imm64). Returns 0 or a
/// negative errno with diag.warning set when libbpf prints one.
int patchInsn(std::span<isa::Insn> insns, size_t insnIdx, const CoreReloRecord &relo, int reloIdx,
              const CoreReloResult &res, CoreDiag &diag);

/// Turns one instruction into the poison call (bpf_core_poison_insn).
void poisonInsn(isa::Insn &insn);

/// Everything decided for one relocation of a section, for explanations (--explain).
struct CoreDecision {
  uint32_t reloIndex = 0; ///< index among the section's CO-RE records
  uint32_t insnIndex = 0; ///< instruction index within the section
  CoreReloRecord record;
  std::string accessString; ///< the record's raw access string, e.g. "0:1:2"
  CoreReloTrace trace;
  CoreReloResult result;
  std::string note;                        ///< a libbpf warning that did not fail the load, if any
  isa::Insn before[2] = {}, after[2] = {}; ///< the slot (and the next, for ld_imm64)
};

} // namespace bpfverify::btf::core
