// Per-program-type helper availability: one function per kernel *_func_proto, same fallthrough
// chains as the kernel (Linux 6.18), for a privileged loader (every bpf_token_capable() and
// capable() check passes).

#include "verifier/target/func_proto.h"
#include "verifier/target/func_ids.h"
#include "verifier/target/helper_protos.h"

namespace bpfverify::target {
namespace {

namespace p = protos;
using Proto = const HelperProto *;

struct Ctx {
  const ProgramFacts &prog;
  const KernelConfig &config;
  uint32_t attach() const { return prog.expectedAttachType; }
  bool readKernelLockedDown() const { return config.lockdown == Lockdown::Confidentiality; }
  bool writeUserLockedDown() const { return config.lockdown != Lockdown::None; }
};

// bpf_prog_has_trampoline (kernel/bpf/trampoline.c).
bool hasTrampoline(const ProgramFacts &prog) {
  uint32_t at = prog.expectedAttachType;
  return (prog.progType == prog_type::TRACING &&
          (at == attach_type::TRACE_FENTRY || at == attach_type::TRACE_FEXIT ||
           at == attach_type::MODIFY_RETURN)) ||
         (prog.progType == prog_type::LSM && at == attach_type::LSM_MAC);
}

// bpf_prog_check_recur (include/linux/bpf_verifier.h).
bool checkRecur(const ProgramFacts &prog) {
  switch (prog.progType) {
  case prog_type::TRACING:
    return prog.expectedAttachType != attach_type::TRACE_ITER;
  case prog_type::STRUCT_OPS:
  case prog_type::LSM:
    return false;
  default:
    return true;
  }
}

Proto baseProto(uint32_t id, const Ctx &c) {
  // bpf_base_func_proto (kernel/bpf/helpers.c). First group: no capability needed.
  switch (id) {
  case BPF_FUNC_map_lookup_elem:
    return &p::bpf_map_lookup_elem_proto;
  case BPF_FUNC_map_update_elem:
    return &p::bpf_map_update_elem_proto;
  case BPF_FUNC_map_delete_elem:
    return &p::bpf_map_delete_elem_proto;
  case BPF_FUNC_map_push_elem:
    return &p::bpf_map_push_elem_proto;
  case BPF_FUNC_map_pop_elem:
    return &p::bpf_map_pop_elem_proto;
  case BPF_FUNC_map_peek_elem:
    return &p::bpf_map_peek_elem_proto;
  case BPF_FUNC_map_lookup_percpu_elem:
    return &p::bpf_map_lookup_percpu_elem_proto;
  case BPF_FUNC_get_prandom_u32:
    return &p::bpf_get_prandom_u32_proto;
  case BPF_FUNC_get_smp_processor_id:
    return &p::bpf_get_raw_smp_processor_id_proto;
  case BPF_FUNC_get_numa_node_id:
    return &p::bpf_get_numa_node_id_proto;
  case BPF_FUNC_tail_call:
    return &p::bpf_tail_call_proto;
  case BPF_FUNC_ktime_get_ns:
    return &p::bpf_ktime_get_ns_proto;
  case BPF_FUNC_ktime_get_boot_ns:
    return &p::bpf_ktime_get_boot_ns_proto;
  case BPF_FUNC_ktime_get_tai_ns:
    return &p::bpf_ktime_get_tai_ns_proto;
  case BPF_FUNC_ringbuf_output:
    return &p::bpf_ringbuf_output_proto;
  case BPF_FUNC_ringbuf_reserve:
    return &p::bpf_ringbuf_reserve_proto;
  case BPF_FUNC_ringbuf_submit:
    return &p::bpf_ringbuf_submit_proto;
  case BPF_FUNC_ringbuf_discard:
    return &p::bpf_ringbuf_discard_proto;
  case BPF_FUNC_ringbuf_query:
    return &p::bpf_ringbuf_query_proto;
  case BPF_FUNC_strncmp:
    return &p::bpf_strncmp_proto;
  case BPF_FUNC_strtol:
    return &p::bpf_strtol_proto;
  case BPF_FUNC_strtoul:
    return &p::bpf_strtoul_proto;
  case BPF_FUNC_get_current_pid_tgid:
    return &p::bpf_get_current_pid_tgid_proto;
  case BPF_FUNC_get_ns_current_pid_tgid:
    return &p::bpf_get_ns_current_pid_tgid_proto;
  default:
    break;
  }
  // bpf_token_capable(CAP_BPF): granted.
  switch (id) {
  case BPF_FUNC_spin_lock:
    return &p::bpf_spin_lock_proto;
  case BPF_FUNC_spin_unlock:
    return &p::bpf_spin_unlock_proto;
  case BPF_FUNC_jiffies64:
    return &p::bpf_jiffies64_proto;
  case BPF_FUNC_per_cpu_ptr:
    return &p::bpf_per_cpu_ptr_proto;
  case BPF_FUNC_this_cpu_ptr:
    return &p::bpf_this_cpu_ptr_proto;
  case BPF_FUNC_timer_init:
    return &p::bpf_timer_init_proto;
  case BPF_FUNC_timer_set_callback:
    return &p::bpf_timer_set_callback_proto;
  case BPF_FUNC_timer_start:
    return &p::bpf_timer_start_proto;
  case BPF_FUNC_timer_cancel:
    return &p::bpf_timer_cancel_proto;
  case BPF_FUNC_kptr_xchg:
    return &p::bpf_kptr_xchg_proto;
  case BPF_FUNC_for_each_map_elem:
    return &p::bpf_for_each_map_elem_proto;
  case BPF_FUNC_loop:
    return &p::bpf_loop_proto;
  case BPF_FUNC_user_ringbuf_drain:
    return &p::bpf_user_ringbuf_drain_proto;
  case BPF_FUNC_ringbuf_reserve_dynptr:
    return &p::bpf_ringbuf_reserve_dynptr_proto;
  case BPF_FUNC_ringbuf_submit_dynptr:
    return &p::bpf_ringbuf_submit_dynptr_proto;
  case BPF_FUNC_ringbuf_discard_dynptr:
    return &p::bpf_ringbuf_discard_dynptr_proto;
  case BPF_FUNC_dynptr_from_mem:
    return &p::bpf_dynptr_from_mem_proto;
  case BPF_FUNC_dynptr_read:
    return &p::bpf_dynptr_read_proto;
  case BPF_FUNC_dynptr_write:
    return &p::bpf_dynptr_write_proto;
  case BPF_FUNC_dynptr_data:
    return &p::bpf_dynptr_data_proto;
  // CONFIG_CGROUPS
  case BPF_FUNC_cgrp_storage_get:
    return &p::bpf_cgrp_storage_get_proto;
  case BPF_FUNC_cgrp_storage_delete:
    return &p::bpf_cgrp_storage_delete_proto;
  case BPF_FUNC_get_current_cgroup_id:
    return &p::bpf_get_current_cgroup_id_proto;
  case BPF_FUNC_get_current_ancestor_cgroup_id:
    return &p::bpf_get_current_ancestor_cgroup_id_proto;
  // Since 6.16 ("bpf: Allow some trace helpers for all prog types") these current-task helpers
  // are base helpers too (before, only cgroup and tracing types had them).
  case BPF_FUNC_current_task_under_cgroup:
    return &p::bpf_current_task_under_cgroup_proto;
  case BPF_FUNC_get_current_uid_gid:
    return &p::bpf_get_current_uid_gid_proto;
  case BPF_FUNC_get_current_comm:
    return &p::bpf_get_current_comm_proto;
  case BPF_FUNC_get_cgroup_classid: // CONFIG_CGROUP_NET_CLASSID
    return &p::bpf_get_cgroup_classid_curr_proto;
  default:
    break;
  }
  // bpf_token_capable(CAP_PERFMON): granted.
  switch (id) {
  case BPF_FUNC_trace_printk:
    return &p::bpf_trace_printk_proto;
  case BPF_FUNC_get_current_task:
    return &p::bpf_get_current_task_proto;
  case BPF_FUNC_get_current_task_btf:
    return &p::bpf_get_current_task_btf_proto;
  case BPF_FUNC_probe_read_user:
    return &p::bpf_probe_read_user_proto;
  case BPF_FUNC_probe_read_kernel:
    return c.readKernelLockedDown() ? nullptr : &p::bpf_probe_read_kernel_proto;
  case BPF_FUNC_probe_read_user_str:
    return &p::bpf_probe_read_user_str_proto;
  case BPF_FUNC_probe_read_kernel_str:
    return c.readKernelLockedDown() ? nullptr : &p::bpf_probe_read_kernel_str_proto;
  case BPF_FUNC_snprintf_btf:
    return &p::bpf_snprintf_btf_proto;
  case BPF_FUNC_snprintf:
    return &p::bpf_snprintf_proto;
  case BPF_FUNC_task_pt_regs:
    return &p::bpf_task_pt_regs_proto;
  case BPF_FUNC_trace_vprintk:
    return &p::bpf_trace_vprintk_proto;
  // Since 6.16: tracing helpers every program type may call.
  case BPF_FUNC_perf_event_read_value:
    return &p::bpf_perf_event_read_value_proto;
  case BPF_FUNC_perf_event_read:
    return &p::bpf_perf_event_read_proto;
  case BPF_FUNC_send_signal:
    return &p::bpf_send_signal_proto;
  case BPF_FUNC_send_signal_thread:
    return &p::bpf_send_signal_thread_proto;
  case BPF_FUNC_get_task_stack:
    return c.prog.sleepable ? &p::bpf_get_task_stack_sleepable_proto : &p::bpf_get_task_stack_proto;
  case BPF_FUNC_copy_from_user:
    return &p::bpf_copy_from_user_proto;
  case BPF_FUNC_copy_from_user_task:
    return &p::bpf_copy_from_user_task_proto;
  case BPF_FUNC_task_storage_get:
    return checkRecur(c.prog) ? &p::bpf_task_storage_get_recur_proto
                              : &p::bpf_task_storage_get_proto;
  case BPF_FUNC_task_storage_delete:
    return checkRecur(c.prog) ? &p::bpf_task_storage_delete_recur_proto
                              : &p::bpf_task_storage_delete_proto;
  case BPF_FUNC_get_branch_snapshot:
    return &p::bpf_get_branch_snapshot_proto;
  case BPF_FUNC_find_vma:
    return &p::bpf_find_vma_proto;
  default:
    return nullptr;
  }
}

// bpf_sk_base_func_proto (net/core/filter.c): the skc_to_* casts need CAP_PERFMON (granted).
Proto skBaseProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_skc_to_tcp6_sock:
    return &p::bpf_skc_to_tcp6_sock_proto;
  case BPF_FUNC_skc_to_tcp_sock:
    return &p::bpf_skc_to_tcp_sock_proto;
  case BPF_FUNC_skc_to_tcp_timewait_sock:
    return &p::bpf_skc_to_tcp_timewait_sock_proto;
  case BPF_FUNC_skc_to_tcp_request_sock:
    return &p::bpf_skc_to_tcp_request_sock_proto;
  case BPF_FUNC_skc_to_udp6_sock:
    return &p::bpf_skc_to_udp6_sock_proto;
  case BPF_FUNC_skc_to_unix_sock:
    return &p::bpf_skc_to_unix_sock_proto;
  case BPF_FUNC_skc_to_mptcp_sock:
    return &p::bpf_skc_to_mptcp_sock_proto;
  case BPF_FUNC_ktime_get_coarse_ns:
    return &p::bpf_ktime_get_coarse_ns_proto;
  default:
    return baseProto(id, c);
  }
}

