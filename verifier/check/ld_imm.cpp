#include "verifier/check/ld_imm.h"

#include "btf/btf.h"
#include "btf/target.h"
#include "verifier/check/map_fields.h"
#include "verifier/check/regs.h"
#include "verifier/engine/uapi.h"

#include <algorithm>

namespace bpfverify::verifier {

using namespace isa;

namespace {

const object::Map *mapAt(const Env &env, int32_t index) {
  if (index < 0 || size_t(index) >= env.obj.maps.size())
    return nullptr;
  return &env.obj.maps[size_t(index)];
}

/// check_pseudo_btf_id() and check_ld_imm()'s BPF_PSEUDO_BTF_ID case: a kernel symbol by its
/// BTF id (a VAR or a FUNC of vmlinux or of a module). The kernel also looks the symbol up in
/// kallsyms; an offline verifier takes every BTF VAR/FUNC to have an address.
bool loadKsym(Env &env, RegState &dst, const Insn &insn, const Insn &next) {
  if (!env.target || !env.target->vmlinux)
    return env.notSupported("ksyms without a target BTF");
  const btf::Btf *btf = env.target->vmlinux.get();
  if (next.imm > 0) {
    size_t mod = size_t(next.imm);
    if (mod > env.target->modules.size())
      return env.fail("invalid module BTF object FD specified.");
    btf = env.target->modules[mod - 1].btf.get();
  }
  uint32_t id = uint32_t(insn.imm);
  const btf::Type *t = btf->tryType(id);
  if (!t)
    return env.fail("ldimm64 insn specifies invalid btf_id %d.", insn.imm);
  if (t->kind != btf::Kind::Var && t->kind != btf::Kind::Func)
    return env.fail("pseudo btf_id %d in ldimm64 isn't KIND_VAR or KIND_FUNC", insn.imm);
  if (t->kind == btf::Kind::Func) {
    dst.type = RegType(RegBase::PtrToMem, MEM_RDONLY);
    dst.memSize = 0;
    return true;
  }
  // find_btf_percpu_datasec(): a per-CPU variable lives in the ".data..percpu" DATASEC.
  bool percpu = false;
  if (auto ds = btf->findByNameKind(".data..percpu", btf::Kind::DataSec))
    if (const btf::Type *sec = btf->tryType(*ds))
      for (const btf::VarSecInfo &v : sec->vars)
        if (v.type == id)
          percpu = true;
  uint32_t type = t->type;
  const btf::Type *vt = btf->tryType(btf->skipModifiers(type));
  if (percpu) {
    dst.type = RegType(RegBase::PtrToBtfId, MEM_PERCPU);
    dst.btf = btf;
    dst.btfId = type;
  } else if (!vt || vt->kind != btf::Kind::Struct) {
    auto size = btf->sizeOf(btf->skipModifiers(type));
    if (!size) {
      llvm::consumeError(size.takeError());
      return env.fail("ldimm64 unable to resolve the size of type '%s': -22",
                      vt ? std::string(vt->name).c_str() : "");
    }
    dst.type = RegType(RegBase::PtrToMem, MEM_RDONLY);
    dst.memSize = uint32_t(*size);
  } else {
    dst.type = RegType(RegBase::PtrToBtfId);
    dst.btf = btf;
    dst.btfId = type;
  }
  return true;
}

} // namespace

bool checkLdImmRefs(Env &env) {
  // __add_used_map(): check_map_prog_compatibility() runs when a map is first used.
  std::vector<const object::Map *> used;
  auto addUsedMap = [&](const object::Map &map) {
    if (std::find(used.begin(), used.end(), &map) != used.end())
      return true;
    used.push_back(&map);
    return checkMapProgCompatibility(env, map);
  };
  for (uint32_t i = 0; i + 1 < env.insns.size(); i++) {
    const Insn &insn = env.insns[i];
    if (!isLdImm64(insn))
      continue;
    uint8_t src = insn.src;
    bool rawFd = std::find(env.prog.rawMapFdInsns.begin(), env.prog.rawMapFdInsns.end(), i) !=
                 env.prog.rawMapFdInsns.end();
    if (rawFd) {
      env.insnIdx = i;
      return env.fail("fd %d is not pointing to valid bpf_map", insn.imm);
    }
    if (src == BPF_PSEUDO_MAP_VALUE || src == BPF_PSEUDO_MAP_IDX_VALUE) {
      env.insnIdx = i;
      const object::Map *map = mapAt(env, insn.imm);
      if (!map)
        return env.fail("fd %d is not pointing to valid bpf_map", insn.imm);
      if (!addUsedMap(*map))
        return false;
      uint32_t off = uint32_t(env.insns[i + 1].imm);
      if (off >= uint32_t(1) << 29)
        return env.fail("direct value offset of %u is not allowed", off);
      bool directOk =
          map->type == uapi::BPF_MAP_TYPE_ARRAY || map->type == uapi::BPF_MAP_TYPE_ARENA;
      if (!directOk)
        return env.fail("no direct value access support for this map type");
      if (map->type == uapi::BPF_MAP_TYPE_ARRAY && (map->maxEntries != 1 || off >= map->valueSize))
        return env.fail("invalid access to map value pointer, value_size=%u off=%u", map->valueSize,
                        off);
    } else if (src == BPF_PSEUDO_MAP_FD || src == BPF_PSEUDO_MAP_IDX) {
      env.insnIdx = i;
      const object::Map *map = mapAt(env, insn.imm);
      if (!map)
        return env.fail("fd %d is not pointing to valid bpf_map", insn.imm);
      if (!addUsedMap(*map))
        return false;
    }
    i++;
  }
  return true;
}

bool checkLdImm(Env &env) {
  const Insn insn = env.insn();
  const Insn next = env.insns[env.insnIdx + 1];
  if (!checkRegArg(env, insn.dst, RegArg::DstOp))
    return false;
  RegState &dst = env.curRegs()[insn.dst];
  if (insn.src == 0) {
    uint64_t imm = (uint64_t(uint32_t(next.imm)) << 32) | uint32_t(insn.imm);
    dst.type = RegType(RegBase::Scalar);
    markRegKnown(dst, imm);
    return true;
  }
  markRegKnownZero(dst);
  if (insn.src == BPF_PSEUDO_BTF_ID)
    return loadKsym(env, dst, insn, next);
  if (insn.src == BPF_PSEUDO_FUNC) {
    int subprog = env.findSubprog(env.insnIdx + uint32_t(insn.imm) + 1);
    if (env.prog.funcInfo.empty())
      return env.fail("missing btf func_info");
    if (subprog < 0 || env.subprogs[size_t(subprog)].isGlobal)
      return env.fail("callback function not static");
    dst.type = RegType(RegBase::PtrToFunc);
    dst.subprogno = uint32_t(subprog);
    return true;
  }
  const object::Map *map = mapAt(env, insn.imm);
  dst.map = map;
  dst.mapIndex = insn.imm;
  if (insn.src == BPF_PSEUDO_MAP_VALUE || insn.src == BPF_PSEUDO_MAP_IDX_VALUE) {
    if (map && map->type == uapi::BPF_MAP_TYPE_ARENA) {
      markRegUnknown(dst);
      return true;
    }
    dst.type = RegType(RegBase::PtrToMapValue);
    dst.off = next.imm;
  } else if (insn.src == BPF_PSEUDO_MAP_FD || insn.src == BPF_PSEUDO_MAP_IDX) {
    dst.type = RegType(RegBase::ConstPtrToMap);
  } else {
    return env.fail("bpf verifier is misconfigured");
  }
  return true;
}

} // namespace bpfverify::verifier
