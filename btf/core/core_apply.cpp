// One section's CO-RE relocations, resolved and patched in record order, mirroring libbpf.c:
// bpf_object__relocate_core and bpf_core_resolve_relo.
#include "lib/object/core_apply.h"

#include "btf/core/core_btf.h"
#include "lib/support/error.h"

#include <span>

namespace bpfverify::object {

using btf::core::CandidateCache;
using btf::core::CoreDecision;
using btf::core::CoreDiag;

llvm::Error applyCoreRelocations(llvm::StringRef objectPath, llvm::StringRef sectionName,
                                 std::vector<isa::Insn> &sectionInsns,
                                 llvm::ArrayRef<btf::CoreReloRecord> relos,
                                 const btf::Btf &localBtf, const btf::Target &target) {
  CandidateCache cache(target);
  return applyCoreRelocations(objectPath, sectionName, sectionInsns, relos, localBtf, cache);
}

llvm::Error applyCoreRelocations(llvm::StringRef objectPath, llvm::StringRef sectionName,
                                 std::vector<isa::Insn> &sectionInsns,
                                 llvm::ArrayRef<btf::CoreReloRecord> relos,
                                 const btf::Btf &localBtf, CandidateCache &cache,
                                 std::vector<CoreDecision> *decisions) {
  auto fail = [&](const llvm::Twine &problem) {
    return inputError(objectPath, "section '" + sectionName + "': CO-RE " + problem);
  };
  if (relos.empty())
    return llvm::Error::success();
  if (!cache.target().vmlinux)
    return fail("relocations need the target kernel's BTF, and none was given");

  for (size_t i = 0; i < relos.size(); ++i) {
    const btf::CoreReloRecord &rec = relos[i];
    const int reloIdx = static_cast<int>(i);
    if (rec.insnOffset % sizeof(isa::Insn))
      return fail("relo #" + llvm::Twine(i) + ": insn offset " + llvm::Twine(rec.insnOffset) +
                  " is not a multiple of 8");
    const size_t insnIdx = rec.insnOffset / sizeof(isa::Insn);
    if (insnIdx >= sectionInsns.size())
      return fail("relo #" + llvm::Twine(i) + ": insn #" + llvm::Twine(insnIdx) +
                  " is past the section's " + llvm::Twine(sectionInsns.size()) + " instructions");

    const btf::Type *localType = btf::core::typeById(localBtf, rec.typeId);
    if (!localType)
      return fail("relo #" + llvm::Twine(i) + ": failed to relocate: local type id " +
                  llvm::Twine(rec.typeId) + " is invalid (-22)");

    // bpf_core_resolve_relo: candidates are searched once per local type and cached.
    std::vector<btf::core::CoreCandidate> *cands = nullptr;
    if (rec.kind != btf::CoreReloKind::TypeIdLocal) {
      auto found = cache.get(localBtf, rec.typeId);
      if (!found)
        return fail("relo #" + llvm::Twine(i) + ": target candidate search failed for [" +
                    llvm::Twine(rec.typeId) + "] " + btf::core::kindString(localType->kind) + " " +
                    (localType->name.empty() ? "<anon>" : localType->name) + ": " +
                    errorMessage(found.takeError()));
      cands = *found;
    }

    CoreDecision decision;
    decision.reloIndex = static_cast<uint32_t>(i);
    decision.insnIndex = static_cast<uint32_t>(insnIdx);
    decision.record = rec;
    decision.accessString = localBtf.string(rec.accessStrOffset).str();
    decision.before[0] = sectionInsns[insnIdx];
    if (insnIdx + 1 < sectionInsns.size())
      decision.before[1] = sectionInsns[insnIdx + 1];

    CoreDiag diag;
    int err = btf::core::calcReloInsn(rec, reloIdx, localBtf, cands, decision.result, diag,
                                      decisions ? &decision.trace : nullptr);
    if (err)
      return fail(diag.warning.empty()
                      ? "relo #" + llvm::Twine(i) + ": failed to relocate: " + llvm::Twine(err)
                      : llvm::Twine(diag.warning));

    err = btf::core::patchInsn(std::span<isa::Insn>(sectionInsns), insnIdx, rec, reloIdx,
                               decision.result, diag);
    if (err)
      return fail(diag.warning.empty() ? "relo #" + llvm::Twine(i) + ": failed to patch insn #" +
                                             llvm::Twine(insnIdx) + ": " + llvm::Twine(err)
                                       : llvm::Twine(diag.warning));
    if (decisions) {
      decision.note = diag.warning;
      decision.after[0] = sectionInsns[insnIdx];
      if (insnIdx + 1 < sectionInsns.size())
        decision.after[1] = sectionInsns[insnIdx + 1];
      decisions->push_back(std::move(decision));
    }
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object