// cgroup_common_func_proto (kernel/bpf/cgroup.c): get/set_retval only where the hook has a
// return value to read or override.
Proto cgroupCommonProto(uint32_t id, const Ctx &c) {
  auto retvalHook = [&] {
    switch (c.attach()) {
    case attach_type::CGROUP_INET_INGRESS:
    case attach_type::CGROUP_INET_EGRESS:
    case attach_type::CGROUP_SOCK_OPS:
    case attach_type::CGROUP_UDP4_RECVMSG:
    case attach_type::CGROUP_UDP6_RECVMSG:
    case attach_type::CGROUP_UNIX_RECVMSG:
    case attach_type::CGROUP_INET4_GETPEERNAME:
    case attach_type::CGROUP_INET6_GETPEERNAME:
    case attach_type::CGROUP_UNIX_GETPEERNAME:
    case attach_type::CGROUP_INET4_GETSOCKNAME:
    case attach_type::CGROUP_INET6_GETSOCKNAME:
    case attach_type::CGROUP_UNIX_GETSOCKNAME:
      return false;
    default:
      return true;
    }
  };
  switch (id) {
  case BPF_FUNC_get_local_storage:
    return &p::bpf_get_local_storage_proto;
  case BPF_FUNC_get_retval:
    return retvalHook() ? &p::bpf_get_retval_proto : nullptr;
  case BPF_FUNC_set_retval:
    return retvalHook() ? &p::bpf_set_retval_proto : nullptr;
  default:
    return nullptr;
  }
}

// cgroup_current_func_proto (kernel/bpf/cgroup.c).
Proto cgroupCurrentProto(uint32_t id) {
  switch (id) {
  case BPF_FUNC_get_current_uid_gid:
    return &p::bpf_get_current_uid_gid_proto;
  case BPF_FUNC_get_current_comm:
    return &p::bpf_get_current_comm_proto;
  case BPF_FUNC_get_cgroup_classid: // CONFIG_CGROUP_NET_CLASSID
    return &p::bpf_get_cgroup_classid_curr_proto;
  case BPF_FUNC_current_task_under_cgroup:
    return &p::bpf_current_task_under_cgroup_proto;
  default:
    return nullptr;
  }
}

Proto cgroupCommonThenCurrent(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonProto(id, c))
    return proto;
  return cgroupCurrentProto(id);
}

// sk_filter_func_proto (net/core/filter.c).
Proto skFilterProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_skb_load_bytes:
    return &p::bpf_skb_load_bytes_proto;
  case BPF_FUNC_skb_load_bytes_relative:
    return &p::bpf_skb_load_bytes_relative_proto;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_cookie_proto;
  case BPF_FUNC_get_socket_uid:
    return &p::bpf_get_socket_uid_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_skb_event_output_proto;
  case BPF_FUNC_get_netns_cookie: // since 6.15
    return &p::bpf_get_netns_cookie_proto;
  default:
    return skBaseProto(id, c);
  }
}

// cg_skb_func_proto (net/core/filter.c).
Proto cgSkbProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonProto(id, c))
    return proto;
  switch (id) {
  case BPF_FUNC_sk_fullsock:
    return &p::bpf_sk_fullsock_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_skb_event_output_proto;
  // CONFIG_SOCK_CGROUP_DATA
  case BPF_FUNC_skb_cgroup_id:
    return &p::bpf_skb_cgroup_id_proto;
  case BPF_FUNC_skb_ancestor_cgroup_id:
    return &p::bpf_skb_ancestor_cgroup_id_proto;
  case BPF_FUNC_sk_cgroup_id:
    return &p::bpf_sk_cgroup_id_proto;
  case BPF_FUNC_sk_ancestor_cgroup_id:
    return &p::bpf_sk_ancestor_cgroup_id_proto;
  // CONFIG_INET
  case BPF_FUNC_sk_lookup_tcp:
    return &p::bpf_sk_lookup_tcp_proto;
  case BPF_FUNC_sk_lookup_udp:
    return &p::bpf_sk_lookup_udp_proto;
  case BPF_FUNC_sk_release:
    return &p::bpf_sk_release_proto;
  case BPF_FUNC_skc_lookup_tcp:
    return &p::bpf_skc_lookup_tcp_proto;
  case BPF_FUNC_tcp_sock:
    return &p::bpf_tcp_sock_proto;
  case BPF_FUNC_get_listener_sock:
    return &p::bpf_get_listener_sock_proto;
  case BPF_FUNC_skb_ecn_set_ce:
    return &p::bpf_skb_ecn_set_ce_proto;
  default:
    return skFilterProto(id, c);
  }
}

