#include "verifier/check/map_fields.h"

#include "verifier/check/mem.h"
#include "verifier/engine/uapi.h"

#include <algorithm>
#include <cctype>

namespace bpfverify::verifier {

namespace {

constexpr size_t BPF_OBJ_NAME_LEN = 16;

/// find_lock_state(): a lock reference of one of `types` with this id and owner.
const RefState *findLockState(const VerifierState &st, RefType type, int32_t id, const void *ptr) {
  for (const RefState &r : st.refs)
    if (r.type == type && r.id == id && r.ptr == ptr)
      return &r;
  return nullptr;
}

/// release_lock_state(): drops the lock and makes the previous lock (if any) the active one.
bool releaseLockState(VerifierState &st, RefType type, int32_t id, const void *ptr) {
  int32_t prevId = 0;
  const void *prevPtr = nullptr;
  for (size_t i = 0; i < st.refs.size(); i++) {
    const RefState &r = st.refs[i];
    if (r.type == type && r.id == id && r.ptr == ptr) {
      st.refs.erase(st.refs.begin() + ptrdiff_t(i));
      st.activeLocks--;
      st.activeLockId = uint32_t(prevId);
      st.activeLockPtr = prevPtr;
      return true;
    }
    if (r.type == RefType::Lock || r.type == RefType::ResLock || r.type == RefType::ResLockIrq) {
      prevId = r.id;
      prevPtr = r.ptr;
    }
  }
  return false;
}

bool isTracingProgType(uint32_t type) {
  return type == uapi::BPF_PROG_TYPE_KPROBE || type == uapi::BPF_PROG_TYPE_TRACEPOINT ||
         type == uapi::BPF_PROG_TYPE_PERF_EVENT || type == uapi::BPF_PROG_TYPE_RAW_TRACEPOINT ||
         type == uapi::BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE;
}

} // namespace

uint32_t kernelMapFlags(const object::Map &map) {
  if (map.type == uapi::BPF_MAP_TYPE_DEVMAP || map.type == uapi::BPF_MAP_TYPE_DEVMAP_HASH)
    return map.flags | uapi::BPF_F_RDONLY_PROG;
  return map.flags;
}

std::string kernelMapName(const object::Map &map) {
  return map.name.substr(0, BPF_OBJ_NAME_LEN - 1);
}

bool processSpinLock(Env &env, uint32_t regno, bool isLock) {
  const RegState &reg = env.curRegs()[regno];
  VerifierState &cur = *env.cur;
  if (!reg.bounds.varOff.isConst())
    return env.fail("R%u doesn't have constant offset. bpf_spin_lock has to be at the constant "
                    "offset",
                    regno);
  const object::Map *map = nullptr;
  const BtfRecord *rec = nullptr;
  if (reg.type.base() == RegBase::PtrToMapValue) {
    map = reg.map;
    if (!env.mapRecords.hasBtf(map))
      return env.fail("map '%s' has to have BTF in order to use bpf_spin_lock",
                      map ? kernelMapName(*map).c_str() : "");
    rec = env.mapRecords.of(map);
  } else {
    return env.notSupported("bpf_spin_lock in allocated objects (bpf_obj_new)");
  }
  if (!rec || !rec->has(BPF_SPIN_LOCK))
    return env.fail("map '%s' has no valid bpf_spin_lock", kernelMapName(*map).c_str());
  int64_t at = int64_t(reg.bounds.varOff.value) + reg.off;
  if (rec->spinLockOff != at)
    return env.fail("off %lld doesn't point to 'struct bpf_spin_lock' that is at %d", (long long)at,
                    rec->spinLockOff);
  const void *ptr = map;
  if (isLock) {
    // The kernel looks for a lock with id 0 and no owner here, which a map value never is: a
    // second bpf_spin_lock call is refused earlier as a call made while holding a lock.
    if (cur.activeLocks && findLockState(cur, RefType::Lock, 0, nullptr))
      return env.fail("Locking two bpf_spin_locks are not allowed");
    // acquire_lock_state()
    cur.refs.push_back(RefState{RefType::Lock, int32_t(reg.id), int32_t(env.insnIdx), ptr});
    cur.activeLocks++;
    cur.activeLockId = reg.id;
    cur.activeLockPtr = ptr;
    return true;
  }
  if (!cur.activeLocks)
    return env.fail("bpf_spin_unlock without taking a lock");
  if (!findLockState(cur, RefType::Lock, int32_t(reg.id), ptr))
    return env.fail("bpf_spin_unlock of different lock");
  if (reg.id != cur.activeLockId || ptr != cur.activeLockPtr)
    return env.fail("bpf_spin_unlock cannot be out of order");
  if (!releaseLockState(cur, RefType::Lock, int32_t(reg.id), ptr))
    return env.fail("bpf_spin_unlock of different lock");
  return true;
}

bool processTimerFunc(Env &env, uint32_t regno, TimerMapMeta &meta) {
  // check_map_field_pointer(env, regno, BPF_TIMER)
  const RegState &reg = env.curRegs()[regno];
  const object::Map *map = reg.map;
  if (!reg.bounds.varOff.isConst())
    return env.fail("R%u doesn't have constant offset. bpf_timer has to be at the constant offset",
                    regno);
  if (!env.mapRecords.hasBtf(map))
    return env.fail("map '%s' has to have BTF in order to use bpf_timer",
                    map ? kernelMapName(*map).c_str() : "");
  const BtfRecord *rec = env.mapRecords.of(map);
  if (!rec || !rec->has(BPF_TIMER))
    return env.fail("map '%s' has no valid bpf_timer", kernelMapName(*map).c_str());
  int64_t at = int64_t(reg.bounds.varOff.value) + reg.off;
  if (rec->timerOff != at)
    return env.fail("off %lld doesn't point to 'struct bpf_timer' that is at %d", (long long)at,
                    rec->timerOff);
  if (meta.map)
    return env.fail("verifier bug: Two map pointers in a timer helper");
  meta.map = map;
  meta.mapIndex = reg.mapIndex;
  meta.mapUid = reg.mapUid;
  return true;
}

bool checkRegConstStr(Env &env, uint32_t regno) {
  const RegState &reg = env.curRegs()[regno];
  if (reg.type != RegType(RegBase::PtrToMapValue))
    return env.fail("verifier bug: constant string argument of type %s",
                    regTypeName(reg.type).c_str());
  const object::Map *map = reg.map;
  // bpf_map_is_rdonly(): read-only for programs and frozen (libbpf freezes .rodata).
  if (!map || !(kernelMapFlags(*map) & uapi::BPF_F_RDONLY_PROG) || !map->frozen)
    return env.fail("R%u does not point to a readonly map'", regno);
  if (!reg.bounds.varOff.isConst())
    return env.fail("R%u is not a constant address'", regno);
  if (map->type != uapi::BPF_MAP_TYPE_ARRAY) // map_direct_value_addr: array maps only
    return env.fail("no direct value access support for this map type");
  if (!checkMapAccess(env, regno, reg.off, int(map->valueSize) - reg.off, false, AccessSrc::Helper))
    return false;
  int64_t mapOff = reg.off + int64_t(reg.bounds.varOff.value);
  if (mapOff < 0 || uint64_t(mapOff) >= map->valueSize)
    return env.fail("direct value access on string failed");
  // strnchr(str + off, value_size - off, 0): bytes past the initial contents are zero.
  bool terminated = uint64_t(mapOff) >= map->initialValue.size() ||
                    std::find(map->initialValue.begin() + mapOff, map->initialValue.end(), 0) !=
                        map->initialValue.end() ||
                    map->initialValue.size() < map->valueSize;
  if (!terminated)
    return env.fail("string is not zero-terminated");
  return true;
}

namespace {

/// The map types a sleepable program may use.
bool sleepableMapType(uint32_t mt) {
  using namespace uapi;
  switch (mt) {
  case BPF_MAP_TYPE_HASH:
  case BPF_MAP_TYPE_LRU_HASH:
  case BPF_MAP_TYPE_ARRAY:
  case BPF_MAP_TYPE_PERCPU_HASH:
  case BPF_MAP_TYPE_PERCPU_ARRAY:
  case BPF_MAP_TYPE_LRU_PERCPU_HASH:
  case BPF_MAP_TYPE_ARRAY_OF_MAPS:
  case BPF_MAP_TYPE_HASH_OF_MAPS:
  case BPF_MAP_TYPE_RINGBUF:
  case BPF_MAP_TYPE_USER_RINGBUF:
  case BPF_MAP_TYPE_INODE_STORAGE:
  case BPF_MAP_TYPE_SK_STORAGE:
  case BPF_MAP_TYPE_TASK_STORAGE:
  case BPF_MAP_TYPE_CGRP_STORAGE:
  case BPF_MAP_TYPE_QUEUE:
  case BPF_MAP_TYPE_STACK:
  case BPF_MAP_TYPE_ARENA:
    return true;
  default:
    return false;
  }
}

} // namespace

namespace {

/// bpf_bprintf_prepare() without arguments: whether the format's conversions are ones the kernel
/// formats, and no more of them than `numArgs`.
bool bprintfFormatValid(const std::string &fmt, uint32_t numArgs) {
  auto at = [&](size_t i) { return i < fmt.size() ? fmt[i] : '\0'; };
  auto isAscii = [](char c) { return (unsigned char)c < 0x80; };
  auto isSpace = [](char c) { return std::isspace((unsigned char)c) != 0; };
  auto isPunct = [](char c) { return std::ispunct((unsigned char)c) != 0; };
  uint32_t numSpec = 0;
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = fmt[i];
    // Bytes >= 0x80 pass (UTF-8 text); ASCII control bytes do not.
    if (isAscii(c) && !std::isprint((unsigned char)c) && !isSpace(c))
      return false;
    if (c != '%')
      continue;
    if (at(i + 1) == '%') {
      i++;
      continue;
    }
    if (numSpec >= numArgs)
      return false;
    i++;
    if (!isAscii(at(i)))
      return false;
    while (at(i) == '0' || at(i) == '+' || at(i) == '-' || at(i) == ' ')
      i++; // flags
    if (at(i) >= '1' && at(i) <= '9') {
      i++;
      while (at(i) >= '0' && at(i) <= '9')
        i++; // width
    }
    if (at(i) == 'p') {
      char n = at(i + 1);
      if (n == 0 || isSpace(n) || isPunct(n)) {
        numSpec++;
        continue;
      }
      if ((n == 'k' || n == 'u') && at(i + 2) == 's') {
        i += 2;
        char after = at(i + 1);
        if (after != 0 && !isSpace(after) && !isPunct(after))
          return false;
        numSpec++;
        continue;
      }
      if (n == 'K' || n == 'x' || n == 's' || n == 'S' || n == 'B') {
        i++;
        numSpec++;
        continue;
      }
      if ((n != 'i' && n != 'I') || (at(i + 2) != '4' && at(i + 2) != '6'))
        return false; // only %pI4, %pi4, %pI6, %pi6
      i += 2;
      numSpec++;
      continue;
    }
    if (at(i) == 's') {
      char after = at(i + 1);
      if (after != 0 && !isSpace(after) && !isPunct(after))
        return false;
      numSpec++;
      continue;
    }
    if (at(i) == 'c') {
      numSpec++;
      continue;
    }
    if (at(i) == 'l')
      i++;
    if (at(i) == 'l')
      i++;
    char conv = at(i);
    if (conv != 'i' && conv != 'd' && conv != 'u' && conv != 'x' && conv != 'X')
      return false;
    numSpec++;
  }
  return true;
}

} // namespace

