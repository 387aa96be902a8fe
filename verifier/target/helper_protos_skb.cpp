// Helper prototypes of Linux 6.18, family: sk_buff helpers: packet data, checksums, tunnels,
// redirects, lwt (net/core/filter.c). Data mirrors struct bpf_func_proto initialisers
// (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_skb_store_bytes_proto{
    .name = "bpf_skb_store_bytes",
    .funcId = 9,
    .kernelSymbol = "bpf_skb_store_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE,
                 ARG_ANYTHING},
};

const HelperProto bpf_l3_csum_replace_proto{
    .name = "bpf_l3_csum_replace",
    .funcId = 10,
    .kernelSymbol = "bpf_l3_csum_replace_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_l4_csum_replace_proto{
    .name = "bpf_l4_csum_replace",
    .funcId = 11,
    .kernelSymbol = "bpf_l4_csum_replace_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_clone_redirect_proto{
    .name = "bpf_clone_redirect",
    .funcId = 13,
    .kernelSymbol = "bpf_clone_redirect_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_get_cgroup_classid_curr_proto{
    .name = "bpf_get_cgroup_classid",
    .funcId = 17,
    .kernelSymbol = "bpf_get_cgroup_classid_curr_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_cgroup_classid_proto{
    .name = "bpf_get_cgroup_classid",
    .funcId = 17,
    .kernelSymbol = "bpf_get_cgroup_classid_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_vlan_push_proto{
    .name = "bpf_skb_vlan_push",
    .funcId = 18,
    .kernelSymbol = "bpf_skb_vlan_push_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_skb_vlan_pop_proto{
    .name = "bpf_skb_vlan_pop",
    .funcId = 19,
    .kernelSymbol = "bpf_skb_vlan_pop_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_get_tunnel_key_proto{
    .name = "bpf_skb_get_tunnel_key",
    .funcId = 20,
    .kernelSymbol = "bpf_skb_get_tunnel_key_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_skb_set_tunnel_key_proto{
    .name = "bpf_skb_set_tunnel_key",
    .funcId = 21,
    .kernelSymbol = "bpf_skb_set_tunnel_key_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_redirect_proto{
    .name = "bpf_redirect",
    .funcId = 23,
    .kernelSymbol = "bpf_redirect_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_get_route_realm_proto{
    .name = "bpf_get_route_realm",
    .funcId = 24,
    .kernelSymbol = "bpf_get_route_realm_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_event_output_proto{
    .name = "bpf_perf_event_output",
    .funcId = 25,
    .kernelSymbol = "bpf_skb_event_output_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_flow_dissector_load_bytes_proto{
    .name = "bpf_skb_load_bytes",
    .funcId = 26,
    .kernelSymbol = "bpf_flow_dissector_load_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_skb_load_bytes_proto{
    .name = "bpf_skb_load_bytes",
    .funcId = 26,
    .kernelSymbol = "bpf_skb_load_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_csum_diff_proto{
    .name = "bpf_csum_diff",
    .funcId = 28,
    .kernelSymbol = "bpf_csum_diff_proto",
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO,
                 ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO,
                 ARG_ANYTHING},
};

const HelperProto bpf_skb_get_tunnel_opt_proto{
    .name = "bpf_skb_get_tunnel_opt",
    .funcId = 29,
    .kernelSymbol = "bpf_skb_get_tunnel_opt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_skb_set_tunnel_opt_proto{
    .name = "bpf_skb_set_tunnel_opt",
    .funcId = 30,
    .kernelSymbol = "bpf_skb_set_tunnel_opt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_skb_change_proto_proto{
    .name = "bpf_skb_change_proto",
    .funcId = 31,
    .kernelSymbol = "bpf_skb_change_proto_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_skb_change_type_proto{
    .name = "bpf_skb_change_type",
    .funcId = 32,
    .kernelSymbol = "bpf_skb_change_type_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_skb_under_cgroup_proto{
    .name = "bpf_skb_under_cgroup",
    .funcId = 33,
    .kernelSymbol = "bpf_skb_under_cgroup_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_hash_recalc_proto{
    .name = "bpf_get_hash_recalc",
    .funcId = 34,
    .kernelSymbol = "bpf_get_hash_recalc_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_change_tail_proto{
    .name = "bpf_skb_change_tail",
    .funcId = 38,
    .kernelSymbol = "bpf_skb_change_tail_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_skb_pull_data_proto{
    .name = "bpf_skb_pull_data",
    .funcId = 39,
    .kernelSymbol = "bpf_skb_pull_data_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_csum_update_proto{
    .name = "bpf_csum_update",
    .funcId = 40,
    .kernelSymbol = "bpf_csum_update_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_set_hash_invalid_proto{
    .name = "bpf_set_hash_invalid",
    .funcId = 41,
    .kernelSymbol = "bpf_set_hash_invalid_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_change_head_proto{
    .name = "bpf_skb_change_head",
    .funcId = 43,
    .kernelSymbol = "bpf_skb_change_head_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_set_hash_proto{
    .name = "bpf_set_hash",
    .funcId = 48,
    .kernelSymbol = "bpf_set_hash_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_skb_adjust_room_proto{
    .name = "bpf_skb_adjust_room",
    .funcId = 50,
    .kernelSymbol = "bpf_skb_adjust_room_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_skb_get_xfrm_state_proto{
    .name = "bpf_skb_get_xfrm_state",
    .funcId = 66,
    .kernelSymbol = "bpf_skb_get_xfrm_state_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_skb_load_bytes_relative_proto{
    .name = "bpf_skb_load_bytes_relative",
    .funcId = 68,
    .kernelSymbol = "bpf_skb_load_bytes_relative_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_skb_fib_lookup_proto{
    .name = "bpf_fib_lookup",
    .funcId = 69,
    .kernelSymbol = "bpf_skb_fib_lookup_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_lwt_in_push_encap_proto{
    .name = "bpf_lwt_push_encap",
    .funcId = 73,
    .kernelSymbol = "bpf_lwt_in_push_encap_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_lwt_xmit_push_encap_proto{
    .name = "bpf_lwt_push_encap",
    .funcId = 73,
    .kernelSymbol = "bpf_lwt_xmit_push_encap_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_lwt_seg6_store_bytes_proto{
    .name = "bpf_lwt_seg6_store_bytes",
    .funcId = 74,
    .kernelSymbol = "bpf_lwt_seg6_store_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_lwt_seg6_adjust_srh_proto{
    .name = "bpf_lwt_seg6_adjust_srh",
    .funcId = 75,
    .kernelSymbol = "bpf_lwt_seg6_adjust_srh_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_lwt_seg6_action_proto{
    .name = "bpf_lwt_seg6_action",
    .funcId = 76,
    .kernelSymbol = "bpf_lwt_seg6_action_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_skb_cgroup_id_proto{
    .name = "bpf_skb_cgroup_id",
    .funcId = 79,
    .kernelSymbol = "bpf_skb_cgroup_id_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_ancestor_cgroup_id_proto{
    .name = "bpf_skb_ancestor_cgroup_id",
    .funcId = 83,
    .kernelSymbol = "bpf_skb_ancestor_cgroup_id_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_skb_ecn_set_ce_proto{
    .name = "bpf_skb_ecn_set_ce",
    .funcId = 97,
    .kernelSymbol = "bpf_skb_ecn_set_ce_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_skb_output_proto{
    .name = "bpf_skb_output",
    .funcId = 111,
    .kernelSymbol = "bpf_skb_output_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
    .argBtfType = {"sk_buff"},
};

const HelperProto bpf_csum_level_proto{
    .name = "bpf_csum_level",
    .funcId = 135,
    .kernelSymbol = "bpf_csum_level_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_skb_cgroup_classid_proto{
    .name = "bpf_skb_cgroup_classid",
    .funcId = 151,
    .kernelSymbol = "bpf_skb_cgroup_classid_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_redirect_neigh_proto{
    .name = "bpf_redirect_neigh",
    .funcId = 152,
    .kernelSymbol = "bpf_redirect_neigh_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO,
                 ARG_ANYTHING},
};

const HelperProto bpf_redirect_peer_proto{
    .name = "bpf_redirect_peer",
    .funcId = 155,
    .kernelSymbol = "bpf_redirect_peer_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_skb_check_mtu_proto{
    .name = "bpf_check_mtu",
    .funcId = 163,
    .kernelSymbol = "bpf_skb_check_mtu_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE | MEM_ALIGNED,
                 ARG_ANYTHING, ARG_ANYTHING},
    .argSize = {0, 0, 4},
};

const HelperProto bpf_skb_set_tstamp_proto{
    .name = "bpf_skb_set_tstamp",
    .funcId = 192,
    .kernelSymbol = "bpf_skb_set_tstamp_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

static const HelperProto *const kSkbProtos[] = {
    &bpf_skb_store_bytes_proto,
    &bpf_l3_csum_replace_proto,
    &bpf_l4_csum_replace_proto,
    &bpf_clone_redirect_proto,
    &bpf_get_cgroup_classid_curr_proto,
    &bpf_get_cgroup_classid_proto,
    &bpf_skb_vlan_push_proto,
    &bpf_skb_vlan_pop_proto,
    &bpf_skb_get_tunnel_key_proto,
    &bpf_skb_set_tunnel_key_proto,
    &bpf_redirect_proto,
    &bpf_get_route_realm_proto,
    &bpf_skb_event_output_proto,
    &bpf_flow_dissector_load_bytes_proto,
    &bpf_skb_load_bytes_proto,
    &bpf_csum_diff_proto,
    &bpf_skb_get_tunnel_opt_proto,
    &bpf_skb_set_tunnel_opt_proto,
    &bpf_skb_change_proto_proto,
    &bpf_skb_change_type_proto,
    &bpf_skb_under_cgroup_proto,
    &bpf_get_hash_recalc_proto,
    &bpf_skb_change_tail_proto,
    &bpf_skb_pull_data_proto,
    &bpf_csum_update_proto,
    &bpf_set_hash_invalid_proto,
    &bpf_skb_change_head_proto,
    &bpf_set_hash_proto,
    &bpf_skb_adjust_room_proto,
    &bpf_skb_get_xfrm_state_proto,
    &bpf_skb_load_bytes_relative_proto,
    &bpf_skb_fib_lookup_proto,
    &bpf_lwt_in_push_encap_proto,
    &bpf_lwt_xmit_push_encap_proto,
    &bpf_lwt_seg6_store_bytes_proto,
    &bpf_lwt_seg6_adjust_srh_proto,
    &bpf_lwt_seg6_action_proto,
    &bpf_skb_cgroup_id_proto,
    &bpf_skb_ancestor_cgroup_id_proto,
    &bpf_skb_ecn_set_ce_proto,
    &bpf_skb_output_proto,
    &bpf_csum_level_proto,
    &bpf_skb_cgroup_classid_proto,
    &bpf_redirect_neigh_proto,
    &bpf_redirect_peer_proto,
    &bpf_skb_check_mtu_proto,
    &bpf_skb_set_tstamp_proto,
};

std::span<const HelperProto *const> skbHelperProtos() {
  return kSkbProtos;
}

} // namespace bpfverify::target::protos