// The raw SYN-cookie helpers of tc and XDP (CONFIG_INET, CONFIG_SYN_COOKIES).
Proto rawSyncookieProto(uint32_t id) {
  switch (id) {
  case BPF_FUNC_tcp_raw_gen_syncookie_ipv4:
    return &p::bpf_tcp_raw_gen_syncookie_ipv4_proto;
  case BPF_FUNC_tcp_raw_gen_syncookie_ipv6:
    return &p::bpf_tcp_raw_gen_syncookie_ipv6_proto;
  case BPF_FUNC_tcp_raw_check_syncookie_ipv4:
    return &p::bpf_tcp_raw_check_syncookie_ipv4_proto;
  case BPF_FUNC_tcp_raw_check_syncookie_ipv6:
    return &p::bpf_tcp_raw_check_syncookie_ipv6_proto;
  default:
    return nullptr;
  }
}

// tc_cls_act_func_proto (net/core/filter.c): sched_cls and sched_act.
Proto tcClsActProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_skb_store_bytes:
    return &p::bpf_skb_store_bytes_proto;
  case BPF_FUNC_skb_load_bytes:
    return &p::bpf_skb_load_bytes_proto;
  case BPF_FUNC_skb_load_bytes_relative:
    return &p::bpf_skb_load_bytes_relative_proto;
  case BPF_FUNC_skb_pull_data:
    return &p::bpf_skb_pull_data_proto;
  case BPF_FUNC_csum_diff:
    return &p::bpf_csum_diff_proto;
  case BPF_FUNC_csum_update:
    return &p::bpf_csum_update_proto;
  case BPF_FUNC_csum_level:
    return &p::bpf_csum_level_proto;
  case BPF_FUNC_l3_csum_replace:
    return &p::bpf_l3_csum_replace_proto;
  case BPF_FUNC_l4_csum_replace:
    return &p::bpf_l4_csum_replace_proto;
  case BPF_FUNC_clone_redirect:
    return &p::bpf_clone_redirect_proto;
  case BPF_FUNC_get_cgroup_classid:
    return &p::bpf_get_cgroup_classid_proto;
  case BPF_FUNC_skb_vlan_push:
    return &p::bpf_skb_vlan_push_proto;
  case BPF_FUNC_skb_vlan_pop:
    return &p::bpf_skb_vlan_pop_proto;
  case BPF_FUNC_skb_change_proto:
    return &p::bpf_skb_change_proto_proto;
  case BPF_FUNC_skb_change_type:
    return &p::bpf_skb_change_type_proto;
  case BPF_FUNC_skb_adjust_room:
    return &p::bpf_skb_adjust_room_proto;
  case BPF_FUNC_skb_change_tail:
    return &p::bpf_skb_change_tail_proto;
  case BPF_FUNC_skb_change_head:
    return &p::bpf_skb_change_head_proto;
  case BPF_FUNC_skb_get_tunnel_key:
    return &p::bpf_skb_get_tunnel_key_proto;
  case BPF_FUNC_skb_set_tunnel_key: // bpf_get_skb_set_tunnel_proto
    return &p::bpf_skb_set_tunnel_key_proto;
  case BPF_FUNC_skb_get_tunnel_opt:
    return &p::bpf_skb_get_tunnel_opt_proto;
  case BPF_FUNC_skb_set_tunnel_opt:
    return &p::bpf_skb_set_tunnel_opt_proto;
  case BPF_FUNC_redirect:
    return &p::bpf_redirect_proto;
  case BPF_FUNC_redirect_neigh:
    return &p::bpf_redirect_neigh_proto;
  case BPF_FUNC_redirect_peer:
    return &p::bpf_redirect_peer_proto;
  case BPF_FUNC_get_route_realm:
    return &p::bpf_get_route_realm_proto;
  case BPF_FUNC_get_hash_recalc:
    return &p::bpf_get_hash_recalc_proto;
  case BPF_FUNC_set_hash_invalid:
    return &p::bpf_set_hash_invalid_proto;
  case BPF_FUNC_set_hash:
    return &p::bpf_set_hash_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_skb_event_output_proto;
  case BPF_FUNC_get_smp_processor_id:
    return &p::bpf_get_smp_processor_id_proto;
  case BPF_FUNC_skb_under_cgroup:
    return &p::bpf_skb_under_cgroup_proto;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_cookie_proto;
  case BPF_FUNC_get_socket_uid:
    return &p::bpf_get_socket_uid_proto;
  case BPF_FUNC_get_netns_cookie: // since 6.15
    return &p::bpf_get_netns_cookie_proto;
  case BPF_FUNC_fib_lookup:
    return &p::bpf_skb_fib_lookup_proto;
  case BPF_FUNC_check_mtu:
    return &p::bpf_skb_check_mtu_proto;
  case BPF_FUNC_sk_fullsock:
    return &p::bpf_sk_fullsock_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_skb_get_xfrm_state: // CONFIG_XFRM
    return &p::bpf_skb_get_xfrm_state_proto;
  case BPF_FUNC_skb_cgroup_classid: // CONFIG_CGROUP_NET_CLASSID
    return &p::bpf_skb_cgroup_classid_proto;
  case BPF_FUNC_skb_cgroup_id: // CONFIG_SOCK_CGROUP_DATA
    return &p::bpf_skb_cgroup_id_proto;
  case BPF_FUNC_skb_ancestor_cgroup_id:
    return &p::bpf_skb_ancestor_cgroup_id_proto;
  // CONFIG_INET
  case BPF_FUNC_sk_lookup_tcp:
    return &p::bpf_tc_sk_lookup_tcp_proto;
  case BPF_FUNC_sk_lookup_udp:
    return &p::bpf_tc_sk_lookup_udp_proto;
  case BPF_FUNC_sk_release:
    return &p::bpf_sk_release_proto;
  case BPF_FUNC_tcp_sock:
    return &p::bpf_tcp_sock_proto;
  case BPF_FUNC_get_listener_sock:
    return &p::bpf_get_listener_sock_proto;
  case BPF_FUNC_skc_lookup_tcp:
    return &p::bpf_tc_skc_lookup_tcp_proto;
  case BPF_FUNC_tcp_check_syncookie:
    return &p::bpf_tcp_check_syncookie_proto;
  case BPF_FUNC_skb_ecn_set_ce:
    return &p::bpf_skb_ecn_set_ce_proto;
  case BPF_FUNC_tcp_gen_syncookie:
    return &p::bpf_tcp_gen_syncookie_proto;
  case BPF_FUNC_sk_assign:
    return &p::bpf_sk_assign_proto;
  case BPF_FUNC_skb_set_tstamp:
    return &p::bpf_skb_set_tstamp_proto;
  default:
    if (Proto proto = rawSyncookieProto(id))
      return proto;
    return skBaseProto(id, c);
  }
}

// xdp_func_proto (net/core/filter.c).
Proto xdpProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_perf_event_output:
    return &p::bpf_xdp_event_output_proto;
  case BPF_FUNC_get_smp_processor_id:
    return &p::bpf_get_smp_processor_id_proto;
  case BPF_FUNC_csum_diff:
    return &p::bpf_csum_diff_proto;
  case BPF_FUNC_xdp_adjust_head:
    return &p::bpf_xdp_adjust_head_proto;
  case BPF_FUNC_xdp_adjust_meta:
    return &p::bpf_xdp_adjust_meta_proto;
  case BPF_FUNC_redirect:
    return &p::bpf_xdp_redirect_proto;
  case BPF_FUNC_redirect_map:
    return &p::bpf_xdp_redirect_map_proto;
  case BPF_FUNC_xdp_adjust_tail:
    return &p::bpf_xdp_adjust_tail_proto;
  case BPF_FUNC_xdp_get_buff_len:
    return &p::bpf_xdp_get_buff_len_proto;
  case BPF_FUNC_xdp_load_bytes:
    return &p::bpf_xdp_load_bytes_proto;
  case BPF_FUNC_xdp_store_bytes:
    return &p::bpf_xdp_store_bytes_proto;
  case BPF_FUNC_fib_lookup:
    return &p::bpf_xdp_fib_lookup_proto;
  case BPF_FUNC_check_mtu:
    return &p::bpf_xdp_check_mtu_proto;
  // CONFIG_INET
  case BPF_FUNC_sk_lookup_udp:
    return &p::bpf_xdp_sk_lookup_udp_proto;
  case BPF_FUNC_sk_lookup_tcp:
    return &p::bpf_xdp_sk_lookup_tcp_proto;
  case BPF_FUNC_sk_release:
    return &p::bpf_sk_release_proto;
  case BPF_FUNC_skc_lookup_tcp:
    return &p::bpf_xdp_skc_lookup_tcp_proto;
  case BPF_FUNC_tcp_check_syncookie:
    return &p::bpf_tcp_check_syncookie_proto;
  case BPF_FUNC_tcp_gen_syncookie:
    return &p::bpf_tcp_gen_syncookie_proto;
  default:
    if (Proto proto = rawSyncookieProto(id))
      return proto;
    return skBaseProto(id, c);
  }
}

