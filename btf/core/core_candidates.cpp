// Candidate search, mirroring libbpf.c: bpf_core_add_cands, bpf_core_find_cands and the
// cand_cache of bpf_core_resolve_relo.
#include "btf/core/core_candidates.h"

#include "btf/core/core_btf.h"
#include "lib/support/error.h"

namespace bpfverify::btf::core {

llvm::ArrayRef<TypeId> CandidateIndex::lookup(const Btf &btf, llvm::StringRef essentialName) {
  auto &slot = byBtf_[&btf];
  if (!slot) {
    slot = std::make_unique<llvm::StringMap<std::vector<TypeId>>>();
    // Only the BTF's own types: a split BTF's base is searched as a BTF of its own.
    for (TypeId id = btf.firstOwnId(); id < btf.endId(); ++id) {
      const Type &t = btf.type(id);
      if (t.name.empty())
        continue;
      llvm::StringRef name(t.name.data(), t.name.size());
      (*slot)[name.take_front(essentialNameLength(name))].push_back(id);
    }
  }
  auto it = slot->find(essentialName);
  if (it == slot->end())
    return {};
  return it->second;
}

void addCandidates(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId startId,
                   uint32_t module, CandidateIndex &index, std::vector<CoreCandidate> &out) {
  const Type &local = localBtf.type(localId);
  llvm::StringRef localName(local.name.data(), local.name.size());
  llvm::StringRef essential = localName.take_front(essentialNameLength(localName));
  for (TypeId id : index.lookup(targBtf, essential)) {
    if (id < startId)
      continue;
    if (!kindsCoreCompat(targBtf.type(id), local))
      continue;
    out.push_back({&targBtf, id, module});
  }
}

llvm::Expected<std::vector<CoreCandidate>> findCandidates(const Target &target, const Btf &localBtf,
                                                          TypeId localId, CandidateIndex &index) {
  const Type *local = typeById(localBtf, localId);
  if (!local)
    return inputError("", "invalid local type id " + llvm::Twine(localId) + ": -22");
  if (local->name.empty())
    return inputError("", "anonymous local type [" + llvm::Twine(localId) + "] " +
                              kindString(local->kind) + " cannot be searched for: -22");
  if (!target.vmlinux)
    return inputError("", "no target kernel BTF to search CO-RE candidates in");

  std::vector<CoreCandidate> cands;
  addCandidates(localBtf, localId, *target.vmlinux, 1, 0, index, cands);
  if (!cands.empty())
    return cands;
  // Only if vmlinux has none: the module BTFs' own types (ids from vmlinux's end on).
  for (size_t k = 0; k < target.modules.size(); ++k) {
    const auto &mod = target.modules[k];
    if (!mod.btf)
      continue;
    addCandidates(localBtf, localId, *mod.btf, target.vmlinux->endId(),
                  static_cast<uint32_t>(k + 1), index, cands);
  }
  return cands;
}

llvm::Expected<std::vector<CoreCandidate> *> CandidateCache::get(const Btf &localBtf,
                                                                 TypeId localId) {
  auto key = std::make_pair(&localBtf, localId);
  auto it = lists_.find(key);
  if (it != lists_.end())
    return &it->second;
  auto cands = findCandidates(target_, localBtf, localId, index_);
  if (!cands)
    return cands.takeError();
  return &lists_.emplace(key, std::move(*cands)).first->second;
}

} // namespace bpfverify::btf::core
