#include "verifier/check/map_compat.h"

#include "verifier/engine/uapi.h"
#include "verifier/target/func_ids.h"

#include <algorithm>
#include <initializer_list>

namespace bpfverify::verifier {

using namespace uapi;
using namespace target;

namespace {

bool oneOf(int32_t id, std::initializer_list<int32_t> ids) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}
bool typeIn(uint32_t t, std::initializer_list<uint32_t> types) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

/// may_update_sockmap()
bool mayUpdateSockmap(int32_t funcId, uint32_t progType, uint32_t attachType) {
  if (funcId != BPF_FUNC_map_update_elem && funcId != BPF_FUNC_map_delete_elem)
    return false;
  switch (progType) {
  case BPF_PROG_TYPE_TRACING:
    return attachType == 28; // BPF_TRACE_ITER
  case BPF_PROG_TYPE_SOCK_OPS:
    return funcId == BPF_FUNC_map_delete_elem;
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
    if (f != BPF_FUNC_tail_call)
      return false;
    break;
  case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
    if (!oneOf(f, {BPF_FUNC_perf_event_read, BPF_FUNC_perf_event_output, BPF_FUNC_skb_output,
                   BPF_FUNC_perf_event_read_value, BPF_FUNC_xdp_output}))
      return false;
    break;
  case BPF_MAP_TYPE_RINGBUF:
    if (!oneOf(f, {BPF_FUNC_ringbuf_output, BPF_FUNC_ringbuf_reserve, BPF_FUNC_ringbuf_query,
                   BPF_FUNC_ringbuf_reserve_dynptr, BPF_FUNC_ringbuf_submit_dynptr,
                   BPF_FUNC_ringbuf_discard_dynptr}))
      return false;
    break;
  case BPF_MAP_TYPE_USER_RINGBUF:
    if (f != BPF_FUNC_user_ringbuf_drain)
      return false;
    break;
  case BPF_MAP_TYPE_STACK_TRACE:
    if (f != BPF_FUNC_get_stackid)
      return false;
    break;
  case BPF_MAP_TYPE_CGROUP_ARRAY:
    if (!oneOf(f, {BPF_FUNC_skb_under_cgroup, BPF_FUNC_current_task_under_cgroup}))
      return false;
    break;
  case BPF_MAP_TYPE_CGROUP_STORAGE:
  case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
    if (f != BPF_FUNC_get_local_storage)
      return false;
    break;
  case BPF_MAP_TYPE_DEVMAP:
  case BPF_MAP_TYPE_DEVMAP_HASH:
  case BPF_MAP_TYPE_XSKMAP:
    if (!oneOf(f, {BPF_FUNC_redirect_map, BPF_FUNC_map_lookup_elem}))
      return false;
    break;
  case BPF_MAP_TYPE_CPUMAP:
    if (f != BPF_FUNC_redirect_map)
      return false;
    break;
  case BPF_MAP_TYPE_ARRAY_OF_MAPS:
  case BPF_MAP_TYPE_HASH_OF_MAPS:
    if (f != BPF_FUNC_map_lookup_elem)
      return false;
    break;
  case BPF_MAP_TYPE_SOCKMAP:
    if (!oneOf(f, {BPF_FUNC_sk_redirect_map, BPF_FUNC_sock_map_update, BPF_FUNC_msg_redirect_map,
                   BPF_FUNC_sk_select_reuseport, BPF_FUNC_map_lookup_elem}) &&
        !mayUpdateSockmap(f, progType, attachType))
      return false;
    break;
  case BPF_MAP_TYPE_SOCKHASH:
    if (!oneOf(f, {BPF_FUNC_sk_redirect_hash, BPF_FUNC_sock_hash_update, BPF_FUNC_msg_redirect_hash,
                   BPF_FUNC_sk_select_reuseport, BPF_FUNC_map_lookup_elem}) &&
        !mayUpdateSockmap(f, progType, attachType))
      return false;
    break;
  case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
    if (f != BPF_FUNC_sk_select_reuseport)
      return false;
    break;
  case BPF_MAP_TYPE_QUEUE:
  case BPF_MAP_TYPE_STACK:
    if (!oneOf(f, {BPF_FUNC_map_peek_elem, BPF_FUNC_map_pop_elem, BPF_FUNC_map_push_elem}))
      return false;
    break;
  case BPF_MAP_TYPE_SK_STORAGE:
    if (!oneOf(f, {BPF_FUNC_sk_storage_get, BPF_FUNC_sk_storage_delete, BPF_FUNC_kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_INODE_STORAGE:
    if (!oneOf(f, {BPF_FUNC_inode_storage_get, BPF_FUNC_inode_storage_delete, BPF_FUNC_kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_TASK_STORAGE:
    if (!oneOf(f, {BPF_FUNC_task_storage_get, BPF_FUNC_task_storage_delete, BPF_FUNC_kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_CGRP_STORAGE:
    if (!oneOf(f, {BPF_FUNC_cgrp_storage_get, BPF_FUNC_cgrp_storage_delete, BPF_FUNC_kptr_xchg}))
      return false;
    break;
  case BPF_MAP_TYPE_BLOOM_FILTER:
    if (!oneOf(f, {BPF_FUNC_map_peek_elem, BPF_FUNC_map_push_elem}))
      return false;
    break;
  default:
    break;
  }
  // Then the helper's list of map types.
  switch (f) {
  case BPF_FUNC_tail_call:
    return mapType == BPF_MAP_TYPE_PROG_ARRAY;
  case BPF_FUNC_perf_event_read:
  case BPF_FUNC_perf_event_output:
  case BPF_FUNC_perf_event_read_value:
  case BPF_FUNC_skb_output:
  case BPF_FUNC_xdp_output:
    return mapType == BPF_MAP_TYPE_PERF_EVENT_ARRAY;
  case BPF_FUNC_ringbuf_output:
  case BPF_FUNC_ringbuf_reserve:
  case BPF_FUNC_ringbuf_query:
  case BPF_FUNC_ringbuf_reserve_dynptr:
  case BPF_FUNC_ringbuf_submit_dynptr:
  case BPF_FUNC_ringbuf_discard_dynptr:
    return mapType == BPF_MAP_TYPE_RINGBUF;
  case BPF_FUNC_user_ringbuf_drain:
    return mapType == BPF_MAP_TYPE_USER_RINGBUF;
  case BPF_FUNC_get_stackid:
    return mapType == BPF_MAP_TYPE_STACK_TRACE;
  case BPF_FUNC_current_task_under_cgroup:
  case BPF_FUNC_skb_under_cgroup:
    return mapType == BPF_MAP_TYPE_CGROUP_ARRAY;
  case BPF_FUNC_redirect_map:
    return typeIn(mapType, {BPF_MAP_TYPE_DEVMAP, BPF_MAP_TYPE_DEVMAP_HASH, BPF_MAP_TYPE_CPUMAP,
                            BPF_MAP_TYPE_XSKMAP});
  case BPF_FUNC_sk_redirect_map:
  case BPF_FUNC_msg_redirect_map:
  case BPF_FUNC_sock_map_update:
    return mapType == BPF_MAP_TYPE_SOCKMAP;
  case BPF_FUNC_sk_redirect_hash:
  case BPF_FUNC_msg_redirect_hash:
  case BPF_FUNC_sock_hash_update:
    return mapType == BPF_MAP_TYPE_SOCKHASH;
  case BPF_FUNC_get_local_storage:
    return typeIn(mapType, {BPF_MAP_TYPE_CGROUP_STORAGE, BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE});
  case BPF_FUNC_sk_select_reuseport:
    return typeIn(mapType,
                  {BPF_MAP_TYPE_REUSEPORT_SOCKARRAY, BPF_MAP_TYPE_SOCKMAP, BPF_MAP_TYPE_SOCKHASH});
  case BPF_FUNC_map_pop_elem:
    return typeIn(mapType, {BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK});
  case BPF_FUNC_map_peek_elem:
  case BPF_FUNC_map_push_elem:
    return typeIn(mapType, {BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_BLOOM_FILTER});
  case BPF_FUNC_map_lookup_percpu_elem:
    return typeIn(mapType, {BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_PERCPU_HASH,
                            BPF_MAP_TYPE_LRU_PERCPU_HASH});
  case BPF_FUNC_sk_storage_get:
  case BPF_FUNC_sk_storage_delete:
    return mapType == BPF_MAP_TYPE_SK_STORAGE;
  case BPF_FUNC_inode_storage_get:
  case BPF_FUNC_inode_storage_delete:
    return mapType == BPF_MAP_TYPE_INODE_STORAGE;
  case BPF_FUNC_task_storage_get:
  case BPF_FUNC_task_storage_delete:
    return mapType == BPF_MAP_TYPE_TASK_STORAGE;
  case BPF_FUNC_cgrp_storage_get:
  case BPF_FUNC_cgrp_storage_delete:
    return mapType == BPF_MAP_TYPE_CGRP_STORAGE;
  default:
    return true;
  }
}

} // namespace bpfverify::verifier