// sock_filter_func_proto (net/core/filter.c): cgroup_sock programs.
Proto sockFilterProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonThenCurrent(id, c))
    return proto;
  switch (id) {
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_cookie_sock_proto;
  case BPF_FUNC_get_netns_cookie:
    return &p::bpf_get_netns_cookie_sock_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_cg_sock_proto;
  case BPF_FUNC_ktime_get_coarse_ns:
    return &p::bpf_ktime_get_coarse_ns_proto;
  default:
    return baseProto(id, c);
  }
}

// sock_addr_func_proto (net/core/filter.c): bind() only from connect hooks; the sockopt helpers
// from every sock_addr hook (the unix getpeername/getsockname ones too, as 6.18 answers).
Proto sockAddrProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonThenCurrent(id, c))
    return proto;
  auto sockoptHook = [&] {
    switch (c.attach()) {
    case attach_type::CGROUP_INET4_BIND:
    case attach_type::CGROUP_INET6_BIND:
    case attach_type::CGROUP_INET4_CONNECT:
    case attach_type::CGROUP_INET6_CONNECT:
    case attach_type::CGROUP_UNIX_CONNECT:
    case attach_type::CGROUP_UDP4_RECVMSG:
    case attach_type::CGROUP_UDP6_RECVMSG:
    case attach_type::CGROUP_UNIX_RECVMSG:
    case attach_type::CGROUP_UDP4_SENDMSG:
    case attach_type::CGROUP_UDP6_SENDMSG:
    case attach_type::CGROUP_UNIX_SENDMSG:
    case attach_type::CGROUP_INET4_GETPEERNAME:
    case attach_type::CGROUP_INET6_GETPEERNAME:
    case attach_type::CGROUP_INET4_GETSOCKNAME:
    case attach_type::CGROUP_INET6_GETSOCKNAME:
    case attach_type::CGROUP_UNIX_GETPEERNAME:
    case attach_type::CGROUP_UNIX_GETSOCKNAME:
      return true;
    default:
      return false;
    }
  };
  switch (id) {
  case BPF_FUNC_bind:
    return c.attach() == attach_type::CGROUP_INET4_CONNECT ||
                   c.attach() == attach_type::CGROUP_INET6_CONNECT
               ? &p::bpf_bind_proto
               : nullptr;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_cookie_sock_addr_proto;
  case BPF_FUNC_get_netns_cookie:
    return &p::bpf_get_netns_cookie_sock_addr_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  // CONFIG_INET
  case BPF_FUNC_sk_lookup_tcp:
    return &p::bpf_sock_addr_sk_lookup_tcp_proto;
  case BPF_FUNC_sk_lookup_udp:
    return &p::bpf_sock_addr_sk_lookup_udp_proto;
  case BPF_FUNC_sk_release:
    return &p::bpf_sk_release_proto;
  case BPF_FUNC_skc_lookup_tcp:
    return &p::bpf_sock_addr_skc_lookup_tcp_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_setsockopt:
    return sockoptHook() ? &p::bpf_sock_addr_setsockopt_proto : nullptr;
  case BPF_FUNC_getsockopt:
    return sockoptHook() ? &p::bpf_sock_addr_getsockopt_proto : nullptr;
  default:
    return skBaseProto(id, c);
  }
}

// sock_ops_func_proto (net/core/filter.c).
Proto sockOpsProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonProto(id, c))
    return proto;
  switch (id) {
  case BPF_FUNC_setsockopt:
    return &p::bpf_sock_ops_setsockopt_proto;
  case BPF_FUNC_getsockopt:
    return &p::bpf_sock_ops_getsockopt_proto;
  case BPF_FUNC_sock_ops_cb_flags_set:
    return &p::bpf_sock_ops_cb_flags_set_proto;
  case BPF_FUNC_sock_map_update:
    return &p::bpf_sock_map_update_proto;
  case BPF_FUNC_sock_hash_update:
    return &p::bpf_sock_hash_update_proto;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_cookie_sock_ops_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_get_netns_cookie:
    return &p::bpf_get_netns_cookie_sock_ops_proto;
  // CONFIG_INET
  case BPF_FUNC_load_hdr_opt:
    return &p::bpf_sock_ops_load_hdr_opt_proto;
  case BPF_FUNC_store_hdr_opt:
    return &p::bpf_sock_ops_store_hdr_opt_proto;
  case BPF_FUNC_reserve_hdr_opt:
    return &p::bpf_sock_ops_reserve_hdr_opt_proto;
  case BPF_FUNC_tcp_sock:
    return &p::bpf_tcp_sock_proto;
  default:
    return skBaseProto(id, c);
  }
}

// sk_msg_func_proto (net/core/filter.c).
Proto skMsgProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_msg_redirect_map:
    return &p::bpf_msg_redirect_map_proto;
  case BPF_FUNC_msg_redirect_hash:
    return &p::bpf_msg_redirect_hash_proto;
  case BPF_FUNC_msg_apply_bytes:
    return &p::bpf_msg_apply_bytes_proto;
  case BPF_FUNC_msg_cork_bytes:
    return &p::bpf_msg_cork_bytes_proto;
  case BPF_FUNC_msg_pull_data:
    return &p::bpf_msg_pull_data_proto;
  case BPF_FUNC_msg_push_data:
    return &p::bpf_msg_push_data_proto;
  case BPF_FUNC_msg_pop_data:
    return &p::bpf_msg_pop_data_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  case BPF_FUNC_get_current_uid_gid:
    return &p::bpf_get_current_uid_gid_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_get_netns_cookie:
    return &p::bpf_get_netns_cookie_sk_msg_proto;
  case BPF_FUNC_get_cgroup_classid: // CONFIG_CGROUP_NET_CLASSID
    return &p::bpf_get_cgroup_classid_curr_proto;
  default:
    return skBaseProto(id, c);
  }
}

// sk_skb_func_proto (net/core/filter.c).
Proto skSkbProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_skb_store_bytes:
    return &p::bpf_skb_store_bytes_proto;
  case BPF_FUNC_skb_load_bytes:
    return &p::bpf_skb_load_bytes_proto;
  case BPF_FUNC_skb_pull_data:
    return &p::sk_skb_pull_data_proto;
  case BPF_FUNC_skb_change_tail:
    return &p::sk_skb_change_tail_proto;
  case BPF_FUNC_skb_change_head:
    return &p::sk_skb_change_head_proto;
  case BPF_FUNC_skb_adjust_room:
    return &p::sk_skb_adjust_room_proto;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_cookie_proto;
  case BPF_FUNC_get_socket_uid:
    return &p::bpf_get_socket_uid_proto;
  case BPF_FUNC_sk_redirect_map:
    return &p::bpf_sk_redirect_map_proto;
  case BPF_FUNC_sk_redirect_hash:
    return &p::bpf_sk_redirect_hash_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_skb_event_output_proto;
  // CONFIG_INET
  case BPF_FUNC_sk_lookup_tcp:
    return &p::bpf_sk_lookup_tcp_proto;
  case BPF_FUNC_sk_lookup_udp:
    return &p::bpf_sk_lookup_udp_proto;
  case BPF_FUNC_sk_release:
    return &p::bpf_sk_release_proto;
  case BPF_FUNC_skc_lookup_tcp:
    return &p::bpf_skc_lookup_tcp_proto;
  default:
    return skBaseProto(id, c);
  }
}

