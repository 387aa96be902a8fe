#include "cmd/bpfverify/listing.h"

#ifdef BPFVERIFY_HAVE_DISASM
#include "lib/isa/disasm.h"
#endif
#include "lib/object/uapi_enums.h"

#include <string>

namespace bpfverify::cli {

void printListing(const object::Object &object, const object::Program &p, llvm::raw_ostream &os) {
  std::string type(object::progTypeName(p.progType));
  std::string attach(object::attachTypeName(p.expectedAttachType));
  os << object.path << ": " << p.sectionName << "/" << p.name << ": "
     << (type.empty() ? "unknown(" + std::to_string(p.progType) + ")" : type) << " (";
  // Attach type 0 (BPF_CGROUP_INET_INGRESS) also means "none" for most program types.
  if (p.expectedAttachType != 0 || p.progType == 8 /* BPF_PROG_TYPE_CGROUP_SKB */)
    os << "attach " << (attach.empty() ? std::to_string(p.expectedAttachType) : attach) << ", ";
  os << p.insns.size() << " insns" << (p.autoload ? "" : ", not autoloaded") << ")\n";
}

#ifdef BPFVERIFY_HAVE_DISASM
namespace {

std::string mapName(const object::Object &object, int32_t index) {
  if (index >= 0 && static_cast<size_t>(index) < object.maps.size())
    return object.maps[index].name;
  return "#" + std::to_string(index);
}

/// The name of a kfunc: its FUNC in vmlinux (off 0) or in module `off` of the target.
std::optional<std::string> kfuncName(const btf::Target *target, const isa::Insn &call) {
  if (!target)
    return std::nullopt;
  const btf::Btf *btf = nullptr;
  if (call.off == 0)
    btf = target->vmlinux.get();
  else if (call.off > 0 && static_cast<size_t>(call.off) <= target->modules.size())
    btf = target->modules[call.off - 1].btf.get();
  if (!btf || call.imm <= 0 || !btf->validId(static_cast<btf::TypeId>(call.imm)))
    return std::nullopt;
  return std::string(btf->type(static_cast<btf::TypeId>(call.imm)).name);
}

} // namespace

void printDisassembly(const object::Object &object, const object::Program &p,
                      const btf::Target *target, llvm::raw_ostream &os) {
  os << object.path << ": " << p.sectionName << "/" << p.name << ":\n";
  isa::DisasmCallbacks callbacks;
  callbacks.callName = [&](const isa::Insn &call) -> std::optional<std::string> {
    if (call.src == isa::BPF_PSEUDO_KFUNC_CALL)
      return kfuncName(target, call);
    return std::nullopt;
  };
  callbacks.immName = [&](const isa::Insn &first, uint64_t value) -> std::optional<std::string> {
    // Object convention (object.h): imm is the index into Object::maps, next.imm the offset.
    if (first.src == isa::BPF_PSEUDO_MAP_FD)
      return "map[" + mapName(object, first.imm) + "]";
    if (first.src == isa::BPF_PSEUDO_MAP_VALUE)
      return "map[" + mapName(object, first.imm) + "][0]+" + std::to_string(value >> 32);
    return std::nullopt;
  };
  for (size_t i = 0; i < p.insns.size(); ++i) {
    os << i << ": " << isa::formatInstruction(p.insns, i, callbacks) << "\n";
    if (isa::isLdImm64(p.insns[i]))
      ++i; // the second slot is part of the same instruction
  }
}

#else
void printDisassembly(const object::Object &object, const object::Program &p, const btf::Target *,
                      llvm::raw_ostream &os) {
  os << object.path << ": " << p.sectionName << "/" << p.name
     << ": --disasm needs lib/isa, which this build does not have\n";
}
#endif

} // namespace bpfverify::cli
