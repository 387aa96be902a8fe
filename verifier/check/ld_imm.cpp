#include "verifier/check/ld_imm.h"

#include "verifier/check/regs.h"
#include "verifier/engine/uapi.h"

namespace bpfverify::verifier {

using namespace isa;

namespace {

const object::Map *mapAt(const Env &env, int32_t index) {
  if (index < 0 || size_t(index) >= env.obj.maps.size())
    return nullptr;
  return &env.obj.maps[size_t(index)];
}

} // namespace

bool checkLdImmRefs(Env &env) {
  for (uint32_t i = 0; i + 1 < env.insns.size(); i++) {
    const Insn &insn = env.insns[i];
    if (!isLdImm64(insn))
      continue;
    uint8_t src = insn.src;
    if (src == BPF_PSEUDO_MAP_VALUE || src == BPF_PSEUDO_MAP_IDX_VALUE) {
      env.insnIdx = i;
      const object::Map *map = mapAt(env, insn.imm);
      if (!map)
        return env.fail("fd %d is not pointing to valid bpf_map", insn.imm);
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
      if (!mapAt(env, insn.imm))
        return env.fail("fd %d is not pointing to valid bpf_map", insn.imm);
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
    return env.notSupported("ld_imm64 of a BTF id (ksym)");
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
