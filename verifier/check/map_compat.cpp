#include "verifier/check/map_compat.h"

#include "verifier/engine/uapi.h"

#include <algorithm>
#include <initializer_list>

namespace bpfverify::verifier {

using namespace uapi;

namespace {

// enum bpf_func_id values used below (include/uapi/linux/bpf.h).
enum : int32_t {
  map_lookup_elem = 1,
  map_update_elem = 2,
  map_delete_elem = 3,
  tail_call = 12,
  perf_event_read = 22,
  perf_event_output = 25,
  get_stackid = 27,
  skb_under_cgroup = 33,
  current_task_under_cgroup = 37,
  redirect_map = 51,
  sk_redirect_map = 52,
  sock_map_update = 53,
  perf_event_read_value = 55,
  msg_redirect_map = 60,
  sock_hash_update = 70,
  msg_redirect_hash = 71,
  sk_redirect_hash = 72,
  get_local_storage = 81,
  sk_select_reuseport = 82,
  map_push_elem = 87,
  map_pop_elem = 88,
  map_peek_elem = 89,
  sk_storage_get = 107,
  sk_storage_delete = 108,
  skb_output = 111,
  xdp_output = 121,
  ringbuf_output = 130,
  ringbuf_reserve = 131,
  ringbuf_query = 134,
  inode_storage_get = 145,
  inode_storage_delete = 146,
  task_storage_get = 156,
  task_storage_delete = 157,
  kptr_xchg = 194,
  map_lookup_percpu_elem = 195,
  ringbuf_reserve_dynptr = 198,
  ringbuf_submit_dynptr = 199,
  ringbuf_discard_dynptr = 200,
  user_ringbuf_drain = 209,
  cgrp_storage_get = 210,
  cgrp_storage_delete = 211,
};

bool oneOf(int32_t id, std::initializer_list<int32_t> ids) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}
bool typeIn(uint32_t t, std::initializer_list<uint32_t> types) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

/// may_update_sockmap()
bool mayUpdateSockmap(int32_t funcId, uint32_t progType, uint32_t attachType) {
  if (funcId != map_update_elem && funcId != map_delete_elem)
    return false;
  switch (progType) {
  case BPF_PROG_TYPE_TRACING:
    return attachType == 28; // BPF_TRACE_ITER
  case BPF_PROG_TYPE_SOCK_OPS:
    return funcId == map_delete_elem;
  case BPF_PROG_TYPE_SOCKET_FILTER:
  case BPF_PROG_TYPE_SCHED_CLS:
  case BPF_PROG_TYPE_SCHED_ACT:
  case BPF_PROG_TYPE_XDP:
  case BPF_PROG_TYPE_SK_REUSEPORT:
  case BPF_PROG_TYPE_FLOW_DISSECTOR:
  case BPF_PROG_TYPE_SK_LOOKUP:
    return true;
  default:
    return false;
  }
}

} // namespace

