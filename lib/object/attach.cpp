// attach_btf_id of programs whose section names a BTF attach target: libbpf_prepare_prog_load ->
// libbpf_find_attach_btf_id -> find_kernel_btf_id, with btf_get_kernel_prefix_kind's prefixes.

#include "lib/object/loader_state.h"

namespace bpfverify::object::detail {

namespace {

constexpr uint32_t AttachTraceRawTp = 23, AttachLsmMac = 27, AttachTraceIter = 28,
                   AttachLsmCgroup = 43;
constexpr uint32_t ProgTypeExt = 28;

std::optional<btf::TypeId> findAttach(const btf::Btf &btf, llvm::StringRef name,
                                      uint32_t attachType, bool ownOnly) {
  std::string full;
  btf::Kind kind = btf::Kind::Func;
  switch (attachType) {
  case AttachTraceRawTp:
    full = ("btf_trace_" + name).str();
    kind = btf::Kind::Typedef;
    break;
  case AttachLsmMac:
  case AttachLsmCgroup:
    full = ("bpf_lsm_" + name).str();
    break;
  case AttachTraceIter:
    full = ("bpf_iter_" + name).str();
    break;
  default:
    full = name.str();
  }
  for (btf::TypeId id : btf.findByName(full))
    if (btf.type(id).kind == kind && (!ownOnly || id >= btf.firstOwnId()))
      return id;
  return std::nullopt;
}

} // namespace

llvm::Error resolveAttachTargets(State &state) {
  for (const Unit &unit : state.units) {
    if (unit.isSubprog)
      continue;
    Program &program = state.object.programs[unit.programIndex];
    SectionInfo info = classifySection(unit.rawSecName);
    if (!info.def || !(info.def->flags & SecAttachBtf))
      continue;
    std::string prog = "prog '" + program.name + "': ";
    if (info.sectionName.find('/') == std::string::npos) {
      state.object.notes.push_back(prog + "no BTF-based attach target is specified");
      continue;
    }
    if (program.progType == ProgTypeExt) {
      state.object.notes.push_back(prog + "freplace target needs the target program's BTF; "
                                          "attach_btf_id left 0");
      continue;
    }
    if (!state.target || !state.target->vmlinux) {
      state.object.notes.push_back(prog + "no target BTF: attach_btf_id of '" +
                                   program.attachTarget + "' left 0");
      continue;
    }
    // "module:function" restricts the search to that module (or "vmlinux").
    llvm::StringRef name = program.attachTarget, moduleName;
    bool hasModule = false;
    if (size_t colon = name.find(':'); colon != llvm::StringRef::npos) {
      moduleName = name.take_front(colon);
      name = name.drop_front(colon + 1);
      hasModule = true;
    }
    bool found = false;
    if (!hasModule || llvm::StringRef("vmlinux").starts_with(moduleName)) {
      if (auto id = findAttach(*state.target->vmlinux, name, program.expectedAttachType, false)) {
        program.attachBtfId = *id;
        program.attachBtfModule = 0;
        found = true;
      }
    }
    for (size_t i = 0; !found && i < state.target->modules.size(); ++i) {
      const btf::ModuleBtf &module = state.target->modules[i];
      if (hasModule && !llvm::StringRef(module.name).starts_with(moduleName))
        continue;
      if (auto id = findAttach(*module.btf, name, program.expectedAttachType, false)) {
        program.attachBtfId = *id;
        program.attachBtfModule = static_cast<uint32_t>(i + 1);
        found = true;
      }
    }
    if (!found)
      state.object.notes.push_back(prog + "failed to find kernel BTF type ID of '" +
                                   program.attachTarget + "'");
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail
