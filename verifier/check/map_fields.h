#pragma once
// Helper arguments that point at special fields of a map value, constant strings in a
// read-only map, and which maps a program may use: process_spin_lock(), process_timer_func(),
// check_reg_const_str(), check_map_prog_compatibility() of Linux 6.18.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// process_spin_lock() for bpf_spin_lock (isLock) and bpf_spin_unlock: the argument must point
/// exactly at the value's bpf_spin_lock; taking it records a lock state, releasing it must name
/// the same map value (register id).
bool processSpinLock(Env &env, uint32_t regno, bool isLock);

/// What process_timer_func() learns about the map whose value holds the timer.
struct TimerMapMeta {
  const object::Map *map = nullptr;
  int32_t mapIndex = -1;
  uint32_t mapUid = 0;
};
/// process_timer_func(): the argument must point exactly at the value's bpf_timer.
bool processTimerFunc(Env &env, uint32_t regno, TimerMapMeta &meta);

/// check_reg_const_str(): a pointer into a frozen read-only array map, at a constant offset,
/// to a zero-terminated string.
bool checkRegConstStr(Env &env, uint32_t regno);

/// check_bpf_snprintf_call(): the constant format string (R3) is one bpf_snprintf can format
/// with R5 / 8 arguments ("Invalid format string").
bool checkBpfSnprintfCall(Env &env, const RegState &fmtReg, const RegState &dataLenReg);

/// check_map_prog_compatibility(): tracing programs may not use maps holding locks, timers or
/// graph roots (nor socket filters locks); sleepable programs only some map types. Called once
/// per map the program uses. (Since bpf_mem_alloc, 6.18 no longer asks tracing programs for
/// preallocated hash maps.)
bool checkMapProgCompatibility(Env &env, const object::Map &map);

/// map->map_flags as the kernel keeps them: devmaps are made read-only to programs when created
/// (dev_map_init_map: a lookup returns a pointer to the device's ifindex).
uint32_t kernelMapFlags(const object::Map &map);

/// The kernel's map->name (BPF_OBJ_NAME_LEN - 1 characters of libbpf's name).
std::string kernelMapName(const object::Map &map);

} // namespace bpfverify::verifier
