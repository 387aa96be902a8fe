#include "verifier/engine/pruning/scc_visits.h"

#include "verifier/state/equivalence.h"

namespace bpfverify::verifier::pruning {

namespace {
void log2(const PrecisionEnv &env, const std::string &text) {
  if (env.logLevel2 && env.verbose)
    env.verbose(text);
}
} // namespace

std::string SccCallchain::format() const {
  std::string out = "(";
  // A zero call site ends the list (the kernel's format_callchain()).
  for (uint32_t callsite : callsites) {
    if (!callsite)
      break;
    out += std::to_string(callsite) + ",";
  }
  out += std::to_string(scc) + ")";
  return out;
}

std::optional<SccCallchain> SccVisits::computeCallchain(const VerifierState &st) const {
  SccCallchain cc;
  for (uint32_t i = 0; i <= st.curframe && i < st.frames.size(); i++) {
    const uint32_t insnIdx = frameInsnIdx(st, i);
    const uint32_t scc = insnIdx < insnScc_.size() ? insnScc_[insnIdx] : 0;
    if (scc) {
      cc.scc = scc;
      return cc;
    }
    if (i >= st.curframe || i >= cc.callsites.size())
      return std::nullopt;
    cc.callsites[i] = insnIdx;
  }
  return std::nullopt;
}

SccVisit *SccVisits::lookup(const SccCallchain &callchain) {
  for (SccVisit &visit : visits_)
    if (visit.callchain == callchain)
      return &visit;
  return nullptr;
}

const SccVisit *SccVisits::lookup(const SccCallchain &callchain) const {
  return const_cast<SccVisits *>(this)->lookup(callchain);
}

void SccVisits::maybeEnter(const PrecisionEnv &env, const VerifierState &checkpoint) {
  auto cc = computeCallchain(checkpoint);
  if (!cc)
    return;
  SccVisit *visit = lookup(*cc);
  if (!visit) {
    visits_.push_back(SccVisit{*cc, nullptr, {}});
    visit = &visits_.back();
  }
  if (!visit->entryState) {
    visit->entryState = &checkpoint;
    log2(env, "SCC enter " + cc->format() + "\n");
  }
}

PrecisionError SccVisits::maybeExit(const PrecisionEnv &env, const VerifierState &st) {
  auto cc = computeCallchain(st);
  if (!cc)
    return std::nullopt;
  SccVisit *visit = lookup(*cc);
  if (!visit) {
    // Only a checkpoint hit can end a path inside an SCC, and checkpoints create their visit;
    // speculative paths are the exception.
    if (!st.speculative)
      return "verifier bug: scc exit: no visit info for call chain " + cc->format() + "(1)";
    return std::nullopt;
  }
  if (visit->entryState != &st)
    return std::nullopt;
  log2(env, "SCC exit " + cc->format() + "\n");
  visit->entryState = nullptr;
  numBackedges_ -= uint32_t(visit->backedges.size());
  auto err = propagateBackedges(env, visit->backedges);
  // free_backedges()
  visit->backedges.clear();
  return err;
}

PrecisionError SccVisits::addBackedge(const PrecisionEnv &env, const VerifierState &explored,
                                      Backedge backedge) {
  auto cc = computeCallchain(explored);
  if (!cc)
    return "verifier bug: add backedge: no SCC in verification path, insn_idx " +
           std::to_string(explored.insnIdx) + "(1)";
  SccVisit *visit = lookup(*cc);
  if (!visit)
    return "verifier bug: add backedge: no visit info for call chain " + cc->format() + "(1)";
  log2(env, "SCC backedge " + cc->format() + "\n");
  visit->backedges.insert(visit->backedges.begin(), std::move(backedge));
  numBackedges_++;
  return std::nullopt;
}

bool SccVisits::incompleteReadMarks(const VerifierState &st) const {
  auto cc = computeCallchain(st);
  if (!cc)
    return false;
  const SccVisit *visit = lookup(*cc);
  return visit && !visit->backedges.empty();
}

} // namespace bpfverify::verifier::pruning
