#include "verifier/check/call.h"

#include "btf/btf.h"
#include "btf/target.h"
#include "lib/isa/helpers.h"
#include "verifier/check/btf_access.h"
#include "verifier/check/dynptr.h"
#include "verifier/check/jmp.h"
#include "verifier/check/map_compat.h"
#include "verifier/check/map_fields.h"
#include "verifier/check/mem.h"
#include "verifier/check/regs.h"
#include "verifier/engine/global_funcs.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/engine/pruning_glue.h"
#include "verifier/engine/uapi.h"
#include "verifier/engine/verify_options.h"
#include "verifier/target/ctx/ctx_access.h"
#include "verifier/target/func_ids.h"
#include "verifier/target/func_proto.h"
#include "verifier/target/pkt_changers.h"

#include <algorithm>
#include <functional>

namespace bpfverify::verifier {

using namespace isa;
namespace tg = bpfverify::target;

namespace {

constexpr int64_t MAX_ERRNO = 4095;
constexpr uint32_t BPF_MAX_VAR_SIZ = 1u << 29;
constexpr int CALLER_SAVED_REGS = 6;

std::string funcIdName(int32_t id) {
  if (auto n = helperName(id))
    return n->str();
  return "unknown";
}

bool registerIsNull(const RegState &reg) {
  return reg.isScalar() && reg.bounds.varOff.isConst() && reg.bounds.varOff.value == 0;
}

struct CallArgMeta {
  const object::Map *map = nullptr;
  int32_t mapIndex = -1;
  uint32_t mapUid = 0;
  bool rawMode = false;
  bool pktAccess = false;
  uint32_t releaseRegno = 0;
  int32_t regno = -1;
  int accessSize = 0;
  uint64_t memSize = 0;
  uint64_t msizeMaxValue = 0;
  uint32_t refObjId = 0;
  int32_t funcId = 0;
  uint32_t subprogno = 0;
  bool rawModeValid = true; ///< check_mem_size_reg drops meta for a variable size
  int64_t constMapKey = -1; ///< get_constant_map_key(): the key when the stack holds a constant
  const btf::Btf *retBtf = nullptr; ///< meta->ret_btf (per-CPU BTF pointers)
  uint32_t retBtfId = 0;
};

/// can_elide_value_nullness()
bool canElideValueNullness(uint32_t mapType) {
  return mapType == uapi::BPF_MAP_TYPE_ARRAY || mapType == uapi::BPF_MAP_TYPE_PERCPU_ARRAY;
}

/// get_constant_map_key(): the key on the stack is a precisely known constant (STACK_ZERO bytes
/// or a spilled constant scalar of exactly the key's size). Returns false when it is not.
bool getConstantMapKey(Env &env, const RegState &key, uint32_t keySize, int64_t &value) {
  if (!key.type.is(RegBase::PtrToStack) || !key.bounds.varOff.isConst())
    return false;
  FuncState &state = env.cur->frames[key.frameno];
  int stackOff = key.off + int(key.bounds.varOff.value);
  int slot = -stackOff - 1;
  int spi = slot / BPF_REG_SIZE, off = slot % BPF_REG_SIZE;
  if (spi < 0 || size_t(spi) >= state.stack.size())
    return false;
  auto &stype = state.stack[size_t(spi)].slotType;
  uint32_t zeroSize = 0;
  for (int i = off; i >= 0 && stype[size_t(i)] == SlotType::Zero; i--)
    zeroSize++;
  if (zeroSize >= keySize) {
    value = 0;
    return true;
  }
  if (!state.stack[size_t(spi)].isSpilledScalarReg())
    return false;
  uint32_t spillSize = 0;
  for (int i = off; i >= 0 && stype[size_t(i)] == SlotType::Spill; i--)
    spillSize++;
  if (spillSize != keySize)
    return false;
  const RegState &reg = state.stack[size_t(spi)].spilledPtr;
  if (!reg.bounds.varOff.isConst())
    return false;
  markStackSlotPrecise(env, key.frameno, spi);
  value = int64_t(reg.bounds.varOff.value);
  return true;
}

/// compatible_reg_types[]
std::vector<RegType> compatibleTypes(uint32_t argBase) {
  using R = RegBase;
  switch (argBase) {
  case tg::ARG_PTR_TO_MAP_KEY:
  case tg::ARG_PTR_TO_MAP_VALUE:
  case tg::ARG_PTR_TO_MEM:
    return {RegType(R::PtrToStack),
            RegType(R::PtrToPacket),
            RegType(R::PtrToPacketMeta),
            RegType(R::PtrToMapKey),
            RegType(R::PtrToMapValue),
            RegType(R::PtrToMem),
            RegType(R::PtrToMem, MEM_RINGBUF),
            RegType(R::PtrToBuf),
            RegType(R::PtrToBtfId, PTR_TRUSTED)};
  case tg::ARG_CONST_SIZE:
  case tg::ARG_CONST_SIZE_OR_ZERO:
  case tg::ARG_CONST_ALLOC_SIZE_OR_ZERO:
    return {RegType(R::Scalar)};
  case tg::ARG_CONST_MAP_PTR:
    return {RegType(R::ConstPtrToMap)};
  case tg::ARG_PTR_TO_CTX:
    return {RegType(R::PtrToCtx)};
  case tg::ARG_PTR_TO_SOCK_COMMON:
    return {RegType(R::PtrToSockCommon), RegType(R::PtrToSocket), RegType(R::PtrToTcpSock),
            RegType(R::PtrToXdpSock)};
  case tg::ARG_PTR_TO_SOCKET:
    return {RegType(R::PtrToSocket)};
  case tg::ARG_PTR_TO_BTF_ID_SOCK_COMMON:
    return {RegType(R::PtrToSockCommon), RegType(R::PtrToSocket),
            RegType(R::PtrToTcpSock),    RegType(R::PtrToXdpSock),
            RegType(R::PtrToBtfId),      RegType(R::PtrToBtfId, PTR_TRUSTED)};
  case tg::ARG_PTR_TO_RINGBUF_MEM:
    return {RegType(R::PtrToMem, MEM_RINGBUF)};
  case tg::ARG_PTR_TO_FUNC:
    return {RegType(R::PtrToFunc)};
  case tg::ARG_PTR_TO_STACK:
    return {RegType(R::PtrToStack)};
  case tg::ARG_PTR_TO_CONST_STR:
  case tg::ARG_PTR_TO_TIMER:
    return {RegType(R::PtrToMapValue)};
  case tg::ARG_PTR_TO_SPIN_LOCK:
  case tg::ARG_KPTR_XCHG_DEST: // kptr_xchg_dest_types: the rest stays unverified
                               // (process_kptr_func)
    return {RegType(R::PtrToMapValue), RegType(R::PtrToBtfId, MEM_ALLOC)};
  case tg::ARG_PTR_TO_BTF_ID:
    return {RegType(R::PtrToBtfId), RegType(R::PtrToBtfId, PTR_TRUSTED),
            RegType(R::PtrToBtfId, MEM_RCU)};
  case tg::ARG_PTR_TO_PERCPU_BTF_ID:
    return {RegType(R::PtrToBtfId, MEM_PERCPU), RegType(R::PtrToBtfId, MEM_PERCPU | MEM_RCU),
            RegType(R::PtrToBtfId, MEM_PERCPU | PTR_TRUSTED)};
  case tg::ARG_PTR_TO_DYNPTR:
    return {RegType(R::PtrToStack), RegType(R::ConstPtrToDynptr)};
  default:
    return {};
  }
}

/// The PTR_TO_BTF_ID part of check_reg_type(): the pointee must be (or start with) the struct
/// the argument names.
bool checkBtfIdArg(Env &env, uint32_t regno, uint32_t argType, const char *argBtfName,
                   int32_t funcId) {
  const RegState &reg = env.curRegs()[regno];
  uint32_t base = tg::baseType(argType);
  if (base == tg::ARG_PTR_TO_MEM || base == tg::ARG_PTR_TO_MAP_KEY ||
      base == tg::ARG_PTR_TO_MAP_VALUE) {
    if (!(argType & MEM_RDONLY))
      return env.fail("%s is not allowed in R%u", regTypeName(reg.type).c_str(), regno);
    return true;
  }
  uint32_t flags = reg.type.flags();
  if (flags & (MEM_PERCPU | MEM_ALLOC))
    return env.notSupported("allocated or per-CPU BTF pointers as helper arguments");
  bool release = (argType & OBJ_RELEASE) != 0;
  bool strict = release && funcId != target::BPF_FUNC_sk_release;
  if (typeMayBeNull(reg.type) && (!(argType & PTR_MAYBE_NULL) || release))
    return env.fail("Possibly NULL pointer passed to helper arg%u", regno);
  if (funcId == target::BPF_FUNC_kptr_xchg)
    return env.notSupported("bpf_kptr_xchg");
  const char *need = argBtfName;
  if (!need && base == tg::ARG_PTR_TO_BTF_ID_SOCK_COMMON)
    need = "sock_common";
  btf::TypeId needId = need ? vmlinuxStructId(env, need) : 0;
  if (!needId || !reg.btf)
    return env.notSupported(std::string("BTF type ") + (need ? need : "?") +
                            " of a helper argument without a target BTF");
  const btf::Btf &vmlinux = *env.target->vmlinux;
  if (!btfStructIdsMatch(env, *reg.btf, reg.btfId, reg.off, vmlinux, needId, strict)) {
    const btf::Type *have = reg.btf->tryType(reg.btfId);
    return env.fail("R%u is of type %s but %s is expected", regno,
                    have ? std::string(have->name).c_str() : "", need);
  }
  return true;
}

/// check_reg_type()
bool checkRegType(Env &env, uint32_t regno, uint32_t argType, const char *argBtfName,
                  int32_t funcId) {
  const RegState &reg = env.curRegs()[regno];
  std::vector<RegType> compatible = compatibleTypes(tg::baseType(argType));
  if (compatible.empty())
    return env.notSupported("helper argument type " + std::to_string(tg::baseType(argType)));
  RegType type = reg.type;
  if (argType & MEM_RDONLY)
    type = type.without(MEM_RDONLY);
  if (argType & PTR_MAYBE_NULL)
    type = type.without(PTR_MAYBE_NULL);
  if (tg::baseType(argType) == tg::ARG_PTR_TO_MEM)
    type = type.without(DynptrTypeFlagMask);
  for (RegType t : compatible)
    if (t == type) {
      if (reg.type.is(RegBase::PtrToBtfId) && tg::baseType(argType) != tg::ARG_PTR_TO_PERCPU_BTF_ID)
        return checkBtfIdArg(env, regno, argType, argBtfName, funcId);
      return true;
    }
  std::string expected;
  for (size_t j = 0; j < compatible.size(); j++)
    expected += regTypeName(compatible[j]) + (j + 1 < compatible.size() ? ", " : "");
  return env.fail("R%u type=%s expected=%s", regno, regTypeName(reg.type).c_str(),
                  expected.c_str());
}

/// check_func_arg_reg_off()
bool checkFuncArgRegOff(Env &env, const RegState &reg, uint32_t regno, uint32_t argType) {
  if (argType & OBJ_RELEASE) {
    // A released dynptr on the stack is reached through a pointer at any offset.
    if (argTypeIsDynptr(argType) && reg.type == RegType(RegBase::PtrToStack))
      return true;
    if (reg.off)
      return env.fail("R%u must have zero offset when passed to release func or trusted arg to "
                      "kfunc",
                      regno);
    return checkPtrOffReg(env, reg, regno, false);
  }
  RegType t = reg.type;
  using R = RegBase;
  if (t == RegType(R::PtrToStack) || t == RegType(R::PtrToPacket) ||
      t == RegType(R::PtrToPacketMeta) || t == RegType(R::PtrToMapKey) ||
      t == RegType(R::PtrToMapValue) || t == RegType(R::PtrToMem) ||
      t == RegType(R::PtrToMem, MEM_RDONLY) || t == RegType(R::PtrToMem, MEM_RINGBUF) ||
      t == RegType(R::PtrToBuf) || t == RegType(R::PtrToBuf, MEM_RDONLY) ||
      t == RegType(R::PtrToArena) || t == RegType(R::Scalar))
    return true;
  return checkPtrOffReg(env, reg, regno, t.is(R::PtrToBtfId));
}

/// check_helper_mem_access()
bool checkHelperMemAccess(Env &env, uint32_t regno, int accessSize, bool write,
                          bool zeroSizeAllowed, CallArgMeta *meta) {
  RegState &reg = env.curRegs()[regno];
  switch (reg.type.base()) {
  case RegBase::PtrToPacket:
  case RegBase::PtrToPacketMeta:
    return checkPacketAccess(env, regno, reg.off, accessSize, zeroSizeAllowed);
  case RegBase::PtrToMapKey:
    if (write)
      return env.fail("R%u cannot write into %s", regno, regTypeName(reg.type).c_str());
    return checkMemRegionAccess(env, regno, reg.off, accessSize, reg.map ? reg.map->keySize : 0,
                                false);
  case RegBase::PtrToMapValue: {
    const object::Map *map = reg.map;
    if (map) {
      uint32_t flags = kernelMapFlags(*map);
      bool canRead = !(flags & uapi::BPF_F_WRONLY_PROG),
           canWrite = !(flags & uapi::BPF_F_RDONLY_PROG);
      if (write && !canWrite)
        return env.fail("write into map forbidden, value_size=%u off=%d size=%d", map->valueSize,
                        reg.off, accessSize);
      if (!write && !canRead)
        return env.fail("read from map forbidden, value_size=%u off=%d size=%d", map->valueSize,
                        reg.off, accessSize);
    }
    return checkMapAccess(env, regno, reg.off, accessSize, zeroSizeAllowed, AccessSrc::Helper);
  }
  case RegBase::PtrToMem:
    if (reg.type.has(MEM_RDONLY) && write)
      return env.fail("R%u cannot write into %s", regno, regTypeName(reg.type).c_str());
    return checkMemRegionAccess(env, regno, reg.off, accessSize, reg.memSize, zeroSizeAllowed);
  case RegBase::PtrToStack: {
    bool raw = meta && meta->rawMode;
    if (!checkStackRangeInitialized(env, regno, reg.off, accessSize, zeroSizeAllowed, write, raw))
      return false;
    if (raw && reg.bounds.varOff.isConst()) {
      meta->accessSize = accessSize;
      meta->regno = int32_t(regno);
    }
    return true;
  }
  case RegBase::PtrToBuf:
  case RegBase::PtrToBtfId:
    return env.notSupported("helper memory access through " + regTypeName(reg.type));
  case RegBase::PtrToCtx:
    // Program types whose context is the kernel's own memory (no convert_ctx_access) may pass
    // it to helpers; the last byte is checked like a load or store of the context.
    if (!ctx::ctxIsConverted(env.prog.progType)) {
      if (accessSize == 0) {
        if (zeroSizeAllowed)
          return true;
        return env.notSupported("zero-sized helper access to the context");
      }
      return checkMemAccess(env, env.insnIdx, regno, accessSize - 1, BPF_B, write, -1, false,
                            false);
    }
    [[fallthrough]];
  default:
    if (zeroSizeAllowed && accessSize == 0 && registerIsNull(reg))
      return true;
    env.verbose("R%u type=%s ", regno, regTypeName(reg.type).c_str());
    return env.fail("expected=%s", regTypeName(RegType(RegBase::PtrToStack)).c_str());
  }
}

/// check_mem_size_reg()
bool checkMemSizeReg(Env &env, uint32_t regno, bool write, bool zeroSizeAllowed,
                     CallArgMeta &meta) {
  RegState &reg = env.curRegs()[regno];
  meta.msizeMaxValue = reg.bounds.umax;
  CallArgMeta *m = reg.bounds.varOff.isConst() ? &meta : nullptr;
  if (reg.bounds.smin < 0)
    return env.fail("R%u min value is negative, either use unsigned or 'var &= const'", regno);
  if (reg.bounds.umin == 0 && !zeroSizeAllowed)
    return env.fail("R%u invalid zero-sized read: u64=[%lld,%lld]", regno,
                    (long long)reg.bounds.umin, (long long)reg.bounds.umax);
  if (reg.bounds.umax >= BPF_MAX_VAR_SIZ)
    return env.fail("R%u unbounded memory access, use 'var &= const' or 'if (var < const)'", regno);
  if (!m)
    meta.rawMode = false;
  if (!checkHelperMemAccess(env, regno - 1, int(reg.bounds.umax), write, zeroSizeAllowed,
                            m ? m : nullptr))
    return false;
  return markChainPrecision(env, int(regno));
}

/// check_func_arg()
bool checkFuncArg(Env &env, uint32_t arg, CallArgMeta &meta, const tg::HelperProto &fn) {
  uint32_t regno = BPF_REG_1 + arg;
  uint32_t argType = fn.argTypes[arg];
  if (argType == tg::ARG_DONTCARE)
    return true;
  if (!checkRegArg(env, regno, RegArg::SrcOp))
    return false;
  RegState &reg = env.curRegs()[regno];
  if (argType == tg::ARG_ANYTHING)
    return true;
  // may_access_direct_pkt_data() with the helper's meta: the types with direct packet access
  // want a helper declaring pkt_access, except cgroup/sockopt (its "packet" is the optval
  // buffer), which any helper may be given; check_reg_type() judges the argument after this.
  if (isPacketPointer(reg.type) &&
      !(mayAccessDirectPktData(env, false) &&
        (meta.pktAccess || env.prog.progType == uapi::BPF_PROG_TYPE_CGROUP_SOCKOPT)))
    return env.fail("helper access to the packet is not allowed");
  if (tg::baseType(argType) == tg::ARG_PTR_TO_MAP_VALUE && meta.map) {
    // resolve_map_arg_type(): queue/stack/bloom maps take an uninitialised value buffer.
    uint32_t mt = meta.map->type;
    // A sockmap's value is a socket pointer.
    if ((mt == uapi::BPF_MAP_TYPE_SOCKMAP || mt == uapi::BPF_MAP_TYPE_SOCKHASH) &&
        argType == tg::ARG_PTR_TO_MAP_VALUE)
      argType = tg::ARG_PTR_TO_BTF_ID_SOCK_COMMON;
  }
  if (!(registerIsNull(reg) && (argType & PTR_MAYBE_NULL))) {
    if (!checkRegType(env, regno, argType, fn.argBtfType[arg], meta.funcId))
      return false;
    if (!checkFuncArgRegOff(env, env.curRegs()[regno], regno, argType))
      return false;
  }
  RegState &r = env.curRegs()[regno];
  if (argType & OBJ_RELEASE) {
    if (argTypeIsDynptr(argType)) {
      if (!checkDynptrReleaseArg(env, regno))
        return false;
    } else if (!r.refObjId && !registerIsNull(r)) {
      return env.fail("R%u must be referenced when passed to release function", regno);
    }
    meta.releaseRegno = regno;
  }
  if (r.refObjId) {
    if (meta.refObjId)
      return env.fail("verifier internal error: more than one arg with ref_obj_id R%u %u %u", regno,
                      r.refObjId, meta.refObjId);
    meta.refObjId = r.refObjId;
  }
  bool write = (argType & MEM_WRITE) != 0;
  switch (tg::baseType(argType)) {
  case tg::ARG_CONST_MAP_PTR:
    if (meta.map && (meta.map != r.map || meta.mapUid != r.mapUid))
      return env.fail("timer pointer in R1 map_uid=%u doesn't match map pointer in R2 map_uid=%u",
                      meta.mapUid, r.mapUid);
    meta.map = r.map;
    meta.mapIndex = r.mapIndex;
    meta.mapUid = r.mapUid;
    if (!r.map)
      return env.fail("verifier bug: map pointer without a map");
    return true;
  case tg::ARG_PTR_TO_MAP_KEY:
    if (!meta.map)
      return env.fail("invalid map_ptr to access map->key");
    if (!checkHelperMemAccess(env, regno, int(meta.map->keySize), false, false, nullptr))
      return false;
    if (canElideValueNullness(meta.map->type) &&
        !getConstantMapKey(env, env.curRegs()[regno], meta.map->keySize, meta.constMapKey))
      meta.constMapKey = -1;
    return true;
  case tg::ARG_PTR_TO_MAP_VALUE:
    if ((argType & PTR_MAYBE_NULL) && registerIsNull(r))
      return true;
    if (!meta.map)
      return env.fail("invalid map_ptr to access map->value");
    meta.rawMode = (argType & MEM_UNINIT) != 0;
    return checkHelperMemAccess(env, regno, int(meta.map->valueSize), write, false, &meta);
  case tg::ARG_PTR_TO_FUNC:
    meta.subprogno = r.subprogno;
    return true;
  case tg::ARG_PTR_TO_SPIN_LOCK:
    if (meta.funcId == target::BPF_FUNC_spin_lock)
      return processSpinLock(env, regno, true);
    if (meta.funcId == target::BPF_FUNC_spin_unlock)
      return processSpinLock(env, regno, false);
    return env.fail("verifier bug: spin lock arg on unexpected helper");
  case tg::ARG_PTR_TO_TIMER: {
    TimerMapMeta timer{meta.map, meta.mapIndex, meta.mapUid};
    if (!processTimerFunc(env, regno, timer))
      return false;
    meta.map = timer.map;
    meta.mapIndex = timer.mapIndex;
    meta.mapUid = timer.mapUid;
    return true;
  }
  case tg::ARG_KPTR_XCHG_DEST:
    // process_kptr_func(): a map value of a map without BTF has no kptr field; finding the
    // field in maps with BTF is not modelled.
    if (r.type.base() == RegBase::PtrToMapValue && !env.mapRecords.hasBtf(r.map))
      return env.fail("map '%s' has to have BTF in order to use bpf_kptr_xchg",
                      r.map ? kernelMapName(*r.map).c_str() : "");
    return env.notSupported("bpf_kptr_xchg destinations");
  case tg::ARG_PTR_TO_CONST_STR:
    return checkRegConstStr(env, regno);
  case tg::ARG_PTR_TO_PERCPU_BTF_ID:
    if (!r.btfId)
      return env.fail("Helper has invalid btf_id in R%u", regno);
    meta.retBtf = r.btf;
    meta.retBtfId = r.btfId;
    return true;
  case tg::ARG_PTR_TO_MEM:
    meta.rawMode = (argType & MEM_UNINIT) != 0;
    if (argType & MEM_FIXED_SIZE) {
      if (!checkHelperMemAccess(env, regno, int(fn.argSize[arg]), write, false, &meta))
        return false;
      if ((argType & MEM_ALIGNED) &&
          !checkPtrAlignment(env, env.curRegs()[regno], 0, int(fn.argSize[arg]), true))
        return false;
    }
    return true;
  case tg::ARG_CONST_SIZE:
    return checkMemSizeReg(env, regno, (fn.argTypes[arg - 1] & MEM_WRITE) != 0, false, meta);
  case tg::ARG_CONST_SIZE_OR_ZERO:
    return checkMemSizeReg(env, regno, (fn.argTypes[arg - 1] & MEM_WRITE) != 0, true, meta);
  case tg::ARG_PTR_TO_DYNPTR:
    return processDynptrFunc(env, regno, env.insnIdx, argType, 0);
  case tg::ARG_CONST_ALLOC_SIZE_OR_ZERO:
    if (!r.bounds.varOff.isConst())
      return env.fail("R%u is not a known constant'", regno);
    meta.memSize = r.bounds.varOff.value;
    return markChainPrecision(env, int(regno));
  case tg::ARG_PTR_TO_CTX:
  case tg::ARG_PTR_TO_STACK:
  case tg::ARG_PTR_TO_RINGBUF_MEM:
  case tg::ARG_PTR_TO_SOCK_COMMON:
  case tg::ARG_PTR_TO_SOCKET:
  case tg::ARG_PTR_TO_BTF_ID_SOCK_COMMON:
  case tg::ARG_PTR_TO_BTF_ID:
    return true;
  default:
    return env.notSupported("helper argument type " + std::to_string(tg::baseType(argType)));
  }
}

/// release_reference()
bool releaseReference(Env &env, uint32_t refObjId) {
  VerifierState &st = *env.cur;
  auto it = std::find_if(st.refs.begin(), st.refs.end(),
                         [&](const RefState &r) { return uint32_t(r.id) == refObjId; });
  if (it == st.refs.end())
    return false;
  st.refs.erase(it);
  forEachRegInState(st, [&](RegState &reg) {
    if (reg.refObjId == refObjId)
      markRegUnknown(reg); // mark_reg_invalid with allow_ptr_leaks
  });
  return true;
}

/// is_ptr_cast_function(): helpers returning another view of their socket argument.
bool isPtrCastFunction(int32_t funcId) {
  using namespace target;
  return funcId == BPF_FUNC_tcp_sock || funcId == BPF_FUNC_sk_fullsock ||
         funcId == BPF_FUNC_skc_to_tcp_sock || funcId == BPF_FUNC_skc_to_tcp6_sock ||
         funcId == BPF_FUNC_skc_to_udp6_sock || funcId == BPF_FUNC_skc_to_mptcp_sock ||
         funcId == BPF_FUNC_skc_to_tcp_timewait_sock || funcId == BPF_FUNC_skc_to_tcp_request_sock;
}

bool isAcquireFunction(int32_t funcId, const object::Map *map) {
  uint32_t mt = map ? map->type : 0;
  if (funcId == target::BPF_FUNC_sk_lookup_tcp || funcId == target::BPF_FUNC_sk_lookup_udp ||
      funcId == target::BPF_FUNC_skc_lookup_tcp || funcId == target::BPF_FUNC_ringbuf_reserve ||
      funcId == target::BPF_FUNC_kptr_xchg)
    return true;
  return funcId == target::BPF_FUNC_map_lookup_elem &&
         (mt == uapi::BPF_MAP_TYPE_SOCKMAP || mt == uapi::BPF_MAP_TYPE_SOCKHASH);
}

/// clear_all_pkt_pointers()
void clearAllPktPointers(Env &env) {
  forEachRegInState(*env.cur, [&](RegState &reg) {
    if (isPacketPointer(reg.type) || reg.type.is(RegBase::PtrToPacketEnd))
      markRegUnknown(reg);
  });
}

/// check_get_func_ip(): kprobes and trampoline-based tracing programs know the function address.
bool checkGetFuncIp(Env &env) {
  constexpr uint32_t kTraceFentry = 24, kTraceFexit = 25, kModifyReturn = 26; // bpf_attach_type
  const int32_t id = target::BPF_FUNC_get_func_ip;
  uint32_t type = env.prog.progType;
  if (type == uapi::BPF_PROG_TYPE_TRACING) {
    uint32_t a = env.prog.expectedAttachType;
    if (a != kTraceFentry && a != kTraceFexit && a != kModifyReturn) // bpf_prog_has_trampoline()
      return env.fail("func %s#%d supported only for fentry/fexit/fmod_ret programs",
                      funcIdName(id).c_str(), id);
    return true;
  }
  if (type == uapi::BPF_PROG_TYPE_KPROBE)
    return true;
  return env.fail("func %s#%d not supported for program type %u", funcIdName(id).c_str(), id, type);
}

/// push_callback_call(): the callback's body is explored on its own path, entered from this
/// call in a new frame whose registers `setup` fills (set_*_callback_state).
bool pushCallbackCall(
    Env &env, uint32_t subprog,
    const std::function<bool(const FuncState &caller, FuncState &callee)> &setup) {
  VerifierState &state = *env.cur;
  if (subprog >= env.subprogs.size())
    return env.fail("verifier bug: bad callback subprog %u", subprog);
  env.subprogs[subprog].isCb = true;
  VerifierState *cb = env.pushStack(env.subprogs[subprog].start, int32_t(env.insnIdx), false);
  if (!cb)
    return false;
  // setup_func_entry()
  if (cb->curframe + 1 >= uint32_t(MAX_CALL_FRAMES))
    return env.fail("the call stack of %u frames is too deep", cb->curframe + 2);
  FuncState callee;
  initFuncState(callee, int32_t(env.insnIdx), cb->curframe + 1, subprog);
  env.scratched.all(); // init_func_state: mark_verifier_state_scratched
  const FuncState &caller = cb->frames[cb->curframe];
  if (!setup(caller, callee))
    return false;
  callee.inCallbackFn = true;
  callee.callbackRetRange = RetvalRange{0, 1, true, false};
  cb->frames.push_back(std::move(callee));
  cb->curframe++;
  cb->callbackUnrollDepth++;
  cb->frames[cb->curframe - 1].callbackDepth++;
  state.cur().callbackDepth = 0;
  return true;
}

/// push_async_cb() + set_timer_callback_state(): a timer callback runs later, on its own stack,
/// so it is explored from a fresh single-frame state (callback(map, key, value), R0 must be 0).
bool pushTimerCallback(Env &env, uint32_t subprog) {
  if (subprog >= env.subprogs.size())
    return env.fail("verifier bug: bad callback subprog %u", subprog);
  SubprogInfo &info = env.subprogs[subprog];
  info.isCb = true;
  info.isAsyncCb = true;
  const FuncState &caller = env.cur->cur();
  const RegState &timer = caller.regs[BPF_REG_1];
  VerifierState *cb = env.pushAsyncState(info.start, int32_t(env.insnIdx));
  if (!cb)
    return false;
  FuncState &callee = cb->frames[0];
  initFuncState(callee, -1, 0, subprog);
  callee.asyncEntryCnt = caller.asyncEntryCnt + 1;
  auto mapReg = [&](RegState &reg, RegBase type) {
    markRegKnownZero(reg);
    reg.type = RegType(type);
    reg.map = timer.map;
    reg.mapIndex = timer.mapIndex;
  };
  mapReg(callee.regs[BPF_REG_1], RegBase::ConstPtrToMap);
  mapReg(callee.regs[2], RegBase::PtrToMapKey);
  mapReg(callee.regs[3], RegBase::PtrToMapValue);
  callee.inAsyncCallbackFn = true;
  callee.callbackRetRange = RetvalRange{0, 0, true, false};
  return true;
}

} // namespace

tg::ProgramFacts programFacts(const object::Program &prog) {
  tg::ProgramFacts facts;
  facts.progType = prog.progType;
  facts.expectedAttachType = prog.expectedAttachType;
  facts.sleepable = prog.sleepable;
  return facts;
}

bool checkLdAbsProgType(Env &env) {
  uint32_t t = env.prog.progType;
  if (t != uapi::BPF_PROG_TYPE_SOCKET_FILTER && t != uapi::BPF_PROG_TYPE_SCHED_CLS &&
      t != uapi::BPF_PROG_TYPE_SCHED_ACT)
    return env.fail("BPF_LD_[ABS|IND] instructions not allowed for this program type");
  return true;
}

bool checkLdAbs(Env &env) {
  const Insn insn = env.insn();
  if (!checkLdAbsProgType(env))
    return false;
  constexpr uint32_t ctxReg = 6;
  if (!checkRegArg(env, ctxReg, RegArg::SrcOp))
    return false;
  // gen_ld_abs() may end the program at run time: no references may be held.
  if (!checkResourceLeak(env, false, true, "BPF_LD_[ABS|IND]"))
    return false;
  RegState *regs = env.curRegs();
  if (regs[ctxReg].type != RegType(RegBase::PtrToCtx))
    return env.fail("at the time of BPF_LD_ABS|IND R6 != pointer to skb");
  if (opMode(insn.code) == BPF_IND && !checkRegArg(env, insn.src, RegArg::SrcOp))
    return false;
  if (!checkPtrOffReg(env, regs[ctxReg], ctxReg, false))
    return false;
  for (int i = 0; i < CALLER_SAVED_REGS; i++) {
    markRegNotInit(regs[i]);
    checkRegArg(env, uint32_t(i), RegArg::DstOpNoMark);
  }
  markRegUnknown(regs[0]);
  regs[0].subregDef = int32_t(env.insnIdx + 1);
  if (env.cur->curframe) {
    // bpf_gen_ld_abs() emits a hidden exit with r0 = 0.
    env.markRegScratched(0);
    if (!env.pushStack(env.insnIdx + 1, int32_t(env.insnIdx), false))
      return false;
    markRegKnownZero(env.curRegs()[0]);
    env.curRegs()[0].type = RegType(RegBase::Scalar);
    updateLiveStack(env);
    if (!prepareFuncExit(env))
      return false;
    env.insnIdx--;
  }
  return true;
}

bool checkGlobalMemArg(Env &env, uint32_t regno, uint32_t memSize, std::string &message) {
  RegState &reg = env.curRegs()[regno];
  auto failed = [&] {
    // The check already wrote its message to the log (once, as the kernel does); only the
    // rejection is dropped, the caller reports "Caller passes invalid args".
    message.clear();
    env.rejection.reset();
    return false;
  };
  if (!checkFuncArgRegOff(env, reg, regno, tg::ARG_DONTCARE))
    return failed();
  if (registerIsNull(reg))
    return true;
  bool mayBeNull = typeMayBeNull(reg.type);
  RegState saved = reg;
  if (mayBeNull)
    markPtrNotNullReg(reg, env);
  bool ok = checkHelperMemAccess(env, regno, int(memSize), false, true, nullptr) &&
            checkHelperMemAccess(env, regno, int(memSize), true, true, nullptr);
  if (mayBeNull)
    env.curRegs()[regno] = saved;
  return ok ? true : failed();
}

bool checkGlobalDynptrArg(Env &env, uint32_t regno) {
  // btf_check_func_arg_match(): check_func_arg_reg_off, then process_dynptr_func. Their error
  // is in the log already; the caller's "Caller passes invalid args" is the rejection.
  if (checkFuncArgRegOff(env, env.curRegs()[regno], regno, tg::ARG_PTR_TO_DYNPTR) &&
      processDynptrFunc(env, regno, env.insnIdx, tg::ARG_PTR_TO_DYNPTR | MEM_RDONLY, 0))
    return true;
  env.rejection.reset();
  return false;
}

void initFuncState(FuncState &frame, int32_t callsite, uint32_t frameno, uint32_t subprogno) {
  frame = FuncState{};
  for (auto &reg : frame.regs) {
    markRegNotInit(reg);
  }
  RegState &fp = frame.regs[BPF_REG_FP];
  fp.type = RegType(RegBase::PtrToStack);
  markRegKnownZero(fp);
  fp.type = RegType(RegBase::PtrToStack);
  fp.frameno = frameno;
  frame.callsite = callsite;
  frame.frameno = frameno;
  frame.subprogno = subprogno;
}

bool checkResourceLeak(Env &env, bool exceptionExit, bool checkLock, const char *prefix) {
  VerifierState &st = *env.cur;
  if (checkLock && st.activeLocks)
    return env.fail("%s cannot be used inside bpf_spin_lock-ed region", prefix);
  if (exceptionExit || st.curframe == 0) {
    bool lingering = false;
    for (const RefState &r : st.refs) {
      if (r.type != RefType::Ptr)
        continue;
      env.verbose("Unreleased reference id=%d alloc_insn=%d\n", r.id, r.insnIdx);
      lingering = true;
    }
    if (lingering)
      return env.fail("%s would lead to reference leak", prefix);
  }
  if (checkLock && st.activeIrqId)
    return env.fail("%s cannot be used inside bpf_local_irq_save-ed region", prefix);
  if (checkLock && st.activeRcuLock)
    return env.fail("%s cannot be used inside bpf_rcu_read_lock-ed region", prefix);
  if (checkLock && st.activePreemptLocks)
    return env.fail("%s cannot be used inside bpf_preempt_disable-ed region", prefix);
  return true;
}

bool checkHelperCall(Env &env) {
  const Insn insn = env.insn();
  int32_t funcId = insn.imm;
  // get_helper_proto(): ids past the target kernel's __BPF_FUNC_MAX_ID do not exist there.
  if (funcId < 0 || funcId >= env.helperCount)
    return env.fail("invalid func %s#%d",
                    funcId < env.helperCount ? funcIdName(funcId).c_str() : "unknown", funcId);
  tg::ProgramFacts facts = programFacts(env.prog);
  const tg::HelperProto *fn = tg::helperProtoFor(uint32_t(funcId), facts, env.opts.kernelConfig);
  if (!fn)
    return env.fail("program of this type cannot use helper %s#%d", funcIdName(funcId).c_str(),
                    funcId);
  if (!env.gplCompatible && fn->gplOnly)
    return env.fail("cannot call GPL-restricted function from non-GPL compatible program");
  if (fn->allowed != tg::AllowedRule::None)
    return env.notSupported("helpers restricted by an allowed() callback");
  if (fn->mightSleep && !env.cur->inSleepable)
    return env.fail("helper call might sleep in a non-sleepable prog");
  if (env.cur->activeRcuLock && fn->mightSleep)
    return env.fail("sleepable helper %s#%d in rcu_read_lock region", funcIdName(funcId).c_str(),
                    funcId);

  CallArgMeta meta;
  meta.pktAccess = fn->pktAccess;
  meta.funcId = funcId;
  for (uint32_t i = 0; i < 5; i++)
    if (!checkFuncArg(env, i, meta, *fn))
      return false;
  // record_func_map(): a map read-only to programs cannot be changed through helpers.
  if (meta.map && (kernelMapFlags(*meta.map) & uapi::BPF_F_RDONLY_PROG) &&
      (funcId == target::BPF_FUNC_map_delete_elem || funcId == target::BPF_FUNC_map_update_elem ||
       funcId == target::BPF_FUNC_map_push_elem || funcId == target::BPF_FUNC_map_pop_elem))
    return env.fail("write into map forbidden");
  if (funcId == target::BPF_FUNC_tail_call) {
    // record_func_key(): a program array (the kernel prints this without a newline), and a
    // constant index below max_entries is made precise (the tail call may become a direct jump).
    if (!meta.map || meta.map->type != uapi::BPF_MAP_TYPE_PROG_ARRAY)
      return env.failUnterminated("expected prog array map for tail call");
    const RegState &index = env.curRegs()[3];
    if (index.type == RegType(RegBase::Scalar) && index.bounds.varOff.isConst() &&
        index.bounds.varOff.value < meta.map->maxEntries && !markChainPrecision(env, 3))
      return false;
  }
  // Mark slots with STACK_MISC in case of raw mode.
  for (int i = 0; i < meta.accessSize; i++)
    if (!checkMemAccess(env, env.insnIdx, uint32_t(meta.regno), i, BPF_B, true, -1, false, false))
      return false;

  RegState *regs = env.curRegs();
  if (meta.releaseRegno) {
    bool ok = false;
    if (argTypeIsDynptr(fn->argTypes[meta.releaseRegno - BPF_REG_1])) {
      // Only stack dynptrs pass checkDynptrReleaseArg.
      ok = unmarkStackSlotsDynptr(env, regs[meta.releaseRegno],
                                  [&](uint32_t id) { return releaseReference(env, id); });
    } else if (meta.refObjId)
      ok = releaseReference(env, meta.refObjId);
    else if (registerIsNull(regs[meta.releaseRegno]))
      ok = true;
    if (!ok)
      return env.fail("func %s#%d reference has not been acquired before",
                      funcIdName(funcId).c_str(), funcId);
  }
  DynptrCallMeta dynptrMeta;
  if (!checkDynptrHelper(env, funcId, *fn, dynptrMeta))
    return false;
  switch (funcId) {
  case target::BPF_FUNC_tail_call:
    if (!checkResourceLeak(env, false, true, "tail_call"))
      return false;
    break;
  case target::BPF_FUNC_get_local_storage:
    // check_helper_call(): get_local_storage() cannot fail, so its flags must be 0; checked
    // before check_map_func_compatibility().
    if (!registerIsNull(regs[2])) // R2: the flags
      return env.fail("get_local_storage() doesn't support non-zero flags");
    break;
  case target::BPF_FUNC_loop: {
    // The verifier relies on R1 to know whether an iteration is the last one.
    if (!markChainPrecision(env, BPF_REG_1))
      return false;
    FuncState &cur = env.curFrame();
    if (cur.callbackDepth < env.curRegs()[BPF_REG_1].bounds.umax) {
      // set_loop_callback_state(): R1 = the index, R2 = bpf_loop's callback_ctx.
      auto setup = [](const FuncState &caller, FuncState &callee) {
        markRegUnknown(callee.regs[BPF_REG_1]);
        callee.regs[2] = caller.regs[3];
        return true;
      };
      if (!pushCallbackCall(env, meta.subprogno, setup))
        return false;
    } else {
      cur.callbackDepth = 0;
      if (env.log.level2())
        env.verbose("frame%u bpf_loop iteration limit reached\n", env.cur->curframe);
    }
    break;
  }
  case target::BPF_FUNC_for_each_map_elem: {
    // set_map_elem_callback_state() with map_set_for_each_callback_args(): callback(map, key,
    // value, ctx) for the map types that iterate their elements.
    const object::Map *map = meta.map;
    uint32_t mt = map ? map->type : 0;
    bool iterates = mt == uapi::BPF_MAP_TYPE_ARRAY || mt == uapi::BPF_MAP_TYPE_PERCPU_ARRAY ||
                    mt == uapi::BPF_MAP_TYPE_HASH || mt == uapi::BPF_MAP_TYPE_PERCPU_HASH ||
                    mt == uapi::BPF_MAP_TYPE_LRU_HASH || mt == uapi::BPF_MAP_TYPE_LRU_PERCPU_HASH;
    if (!iterates)
      return env.fail("callback function not allowed for map");
    auto setup = [](const FuncState &caller, FuncState &callee) {
      callee.regs[1] = caller.regs[1];
      markRegKnownZero(callee.regs[2]);
      callee.regs[2].type = RegType(RegBase::PtrToMapKey);
      callee.regs[2].map = caller.regs[1].map;
      callee.regs[2].mapIndex = caller.regs[1].mapIndex;
      markRegKnownZero(callee.regs[3]);
      callee.regs[3].type = RegType(RegBase::PtrToMapValue);
      callee.regs[3].map = caller.regs[1].map;
      callee.regs[3].mapIndex = caller.regs[1].mapIndex;
      callee.regs[4] = caller.regs[3];
      return true;
    };
    if (!pushCallbackCall(env, meta.subprogno, setup))
      return false;
    break;
  }
  case target::BPF_FUNC_timer_set_callback:
    if (!pushTimerCallback(env, meta.subprogno))
      return false;
    break;
  case target::BPF_FUNC_snprintf:
    if (!checkBpfSnprintfCall(env, regs[3], regs[5]))
      return false;
    break;
  case target::BPF_FUNC_find_vma: {
    // set_find_vma_callback_state(): callback(task, vma, callback_ctx), returning 0 or 1.
    btf::TypeId vma = vmlinuxStructId(env, "vm_area_struct");
    if (!vma)
      return env.notSupported("bpf_find_vma without a target BTF");
    const btf::Btf *vmlinux = env.target->vmlinux.get();
    auto setup = [vma, vmlinux](const FuncState &caller, FuncState &callee) {
      callee.regs[BPF_REG_1] = caller.regs[BPF_REG_1];
      markRegKnownZero(callee.regs[2]);
      callee.regs[2].type = RegType(RegBase::PtrToBtfId);
      callee.regs[2].btf = vmlinux;
      callee.regs[2].btfId = vma;
      callee.regs[3] = caller.regs[4];
      return true;
    };
    if (!pushCallbackCall(env, meta.subprogno, setup))
      return false;
    break;
  }
  case target::BPF_FUNC_user_ringbuf_drain: {
    auto setup = [&env](const FuncState &caller, FuncState &callee) {
      return setUserRingbufCallbackState(env, caller, callee);
    };
    if (!pushCallbackCall(env, meta.subprogno, setup))
      return false;
    break;
  }
  default:
    for (uint32_t t : fn->argTypes)
      if (tg::baseType(t) == tg::ARG_PTR_TO_FUNC)
        return env.notSupported("callbacks of " + funcIdName(funcId));
    break;
  }

  // reset caller saved regs
  static const uint8_t callerSaved[CALLER_SAVED_REGS] = {0, 1, 2, 3, 4, 5};
  for (uint8_t r : callerSaved) {
    markRegNotInit(regs[r]);
    checkRegArg(env, r, RegArg::DstOpNoMark);
  }
  regs[0].subregDef = 0;
  uint32_t retType = fn->retType;
  uint32_t retFlag = tg::typeFlags(retType);
  RegState &r0 = regs[0];
  switch (tg::baseType(retType)) {
  case tg::RET_INTEGER:
    markRegUnknown(r0);
    break;
  case tg::RET_VOID:
    r0.type = RegType(RegBase::NotInit);
    break;
  case tg::RET_PTR_TO_MAP_VALUE:
    markRegKnownZero(r0);
    if (!meta.map)
      return env.fail("kernel subsystem misconfigured verifier");
    r0.map = meta.map;
    r0.mapIndex = meta.mapIndex;
    r0.mapUid = meta.mapUid;
    // A constant in-range key of an array map cannot miss (6.13+).
    if (funcId == target::BPF_FUNC_map_lookup_elem && canElideValueNullness(meta.map->type) &&
        meta.constMapKey >= 0 && meta.constMapKey < int64_t(meta.map->maxEntries))
      retFlag &= ~uint32_t(PTR_MAYBE_NULL);
    r0.type = RegType(RegBase::PtrToMapValue, retFlag);
    // A non-NULL map value holding a spin lock needs an id to name the lock it holds.
    if (!(retFlag & PTR_MAYBE_NULL) && regMayPointToSpinLock(env, r0))
      r0.id = env.newId();
    break;
  case tg::RET_PTR_TO_SOCKET:
    markRegKnownZero(r0);
    r0.type = RegType(RegBase::PtrToSocket, retFlag);
    break;
  case tg::RET_PTR_TO_SOCK_COMMON:
    markRegKnownZero(r0);
    r0.type = RegType(RegBase::PtrToSockCommon, retFlag);
    break;
  case tg::RET_PTR_TO_TCP_SOCK:
    markRegKnownZero(r0);
    r0.type = RegType(RegBase::PtrToTcpSock, retFlag);
    break;
  case tg::RET_PTR_TO_MEM:
    markRegKnownZero(r0);
    r0.type = RegType(RegBase::PtrToMem, retFlag);
    r0.memSize = uint32_t(meta.memSize);
    break;
  case tg::RET_PTR_TO_MEM_OR_BTF_ID: {
    markRegKnownZero(r0);
    if (!meta.retBtf)
      return env.fail("verifier bug: no BTF for the returned pointer");
    btf::TypeId tid = meta.retBtf->skipModifiers(meta.retBtfId);
    const btf::Type *t = meta.retBtf->tryType(tid);
    if (!t || t->kind != btf::Kind::Struct) {
      auto size = meta.retBtf->sizeOf(tid);
      if (!size) {
        llvm::consumeError(size.takeError());
        return env.fail("unable to resolve the size of type '%s': -22",
                        t ? std::string(t->name).c_str() : "");
      }
      r0.type = RegType(RegBase::PtrToMem, retFlag);
      r0.memSize = uint32_t(*size);
    } else {
      r0.type = RegType(RegBase::PtrToBtfId, retFlag & ~uint32_t(MEM_RDONLY));
      r0.btf = meta.retBtf;
      r0.btfId = meta.retBtfId;
    }
    break;
  }
  case tg::RET_PTR_TO_BTF_ID: {
    if (funcId == target::BPF_FUNC_kptr_xchg)
      return env.notSupported("bpf_kptr_xchg");
    btf::TypeId id = fn->retBtfType ? vmlinuxStructId(env, fn->retBtfType) : 0;
    if (!id)
      return env.notSupported("helper return type without a target BTF");
    markRegKnownZero(r0);
    r0.type = RegType(RegBase::PtrToBtfId, retFlag);
    r0.btf = env.target->vmlinux.get();
    r0.btfId = id;
    break;
  }
  default:
    return env.notSupported("helper return type " + std::to_string(tg::baseType(retType)));
  }
  if (typeMayBeNull(r0.type))
    r0.id = env.newId();
  if (isPtrCastFunction(funcId)) {
    // is_ptr_cast_function(): the cast pointer is the same object, released with it.
    r0.refObjId = meta.refObjId;
  } else if (funcId == target::BPF_FUNC_dynptr_data) {
    // is_dynptr_ref_function(): the slice dies with its dynptr (id) and its reference.
    r0.dynptrId = dynptrMeta.dynptrId;
    r0.refObjId = dynptrMeta.refObjId;
  } else if (isAcquireFunction(funcId, meta.map)) {
    uint32_t id = env.newId();
    env.cur->refs.push_back(RefState{RefType::Ptr, int32_t(id), int32_t(env.insnIdx), nullptr});
    r0.id = id;
    r0.refObjId = id;
  }
  // do_refine_retval_range()
  if (retType == tg::RET_INTEGER) {
    switch (funcId) {
    case target::BPF_FUNC_get_stack:
    case target::BPF_FUNC_get_task_stack:
    case target::BPF_FUNC_probe_read_str:
    case target::BPF_FUNC_probe_read_kernel_str:
    case target::BPF_FUNC_probe_read_user_str:
      r0.bounds.smax = int64_t(meta.msizeMaxValue);
      r0.bounds.s32Max = int32_t(meta.msizeMaxValue);
      r0.bounds.smin = -MAX_ERRNO;
      r0.bounds.s32Min = -int32_t(MAX_ERRNO);
      r0.bounds.sync(env.dom);
      break;
    case target::BPF_FUNC_get_smp_processor_id: {
      uint64_t maxCpu = env.opts.nrCpuIds - 1;
      r0.bounds.umax = maxCpu;
      r0.bounds.u32Max = uint32_t(maxCpu);
      r0.bounds.smax = int64_t(maxCpu);
      r0.bounds.s32Max = int32_t(maxCpu);
      r0.bounds.umin = 0;
      r0.bounds.u32Min = 0;
      r0.bounds.smin = 0;
      r0.bounds.s32Min = 0;
      r0.bounds.sync(env.dom);
      break;
    }
    default:
      break;
    }
    if (auto msg = domain::sanityCheck(r0.bounds, "retval"))
      env.verbose("verifier bug: %s\n", msg->c_str());
  }
  // check_map_func_compatibility()
  if (meta.map &&
      !mapFuncCompatible(meta.map->type, funcId, env.prog.progType, env.prog.expectedAttachType))
    return env.fail("cannot pass map_type %u into func %s#%d", meta.map->type,
                    funcIdName(funcId).c_str(), funcId);
  if (funcId == target::BPF_FUNC_get_func_ip && !checkGetFuncIp(env))
    return false;
  bool changesData = target::helperChangesPktData(uint32_t(funcId)) || dynptrMeta.changesData;
  if (funcId == target::BPF_FUNC_tail_call) {
    if (env.cur->curframe) {
      // 6.18.y: a tail call inside a subprogram may return from it: the fall-through path is
      // explored later, this one leaves the subprogram with an unknown R0.
      env.markRegScratched(0);
      if (!env.pushStack(env.insnIdx + 1, int32_t(env.insnIdx), false))
        return false;
      clearAllPktPointers(env);
      markRegUnknown(env.curRegs()[0]);
      updateLiveStack(env);
      if (!prepareFuncExit(env))
        return false;
      env.insnIdx--; // do_check_insn() steps past the call site
    } else {
      changesData = false;
    }
  }
  if (changesData)
    clearAllPktPointers(env);
  return true;
}

bool checkFuncCall(Env &env) {
  const Insn insn = env.insn();
  uint32_t target = env.insnIdx + uint32_t(insn.imm) + 1;
  int subprog = env.findSubprog(target);
  if (subprog < 0)
    return env.fail("verifier bug. No program starts at insn %u", target);
  if (env.subprogs[subprog].isGlobal) {
    std::string name = subprogName(env, uint32_t(subprog));
    std::string message;
    bool argsOk = checkSubprogCall(env, uint32_t(subprog), message);
    if (env.unsupported)
      return false;
    if (env.cur->activeLocks)
      return env.fail("global function calls are not allowed while holding a lock,\n"
                      "use static function instead");
    if (env.subprogs[size_t(subprog)].mightSleep &&
        (env.cur->activeRcuLock || env.cur->activePreemptLocks || env.cur->activeIrqId ||
         !env.cur->inSleepable))
      return env.fail("global functions that may sleep are not allowed in non-sleepable context,\n"
                      "i.e., in a RCU/IRQ/preempt-disabled section, or in\n"
                      "a non-sleepable BPF program context");
    if (!argsOk) {
      if (!message.empty())
        env.verbose("%s\n", message.c_str());
      return env.fail("Caller passes invalid args into func#%d ('%s')", subprog, name.c_str());
    }
    env.verbose("Func#%d ('%s') is global and assumed valid.\n", subprog, name.c_str());
    if (env.subprogs[size_t(subprog)].changesPktData)
      clearAllPktPointers(env);
    env.subprogs[size_t(subprog)].called = true;
    RegState *regs = env.curRegs();
    for (int i = 0; i < CALLER_SAVED_REGS; i++) {
      markRegNotInit(regs[i]);
      checkRegArg(env, uint32_t(i), RegArg::DstOpNoMark);
    }
    markRegUnknown(regs[0]);
    regs[0].subregDef = 0;
    return true;
  }
  VerifierState &st = *env.cur;
  if (st.curframe + 1 >= uint32_t(MAX_CALL_FRAMES))
    return env.fail("the call stack of %u frames is too deep", st.curframe + 2);
  FuncState callee;
  initFuncState(callee, int32_t(env.insnIdx), st.curframe + 1, uint32_t(subprog));
  // set_callee_state(): R1-R5 are the arguments.
  for (int i = BPF_REG_1; i <= 5; i++)
    callee.regs[i] = st.cur().regs[i];
  st.frames.push_back(std::move(callee));
  FuncState &caller = st.frames[st.curframe];
  // clear_caller_saved_regs()
  for (int i = 0; i < CALLER_SAVED_REGS; i++) {
    markRegNotInit(caller.regs[i]);
    env.markRegScratched(i);
  }
  st.curframe++;
  env.scratched.all(); // init_func_state: mark_verifier_state_scratched
  env.insnIdx = env.subprogs[subprog].start - 1;
  resetLiveStackCallchain(env);
  if (env.log.verboseEnabled())
    logCallerCallee(env);
  return true;
}

bool failInvalidScalar(Env &env, const RegState &r, int32_t minval, int32_t maxval,
                       const char *ctx);

bool prepareFuncExit(Env &env) {
  VerifierState &st = *env.cur;
  FuncState &callee = st.frames[st.curframe];
  RegState r0 = callee.regs[0];
  if (r0.type.is(RegBase::PtrToStack))
    return env.fail("cannot return stack pointer to the caller");
  bool inCallback = callee.inCallbackFn;
  if (inCallback) {
    if (!r0.isScalar())
      return env.fail("R0 not a scalar value");
    if (!markChainPrecision(env, 0))
      return false;
    const RegState &r = env.cur->cur().regs[0];
    const RetvalRange range = callee.callbackRetRange;
    if (!(range.minval <= r.bounds.smin && r.bounds.smax <= range.maxval))
      return failInvalidScalar(env, r, range.minval, range.maxval, "At callback return");
  } else {
    st.frames[st.curframe - 1].regs[0] = r0;
  }
  // A callback returns to its call instruction, which runs again (maybe another iteration).
  env.insnIdx = uint32_t(inCallback ? callee.callsite : callee.callsite + 1);
  if (env.log.verboseEnabled())
    logReturn(env);
  st.frames.pop_back();
  st.curframe--;
  if (inCallback)
    widenImpreciseScalarsAtReentry(env);
  return true;
}

/// verbose_invalid_scalar(): "<ctx> the register R0 has smin=.. smax=.. should have been in
/// [min, max]".
bool failInvalidScalar(Env &env, const RegState &r, int32_t minval, int32_t maxval,
                       const char *ctx) {
  std::string text = std::string(ctx) + " the register R0 has";
  bool unknown = true;
  if (r.bounds.smin > domain::S64Min) {
    text += " smin=" + std::to_string(r.bounds.smin);
    unknown = false;
  }
  if (r.bounds.smax < domain::S64Max) {
    text += " smax=" + std::to_string(r.bounds.smax);
    unknown = false;
  }
  if (unknown)
    text += " unknown scalar value";
  return env.fail("%s should have been in [%d, %d]", text.c_str(), minval, maxval);
}

const VerifierState *findPrevEntry(Env &env, const VerifierState &cur, uint32_t insnIdx) {
  // find_prev_entry(): a checkpoint at this instruction on the current DFS path.
  const auto &bucket = env.exploredBucket(insnIdx);
  for (auto it = bucket.rbegin(); it != bucket.rend(); ++it) { // newest first
    const VerifierState &st = *it->state;
    if (st.insnIdx != insnIdx || !st.branches || st.dfsDepth >= cur.dfsDepth ||
        st.curframe != cur.curframe)
      continue;
    bool same = true;
    for (uint32_t fr = 0; fr <= st.curframe; fr++)
      same = same && st.frames[fr].callsite == cur.frames[fr].callsite;
    if (same)
      return &st;
  }
  return nullptr;
}

void widenImpreciseScalars(Env &env, const VerifierState &old, VerifierState &cur) {
  if (old.curframe > cur.curframe) // frames that do not line up are left alone
    return;
  IdMap &idmap = env.idmapScratch();
  idmap.reset(env.idGen);
  auto widen = [&](const RegState &rold, RegState &rcur) {
    if (!rold.isScalar() || rold.type != rcur.type)
      return;
    if (rold.precise || rcur.precise || regsExact(rold, rcur, idmap))
      return;
    markRegUnknown(rcur);
  };
  for (int fr = int(old.curframe); fr >= 0; fr--) {
    const FuncState &fold = old.frames[size_t(fr)];
    FuncState &fcur = cur.frames[size_t(fr)];
    for (int i = 0; i < isa::MAX_BPF_REG; i++)
      widen(fold.regs[size_t(i)], fcur.regs[size_t(i)]);
    size_t slots = std::min(fold.stack.size(), fcur.stack.size());
    for (size_t i = 0; i < slots; i++) {
      if (!fold.stack[i].isSpilledReg() || !fcur.stack[i].isSpilledReg())
        continue;
      widen(fold.stack[i].spilledPtr, fcur.stack[i].spilledPtr);
    }
  }
}

void widenImpreciseScalarsAtReentry(Env &env) {
  if (const VerifierState *prev = findPrevEntry(env, *env.cur, env.insnIdx))
    widenImpreciseScalars(env, *prev, *env.cur);
}

bool checkReturnCode(Env &env) {
  const char *exitCtx = "At program exit";
  FuncState &frame = env.cur->frames[0];
  bool isSubprog = frame.subprogno != 0;
  if (!checkRegArg(env, BPF_REG_0, RegArg::SrcOp))
    return false;
  RegState &reg = env.curRegs()[0];
  if (frame.inAsyncCallbackFn) {
    // Async callbacks (timers) must return 0.
    const char *asyncCtx = "At async callback return";
    if (!reg.isScalar())
      return env.fail("%s the register R0 is not a known value (%s)", asyncCtx,
                      regTypeName(reg.type).c_str());
    if (!markChainPrecision(env, 0))
      return false;
    const RegState &r = env.curRegs()[0];
    if (!(r.bounds.smin >= 0 && r.bounds.smax <= 0))
      return failInvalidScalar(env, r, 0, 0, asyncCtx);
    return true;
  }
  if (isSubprog && !frame.inExceptionCallbackFn) {
    if (!reg.isScalar())
      return env.fail("At subprogram exit the register R0 is not a scalar value (%s)",
                      regTypeName(reg.type).c_str());
    return true;
  }
  int32_t minval = 0, maxval = 1;
  uint32_t at = env.prog.expectedAttachType;
  switch (env.prog.progType) {
  case uapi::BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
    if (at == tg::attach_type::CGROUP_UDP4_RECVMSG || at == tg::attach_type::CGROUP_UDP6_RECVMSG ||
        at == tg::attach_type::CGROUP_UNIX_RECVMSG ||
        at == tg::attach_type::CGROUP_INET4_GETPEERNAME ||
        at == tg::attach_type::CGROUP_INET6_GETPEERNAME ||
        at == tg::attach_type::CGROUP_UNIX_GETPEERNAME ||
        at == tg::attach_type::CGROUP_INET4_GETSOCKNAME ||
        at == tg::attach_type::CGROUP_INET6_GETSOCKNAME ||
        at == tg::attach_type::CGROUP_UNIX_GETSOCKNAME) {
      minval = 1;
      maxval = 1;
    }
    if (at == tg::attach_type::CGROUP_INET4_BIND || at == tg::attach_type::CGROUP_INET6_BIND) {
      minval = 0;
      maxval = 3;
    }
    break;
  case uapi::BPF_PROG_TYPE_CGROUP_SKB:
    if (at == tg::attach_type::CGROUP_INET_EGRESS)
      maxval = 3;
    break;
  case uapi::BPF_PROG_TYPE_CGROUP_SOCK:
  case uapi::BPF_PROG_TYPE_SOCK_OPS:
  case uapi::BPF_PROG_TYPE_CGROUP_DEVICE:
  case uapi::BPF_PROG_TYPE_CGROUP_SYSCTL:
  case uapi::BPF_PROG_TYPE_CGROUP_SOCKOPT:
    break;
  case uapi::BPF_PROG_TYPE_RAW_TRACEPOINT:
    if (!env.prog.attachBtfId)
      return true;
    maxval = 0;
    break;
  case uapi::BPF_PROG_TYPE_KPROBE:
    if (at == tg::attach_type::TRACE_KPROBE_SESSION || at == tg::attach_type::TRACE_UPROBE_SESSION)
      break;
    return true;
  case uapi::BPF_PROG_TYPE_SK_LOOKUP:
    break; // SK_DROP .. SK_PASS
  case uapi::BPF_PROG_TYPE_NETFILTER:
    break; // NF_DROP .. NF_ACCEPT
  case uapi::BPF_PROG_TYPE_TRACING:
  case uapi::BPF_PROG_TYPE_LSM:
  case uapi::BPF_PROG_TYPE_STRUCT_OPS:
    return env.notSupported("return values of BTF-typed programs");
  default:
    return true;
  }
  if (!reg.isScalar())
    return env.fail("%s the register R0 is not a known value (%s)", exitCtx,
                    regTypeName(reg.type).c_str());
  if (!markChainPrecision(env, 0))
    return false;
  const RegState &r = env.curRegs()[0];
  if (!(minval <= r.bounds.smin && r.bounds.smax <= maxval))
    return failInvalidScalar(env, r, minval, maxval, exitCtx);
  return true;
}

} // namespace bpfverify::verifier