// flow_dissector_func_proto (net/core/filter.c).
Proto flowDissectorProto(uint32_t id, const Ctx &c) {
  if (id == BPF_FUNC_skb_load_bytes)
    return &p::bpf_flow_dissector_load_bytes_proto;
  return skBaseProto(id, c);
}

// lwt_out_func_proto (net/core/filter.c), the base of the other lwt types.
Proto lwtOutProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_skb_load_bytes:
    return &p::bpf_skb_load_bytes_proto;
  case BPF_FUNC_skb_pull_data:
    return &p::bpf_skb_pull_data_proto;
  case BPF_FUNC_csum_diff:
    return &p::bpf_csum_diff_proto;
  case BPF_FUNC_get_cgroup_classid:
    return &p::bpf_get_cgroup_classid_proto;
  case BPF_FUNC_get_route_realm:
    return &p::bpf_get_route_realm_proto;
  case BPF_FUNC_get_hash_recalc:
    return &p::bpf_get_hash_recalc_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_skb_event_output_proto;
  case BPF_FUNC_get_smp_processor_id:
    return &p::bpf_get_smp_processor_id_proto;
  case BPF_FUNC_skb_under_cgroup:
    return &p::bpf_skb_under_cgroup_proto;
  default:
    return skBaseProto(id, c);
  }
}

// lwt_in_func_proto.
Proto lwtInProto(uint32_t id, const Ctx &c) {
  if (id == BPF_FUNC_lwt_push_encap)
    return &p::bpf_lwt_in_push_encap_proto;
  return lwtOutProto(id, c);
}

// lwt_xmit_func_proto.
Proto lwtXmitProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_skb_get_tunnel_key:
    return &p::bpf_skb_get_tunnel_key_proto;
  case BPF_FUNC_skb_set_tunnel_key:
    return &p::bpf_skb_set_tunnel_key_proto;
  case BPF_FUNC_skb_get_tunnel_opt:
    return &p::bpf_skb_get_tunnel_opt_proto;
  case BPF_FUNC_skb_set_tunnel_opt:
    return &p::bpf_skb_set_tunnel_opt_proto;
  case BPF_FUNC_redirect:
    return &p::bpf_redirect_proto;
  case BPF_FUNC_clone_redirect:
    return &p::bpf_clone_redirect_proto;
  case BPF_FUNC_skb_change_tail:
    return &p::bpf_skb_change_tail_proto;
  case BPF_FUNC_skb_change_head:
    return &p::bpf_skb_change_head_proto;
  case BPF_FUNC_skb_store_bytes:
    return &p::bpf_skb_store_bytes_proto;
  case BPF_FUNC_csum_update:
    return &p::bpf_csum_update_proto;
  case BPF_FUNC_csum_level:
    return &p::bpf_csum_level_proto;
  case BPF_FUNC_l3_csum_replace:
    return &p::bpf_l3_csum_replace_proto;
  case BPF_FUNC_l4_csum_replace:
    return &p::bpf_l4_csum_replace_proto;
  case BPF_FUNC_set_hash_invalid:
    return &p::bpf_set_hash_invalid_proto;
  case BPF_FUNC_lwt_push_encap:
    return &p::bpf_lwt_xmit_push_encap_proto;
  default:
    return lwtOutProto(id, c);
  }
}

// lwt_seg6local_func_proto (CONFIG_IPV6_SEG6_BPF). 6.12 refused skb_pull_data here; 6.18 does not.
Proto lwtSeg6localProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_lwt_seg6_store_bytes:
    return &p::bpf_lwt_seg6_store_bytes_proto;
  case BPF_FUNC_lwt_seg6_action:
    return &p::bpf_lwt_seg6_action_proto;
  case BPF_FUNC_lwt_seg6_adjust_srh:
    return &p::bpf_lwt_seg6_adjust_srh_proto;
  default:
    return lwtOutProto(id, c);
  }
}

// sk_reuseport_func_proto (net/core/filter.c).
Proto skReuseportProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_sk_select_reuseport:
    return &p::sk_select_reuseport_proto;
  case BPF_FUNC_skb_load_bytes:
    return &p::sk_reuseport_load_bytes_proto;
  case BPF_FUNC_skb_load_bytes_relative:
    return &p::sk_reuseport_load_bytes_relative_proto;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_ptr_cookie_proto;
  case BPF_FUNC_ktime_get_coarse_ns:
    return &p::bpf_ktime_get_coarse_ns_proto;
  default:
    return baseProto(id, c);
  }
}

// sk_lookup_func_proto (net/core/filter.c).
Proto skLookupProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  case BPF_FUNC_sk_assign:
    return &p::bpf_sk_lookup_assign_proto;
  case BPF_FUNC_sk_release:
    return &p::bpf_sk_release_proto;
  default:
    return skBaseProto(id, c);
  }
}

// cgroup_dev_func_proto (kernel/bpf/cgroup.c).
Proto cgroupDevProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonThenCurrent(id, c))
    return proto;
  if (id == BPF_FUNC_perf_event_output)
    return &p::bpf_event_output_data_proto;
  return baseProto(id, c);
}

// sysctl_func_proto (kernel/bpf/cgroup.c).
Proto sysctlProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonThenCurrent(id, c))
    return proto;
  switch (id) {
  case BPF_FUNC_sysctl_get_name:
    return &p::bpf_sysctl_get_name_proto;
  case BPF_FUNC_sysctl_get_current_value:
    return &p::bpf_sysctl_get_current_value_proto;
  case BPF_FUNC_sysctl_get_new_value:
    return &p::bpf_sysctl_get_new_value_proto;
  case BPF_FUNC_sysctl_set_new_value:
    return &p::bpf_sysctl_set_new_value_proto;
  case BPF_FUNC_ktime_get_coarse_ns:
    return &p::bpf_ktime_get_coarse_ns_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  default:
    return baseProto(id, c);
  }
}

// cg_sockopt_func_proto (kernel/bpf/cgroup.c): both sockopt helpers only from setsockopt hooks.
Proto cgSockoptProto(uint32_t id, const Ctx &c) {
  if (Proto proto = cgroupCommonThenCurrent(id, c))
    return proto;
  bool setHook = c.attach() == attach_type::CGROUP_SETSOCKOPT;
  switch (id) {
  case BPF_FUNC_get_netns_cookie:
    return &p::bpf_get_netns_cookie_sockopt_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_setsockopt:
    return setHook ? &p::bpf_sk_setsockopt_proto : nullptr;
  case BPF_FUNC_getsockopt:
    return setHook ? &p::bpf_sk_getsockopt_proto : nullptr;
  case BPF_FUNC_tcp_sock:
    return &p::bpf_tcp_sock_proto;
  case BPF_FUNC_perf_event_output:
    return &p::bpf_event_output_data_proto;
  default:
    return baseProto(id, c);
  }
}

