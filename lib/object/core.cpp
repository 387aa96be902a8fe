// CO-RE: bpf_object__relocate_core's place in the load sequence. The resolution itself lives in
// btf/core (lib/object/core_apply.h); here we pick the records and sections as libbpf does.

#include "lib/object/core_apply.h"
#include "lib/object/loader_state.h"

namespace bpfverify::object::detail {

llvm::Error applyCore(State &state) {
  if (!state.btfExt || state.btfExt->coreRelos.empty())
    return llvm::Error::success();
  size_t total = 0;
  for (const auto &section : state.btfExt->coreRelos)
    total += section.records.size();
  if (total == 0)
    return llvm::Error::success();
  if (!state.target || !state.target->vmlinux)
    return state.error("CO-RE relocations (" + llvm::Twine(total) + ", first in section '" +
                       state.btfExt->coreRelos.front().sectionName + "') need a target kernel BTF");

  btf::core::CandidateCache cache(*state.target);
  // libbpf relocates only programs that will be loaded; programs with autoload off are still
  // prepared here, after all others so that they cannot change the others' candidate pruning.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto &section : state.btfExt->coreRelos) {
      const ElfSection *elfSection = state.elf.findSection(section.sectionName);
      if (!elfSection || !elfSection->executable())
        return state.error("CO-RE relocations for unknown or non-code section '" +
                           section.sectionName + "'");
      std::vector<btf::CoreReloRecord> records;
      for (const btf::CoreReloRecord &record : section.records) {
        const Unit *unit = findUnitBySecInsn(state, elfSection->index, record.insnOffset / 8);
        if (!unit)
          continue; // an eliminated weak subprogram
        bool late = !unit->isSubprog && !state.object.programs[unit->programIndex].autoload;
        if (late == (pass == 1))
          records.push_back(record);
      }
      if (records.empty())
        continue;
      if (auto err = applyCoreRelocations(state.elf.path, section.sectionName,
                                          state.sectionInsns[elfSection->index], records,
                                          *state.btf, cache))
        return err;
    }
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail
