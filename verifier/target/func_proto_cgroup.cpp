// get_func_proto of the cgroup program types (kernel/bpf/cgroup.c) and the cgroup helpers
// other program types share.

#include "verifier/target/func_proto_impl.h"

namespace bpfverify::target::funcproto {

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

} // namespace bpfverify::target::funcproto
