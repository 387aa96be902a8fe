// get_func_proto of the networking program types (net/core/filter.c), for a privileged loader.

#include "verifier/target/func_proto_impl.h"

namespace bpfverify::target::funcproto {

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
static Proto rawSyncookieProto(uint32_t id) {
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

} // namespace bpfverify::target::funcproto
