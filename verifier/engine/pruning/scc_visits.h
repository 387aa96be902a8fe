#pragma once
// Loop bookkeeping of Linux 6.18 is_state_visited(): per (call chain, SCC) visit the checkpoint
// that entered the SCC and the backedge states found equal to older checkpoints inside it, whose
// precision marks are propagated once every path from the entry is explored
// (compute_scc_callchain, maybe_enter_scc, maybe_exit_scc, add_scc_backedge,
// incomplete_read_marks).

#include "verifier/engine/pruning/precision.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::verifier::pruning {

/// struct bpf_scc_callchain: call sites of the frames outside the SCC, then the SCC id.
struct SccCallchain {
  std::array<uint32_t, MAX_CALL_FRAMES - 1> callsites{};
  uint32_t scc = 0;
  friend bool operator==(const SccCallchain &, const SccCallchain &) = default;
  /// format_callchain(): "(3,12,2)": non-zero call sites, then the SCC id.
  std::string format() const;
};

/// struct bpf_scc_visit
struct SccVisit {
  SccCallchain callchain;
  /// The checkpoint that entered the SCC on this visit (identity only); null between visits.
  const VerifierState *entryState = nullptr;
  /// Most recent first, as the kernel's list.
  std::vector<Backedge> backedges;
};

class SccVisits {
public:
  /// `insnScc` is insn_aux_data[i].scc from compute_scc() (isa::computeScc), 0 = no SCC.
  explicit SccVisits(std::vector<uint32_t> insnScc) : insnScc_(std::move(insnScc)) {}

  /// compute_scc_callchain(): the outermost frame whose instruction is in an SCC and the call
  /// sites leading to it; nothing when no frame is in an SCC.
  std::optional<SccCallchain> computeCallchain(const VerifierState &st) const;

  /// maybe_enter_scc(env, new): called by is_state_visited() for each new checkpoint. Logs
  /// "SCC enter (...)" at level 2 through env.verbose.
  void maybeEnter(const PrecisionEnv &env, const VerifierState &checkpoint);
  /// maybe_exit_scc(env, st): called by update_branch_counts() when st->branches drops to 0. If
  /// st entered its visit, the visit's backedges are propagated (propagate_backedges) and freed.
  PrecisionError maybeExit(const PrecisionEnv &env, const VerifierState &st);
  /// add_scc_backedge(env, &sl->state, backedge): `explored` is the matched checkpoint; the
  /// backedge's equalState must point at it.
  PrecisionError addBackedge(const PrecisionEnv &env, const VerifierState &explored,
                             Backedge backedge);
  /// incomplete_read_marks(): st's visit still has unpropagated backedges, so its precision
  /// marks are not final (compare with RANGE_WITHIN, do not clean, do not free).
  bool incompleteReadMarks(const VerifierState &st) const;

  /// env->num_backedges: backedges currently held (counted in peak_states).
  uint32_t numBackedges() const { return numBackedges_; }
  const SccVisit *lookup(const SccCallchain &callchain) const;

private:
  SccVisit *lookup(const SccCallchain &callchain);

  std::vector<uint32_t> insnScc_;
  std::vector<SccVisit> visits_;
  uint32_t numBackedges_ = 0;
};

} // namespace bpfverify::verifier::pruning
