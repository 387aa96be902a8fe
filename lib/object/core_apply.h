#pragma once
// Applying the CO-RE relocations of one ELF section to its raw instructions, as libbpf's
// bpf_object__relocate_core does before subprogram linking (implemented in btf/core/).

#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/core/core_candidates.h"
#include "btf/core/core_relo.h"
#include "btf/target.h"
#include "lib/isa/insn.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <vector>

namespace bpfverify::object {

/// Resolves and patches every CO-RE relocation of one ELF section's raw instructions in place,
/// before subprogram linking, as libbpf's bpf_object__relocate_core does. Unresolvable
/// relocations poison their instruction (call 0xbad2310) for the verifier to report if
/// reachable; malformed records, ambiguous candidates and instructions that do not hold the
/// compiler's expected value are errors naming objectPath and sectionName.
llvm::Error applyCoreRelocations(llvm::StringRef objectPath, llvm::StringRef sectionName,
                                 std::vector<isa::Insn> &sectionInsns,
                                 llvm::ArrayRef<btf::CoreReloRecord> relos,
                                 const btf::Btf &localBtf, const btf::Target &target);

/// The same with a candidate cache shared by all sections of one object, as libbpf's
/// cand_cache is: a relocation that matches some candidates prunes the others for later
/// relocations of the same local type, in every section. Pass the sections in .BTF.ext order
/// and only the records of programs that will be loaded, as libbpf does. When decisions is
/// given, one entry per relocation is appended.
llvm::Error applyCoreRelocations(llvm::StringRef objectPath, llvm::StringRef sectionName,
                                 std::vector<isa::Insn> &sectionInsns,
                                 llvm::ArrayRef<btf::CoreReloRecord> relos,
                                 const btf::Btf &localBtf, btf::core::CandidateCache &cache,
                                 std::vector<btf::core::CoreDecision> *decisions = nullptr);

} // namespace bpfverify::object
