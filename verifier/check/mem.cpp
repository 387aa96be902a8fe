#include "verifier/check/mem.h"

#include "btf/target.h"

#include "verifier/check/btf_access.h"
#include "verifier/check/dynptr.h"
#include "verifier/check/map_fields.h"
#include "verifier/check/regs.h"
#include "verifier/domain/scalar_print.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/engine/uapi.h"
#include "verifier/target/ctx/ctx_access.h"
#include "verifier/target/ctx/sock_access.h"

#include <algorithm>

namespace bpfverify::verifier {

using namespace isa;

namespace {

int sizeToBytes(uint8_t bpfSize) {
  switch (bpfSize) {
  case BPF_B:
    return 1;
  case BPF_H:
    return 2;
  case BPF_W:
    return 4;
  default:
    return 8;
  }
}

std::string tnumStr(domain::Tnum t) {
  return domain::formatTnum(t);
}

bool isSpillableRegtype(RegType type) {
  switch (type.base()) {
  case RegBase::PtrToMapValue:
  case RegBase::PtrToStack:
  case RegBase::PtrToCtx:
  case RegBase::PtrToPacket:
  case RegBase::PtrToPacketMeta:
  case RegBase::PtrToPacketEnd:
  case RegBase::PtrToFlowKeys:
  case RegBase::ConstPtrToMap:
  case RegBase::PtrToSocket:
  case RegBase::PtrToSockCommon:
  case RegBase::PtrToTcpSock:
  case RegBase::PtrToXdpSock:
  case RegBase::PtrToBtfId:
  case RegBase::PtrToBuf:
  case RegBase::PtrToMem:
  case RegBase::PtrToFunc:
  case RegBase::PtrToMapKey:
  case RegBase::PtrToArena:
    return true;
  default:
    return false;
  }
}

bool registerIsNull(const RegState &reg) {
  return reg.isScalar() && reg.bounds.varOff.isConst() && reg.bounds.varOff.value == 0;
}

bool isStackSlotSpecial(const StackSlot &slot) {
  SlotType t = slot.slotType[BPF_REG_SIZE - 1];
  return t == SlotType::Spill || t == SlotType::Dynptr || t == SlotType::Iter ||
         t == SlotType::IrqFlag;
}

void markStackSlotMisc(SlotType &t) {
  if (t == SlotType::Zero || t == SlotType::Invalid)
    return;
  t = SlotType::Misc;
}

void scrubSpilledSlot(SlotType &t) {
  if (t != SlotType::Invalid)
    t = SlotType::Misc;
}

void scrubSpecialSlot(FuncState &state, int spi) {
  state.stack[spi].spilledPtr.type = RegType(RegBase::NotInit);
  if (isStackSlotSpecial(state.stack[spi]))
    for (auto &t : state.stack[spi].slotType)
      scrubSpilledSlot(t);
}

/// save_register_state()
void saveRegisterState(FuncState &state, int spi, const RegState &reg, int size) {
  state.stack[spi].spilledPtr = reg;
  int i;
  for (i = BPF_REG_SIZE; i > BPF_REG_SIZE - size; i--)
    state.stack[spi].slotType[i - 1] = SlotType::Spill;
  for (; i; i--)
    markStackSlotMisc(state.stack[spi].slotType[i - 1]);
}

bool isBpfStMem(const Insn &insn) {
  return insn.cls() == BPF_ST && opMode(insn.code) == BPF_MEM;
}

/// __check_mem_access()
bool checkMemAccessRaw(Env &env, uint32_t regno, int64_t off, int size, uint32_t memSize,
                       bool zeroSizeAllowed) {
  bool sizeOk = size > 0 || (size == 0 && zeroSizeAllowed);
  if (off >= 0 && sizeOk && uint64_t(off) + uint64_t(size) <= memSize)
    return true;
  const RegState &reg = env.curRegs()[regno];
  switch (reg.type.raw) {
  case uint32_t(RegBase::PtrToMapKey):
    env.verbose("invalid access to map key, key_size=%d off=%d size=%d\n", int(memSize), int(off),
                size);
    break;
  case uint32_t(RegBase::PtrToMapValue):
    env.verbose("invalid access to map value, value_size=%d off=%d size=%d\n", int(memSize),
                int(off), size);
    break;
  case uint32_t(RegBase::PtrToPacket):
  case uint32_t(RegBase::PtrToPacketMeta):
  case uint32_t(RegBase::PtrToPacketEnd):
    env.verbose("invalid access to packet, off=%d size=%d, R%u(id=%u,off=%d,r=%d)\n", int(off),
                size, regno, reg.id, int(off), int(memSize));
    break;
  default:
    env.verbose("invalid access to memory, mem_size=%u off=%d size=%d\n", memSize, int(off), size);
  }
  return false;
}

/// check_map_access_type()
/// The BTF and type a kptr points to, as btf_parse_kptr() resolves it: a struct of that name in
/// the kernel's BTF, else the program's own type (a local kptr, of bpf_obj_new objects).
struct KptrTarget {
  const btf::Btf *btf = nullptr;
  btf::TypeId id = 0;
  bool kernel = false;
};

KptrTarget kptrTarget(const Env &env, const BtfField &field) {
  const btf::Btf &own = *env.obj.btf;
  const btf::Type *t = own.tryType(field.kptrTypeId);
  if (t) {
    btf::TypeId kid = vmlinuxStructId(env, t->name);
    if (kid)
      return {env.target->vmlinux.get(), kid, true};
  }
  return {&own, field.kptrTypeId, false};
}

/// btf_ld_kptr_type(): a loaded kptr may be NULL; it is an RCU pointer when the object is freed
/// after an RCU grace period and the program is in an RCU section, else untrusted.
uint32_t kptrLoadFlags(const Env &env, const BtfField &field, const KptrTarget &target) {
  static const char *const rcuProtected[] = {"prog_test_ref_kfunc", "cgroup", "bpf_cpumask",
                                             "task_struct", "bpf_crypto_ctx"};
  bool rcuObject = !target.kernel;
  if (target.kernel) {
    std::string_view name = target.btf->type(target.id).name;
    for (const char *n : rcuProtected)
      rcuObject = rcuObject || name == n;
  }
  bool rcuSafe = field.type == BPF_KPTR_PERCPU || (field.type == BPF_KPTR_REF && rcuObject);
  uint32_t flags = PTR_MAYBE_NULL;
  if (rcuSafe && inRcuCs(*env.cur)) {
    flags |= MEM_RCU;
    if (field.type == BPF_KPTR_PERCPU)
      flags |= MEM_PERCPU;
    else if (!target.kernel)
      flags |= MEM_ALLOC;
  } else {
    flags |= PTR_UNTRUSTED;
  }
  return flags;
}

/// map_kptr_match_type(): only a BTF pointer of the kptr's struct may be stored.
bool mapKptrMatchType(Env &env, const BtfField &field, const KptrTarget &target, uint32_t regno) {
  const RegState &reg = env.curRegs()[regno];
  std::string targName(target.btf->type(target.id).name);
  std::string regName;
  bool ok = false;
  if (reg.type.is(RegBase::PtrToBtfId) && reg.btf) {
    bool kernelBtf = reg.btf != env.obj.btf.get();
    uint32_t perm =
        kernelBtf ? (PTR_MAYBE_NULL | PTR_TRUSTED | MEM_RCU) : (PTR_MAYBE_NULL | MEM_ALLOC);
    if (kernelBtf && field.type == BPF_KPTR_UNREF)
      perm |= PTR_UNTRUSTED;
    if (!kernelBtf && field.type == BPF_KPTR_PERCPU)
      perm |= MEM_PERCPU;
    if (!(reg.type.flags() & ~perm)) {
      regName = std::string(reg.btf->type(reg.btfId).name);
      if (!checkPtrOffReg(env, reg, regno, true))
        return false;
      ok = btfStructIdsMatch(env, *reg.btf, reg.btfId, reg.off, *target.btf, target.id,
                             field.type != BPF_KPTR_UNREF);
    }
  }
  if (ok)
    return true;
  env.verbose("invalid kptr access, R%u type=%s%s ", regno, regTypeName(reg.type).c_str(),
              regName.c_str());
  if (field.type == BPF_KPTR_UNREF)
    return env.fail("expected=%s%s or %s%s", regTypeName(RegType(RegBase::PtrToBtfId)).c_str(),
                    targName.c_str(),
                    regTypeName(RegType(RegBase::PtrToBtfId, PTR_UNTRUSTED)).c_str(),
                    targName.c_str());
  return env.fail("expected=%s%s", regTypeName(RegType(RegBase::PtrToBtfId)).c_str(),
                  targName.c_str());
}

/// map->ops->map_btf_id: the kernel struct behind each map type ("bpf_array", "bpf_htab", ...).
const char *mapBtfStructName(uint32_t mapType) {
  using namespace uapi;
  switch (mapType) {
  case BPF_MAP_TYPE_ARRAY:
  case BPF_MAP_TYPE_PERCPU_ARRAY:
  case BPF_MAP_TYPE_PROG_ARRAY:
  case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
  case BPF_MAP_TYPE_CGROUP_ARRAY:
  case BPF_MAP_TYPE_ARRAY_OF_MAPS:
    return "bpf_array";
  case BPF_MAP_TYPE_HASH:
  case BPF_MAP_TYPE_PERCPU_HASH:
  case BPF_MAP_TYPE_LRU_HASH:
  case BPF_MAP_TYPE_LRU_PERCPU_HASH:
  case BPF_MAP_TYPE_HASH_OF_MAPS:
    return "bpf_htab";
  case BPF_MAP_TYPE_STACK_TRACE:
    return "bpf_stack_map";
  case BPF_MAP_TYPE_LPM_TRIE:
    return "lpm_trie";
  case BPF_MAP_TYPE_QUEUE:
  case BPF_MAP_TYPE_STACK:
    return "bpf_queue_stack";
  case BPF_MAP_TYPE_RINGBUF:
  case BPF_MAP_TYPE_USER_RINGBUF:
    return "bpf_ringbuf_map";
  case BPF_MAP_TYPE_DEVMAP:
  case BPF_MAP_TYPE_DEVMAP_HASH:
    return "bpf_dtab";
  case BPF_MAP_TYPE_CPUMAP:
    return "bpf_cpu_map";
  case BPF_MAP_TYPE_XSKMAP:
    return "xsk_map";
  case BPF_MAP_TYPE_SOCKMAP:
    return "bpf_stab";
  case BPF_MAP_TYPE_SOCKHASH:
    return "bpf_shtab";
  case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
    return "reuseport_array";
  case BPF_MAP_TYPE_SK_STORAGE:
  case BPF_MAP_TYPE_INODE_STORAGE:
  case BPF_MAP_TYPE_TASK_STORAGE:
  case BPF_MAP_TYPE_CGRP_STORAGE:
    return "bpf_local_storage_map";
  case BPF_MAP_TYPE_BLOOM_FILTER:
    return "bpf_bloom_filter";
  case BPF_MAP_TYPE_CGROUP_STORAGE:
  case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
    return "bpf_cgroup_storage_map";
  case BPF_MAP_TYPE_STRUCT_OPS:
    return "bpf_struct_ops_map";
  case BPF_MAP_TYPE_ARENA:
    return "bpf_arena";
  default:
    return nullptr;
  }
}

/// check_ptr_to_map_access(): a map pointer reads as the kernel's struct for its map type.
bool checkPtrToMapAccess(Env &env, uint32_t regno, int off, int size, bool write, int valueRegno) {
  const RegState &reg = env.curRegs()[regno];
  if (!env.target || !env.target->vmlinux)
    return env.fail("map_ptr access not supported without CONFIG_DEBUG_INFO_BTF");
  const char *structName = reg.map ? mapBtfStructName(reg.map->type) : nullptr;
  btf::TypeId id = structName ? vmlinuxStructId(env, structName) : 0;
  if (!id)
    return env.fail("map_ptr access not supported for map type %d",
                    reg.map ? int(reg.map->type) : 0);
  if (off < 0)
    return env.fail("R%u is %s invalid negative access: off=%d", regno, structName, off);
  if (write)
    return env.fail("only read from %s is supported", structName);
  BtfAccessResult res;
  const btf::Btf &vmlinux = *env.target->vmlinux;
  if (!btfStructAccess(env, vmlinux, id, RegType(RegBase::PtrToBtfId), off, size, res))
    return false;
  if (valueRegno >= 0)
    markBtfLdReg(env, env.curRegs()[valueRegno], res.isPtr, &vmlinux, res.nextBtfId, res.flag);
  return true;
}

/// check_map_kptr_access(): a whole kptr loaded or stored with BPF_MEM; referenced kptrs and
/// uptrs change only through bpf_kptr_xchg (so only NULL may be stored to the others).
bool checkMapKptrAccess(Env &env, uint32_t insnIdx, int valueRegno, const BtfField &field) {
  const Insn &insn = env.insns[insnIdx];
  uint8_t cls = opClass(insn.code);
  if (opMode(insn.code) != BPF_MEM)
    return env.fail("kptr in map can only be accessed using BPF_MEM instruction mode");
  if (cls != BPF_LDX && (field.type == BPF_KPTR_REF || field.type == BPF_KPTR_PERCPU))
    return env.fail("store to referenced kptr disallowed");
  if (cls != BPF_LDX && field.type == BPF_UPTR)
    return env.fail("store to uptr disallowed");
  if (field.type == BPF_UPTR)
    return env.notSupported("uptr loads");
  if (!env.target || !env.target->vmlinux)
    return env.notSupported("kptrs without a target BTF");
  KptrTarget target = kptrTarget(env, field);
  if (cls == BPF_LDX) {
    markBtfLdReg(env, env.curRegs()[valueRegno], true, target.btf, target.id,
                 kptrLoadFlags(env, field, target));
    return true;
  }
  if (cls == BPF_ST) {
    if (insn.imm)
      return env.fail("BPF_ST imm must be 0 when storing to kptr at off=%u", field.offset);
    return true;
  }
  const RegState &val = env.curRegs()[valueRegno];
  if (val.isConst() && val.bounds.varOff.value == 0)
    return markChainPrecision(env, valueRegno);
  return mapKptrMatchType(env, field, target, uint32_t(valueRegno));
}

bool checkMapAccessType(Env &env, uint32_t regno, int off, int size, bool write) {
  const object::Map *map = env.curRegs()[regno].map;
  if (!map)
    return true;
  bool canRead = !(kernelMapFlags(*map) & uapi::BPF_F_WRONLY_PROG);
  bool canWrite = !(kernelMapFlags(*map) & uapi::BPF_F_RDONLY_PROG);
  if (write && !canWrite)
    return env.fail("write into map forbidden, value_size=%u off=%d size=%d", map->valueSize, off,
                    size);
  if (!write && !canRead)
    return env.fail("read from map forbidden, value_size=%u off=%d size=%d", map->valueSize, off,
                    size);
  return true;
}

/// bpf_map_is_rdonly() plus map_direct_value_addr support (array maps).
bool mapIsRdonlyWithValue(const object::Map &map) {
  return (map.flags & uapi::BPF_F_RDONLY_PROG) && map.frozen &&
         map.type == uapi::BPF_MAP_TYPE_ARRAY;
}

/// bpf_map_direct_read()
uint64_t mapDirectRead(const object::Map &map, int off, int size, bool isLdsx) {
  uint64_t v = 0;
  for (int i = 0; i < size; i++) {
    size_t at = size_t(off + i);
    uint8_t byte = at < map.initialValue.size() ? map.initialValue[at] : 0;
    v |= uint64_t(byte) << (8 * i);
  }
  if (isLdsx && size < 8) {
    int shift = 64 - 8 * size;
    v = uint64_t(int64_t(v << shift) >> shift);
  }
  return v;
}

/// check_stack_slot_within_bounds(). The lower bound is -MAX_BPF_STACK for writes and, since
/// root has allow_uninit_stack, for reads too (unprivileged reads stop at -allocated_stack).
bool stackSlotWithinBounds(int64_t off) {
  return !(off < -MAX_BPF_STACK || off > -1);
}

/// check_stack_write_fixed_off()
bool checkStackWriteFixedOff(Env &env, FuncState &state, int off, int size, int valueRegno,
                             uint32_t insnIdx) {
  int slot = -off - 1, spi = slot / BPF_REG_SIZE;
  const Insn &insn = env.insns[insnIdx];
  uint32_t insnFlags = insnStackAccessFlags(state.frameno, uint32_t(spi));
  FuncState &cur = env.curFrame();
  RegState *reg = valueRegno >= 0 ? &cur.regs[valueRegno] : nullptr;
  if (!destroyIfDynptrStackSlot(env, state, spi))
    return false;
  env.markStackSlotScratched(spi);
  stackWriteHook(env, state.frameno, spi, size == BPF_REG_SIZE && !(off % BPF_REG_SIZE));
  if (reg && !(off % BPF_REG_SIZE) && reg->isScalar()) {
    bool fits = regWidth(*reg) <= 8 * size;
    if (fits)
      assignScalarIdBeforeMov(env, *reg);
    saveRegisterState(state, spi, *reg, size);
    if (!fits)
      state.stack[spi].spilledPtr.id = 0;
  } else if (!reg && !(off % BPF_REG_SIZE) && isBpfStMem(insn)) {
    RegState tmp;
    markRegKnown(tmp, uint64_t(int64_t(insn.imm)));
    tmp.type = RegType(RegBase::Scalar);
    saveRegisterState(state, spi, tmp, size);
  } else if (reg && isSpillableRegtype(reg->type)) {
    if (size != BPF_REG_SIZE)
      return env.fail("invalid size of register spill");
    if (&state != &cur && reg->type.is(RegBase::PtrToStack))
      return env.fail("cannot spill pointers to stack into stack frame of the caller");
    saveRegisterState(state, spi, *reg, size);
  } else {
    SlotType type = SlotType::Misc;
    scrubSpecialSlot(state, spi);
    if ((reg && registerIsNull(*reg)) || (!reg && isBpfStMem(insn) && insn.imm == 0)) {
      if (!markChainPrecision(env, valueRegno))
        return false;
      type = SlotType::Zero;
    }
    for (int i = 0; i < size; i++)
      state.stack[spi].slotType[(slot - i) % BPF_REG_SIZE] = type;
    insnFlags = 0;
  }
  if (insnFlags)
    return env.pushInsnHistory(*env.cur, insnFlags, 0);
  return true;
}

/// check_stack_write_var_off()
bool checkStackWriteVarOff(Env &env, FuncState &state, uint32_t ptrRegno, int off, int size,
                           int valueRegno, uint32_t insnIdx) {
  FuncState &cur = env.curFrame();
  const RegState &ptr = cur.regs[ptrRegno];
  int minOff = int(ptr.bounds.smin) + off;
  int maxOff = int(ptr.bounds.smax) + off + size;
  const RegState *valueReg = valueRegno >= 0 ? &cur.regs[valueRegno] : nullptr;
  const Insn &insn = env.insns[insnIdx];
  bool writingZero =
      (valueReg && registerIsNull(*valueReg)) || (!valueReg && isBpfStMem(insn) && insn.imm == 0);
  bool zeroUsed = false;
  for (int i = minOff; i < maxOff; i++)
    if (!destroyIfDynptrStackSlot(env, state, stackSpi(i)))
      return false;
  // A variable-offset write certainly writes no slot, so it marks none (bpf_mark_stack_write is
  // only called for fixed offsets).
  for (int i = minOff; i < maxOff; i++) {
    int slot = -i - 1, spi = slot / BPF_REG_SIZE;
    SlotType &stype = state.stack[spi].slotType[slot % BPF_REG_SIZE];
    env.markStackSlotScratched(spi);
    if (writingZero && stype == SlotType::Spill && state.stack[spi].isSpilledScalarReg()) {
      const RegState &spill = state.stack[spi].spilledPtr;
      if (spill.bounds.varOff.isConst() && spill.bounds.varOff.value == 0) {
        zeroUsed = true;
        continue;
      }
    }
    scrubSpecialSlot(state, spi);
    SlotType newType = SlotType::Misc;
    if (writingZero && stype == SlotType::Zero) {
      newType = SlotType::Zero;
      zeroUsed = true;
    }
    stype = newType;
  }
  if (zeroUsed && !markChainPrecision(env, valueRegno))
    return false;
  return true;
}

/// mark_reg_stack_read()
void markRegStackRead(Env &env, FuncState &ptrState, int minOff, int maxOff, uint32_t dstRegno) {
  FuncState &state = env.curFrame();
  int zeros = 0;
  for (int i = minOff; i < maxOff; i++) {
    int slot = -i - 1, spi = slot / BPF_REG_SIZE;
    env.markStackSlotScratched(spi);
    if (ptrState.stack[spi].slotType[slot % BPF_REG_SIZE] != SlotType::Zero)
      break;
    zeros++;
  }
  if (zeros == maxOff - minOff)
    markRegConstZero(state.regs[dstRegno], false);
  else
    markRegUnknown(state.regs[dstRegno]);
}

/// check_stack_read_fixed_off()
bool checkStackReadFixedOff(Env &env, FuncState &regState, int off, int size, int dstRegno) {
  FuncState &state = env.curFrame();
  int slot = -off - 1, spi = slot / BPF_REG_SIZE;
  uint32_t insnFlags = insnStackAccessFlags(regState.frameno, uint32_t(spi));
  auto &stype = regState.stack[spi].slotType;
  RegState &reg = regState.stack[spi].spilledPtr;
  env.markStackSlotScratched(spi);
  stackReadHook(env, regState.frameno, spi);
  if (regState.stack[spi].isSpilledReg()) {
    int spillSize = 1;
    for (int i = BPF_REG_SIZE - 1; i > 0 && stype[i - 1] == SlotType::Spill; i--)
      spillSize++;
    if (size != BPF_REG_SIZE || spillSize != BPF_REG_SIZE) {
      if (!reg.isScalar())
        return env.fail("invalid size of register fill");
      if (dstRegno < 0)
        return true;
      if (size <= spillSize && !(off % BPF_REG_SIZE)) {
        int32_t subregDef = state.regs[dstRegno].subregDef;
        state.regs[dstRegno] = reg;
        state.regs[dstRegno].subregDef = subregDef;
        if (regWidth(reg) > size * 8)
          clearScalarId(state.regs[dstRegno]);
      } else {
        int spillCnt = 0, zeroCnt = 0;
        for (int i = 0; i < size; i++) {
          SlotType type = stype[(slot - i) % BPF_REG_SIZE];
          if (type == SlotType::Spill) {
            spillCnt++;
            continue;
          }
          if (type == SlotType::Misc)
            continue;
          if (type == SlotType::Zero) {
            zeroCnt++;
            continue;
          }
          if (type == SlotType::Invalid) // allow_uninit_stack
            continue;
          return env.fail("invalid read from stack off %d+%d size %d", off, i, size);
        }
        if (spillCnt == size && reg.bounds.varOff.isConst() && reg.bounds.varOff.value == 0) {
          markRegConstZero(state.regs[dstRegno], false);
        } else if (zeroCnt == size) {
          markRegConstZero(state.regs[dstRegno], false);
          insnFlags = 0;
        } else {
          markRegUnknown(state.regs[dstRegno]);
          insnFlags = 0;
        }
      }
    } else if (dstRegno >= 0) {
      state.regs[dstRegno] = reg;
    }
    // "leaking pointer from stack" needs !allow_ptr_leaks: not for root.
  } else {
    for (int i = 0; i < size; i++) {
      SlotType type = stype[(slot - i) % BPF_REG_SIZE];
      if (type == SlotType::Misc || type == SlotType::Zero || type == SlotType::Invalid)
        continue;
      return env.fail("invalid read from stack off %d+%d size %d", off, i, size);
    }
    if (dstRegno >= 0)
      markRegStackRead(env, regState, off, off + size, uint32_t(dstRegno));
    insnFlags = 0;
  }
  if (insnFlags)
    return env.pushInsnHistory(*env.cur, insnFlags, 0);
  return true;
}

bool checkStackRead(Env &env, uint32_t ptrRegno, int off, int size, int dstRegno) {
  const RegState &reg = env.curRegs()[ptrRegno];
  FuncState &state = funcOf(env, reg);
  bool varOff = !reg.bounds.varOff.isConst();
  if (dstRegno < 0 && varOff)
    return env.fail("variable offset stack pointer cannot be passed into helper function; "
                    "var_off=%s off=%d size=%d",
                    tnumStr(reg.bounds.varOff).c_str(), off, size);
  if (!varOff)
    return checkStackReadFixedOff(env, state, off + int(reg.bounds.varOff.value), size, dstRegno);
  // check_stack_read_var_off()
  if (!checkStackRangeInitialized(env, ptrRegno, off, size, false, false, false))
    return false;
  const RegState &r = env.curRegs()[ptrRegno];
  int minOff = int(r.bounds.smin) + off;
  int maxOff = int(r.bounds.smax) + off;
  markRegStackRead(env, state, minOff, maxOff + size, uint32_t(dstRegno));
  return true;
}

bool checkStackWrite(Env &env, uint32_t ptrRegno, int off, int size, int valueRegno,
                     uint32_t insnIdx) {
  const RegState &reg = env.curRegs()[ptrRegno];
  FuncState &state = funcOf(env, reg);
  if (reg.bounds.varOff.isConst())
    return checkStackWriteFixedOff(env, state, off + int(reg.bounds.varOff.value), size, valueRegno,
                                   insnIdx);
  return checkStackWriteVarOff(env, state, ptrRegno, off, size, valueRegno, insnIdx);
}

/// save_aux_ptr_type()
bool saveAuxPtrType(Env &env, RegType type, bool allowTrustMismatch) {
  InsnAux &aux = env.aux[env.insnIdx];
  auto mismatchOk = [](RegType t) {
    switch (t.base()) {
    case RegBase::PtrToCtx:
    case RegBase::PtrToSocket:
    case RegBase::PtrToSockCommon:
    case RegBase::PtrToTcpSock:
    case RegBase::PtrToXdpSock:
    case RegBase::PtrToBtfId:
    case RegBase::PtrToArena:
      return false;
    default:
      return true;
    }
  };
  if (!aux.ptrTypeSet) {
    aux.ptrTypeSet = true;
    aux.ptrType = type;
    return true;
  }
  if (type != aux.ptrType && (!mismatchOk(type) || !mismatchOk(aux.ptrType))) {
    if (allowTrustMismatch && type.is(RegBase::PtrToBtfId) && aux.ptrType.is(RegBase::PtrToBtfId)) {
      if (type.has(PTR_UNTRUSTED))
        aux.ptrType = type;
      return true;
    }
    return env.fail("same insn cannot be used with different pointers");
  }
  return true;
}

} // namespace

/// check_generic_ptr_alignment() / check_pkt_ptr_alignment() via check_ptr_alignment().
bool checkPtrAlignment(Env &env, const RegState &reg, int off, int size, bool strictOnce) {
  bool strict = strictOnce || (env.prog.progFlags & 1u /* BPF_F_STRICT_ALIGNMENT */);
  const char *desc = "";
  switch (reg.type.base()) {
  case RegBase::PtrToPacket:
  case RegBase::PtrToPacketMeta:
    if (reg.type.flags())
      break;
    {
      if (!strict || size == 1)
        return true;
      int ipAlign = 2;
      domain::Tnum regOff = domain::tnumAdd(
          reg.bounds.varOff, domain::tnumConst(uint64_t(int64_t(ipAlign + reg.off + off))));
      if (!domain::tnumIsAligned(regOff, uint64_t(size)))
        return env.fail("misaligned packet access off %d+%s+%d+%d size %d", ipAlign,
                        tnumStr(reg.bounds.varOff).c_str(), reg.off, off, size);
      return true;
    }
  case RegBase::PtrToFlowKeys:
    desc = "flow keys ";
    break;
  case RegBase::PtrToMapKey:
    desc = "key ";
    break;
  case RegBase::PtrToMapValue:
    desc = "value ";
    break;
  case RegBase::PtrToCtx:
    desc = "context ";
    break;
  case RegBase::PtrToStack:
    desc = "stack ";
    strict = true;
    break;
  case RegBase::PtrToSocket:
    desc = "sock ";
    break;
  case RegBase::PtrToSockCommon:
    desc = "sock_common ";
    break;
  case RegBase::PtrToTcpSock:
    desc = "tcp_sock ";
    break;
  case RegBase::PtrToXdpSock:
    desc = "xdp_sock ";
    break;
  case RegBase::PtrToArena:
    return true;
  default:
    break;
  }
  if (!strict || size == 1)
    return true;
  domain::Tnum regOff =
      domain::tnumAdd(reg.bounds.varOff, domain::tnumConst(uint64_t(int64_t(reg.off + off))));
  if (!domain::tnumIsAligned(regOff, uint64_t(size)))
    return env.fail("misaligned %saccess off %s+%d+%d size %d", desc,
                    tnumStr(reg.bounds.varOff).c_str(), reg.off, off, size);
  return true;
}

bool mayAccessDirectPktData(const Env &env, bool write) {
  switch (env.prog.progType) {
  case uapi::BPF_PROG_TYPE_LWT_IN:
  case uapi::BPF_PROG_TYPE_LWT_OUT:
  case uapi::BPF_PROG_TYPE_LWT_SEG6LOCAL:
  case uapi::BPF_PROG_TYPE_SK_REUSEPORT:
  case uapi::BPF_PROG_TYPE_FLOW_DISSECTOR:
  case uapi::BPF_PROG_TYPE_CGROUP_SKB:
    if (write)
      return false;
    [[fallthrough]];
  case uapi::BPF_PROG_TYPE_SCHED_CLS:
  case uapi::BPF_PROG_TYPE_SCHED_ACT:
  case uapi::BPF_PROG_TYPE_XDP:
  case uapi::BPF_PROG_TYPE_LWT_XMIT:
  case uapi::BPF_PROG_TYPE_SK_SKB:
  case uapi::BPF_PROG_TYPE_SK_MSG:
  case uapi::BPF_PROG_TYPE_CGROUP_SOCKOPT:
    return true;
  default:
    return false;
  }
}

/// __check_ptr_off_reg(): a negative fixed offset is reported first, even where a fixed offset
/// is allowed.
bool checkPtrOffReg(Env &env, const RegState &reg, uint32_t regno, bool fixedOffOk) {
  if (reg.off < 0)
    return env.fail("negative offset %s ptr R%u off=%d disallowed", regTypeName(reg.type).c_str(),
                    regno, reg.off);
  if (!fixedOffOk && reg.off)
    return env.fail("dereference of modified %s ptr R%u off=%d disallowed",
                    regTypeName(reg.type).c_str(), regno, reg.off);
  if (!reg.bounds.varOff.isConst() || reg.bounds.varOff.value)
    return env.fail("variable %s access var_off=%s disallowed", regTypeName(reg.type).c_str(),
                    tnumStr(reg.bounds.varOff).c_str());
  return true;
}

bool checkMemRegionAccess(Env &env, uint32_t regno, int off, int size, uint32_t memSize,
                          bool zeroSizeAllowed) {
  const RegState &reg = env.curRegs()[regno];
  int64_t smin = reg.bounds.smin;
  if (smin < 0 && (smin == domain::S64Min ||
                   (int64_t(off) + smin != int64_t(int32_t(off + smin))) || smin + off < 0))
    return env.fail("R%u min value is negative, either use unsigned index or do a if (index "
                    ">=0) check.",
                    regno);
  if (!checkMemAccessRaw(env, regno, smin + off, size, memSize, zeroSizeAllowed))
    return env.fail("R%u min value is outside of the allowed memory range", regno);
  if (reg.bounds.umax >= BPF_MAX_VAR_OFF)
    return env.fail("R%u unbounded memory access, make sure to bounds check any such access",
                    regno);
  if (!checkMemAccessRaw(env, regno, int64_t(reg.bounds.umax) + off, size, memSize,
                         zeroSizeAllowed))
    return env.fail("R%u max value is outside of the allowed memory range", regno);
  return true;
}

bool checkMapAccess(Env &env, uint32_t regno, int off, int size, bool zeroSizeAllowed,
                    AccessSrc src) {
  const RegState &reg = env.curRegs()[regno];
  uint32_t valueSize = reg.map ? reg.map->valueSize : reg.memSize;
  if (!checkMemRegionAccess(env, regno, off, size, valueSize, zeroSizeAllowed))
    return false;
  const BtfRecord *rec = env.mapRecords.of(reg.map);
  if (!rec)
    return true;
  // No load or store may touch a special field, except a whole kptr (or uptr) loaded or stored
  // directly. [x1, x2) overlaps [y1, y2) when x1 < y2 && y1 < x2.
  for (const BtfField &field : rec->fields) {
    uint32_t p = field.offset;
    bool overlaps = reg.bounds.smin + off < int64_t(p + field.size) &&
                    uint64_t(p) < reg.bounds.umax + uint64_t(int64_t(off)) + uint64_t(size);
    if (!overlaps)
      continue;
    if (!(field.type & (BPF_KPTR | BPF_UPTR)))
      return env.fail("%s cannot be accessed directly by load/store", btfFieldTypeName(field.type));
    if (src != AccessSrc::Direct)
      return env.fail("kptr cannot be accessed indirectly by helper");
    if (!reg.bounds.varOff.isConst())
      return env.fail("kptr access cannot have variable offset");
    if (uint64_t(p) != uint64_t(int64_t(off)) + reg.bounds.varOff.value)
      return env.fail("kptr access misaligned expected=%u off=%llu", p,
                      (unsigned long long)(uint64_t(int64_t(off)) + reg.bounds.varOff.value));
    if (size != 8)
      return env.fail("kptr access size must be BPF_DW");
  }
  return true;
}

bool checkPacketAccess(Env &env, uint32_t regno, int off, int size, bool zeroSizeAllowed) {
  const RegState &reg = env.curRegs()[regno];
  if (reg.bounds.smin < 0)
    return env.fail("R%u min value is negative, either use unsigned index or do a if (index "
                    ">=0) check.",
                    regno);
  bool ok = reg.range >= 0 &&
            checkMemAccessRaw(env, regno, off, size, uint32_t(reg.range), zeroSizeAllowed);
  if (!ok)
    return env.fail("R%u offset is outside of the packet", regno);
  return true;
}

bool checkStackAccessWithinBounds(Env &env, uint32_t regno, int off, int accessSize, bool write) {
  const RegState &reg = env.curRegs()[regno];
  FuncState &state = funcOf(env, reg);
  const char *extra = write ? " write to" : " read from";
  int64_t minOff, maxOff;
  if (reg.bounds.varOff.isConst()) {
    minOff = int64_t(reg.bounds.varOff.value) + off;
    maxOff = minOff + accessSize;
  } else {
    if (reg.bounds.smax >= int64_t(BPF_MAX_VAR_OFF) || reg.bounds.smin <= -int64_t(BPF_MAX_VAR_OFF))
      return env.fail("invalid unbounded variable-offset%s stack R%u", extra, regno);
    minOff = reg.bounds.smin + off;
    maxOff = reg.bounds.smax + off + accessSize;
  }
  bool bad = !stackSlotWithinBounds(minOff) || maxOff > 0 || accessSize < 0;
  if (bad) {
    if (reg.bounds.varOff.isConst())
      return env.fail("invalid%s stack R%u off=%d size=%d", extra, regno, off, accessSize);
    return env.fail("invalid variable-offset%s stack R%u var_off=%s off=%d size=%d", extra, regno,
                    tnumStr(reg.bounds.varOff).c_str(), off, accessSize);
  }
  state.growStack(int(-minOff));
  SubprogInfo &sub = env.subprogs[state.subprogno];
  sub.stackDepth = std::max(sub.stackDepth, int32_t(state.allocatedStack()));
  return true;
}

bool checkStackRangeInitialized(Env &env, uint32_t regno, int off, int accessSize,
                                bool zeroSizeAllowed, bool write, bool rawMode) {
  const char *extra = "";
  if (accessSize == 0 && !zeroSizeAllowed)
    return env.fail("invalid zero-sized read");
  bool clobber = write;
  if (!checkStackAccessWithinBounds(env, regno, off, accessSize, write))
    return false;
  const RegState &reg = env.curRegs()[regno];
  FuncState &state = funcOf(env, reg);
  int minOff, maxOff;
  if (reg.bounds.varOff.isConst()) {
    minOff = maxOff = int(reg.bounds.varOff.value) + off;
  } else {
    rawMode = false;
    minOff = int(reg.bounds.smin) + off;
    maxOff = int(reg.bounds.smax) + off;
  }
  if (rawMode) {
    for (int i = minOff; i < maxOff + accessSize; i++) {
      int stackOff = -i - 1;
      int spi = stackSpi(i);
      if (state.allocatedStack() <= stackOff)
        continue;
      if (state.stack[spi].slotType[stackOff % BPF_REG_SIZE] == SlotType::Dynptr)
        return env.fail("potential write to dynptr at off=%d disallowed", i);
    }
    return true;
  }
  for (int i = minOff; i < maxOff + accessSize; i++) {
    int slot = -i - 1, spi = slot / BPF_REG_SIZE;
    if (state.allocatedStack() <= slot)
      return env.fail("verifier bug: allocated_stack too small");
    SlotType &stype = state.stack[spi].slotType[slot % BPF_REG_SIZE];
    if (stype == SlotType::Misc)
      goto mark;
    if (stype == SlotType::Zero || stype == SlotType::Invalid) {
      if (clobber)
        stype = SlotType::Misc;
      goto mark;
    }
    if (state.stack[spi].isSpilledReg()) {
      if (clobber) {
        markRegUnknown(state.stack[spi].spilledPtr);
        for (auto &t : state.stack[spi].slotType)
          scrubSpilledSlot(t);
      }
      goto mark;
    }
    if (reg.bounds.varOff.isConst())
      return env.fail("invalid%s read from stack R%u off %d+%d size %d", extra, regno, minOff,
                      i - minOff, accessSize);
    return env.fail("invalid%s read from stack R%u var_off %s+%d size %d", extra, regno,
                    tnumStr(reg.bounds.varOff).c_str(), i - minOff, accessSize);
  mark:
    stackReadHook(env, state.frameno, spi);
  }
  return true;
}

bool checkMemAccess(Env &env, uint32_t insnIdx, uint32_t regno, int off, uint8_t bpfSize,
                    bool write, int valueRegno, bool strictAlignmentOnce, bool isLdsx) {
  RegState *regs = env.curRegs();
  RegState &reg = regs[regno];
  int size = sizeToBytes(bpfSize);
  if (!checkPtrAlignment(env, reg, off, size, strictAlignmentOnce))
    return false;
  off += reg.off;
  RegType type = reg.type;
  bool ok = true;
  if (type == RegType(RegBase::PtrToMapKey)) {
    if (write)
      return env.fail("write to change key R%u not allowed", regno);
    if (!checkMemRegionAccess(env, regno, off, size, reg.map ? reg.map->keySize : 0, false))
      return false;
    if (valueRegno >= 0)
      markRegUnknown(regs[valueRegno]);
  } else if (type == RegType(RegBase::PtrToMapValue)) {
    if (!checkMapAccessType(env, regno, off, size, write))
      return false;
    if (!checkMapAccess(env, regno, off, size, false, AccessSrc::Direct))
      return false;
    const BtfRecord *rec = env.mapRecords.of(reg.map);
    const BtfField *kptr =
        rec && reg.bounds.varOff.isConst()
            ? rec->find(uint32_t(off + int64_t(reg.bounds.varOff.value)), BPF_KPTR | BPF_UPTR)
            : nullptr;
    if (kptr) {
      if (!checkMapKptrAccess(env, insnIdx, valueRegno, *kptr))
        return false;
    } else if (!write && valueRegno >= 0) {
      const object::Map *map = reg.map;
      if (reg.bounds.varOff.isConst() && map && mapIsRdonlyWithValue(*map)) {
        int mapOff = off + int(reg.bounds.varOff.value);
        uint64_t val = mapDirectRead(*map, mapOff, size, isLdsx);
        regs[valueRegno].type = RegType(RegBase::Scalar);
        markRegKnown(regs[valueRegno], val);
      } else {
        markRegUnknown(regs[valueRegno]);
      }
    }
  } else if (type.base() == RegBase::PtrToMem) {
    bool rdonly = type.has(MEM_RDONLY);
    if (typeMayBeNull(type))
      return env.fail("R%u invalid mem access '%s'", regno, regTypeName(type).c_str());
    if (write && rdonly)
      return env.fail("R%u cannot write into %s", regno, regTypeName(type).c_str());
    ok = checkMemRegionAccess(env, regno, off, size, reg.memSize, false);
    if (ok && valueRegno >= 0 && (!write || rdonly))
      markRegUnknown(regs[valueRegno]);
  } else if (type == RegType(RegBase::PtrToCtx)) {
    if (!checkPtrOffReg(env, reg, regno, false))
      return false;
    ctx::ProgInfo pi{env.prog.progType, env.prog.expectedAttachType, isLdsx};
    ctx::AccessInfo info;
    bool unknownType = false;
    if (!ctx::isValidAccess(pi, off, size, write ? ctx::Access::Write : ctx::Access::Read, info,
                            &unknownType)) {
      if (unknownType)
        return env.notSupported("context access for this program type");
      if (!info.message.empty())
        env.verbose("%s", info.message.c_str());
      return env.fail("invalid bpf_context access off=%d size=%d", off, size);
    }
    if (!write && valueRegno >= 0) {
      if (info.regType.is(RegBase::Scalar)) {
        markRegUnknown(regs[valueRegno]);
      } else {
        markRegKnownZero(regs[valueRegno]);
        if (typeMayBeNull(info.regType))
          regs[valueRegno].id = env.newId();
        regs[valueRegno].subregDef = 0;
        if (info.regType.is(RegBase::PtrToBtfId))
          return env.notSupported("context fields typed by BTF");
      }
      regs[valueRegno].type = info.regType;
    }
  } else if (type == RegType(RegBase::PtrToStack)) {
    if (!checkStackAccessWithinBounds(env, regno, off, size, write))
      return false;
    ok = write ? checkStackWrite(env, regno, off, size, valueRegno, insnIdx)
               : checkStackRead(env, regno, off, size, valueRegno);
  } else if (type == RegType(RegBase::PtrToPacket) || type == RegType(RegBase::PtrToPacketMeta)) {
    if (write && !mayAccessDirectPktData(env, true))
      return env.fail("cannot write into packet");
    ok = checkPacketAccess(env, regno, off, size, false);
    if (ok && !write && valueRegno >= 0)
      markRegUnknown(regs[valueRegno]);
  } else if (type == RegType(RegBase::PtrToArena)) {
    if (!write && valueRegno >= 0)
      markRegUnknown(regs[valueRegno]);
  } else if (type == RegType(RegBase::PtrToSocket) || type == RegType(RegBase::PtrToSockCommon) ||
             type == RegType(RegBase::PtrToTcpSock) || type == RegType(RegBase::PtrToXdpSock)) {
    // type_is_sk_pointer(): read-only, checked by check_sock_access().
    if (write)
      return env.fail("R%u cannot write into %s", regno, regTypeName(type).c_str());
    if (reg.bounds.smin < 0)
      return env.fail("R%u min value is negative, either use unsigned index or do a if (index "
                      ">=0) check.",
                      regno);
    ctx::AccessInfo info;
    if (!ctx::sockPointerIsValidAccess(type.base(), off, size, ctx::Access::Read, info))
      return env.fail("R%u invalid %s access off=%d size=%d", regno, regTypeName(type).c_str(), off,
                      size);
    if (valueRegno >= 0)
      markRegUnknown(regs[valueRegno]);
  } else if (type.base() == RegBase::PtrToBtfId && !typeMayBeNull(type)) {
    if (!checkPtrToBtfAccess(env, regno, off, size, write, write ? -1 : valueRegno))
      return false;
  } else if (type == RegType(RegBase::PtrToFlowKeys)) {
    // check_flow_keys_access(): the constant offset within struct bpf_flow_keys (56 bytes).
    // 6.18 does not look at the variable part of the offset.
    constexpr int64_t kFlowKeysSize = 56;
    if (off < 0 || int64_t(off) + size > kFlowKeysSize)
      return env.fail("invalid access to flow keys off=%d size=%d", off, size);
    if (!write && valueRegno >= 0)
      markRegUnknown(regs[valueRegno]);
  } else if (type == RegType(RegBase::PtrToTpBuffer)) {
    // check_tp_buffer_access() / __check_buffer_access(): no negative offset, no variable part.
    // The size is checked when the program is attached (max_tp_access), not here.
    if (off < 0)
      return env.fail("R%u invalid tracepoint buffer access: off=%d, size=%d", regno, off, size);
    if (!reg.bounds.varOff.isConst() || reg.bounds.varOff.value)
      return env.fail("R%u invalid variable buffer offset: off=%d, var_off=%s", regno, off,
                      tnumStr(reg.bounds.varOff).c_str());
    if (!write && valueRegno >= 0)
      markRegUnknown(regs[valueRegno]);
  } else if (type == RegType(RegBase::ConstPtrToMap)) {
    if (!checkPtrToMapAccess(env, regno, off, size, write, valueRegno))
      return false;
  } else if ((type.base() == RegBase::PtrToBuf && !typeMayBeNull(type))) {
    return env.notSupported("memory access through " + regTypeName(type));
  } else {
    return env.fail("R%u invalid mem access '%s'", regno, regTypeName(type).c_str());
  }
  if (!ok)
    return false;
  if (size < BPF_REG_SIZE && valueRegno >= 0 && !write && regs[valueRegno].isScalar()) {
    if (!isLdsx)
      regs[valueRegno].bounds.coerceToSize(size, env.dom);
    else
      regs[valueRegno].bounds.coerceToSizeSx(size);
  }
  return true;
}

bool checkLoadMem(Env &env) {
  const Insn &insn = env.insn();
  bool isLdsx = opMode(insn.code) == BPF_MEMSX;
  if (!checkRegArg(env, insn.src, RegArg::SrcOp))
    return false;
  if (!checkRegArg(env, insn.dst, RegArg::DstOpNoMark))
    return false;
  RegType srcType = env.curRegs()[insn.src].type;
  if (!checkMemAccess(env, env.insnIdx, insn.src, insn.off, opSize(insn.code), false, insn.dst,
                      false, isLdsx))
    return false;
  if (!saveAuxPtrType(env, srcType, true))
    return false;
  RegState &dst = env.curRegs()[insn.dst];
  if (auto msg = domain::sanityCheck(dst.bounds, "ldx"))
    env.verbose("verifier bug: %s\n", msg->c_str());
  return true;
}

bool checkStoreReg(Env &env) {
  const Insn &insn = env.insn();
  if (!checkRegArg(env, insn.src, RegArg::SrcOp))
    return false;
  if (!checkRegArg(env, insn.dst, RegArg::SrcOp))
    return false;
  RegType dstType = env.curRegs()[insn.dst].type;
  if (!checkMemAccess(env, env.insnIdx, insn.dst, insn.off, opSize(insn.code), true, insn.src,
                      false, false))
    return false;
  return saveAuxPtrType(env, dstType, false);
}

bool checkStoreImm(Env &env) {
  const Insn &insn = env.insn();
  if (!checkRegArg(env, insn.dst, RegArg::SrcOp))
    return false;
  RegType dstType = env.curRegs()[insn.dst].type;
  if (!checkMemAccess(env, env.insnIdx, insn.dst, insn.off, opSize(insn.code), true, -1, false,
                      false))
    return false;
  return saveAuxPtrType(env, dstType, false);
}

bool checkAtomic(Env &env) {
  const Insn &insn = env.insn();
  switch (insn.imm) {
  case BPF_ADD:
  case BPF_ADD | BPF_FETCH:
  case BPF_AND:
  case BPF_AND | BPF_FETCH:
  case BPF_OR:
  case BPF_OR | BPF_FETCH:
  case BPF_XOR:
  case BPF_XOR | BPF_FETCH:
  case BPF_XCHG:
  case BPF_CMPXCHG:
    break;
  case BPF_LOAD_ACQ:
  case BPF_STORE_REL:
    return env.notSupported("load-acquire/store-release");
  default:
    return env.fail("BPF_ATOMIC uses invalid atomic opcode %02x", unsigned(insn.imm));
  }
  // check_atomic_rmw()
  if (opSize(insn.code) != BPF_W && opSize(insn.code) != BPF_DW)
    return env.fail("invalid atomic operand size");
  if (!checkRegArg(env, insn.src, RegArg::SrcOp) || !checkRegArg(env, insn.dst, RegArg::SrcOp))
    return false;
  if (insn.imm == BPF_CMPXCHG && !checkRegArg(env, BPF_REG_0, RegArg::SrcOp))
    return false;
  RegType dt = env.curRegs()[insn.dst].type;
  bool typeOk = !(dt == RegType(RegBase::PtrToCtx)) && !isPacketPointer(dt) &&
                !(dt == RegType(RegBase::PtrToFlowKeys)) && !dt.is(RegBase::PtrToSocket) &&
                !dt.is(RegBase::PtrToSockCommon) && !dt.is(RegBase::PtrToTcpSock) &&
                !dt.is(RegBase::PtrToXdpSock);
  if (!typeOk)
    return env.fail("BPF_ATOMIC stores into R%u %s is not allowed", unsigned(insn.dst),
                    regTypeName(dt).c_str());
  int loadReg = -1;
  if (insn.imm & BPF_FETCH) {
    loadReg = insn.imm == BPF_CMPXCHG ? 0 : insn.src;
    if (!checkRegArg(env, uint32_t(loadReg), RegArg::DstOp))
      return false;
  }
  if (!checkMemAccess(env, env.insnIdx, insn.dst, insn.off, opSize(insn.code), false, -1, true,
                      false))
    return false;
  if (loadReg >= 0 && !checkMemAccess(env, env.insnIdx, insn.dst, insn.off, opSize(insn.code),
                                      false, loadReg, true, false))
    return false;
  if (!saveAuxPtrType(env, env.curRegs()[insn.dst].type, false))
    return false;
  return checkMemAccess(env, env.insnIdx, insn.dst, insn.off, opSize(insn.code), true, -1, true,
                        false);
}

} // namespace bpfverify::verifier