// bpf_tracing_func_proto (kernel/trace/bpf_trace.c): shared by every tracing-like type.
Proto bpfTracingProto(uint32_t id, const Ctx &c) {
  const ProgramFacts &prog = c.prog;
  switch (id) {
  case BPF_FUNC_map_lookup_elem:
    return &p::bpf_map_lookup_elem_proto;
  case BPF_FUNC_map_update_elem:
    return &p::bpf_map_update_elem_proto;
  case BPF_FUNC_map_delete_elem:
    return &p::bpf_map_delete_elem_proto;
  case BPF_FUNC_map_push_elem:
    return &p::bpf_map_push_elem_proto;
  case BPF_FUNC_map_pop_elem:
    return &p::bpf_map_pop_elem_proto;
  case BPF_FUNC_map_peek_elem:
    return &p::bpf_map_peek_elem_proto;
  case BPF_FUNC_map_lookup_percpu_elem:
    return &p::bpf_map_lookup_percpu_elem_proto;
  case BPF_FUNC_ktime_get_ns:
    return &p::bpf_ktime_get_ns_proto;
  case BPF_FUNC_ktime_get_boot_ns:
    return &p::bpf_ktime_get_boot_ns_proto;
  case BPF_FUNC_tail_call:
    return &p::bpf_tail_call_proto;
  case BPF_FUNC_get_current_task:
    return &p::bpf_get_current_task_proto;
  case BPF_FUNC_get_current_task_btf:
    return &p::bpf_get_current_task_btf_proto;
  case BPF_FUNC_task_pt_regs:
    return &p::bpf_task_pt_regs_proto;
  case BPF_FUNC_get_current_uid_gid:
    return &p::bpf_get_current_uid_gid_proto;
  case BPF_FUNC_get_current_comm:
    return &p::bpf_get_current_comm_proto;
  case BPF_FUNC_trace_printk:
    return &p::bpf_trace_printk_proto;
  case BPF_FUNC_get_smp_processor_id:
    return &p::bpf_get_smp_processor_id_proto;
  case BPF_FUNC_get_numa_node_id:
    return &p::bpf_get_numa_node_id_proto;
  case BPF_FUNC_perf_event_read:
    return &p::bpf_perf_event_read_proto;
  case BPF_FUNC_get_prandom_u32:
    return &p::bpf_get_prandom_u32_proto;
  case BPF_FUNC_probe_write_user: // bpf_get_probe_write_proto: CAP_SYS_ADMIN granted
    return c.writeUserLockedDown() ? nullptr : &p::bpf_probe_write_user_proto;
  case BPF_FUNC_probe_read_user:
    return &p::bpf_probe_read_user_proto;
  case BPF_FUNC_probe_read_kernel:
    return c.readKernelLockedDown() ? nullptr : &p::bpf_probe_read_kernel_proto;
  case BPF_FUNC_probe_read_user_str:
    return &p::bpf_probe_read_user_str_proto;
  case BPF_FUNC_probe_read_kernel_str:
    return c.readKernelLockedDown() ? nullptr : &p::bpf_probe_read_kernel_str_proto;
  // CONFIG_ARCH_HAS_NON_OVERLAPPING_ADDRESS_SPACE (x86_64)
  case BPF_FUNC_probe_read:
    return c.readKernelLockedDown() ? nullptr : &p::bpf_probe_read_compat_proto;
  case BPF_FUNC_probe_read_str:
    return c.readKernelLockedDown() ? nullptr : &p::bpf_probe_read_compat_str_proto;
  // CONFIG_CGROUPS
  case BPF_FUNC_cgrp_storage_get:
    return &p::bpf_cgrp_storage_get_proto;
  case BPF_FUNC_cgrp_storage_delete:
    return &p::bpf_cgrp_storage_delete_proto;
  case BPF_FUNC_current_task_under_cgroup:
    return &p::bpf_current_task_under_cgroup_proto;
  case BPF_FUNC_send_signal:
    return &p::bpf_send_signal_proto;
  case BPF_FUNC_send_signal_thread:
    return &p::bpf_send_signal_thread_proto;
  case BPF_FUNC_perf_event_read_value:
    return &p::bpf_perf_event_read_value_proto;
  case BPF_FUNC_ringbuf_output:
    return &p::bpf_ringbuf_output_proto;
  case BPF_FUNC_ringbuf_reserve:
    return &p::bpf_ringbuf_reserve_proto;
  case BPF_FUNC_ringbuf_submit:
    return &p::bpf_ringbuf_submit_proto;
  case BPF_FUNC_ringbuf_discard:
    return &p::bpf_ringbuf_discard_proto;
  case BPF_FUNC_ringbuf_query:
    return &p::bpf_ringbuf_query_proto;
  case BPF_FUNC_jiffies64:
    return &p::bpf_jiffies64_proto;
  case BPF_FUNC_get_task_stack:
    return prog.sleepable ? &p::bpf_get_task_stack_sleepable_proto : &p::bpf_get_task_stack_proto;
  case BPF_FUNC_copy_from_user:
    return &p::bpf_copy_from_user_proto;
  case BPF_FUNC_copy_from_user_task:
    return &p::bpf_copy_from_user_task_proto;
  case BPF_FUNC_snprintf_btf:
    return &p::bpf_snprintf_btf_proto;
  case BPF_FUNC_per_cpu_ptr:
    return &p::bpf_per_cpu_ptr_proto;
  case BPF_FUNC_this_cpu_ptr:
    return &p::bpf_this_cpu_ptr_proto;
  case BPF_FUNC_task_storage_get:
    return checkRecur(prog) ? &p::bpf_task_storage_get_recur_proto : &p::bpf_task_storage_get_proto;
  case BPF_FUNC_task_storage_delete:
    return checkRecur(prog) ? &p::bpf_task_storage_delete_recur_proto
                            : &p::bpf_task_storage_delete_proto;
  case BPF_FUNC_for_each_map_elem:
    return &p::bpf_for_each_map_elem_proto;
  case BPF_FUNC_snprintf:
    return &p::bpf_snprintf_proto;
  case BPF_FUNC_get_func_ip:
    return &p::bpf_get_func_ip_proto_tracing;
  case BPF_FUNC_get_branch_snapshot:
    return &p::bpf_get_branch_snapshot_proto;
  case BPF_FUNC_find_vma:
    return &p::bpf_find_vma_proto;
  case BPF_FUNC_trace_vprintk:
    return &p::bpf_trace_vprintk_proto;
  default:
    return baseProto(id, c);
  }
}

// is_kprobe_multi (kernel/trace/bpf_trace.c).
bool isKprobeMulti(const ProgramFacts &prog) {
  return prog.expectedAttachType == attach_type::TRACE_KPROBE_MULTI ||
         prog.expectedAttachType == attach_type::TRACE_KPROBE_SESSION;
}

bool isUprobeMulti(const ProgramFacts &prog) {
  return prog.expectedAttachType == attach_type::TRACE_UPROBE_MULTI ||
         prog.expectedAttachType == attach_type::TRACE_UPROBE_SESSION;
}

// kprobe_prog_func_proto (kernel/trace/bpf_trace.c).
Proto kprobeProto(uint32_t id, const Ctx &c) {
  const ProgramFacts &prog = c.prog;
  switch (id) {
  case BPF_FUNC_perf_event_output:
    return &p::bpf_perf_event_output_proto;
  case BPF_FUNC_get_stackid:
    return &p::bpf_get_stackid_proto;
  case BPF_FUNC_get_stack:
    return prog.sleepable ? &p::bpf_get_stack_sleepable_proto : &p::bpf_get_stack_proto;
  case BPF_FUNC_override_return: // CONFIG_BPF_KPROBE_OVERRIDE
    return c.config.kprobeOverride ? &p::bpf_override_return_proto : nullptr;
  case BPF_FUNC_get_func_ip:
    if (isKprobeMulti(prog))
      return &p::bpf_get_func_ip_proto_kprobe_multi;
    if (isUprobeMulti(prog))
      return &p::bpf_get_func_ip_proto_uprobe_multi;
    return &p::bpf_get_func_ip_proto_kprobe;
  case BPF_FUNC_get_attach_cookie:
    if (isKprobeMulti(prog))
      return &p::bpf_get_attach_cookie_proto_kmulti;
    if (isUprobeMulti(prog))
      return &p::bpf_get_attach_cookie_proto_umulti;
    return &p::bpf_get_attach_cookie_proto_trace;
  default:
    return bpfTracingProto(id, c);
  }
}

// tp_prog_func_proto (kernel/trace/bpf_trace.c).
Proto tracepointProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_perf_event_output:
    return &p::bpf_perf_event_output_proto_tp;
  case BPF_FUNC_get_stackid:
    return &p::bpf_get_stackid_proto_tp;
  case BPF_FUNC_get_stack:
    return &p::bpf_get_stack_proto_tp;
  case BPF_FUNC_get_attach_cookie:
    return &p::bpf_get_attach_cookie_proto_trace;
  default:
    return bpfTracingProto(id, c);
  }
}