bool mapFuncCompatible(uint32_t mapType, int32_t f, uint32_t progType, uint32_t attachType) {
  // First the map type's list of helpers.
  switch (mapType) {
  case BPF_MAP_TYPE_PROG_ARRAY:
    if (f != tail_call)
      return false;
    break;
  case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
    if (!oneOf(f,
               {perf_event_read, perf_event_output, skb_output, perf_event_read_value, xdp_output}))
      return false;
    break;
  case BPF_MAP_TYPE_RINGBUF:
    if (!oneOf(f, {ringbuf_output, ringbuf_reserve, ringbuf_query, ringbuf_reserve_dynptr,
                   ringbuf_submit_dynptr, ringbuf_discard_dynptr}))
      return false;
    break;
  case BPF_MAP_TYPE_USER_RINGBUF:
    if (f != user_ringbuf_drain)
      return false;
    break;
  case BPF_MAP_TYPE_STACK_TRACE:
    if (f != get_stackid)
      return false;
    break;
  case BPF_MAP_TYPE_CGROUP_ARRAY:
    if (!oneOf(f, {skb_under_cgroup, current_task_under_cgroup}))
      return false;
    break;
  case BPF_MAP_TYPE_CGROUP_STORAGE:
  case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
    if (f != get_local_storage)
      return false;
    break;
  case BPF_MAP_TYPE_DEVMAP:
  case BPF_MAP_TYPE_DEVMAP_HASH:
  case BPF_MAP_TYPE_XSKMAP:
    if (!oneOf(f, {redirect_map, map_lookup_elem}))
      return false;
    break;
  case BPF_MAP_TYPE_CPUMAP:
    if (f != redirect_map)
      return false;
    break;
  case BPF_MAP_TYPE_ARRAY_OF_MAPS:
  case BPF_MAP_TYPE_HASH_OF_MAPS:
    if (f != map_lookup_elem)
      return false;
    break;
  case BPF_MAP_TYPE_SOCKMAP:
    if (!oneOf(f, {sk_redirect_map, sock_map_update, msg_redirect_map, sk_select_reuseport,
                   map_lookup_elem}) &&
        !mayUpdateSockmap(f, progType, attachType))
      return false;
    break;
  case BPF_MAP_TYPE_SOCKHASH:
    if (!oneOf(f, {sk_redirect_hash, sock_hash_update, msg_redirect_hash, sk_select_reuseport,
                   map_lookup_elem}) &&
        !mayUpdateSockmap(f, progType, attachType))
      return false;
    break;
  case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
    if (f != sk_select_reuseport)
      return false;
    break;
  case BPF_MAP_TYPE_QUEUE:
  case BPF_MAP_TYPE_STACK:
    if (!oneOf(f, {map_peek_elem, map_pop_elem, map_push_elem}))
      return false;
    break;
  case BPF_MAP_TYPE_SK_STORAGE:
    if (!oneOf(f, {sk_storage_get, sk_storage_delete, kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_INODE_STORAGE:
    if (!oneOf(f, {inode_storage_get, inode_storage_delete, kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_TASK_STORAGE:
    if (!oneOf(f, {task_storage_get, task_storage_delete, kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_CGRP_STORAGE:
    if (!oneOf(f, {cgrp_storage_get, cgrp_storage_delete, kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_BLOOM_FILTER:
    if (!oneOf(f, {map_peek_elem, map_push_elem}))
      return false;
    break;
  default:
    break;
  }
  // Then the helper's list of map types.
  switch (f) {
  case tail_call:
    return mapType == BPF_MAP_TYPE_PROG_ARRAY;
  case perf_event_read:
  case perf_event_output:
  case perf_event_read_value:
  case skb_output:
  case xdp_output:
    return mapType == BPF_MAP_TYPE_PERF_EVENT_ARRAY;
  case ringbuf_output:
  case ringbuf_reserve:
  case ringbuf_query:
  case ringbuf_reserve_dynptr:
  case ringbuf_submit_dynptr:
  case ringbuf_discard_dynptr:
    return mapType == BPF_MAP_TYPE_RINGBUF;
  case user_ringbuf_drain:
    return mapType == BPF_MAP_TYPE_USER_RINGBUF;
  case get_stackid:
    return mapType == BPF_MAP_TYPE_STACK_TRACE;
  case current_task_under_cgroup:
  case skb_under_cgroup:
    return mapType == BPF_MAP_TYPE_CGROUP_ARRAY;
  case redirect_map:
    return typeIn(mapType, {BPF_MAP_TYPE_DEVMAP, BPF_MAP_TYPE_DEVMAP_HASH, BPF_MAP_TYPE_CPUMAP,
                            BPF_MAP_TYPE_XSKMAP});
  case sk_redirect_map:
  case msg_redirect_map:
  case sock_map_update:
    return mapType == BPF_MAP_TYPE_SOCKMAP;
  case sk_redirect_hash:
  case msg_redirect_hash:
  case sock_hash_update:
    return mapType == BPF_MAP_TYPE_SOCKHASH;
  case get_local_storage:
    return typeIn(mapType, {BPF_MAP_TYPE_CGROUP_STORAGE, BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE});
  case sk_select_reuseport:
    return typeIn(mapType,
                  {BPF_MAP_TYPE_REUSEPORT_SOCKARRAY, BPF_MAP_TYPE_SOCKMAP, BPF_MAP_TYPE_SOCKHASH});
  case map_pop_elem:
    return typeIn(mapType, {BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK});
  case map_peek_elem:
  case map_push_elem:
    return typeIn(mapType, {BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_BLOOM_FILTER});
  case map_lookup_percpu_elem:
    return typeIn(mapType, {BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_PERCPU_HASH,
                            BPF_MAP_TYPE_LRU_PERCPU_HASH});
  case sk_storage_get:
  case sk_storage_delete:
    return mapType == BPF_MAP_TYPE_SK_STORAGE;
  case inode_storage_get:
  case inode_storage_delete:
    return mapType == BPF_MAP_TYPE_INODE_STORAGE;
  case task_storage_get:
  case task_storage_delete:
    return mapType == BPF_MAP_TYPE_TASK_STORAGE;
  case cgrp_storage_get:
  case cgrp_storage_delete:
    return mapType == BPF_MAP_TYPE_CGRP_STORAGE;
  default:
    return true;
  }
}

} // namespace bpfverify::verifier