bool checkBpfSnprintfCall(Env &env, const RegState &fmtReg, const RegState &dataLenReg) {
  // The data is an array of u64; a length that is not a multiple of 8 fails without a message.
  if (dataLenReg.bounds.varOff.value % 8)
    return env.notSupported("bpf_snprintf with a data length that is not a multiple of 8");
  uint32_t numArgs = uint32_t(dataLenReg.bounds.varOff.value / 8);
  const object::Map *map = fmtReg.map;
  int64_t off = fmtReg.off + int64_t(fmtReg.bounds.varOff.value);
  if (!map || off < 0)
    return env.fail("verifier bug");
  std::string fmt;
  for (size_t i = size_t(off); i < map->initialValue.size() && map->initialValue[i]; i++)
    fmt += char(map->initialValue[i]);
  if (!bprintfFormatValid(fmt, numArgs))
    return env.fail("Invalid format string");
  return true;
}

bool checkMapProgCompatibility(Env &env, const object::Map &map) {
  uint32_t type = env.prog.progType;
  const BtfRecord *rec = env.mapRecords.of(&map);
  if (rec && rec->has(BPF_LIST_HEAD | BPF_RB_ROOT) && isTracingProgType(type))
    return env.fail("tracing progs cannot use bpf_{list_head,rb_root} yet");
  if (rec && rec->has(BPF_SPIN_LOCK | BPF_RES_SPIN_LOCK)) {
    if (type == uapi::BPF_PROG_TYPE_SOCKET_FILTER)
      return env.fail("socket filter progs cannot use bpf_spin_lock yet");
    if (isTracingProgType(type))
      return env.fail("tracing progs cannot use bpf_spin_lock yet");
  }
  if (rec && rec->has(BPF_TIMER) && isTracingProgType(type))
    return env.fail("tracing progs cannot use bpf_timer yet");
  if (rec && rec->has(BPF_WORKQUEUE) && isTracingProgType(type))
    return env.fail("tracing progs cannot use bpf_wq yet");
  if (env.prog.sleepable && !sleepableMapType(map.type))
    return env.fail("Sleepable programs can only use array, hash, ringbuf and local storage maps");
  return true;
}

} // namespace bpfverify::verifier
