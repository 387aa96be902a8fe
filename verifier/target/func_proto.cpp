// Which prototype a helper call gets: the dispatch over program types (the verifier ops of
// include/linux/bpf_types.h), bpf_base_func_proto and bpf_sk_base_func_proto, and the protos'
// allowed() rules; for a privileged loader (every bpf_token_capable() and capable() passes).

#include "verifier/target/func_proto_impl.h"

namespace bpfverify::target::funcproto {

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

} // namespace bpfverify::target::funcproto

namespace bpfverify::target {

using namespace funcproto;

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