// pe_prog_func_proto (kernel/trace/bpf_trace.c).
Proto perfEventProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_perf_event_output:
    return &p::bpf_perf_event_output_proto_tp;
  case BPF_FUNC_get_stackid:
    return &p::bpf_get_stackid_proto_pe;
  case BPF_FUNC_get_stack:
    return &p::bpf_get_stack_proto_pe;
  case BPF_FUNC_perf_prog_read_value:
    return &p::bpf_perf_prog_read_value_proto;
  case BPF_FUNC_read_branch_records:
    return &p::bpf_read_branch_records_proto;
  case BPF_FUNC_get_attach_cookie:
    return &p::bpf_get_attach_cookie_proto_pe;
  default:
    return bpfTracingProto(id, c);
  }
}

// raw_tp_prog_func_proto (kernel/trace/bpf_trace.c): raw_tracepoint(_writable).
Proto rawTracepointProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_perf_event_output:
    return &p::bpf_perf_event_output_proto_raw_tp;
  case BPF_FUNC_get_stackid:
    return &p::bpf_get_stackid_proto_raw_tp;
  case BPF_FUNC_get_stack:
    return &p::bpf_get_stack_proto_raw_tp;
  case BPF_FUNC_get_attach_cookie:
    return &p::bpf_get_attach_cookie_proto_tracing;
  default:
    return bpfTracingProto(id, c);
  }
}

// bpf_iter_get_func_proto (kernel/bpf/bpf_iter.c): the iterator target's own protos; only the
// tcp iterator (net/ipv4/tcp_ipv4.c bpf_iter_tcp_get_func_proto) has any.
Proto iterTargetProto(uint32_t id, const Ctx &c) {
  if (c.prog.attachBtfName != "bpf_iter_tcp")
    return nullptr;
  if (id == BPF_FUNC_setsockopt)
    return &p::bpf_sk_setsockopt_proto;
  if (id == BPF_FUNC_getsockopt)
    return &p::bpf_sk_getsockopt_proto;
  return nullptr;
}

// tracing_prog_func_proto (kernel/trace/bpf_trace.c): tp_btf, fentry/fexit/fmod_ret, iter.
Proto tracingProto(uint32_t id, const Ctx &c) {
  const ProgramFacts &prog = c.prog;
  bool iter = prog.expectedAttachType == attach_type::TRACE_ITER;
  switch (id) {
  // CONFIG_NET
  case BPF_FUNC_skb_output:
    return &p::bpf_skb_output_proto;
  case BPF_FUNC_xdp_output:
    return &p::bpf_xdp_output_proto;
  case BPF_FUNC_skc_to_tcp6_sock:
    return &p::bpf_skc_to_tcp6_sock_proto;
  case BPF_FUNC_skc_to_tcp_sock:
    return &p::bpf_skc_to_tcp_sock_proto;
  case BPF_FUNC_skc_to_tcp_timewait_sock:
    return &p::bpf_skc_to_tcp_timewait_sock_proto;
  case BPF_FUNC_skc_to_tcp_request_sock:
    return &p::bpf_skc_to_tcp_request_sock_proto;
  case BPF_FUNC_skc_to_udp6_sock:
    return &p::bpf_skc_to_udp6_sock_proto;
  case BPF_FUNC_skc_to_unix_sock:
    return &p::bpf_skc_to_unix_sock_proto;
  case BPF_FUNC_skc_to_mptcp_sock:
    return &p::bpf_skc_to_mptcp_sock_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_tracing_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_tracing_proto;
  case BPF_FUNC_sock_from_file:
    return &p::bpf_sock_from_file_proto;
  case BPF_FUNC_get_socket_cookie:
    return &p::bpf_get_socket_ptr_cookie_proto;
  case BPF_FUNC_xdp_get_buff_len:
    return &p::bpf_xdp_get_buff_len_trace_proto;
  case BPF_FUNC_seq_printf:
    return iter ? &p::bpf_seq_printf_proto : nullptr;
  case BPF_FUNC_seq_write:
    return iter ? &p::bpf_seq_write_proto : nullptr;
  case BPF_FUNC_seq_printf_btf:
    return iter ? &p::bpf_seq_printf_btf_proto : nullptr;
  case BPF_FUNC_d_path:
    return &p::bpf_d_path_proto;
  case BPF_FUNC_get_func_arg:
    return hasTrampoline(prog) ? &p::bpf_get_func_arg_proto : nullptr;
  case BPF_FUNC_get_func_ret:
    return hasTrampoline(prog) ? &p::bpf_get_func_ret_proto : nullptr;
  case BPF_FUNC_get_func_arg_cnt:
    return hasTrampoline(prog) ? &p::bpf_get_func_arg_cnt_proto : nullptr;
  case BPF_FUNC_get_attach_cookie:
    if (prog.progType == prog_type::TRACING && prog.expectedAttachType == attach_type::TRACE_RAW_TP)
      return &p::bpf_get_attach_cookie_proto_tracing;
    return hasTrampoline(prog) ? &p::bpf_get_attach_cookie_proto_tracing : nullptr;
  default:
    if (Proto proto = rawTracepointProto(id, c))
      return proto;
    return iter ? iterTargetProto(id, c) : nullptr;
  }
}

// bpf_lsm_func_proto (kernel/bpf/bpf_lsm.c). The sockopt helpers depend on whether the hook is
// in bpf_lsm_locked_sockopt_hooks or bpf_lsm_unlocked_sockopt_hooks.
Proto lsmProto(uint32_t id, const Ctx &c) {
  const ProgramFacts &prog = c.prog;
  bool lsmCgroup = prog.expectedAttachType == attach_type::LSM_CGROUP;
  if (lsmCgroup)
    if (Proto proto = cgroupCommonProto(id, c))
      return proto;
  std::string_view hook = prog.attachBtfName;
  bool lockedHook = hook == "bpf_lsm_sock_graft" || hook == "bpf_lsm_inet_csk_clone" ||
                    hook == "bpf_lsm_inet_conn_established";
  bool unlockedHook = hook == "bpf_lsm_socket_post_create" || hook == "bpf_lsm_socket_socketpair";
  switch (id) {
  case BPF_FUNC_inode_storage_get:
    return &p::bpf_inode_storage_get_proto;
  case BPF_FUNC_inode_storage_delete:
    return &p::bpf_inode_storage_delete_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_spin_lock:
    return &p::bpf_spin_lock_proto;
  case BPF_FUNC_spin_unlock:
    return &p::bpf_spin_unlock_proto;
  case BPF_FUNC_bprm_opts_set:
    return &p::bpf_bprm_opts_set_proto;
  case BPF_FUNC_ima_inode_hash:
    return &p::bpf_ima_inode_hash_proto;
  case BPF_FUNC_ima_file_hash:
    return &p::bpf_ima_file_hash_proto;
  case BPF_FUNC_get_attach_cookie:
    return hasTrampoline(prog) ? &p::bpf_get_attach_cookie_proto : nullptr;
  case BPF_FUNC_setsockopt:
    if (!lsmCgroup)
      return nullptr;
    if (lockedHook)
      return &p::bpf_sk_setsockopt_proto;
    return unlockedHook ? &p::bpf_unlocked_sk_setsockopt_proto : nullptr;
  case BPF_FUNC_getsockopt:
    if (!lsmCgroup)
      return nullptr;
    if (lockedHook)
      return &p::bpf_sk_getsockopt_proto;
    return unlockedHook ? &p::bpf_unlocked_sk_getsockopt_proto : nullptr;
  default:
    return tracingProto(id, c);
  }
}

// syscall_prog_func_proto (kernel/bpf/syscall.c).
Proto syscallProto(uint32_t id, const Ctx &c) {
  switch (id) {
  case BPF_FUNC_sys_bpf: // CAP_PERFMON granted
    return &p::bpf_sys_bpf_proto;
  case BPF_FUNC_btf_find_by_name_kind:
    return &p::bpf_btf_find_by_name_kind_proto;
  case BPF_FUNC_sys_close:
    return &p::bpf_sys_close_proto;
  case BPF_FUNC_kallsyms_lookup_name:
    return &p::bpf_kallsyms_lookup_name_proto;
  default:
    return tracingProto(id, c);
  }
}

