// get_func_proto of the tracing-like program types: kprobe, tracepoint, perf_event, raw_tp,
// tracing (tp_btf, fentry/fexit, iter), LSM, syscall, lirc_mode2 and tcp_congestion_ops struct_ops.

#include "verifier/target/func_proto_impl.h"

namespace bpfverify::target::funcproto {

// bpf_tracing_func_proto (kernel/trace/bpf_trace.c): shared by every tracing-like type.
static Proto bpfTracingProto(uint32_t id, const Ctx &c) {
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
static bool isKprobeMulti(const ProgramFacts &prog) {
  return prog.expectedAttachType == attach_type::TRACE_KPROBE_MULTI ||
         prog.expectedAttachType == attach_type::TRACE_KPROBE_SESSION;
}

static bool isUprobeMulti(const ProgramFacts &prog) {
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
static Proto iterTargetProto(uint32_t id, const Ctx &c) {
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

} // namespace bpfverify::target::funcproto
