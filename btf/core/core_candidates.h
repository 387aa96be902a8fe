#pragma once
// Target candidate search for CO-RE relocations: the types of the target kernel whose name
// equals a local type's name modulo "___flavor" suffixes (libbpf's bpf_core_find_cands).

#include "btf/btf.h"
#include "btf/target.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/Support/Error.h>

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace bpfverify::btf::core {

/// One candidate target type.
struct CoreCandidate {
  const Btf *btf = nullptr;
  TypeId id = 0;
  /// 0 for vmlinux, k for Target::modules[k-1].
  uint32_t module = 0;
};

/// Per-target index of types by essential (flavor-less) name, built on first use per BTF. It
/// answers exactly what libbpf's linear scan in bpf_core_add_cands finds, in id order.
class CandidateIndex {
public:
  /// Ids in [startId, endId) of btf whose essential name is essentialName, in id order.
  llvm::ArrayRef<TypeId> lookup(const Btf &btf, llvm::StringRef essentialName);

private:
  llvm::DenseMap<const Btf *, std::unique_ptr<llvm::StringMap<std::vector<TypeId>>>> byBtf_;
};

/// bpf_core_add_cands: appends the candidates of localId found in targBtf from startId on.
void addCandidates(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId startId,
                   uint32_t module, CandidateIndex &index, std::vector<CoreCandidate> &out);

/// bpf_core_find_cands: vmlinux first; only if it has none, every module BTF's own types.
/// Fails (libbpf: -EINVAL) for a bad id or an anonymous local type.
llvm::Expected<std::vector<CoreCandidate>> findCandidates(const Target &target, const Btf &localBtf,
                                                          TypeId localId, CandidateIndex &index);

/// libbpf's per-object candidate cache (cand_cache), keyed by local type. The lists are
/// shared by all relocations of a type and pruned by each one that matches some candidates,
/// so later relocations of the same type see only the survivors, exactly as in libbpf.
class CandidateCache {
public:
  explicit CandidateCache(const Target &target) : target_(target) {}
  const Target &target() const { return target_; }
  /// The cached (possibly pruned) list, searching on first use.
  llvm::Expected<std::vector<CoreCandidate> *> get(const Btf &localBtf, TypeId localId);

private:
  const Target &target_;
  CandidateIndex index_;
  std::map<std::pair<const Btf *, TypeId>, std::vector<CoreCandidate>> lists_;
};

} // namespace bpfverify::btf::core