// lirc_mode2_func_proto (drivers/media/rc/bpf-lirc.c).
Proto lircMode2Proto(uint32_t id, const Ctx &c) {
  if (!c.config.lircMode2)
    return nullptr;
  switch (id) {
  case BPF_FUNC_rc_repeat:
    return &p::rc_repeat_proto;
  case BPF_FUNC_rc_keydown:
    return &p::rc_keydown_proto;
  case BPF_FUNC_rc_pointer_rel:
    return &p::rc_pointer_rel_proto;
  case BPF_FUNC_map_lookup_elem:
    return &p::bpf_map_lookup_elem_proto;
  case BPF_FUNC_map_update_elem:
    return &p::bpf_map_update_elem_proto;
  case BPF_FUNC_map_delete_elem:
    return &p::bpf_map_delete_elem_proto;
  case BPF_FUNC_map_push_elem:
    return &p::bpf_map_push_elem_proto;
  case BPF_FUNC_map_pop_elem:
    return &p::bpf_map_pop_elem_proto;
  case BPF_FUNC_map_peek_elem:
    return &p::bpf_map_peek_elem_proto;
  case BPF_FUNC_ktime_get_ns:
    return &p::bpf_ktime_get_ns_proto;
  case BPF_FUNC_ktime_get_boot_ns:
    return &p::bpf_ktime_get_boot_ns_proto;
  case BPF_FUNC_tail_call:
    return &p::bpf_tail_call_proto;
  case BPF_FUNC_get_prandom_u32:
    return &p::bpf_get_prandom_u32_proto;
  case BPF_FUNC_trace_printk: // CAP_PERFMON granted
    return &p::bpf_trace_printk_proto;
  default:
    return nullptr;
  }
}

// bpf_tcp_ca_get_func_proto (net/ipv4/bpf_tcp_ca.c); other struct_ops get bpf_base_func_proto
// (sched_ext and the rest have their own tables, not mirrored).
Proto structOpsProto(uint32_t id, const Ctx &c) {
  const ProgramFacts &prog = c.prog;
  if (prog.structOpsName != "tcp_congestion_ops")
    return baseProto(id, c);
  bool release = prog.structOpsMember == "release";
  switch (id) {
  case BPF_FUNC_tcp_send_ack:
    return &p::bpf_tcp_send_ack_proto;
  case BPF_FUNC_sk_storage_get:
    return &p::bpf_sk_storage_get_proto;
  case BPF_FUNC_sk_storage_delete:
    return &p::bpf_sk_storage_delete_proto;
  case BPF_FUNC_setsockopt:
    return release ? nullptr : &p::bpf_sk_setsockopt_proto;
  case BPF_FUNC_getsockopt:
    return release ? nullptr : &p::bpf_sk_getsockopt_proto;
  case BPF_FUNC_ktime_get_coarse_ns:
    return &p::bpf_ktime_get_coarse_ns_proto;
  default:
    return baseProto(id, c);
  }
}

} // namespace

const HelperProto *helperProtoFor(uint32_t funcId, const ProgramFacts &prog,
                                  const KernelConfig &config) {
  if (funcId >= BPF_FUNC_MAX_ID)
    return nullptr;
  Ctx c{prog, config};
  // The verifier ops of include/linux/bpf_types.h.
  switch (prog.progType) {
  case prog_type::SOCKET_FILTER:
    return skFilterProto(funcId, c);
  case prog_type::KPROBE:
    return kprobeProto(funcId, c);
  case prog_type::SCHED_CLS:
  case prog_type::SCHED_ACT:
    return tcClsActProto(funcId, c);
  case prog_type::TRACEPOINT:
    return tracepointProto(funcId, c);
  case prog_type::XDP:
    return xdpProto(funcId, c);
  case prog_type::PERF_EVENT:
    return perfEventProto(funcId, c);
  case prog_type::CGROUP_SKB:
    return cgSkbProto(funcId, c);
  case prog_type::CGROUP_SOCK:
    return sockFilterProto(funcId, c);
  case prog_type::LWT_IN:
    return lwtInProto(funcId, c);
  case prog_type::LWT_OUT:
    return lwtOutProto(funcId, c);
  case prog_type::LWT_XMIT:
    return lwtXmitProto(funcId, c);
  case prog_type::SOCK_OPS:
    return sockOpsProto(funcId, c);
  case prog_type::SK_SKB:
    return skSkbProto(funcId, c);
  case prog_type::CGROUP_DEVICE:
    return cgroupDevProto(funcId, c);
  case prog_type::SK_MSG:
    return skMsgProto(funcId, c);
  case prog_type::RAW_TRACEPOINT:
  case prog_type::RAW_TRACEPOINT_WRITABLE:
    return rawTracepointProto(funcId, c);
  case prog_type::CGROUP_SOCK_ADDR:
    return sockAddrProto(funcId, c);
  case prog_type::LWT_SEG6LOCAL:
    return lwtSeg6localProto(funcId, c);
  case prog_type::LIRC_MODE2:
    return lircMode2Proto(funcId, c);
  case prog_type::SK_REUSEPORT:
    return skReuseportProto(funcId, c);
  case prog_type::FLOW_DISSECTOR:
    return flowDissectorProto(funcId, c);
  case prog_type::CGROUP_SYSCTL:
    return sysctlProto(funcId, c);
  case prog_type::CGROUP_SOCKOPT:
    return cgSockoptProto(funcId, c);
  case prog_type::TRACING:
    return tracingProto(funcId, c);
  case prog_type::STRUCT_OPS:
    return structOpsProto(funcId, c);
  case prog_type::LSM:
    return lsmProto(funcId, c);
  case prog_type::SK_LOOKUP:
    return skLookupProto(funcId, c);
  case prog_type::SYSCALL:
    return syscallProto(funcId, c);
  case prog_type::NETFILTER: // bpf_nf_func_proto
    return baseProto(funcId, c);
  default:
    // BPF_PROG_TYPE_EXT uses the ops of the program it extends; unknown types have none.
    return nullptr;
  }
}

const HelperProto *helperProtoFor(uint32_t funcId, uint32_t progType, uint32_t expectedAttachType) {
  ProgramFacts prog;
  prog.progType = progType;
  prog.expectedAttachType = expectedAttachType;
  return helperProtoFor(funcId, prog);
}

bool helperAllowed(const HelperProto &proto, const ProgramFacts &prog) {
  switch (proto.allowed) {
  case AllowedRule::None:
    return true;
  case AllowedRule::DPath: {
    // bpf_d_path_allowed (kernel/trace/bpf_trace.c) and its btf_allowlist_d_path
    // (CONFIG_SECURITY, CONFIG_SECURITY_PATH).
    if (prog.progType == prog_type::TRACING && prog.expectedAttachType == attach_type::TRACE_ITER)
      return true;
    if (prog.progType == prog_type::LSM)
      return prog.lsmSleepableHook;
    static constexpr std::string_view allowlist[] = {"security_file_permission",
                                                     "security_inode_getattr",
                                                     "security_file_open",
                                                     "security_path_truncate",
                                                     "vfs_truncate",
                                                     "vfs_fallocate",
                                                     "dentry_open",
                                                     "vfs_getattr",
                                                     "filp_close"};
    for (std::string_view name : allowlist)
      if (prog.attachBtfName == name)
        return true;
    return false;
  }
  case AllowedRule::SkStorageTracing:
    // bpf_sk_storage_tracing_allowed (net/core/bpf_sk_storage.c): never from a function of
    // bpf_sk_storage itself.
    if (prog.attachedToBpfProgram)
      return false;
    switch (prog.expectedAttachType) {
    case attach_type::TRACE_ITER:
    case attach_type::TRACE_RAW_TP:
      return true;
    case attach_type::TRACE_FENTRY:
    case attach_type::TRACE_FEXIT:
      return prog.attachBtfName.substr(0, 14) != "bpf_sk_storage";
    default:
      return false;
    }
  case AllowedRule::ImaInodeHash:
    // bpf_ima_inode_hash_allowed (kernel/bpf/bpf_lsm.c).
    return prog.lsmSleepableHook;
  }
  return true;
}

const HelperProto *baseFuncProto(uint32_t funcId, const KernelConfig &config) {
  ProgramFacts prog;
  return baseProto(funcId, Ctx{prog, config});
}

} // namespace bpfverify::target
