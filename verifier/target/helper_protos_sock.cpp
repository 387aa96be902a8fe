// Helper prototypes of Linux 6.18, family: socket helpers: lookups, sockopts, sock_ops, sk_msg,
// sockmap, reuseport (net/core/filter.c, sock_map.c, net/ipv4/bpf_tcp_ca.c). Data mirrors struct
// bpf_func_proto initialisers (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto sk_reuseport_load_bytes_proto{
    .name = "bpf_skb_load_bytes",
    .funcId = 26,
    .kernelSymbol = "sk_reuseport_load_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto sk_skb_change_tail_proto{
    .name = "bpf_skb_change_tail",
    .funcId = 38,
    .kernelSymbol = "sk_skb_change_tail_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto sk_skb_pull_data_proto{
    .name = "bpf_skb_pull_data",
    .funcId = 39,
    .kernelSymbol = "sk_skb_pull_data_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto sk_skb_change_head_proto{
    .name = "bpf_skb_change_head",
    .funcId = 43,
    .kernelSymbol = "sk_skb_change_head_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_get_socket_cookie_proto{
    .name = "bpf_get_socket_cookie",
    .funcId = 46,
    .kernelSymbol = "bpf_get_socket_cookie_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_socket_cookie_sock_addr_proto{
    .name = "bpf_get_socket_cookie",
    .funcId = 46,
    .kernelSymbol = "bpf_get_socket_cookie_sock_addr_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_socket_cookie_sock_ops_proto{
    .name = "bpf_get_socket_cookie",
    .funcId = 46,
    .kernelSymbol = "bpf_get_socket_cookie_sock_ops_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_socket_cookie_sock_proto{
    .name = "bpf_get_socket_cookie",
    .funcId = 46,
    .kernelSymbol = "bpf_get_socket_cookie_sock_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_socket_ptr_cookie_proto{
    .name = "bpf_get_socket_cookie",
    .funcId = 46,
    .kernelSymbol = "bpf_get_socket_ptr_cookie_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON | PTR_MAYBE_NULL},
};

const HelperProto bpf_get_socket_uid_proto{
    .name = "bpf_get_socket_uid",
    .funcId = 47,
    .kernelSymbol = "bpf_get_socket_uid_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_sk_setsockopt_proto{
    .name = "bpf_setsockopt",
    .funcId = 49,
    .kernelSymbol = "bpf_sk_setsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_ANYTHING, ARG_ANYTHING,
                 ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_sock_addr_setsockopt_proto{
    .name = "bpf_setsockopt",
    .funcId = 49,
    .kernelSymbol = "bpf_sock_addr_setsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE},
};

const HelperProto bpf_sock_ops_setsockopt_proto{
    .name = "bpf_setsockopt",
    .funcId = 49,
    .kernelSymbol = "bpf_sock_ops_setsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE},
};

const HelperProto bpf_unlocked_sk_setsockopt_proto{
    .name = "bpf_setsockopt",
    .funcId = 49,
    .kernelSymbol = "bpf_unlocked_sk_setsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_ANYTHING, ARG_ANYTHING,
                 ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto sk_skb_adjust_room_proto{
    .name = "bpf_skb_adjust_room",
    .funcId = 50,
    .kernelSymbol = "sk_skb_adjust_room_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_sk_redirect_map_proto{
    .name = "bpf_sk_redirect_map",
    .funcId = 52,
    .kernelSymbol = "bpf_sk_redirect_map_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_sock_map_update_proto{
    .name = "bpf_sock_map_update",
    .funcId = 53,
    .kernelSymbol = "bpf_sock_map_update_proto",
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING},
};

const HelperProto bpf_sk_getsockopt_proto{
    .name = "bpf_getsockopt",
    .funcId = 57,
    .kernelSymbol = "bpf_sk_getsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM,
                 ARG_CONST_SIZE},
};

const HelperProto bpf_sock_addr_getsockopt_proto{
    .name = "bpf_getsockopt",
    .funcId = 57,
    .kernelSymbol = "bpf_sock_addr_getsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_sock_ops_getsockopt_proto{
    .name = "bpf_getsockopt",
    .funcId = 57,
    .kernelSymbol = "bpf_sock_ops_getsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_unlocked_sk_getsockopt_proto{
    .name = "bpf_getsockopt",
    .funcId = 57,
    .kernelSymbol = "bpf_unlocked_sk_getsockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM,
                 ARG_CONST_SIZE},
};

const HelperProto bpf_sock_ops_cb_flags_set_proto{
    .name = "bpf_sock_ops_cb_flags_set",
    .funcId = 59,
    .kernelSymbol = "bpf_sock_ops_cb_flags_set_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_msg_redirect_map_proto{
    .name = "bpf_msg_redirect_map",
    .funcId = 60,
    .kernelSymbol = "bpf_msg_redirect_map_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_msg_apply_bytes_proto{
    .name = "bpf_msg_apply_bytes",
    .funcId = 61,
    .kernelSymbol = "bpf_msg_apply_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_msg_cork_bytes_proto{
    .name = "bpf_msg_cork_bytes",
    .funcId = 62,
    .kernelSymbol = "bpf_msg_cork_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_msg_pull_data_proto{
    .name = "bpf_msg_pull_data",
    .funcId = 63,
    .kernelSymbol = "bpf_msg_pull_data_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_bind_proto{
    .name = "bpf_bind",
    .funcId = 64,
    .kernelSymbol = "bpf_bind_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto sk_reuseport_load_bytes_relative_proto{
    .name = "bpf_skb_load_bytes_relative",
    .funcId = 68,
    .kernelSymbol = "sk_reuseport_load_bytes_relative_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_sock_hash_update_proto{
    .name = "bpf_sock_hash_update",
    .funcId = 70,
    .kernelSymbol = "bpf_sock_hash_update_proto",
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING},
};

const HelperProto bpf_msg_redirect_hash_proto{
    .name = "bpf_msg_redirect_hash",
    .funcId = 71,
    .kernelSymbol = "bpf_msg_redirect_hash_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING},
};

const HelperProto bpf_sk_redirect_hash_proto{
    .name = "bpf_sk_redirect_hash",
    .funcId = 72,
    .kernelSymbol = "bpf_sk_redirect_hash_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING},
};

const HelperProto sk_select_reuseport_proto{
    .name = "bpf_sk_select_reuseport",
    .funcId = 82,
    .kernelSymbol = "sk_select_reuseport_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING},
};

const HelperProto bpf_sk_lookup_tcp_proto{
    .name = "bpf_sk_lookup_tcp",
    .funcId = 84,
    .kernelSymbol = "bpf_sk_lookup_tcp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_sock_addr_sk_lookup_tcp_proto{
    .name = "bpf_sk_lookup_tcp",
    .funcId = 84,
    .kernelSymbol = "bpf_sock_addr_sk_lookup_tcp_proto",
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_tc_sk_lookup_tcp_proto{
    .name = "bpf_sk_lookup_tcp",
    .funcId = 84,
    .kernelSymbol = "bpf_tc_sk_lookup_tcp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_sk_lookup_udp_proto{
    .name = "bpf_sk_lookup_udp",
    .funcId = 85,
    .kernelSymbol = "bpf_sk_lookup_udp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_sock_addr_sk_lookup_udp_proto{
    .name = "bpf_sk_lookup_udp",
    .funcId = 85,
    .kernelSymbol = "bpf_sock_addr_sk_lookup_udp_proto",
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_tc_sk_lookup_udp_proto{
    .name = "bpf_sk_lookup_udp",
    .funcId = 85,
    .kernelSymbol = "bpf_tc_sk_lookup_udp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_sk_release_proto{
    .name = "bpf_sk_release",
    .funcId = 86,
    .kernelSymbol = "bpf_sk_release_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON | OBJ_RELEASE},
};

const HelperProto bpf_msg_push_data_proto{
    .name = "bpf_msg_push_data",
    .funcId = 90,
    .kernelSymbol = "bpf_msg_push_data_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_msg_pop_data_proto{
    .name = "bpf_msg_pop_data",
    .funcId = 91,
    .kernelSymbol = "bpf_msg_pop_data_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_sk_fullsock_proto{
    .name = "bpf_sk_fullsock",
    .funcId = 95,
    .kernelSymbol = "bpf_sk_fullsock_proto",
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_SOCK_COMMON},
};

const HelperProto bpf_tcp_sock_proto{
    .name = "bpf_tcp_sock",
    .funcId = 96,
    .kernelSymbol = "bpf_tcp_sock_proto",
    .retType = RET_PTR_TO_TCP_SOCK_OR_NULL,
    .argTypes = {ARG_PTR_TO_SOCK_COMMON},
};

const HelperProto bpf_get_listener_sock_proto{
    .name = "bpf_get_listener_sock",
    .funcId = 98,
    .kernelSymbol = "bpf_get_listener_sock_proto",
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_SOCK_COMMON},
};

const HelperProto bpf_skc_lookup_tcp_proto{
    .name = "bpf_skc_lookup_tcp",
    .funcId = 99,
    .kernelSymbol = "bpf_skc_lookup_tcp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCK_COMMON_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_sock_addr_skc_lookup_tcp_proto{
    .name = "bpf_skc_lookup_tcp",
    .funcId = 99,
    .kernelSymbol = "bpf_sock_addr_skc_lookup_tcp_proto",
    .retType = RET_PTR_TO_SOCK_COMMON_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_tc_skc_lookup_tcp_proto{
    .name = "bpf_skc_lookup_tcp",
    .funcId = 99,
    .kernelSymbol = "bpf_tc_skc_lookup_tcp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCK_COMMON_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_tcp_check_syncookie_proto{
    .name = "bpf_tcp_check_syncookie",
    .funcId = 100,
    .kernelSymbol = "bpf_tcp_check_syncookie_proto",
    .gplOnly = true,
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE,
                 ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_tcp_gen_syncookie_proto{
    .name = "bpf_tcp_gen_syncookie",
    .funcId = 110,
    .kernelSymbol = "bpf_tcp_gen_syncookie_proto",
    .gplOnly = true,
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE,
                 ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_tcp_send_ack_proto{
    .name = "bpf_tcp_send_ack",
    .funcId = 116,
    .kernelSymbol = "bpf_tcp_send_ack_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_ANYTHING},
    .argBtfType = {"tcp_sock"},
};

const HelperProto bpf_get_netns_cookie_proto{
    .name = "bpf_get_netns_cookie",
    .funcId = 122,
    .kernelSymbol = "bpf_get_netns_cookie_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX_OR_NULL},
};

const HelperProto bpf_get_netns_cookie_sk_msg_proto{
    .name = "bpf_get_netns_cookie",
    .funcId = 122,
    .kernelSymbol = "bpf_get_netns_cookie_sk_msg_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX_OR_NULL},
};

const HelperProto bpf_get_netns_cookie_sock_addr_proto{
    .name = "bpf_get_netns_cookie",
    .funcId = 122,
    .kernelSymbol = "bpf_get_netns_cookie_sock_addr_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX_OR_NULL},
};

const HelperProto bpf_get_netns_cookie_sock_ops_proto{
    .name = "bpf_get_netns_cookie",
    .funcId = 122,
    .kernelSymbol = "bpf_get_netns_cookie_sock_ops_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX_OR_NULL},
};

const HelperProto bpf_get_netns_cookie_sock_proto{
    .name = "bpf_get_netns_cookie",
    .funcId = 122,
    .kernelSymbol = "bpf_get_netns_cookie_sock_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX_OR_NULL},
};

const HelperProto bpf_sk_assign_proto{
    .name = "bpf_sk_assign",
    .funcId = 124,
    .kernelSymbol = "bpf_sk_assign_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_ANYTHING},
};

const HelperProto bpf_sk_lookup_assign_proto{
    .name = "bpf_sk_assign",
    .funcId = 124,
    .kernelSymbol = "bpf_sk_lookup_assign_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_SOCKET_OR_NULL, ARG_ANYTHING},
};

const HelperProto bpf_sk_cgroup_id_proto{
    .name = "bpf_sk_cgroup_id",
    .funcId = 128,
    .kernelSymbol = "bpf_sk_cgroup_id_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
};

const HelperProto bpf_sk_ancestor_cgroup_id_proto{
    .name = "bpf_sk_ancestor_cgroup_id",
    .funcId = 129,
    .kernelSymbol = "bpf_sk_ancestor_cgroup_id_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_ANYTHING},
};

const HelperProto bpf_skc_to_tcp6_sock_proto{
    .name = "bpf_skc_to_tcp6_sock",
    .funcId = 136,
    .kernelSymbol = "bpf_skc_to_tcp6_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
    .retBtfType = "tcp6_sock",
};

const HelperProto bpf_skc_to_tcp_sock_proto{
    .name = "bpf_skc_to_tcp_sock",
    .funcId = 137,
    .kernelSymbol = "bpf_skc_to_tcp_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
    .retBtfType = "tcp_sock",
};

const HelperProto bpf_skc_to_tcp_timewait_sock_proto{
    .name = "bpf_skc_to_tcp_timewait_sock",
    .funcId = 138,
    .kernelSymbol = "bpf_skc_to_tcp_timewait_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
    .retBtfType = "tcp_timewait_sock",
};

const HelperProto bpf_skc_to_tcp_request_sock_proto{
    .name = "bpf_skc_to_tcp_request_sock",
    .funcId = 139,
    .kernelSymbol = "bpf_skc_to_tcp_request_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
    .retBtfType = "tcp_request_sock",
};

const HelperProto bpf_skc_to_udp6_sock_proto{
    .name = "bpf_skc_to_udp6_sock",
    .funcId = 140,
    .kernelSymbol = "bpf_skc_to_udp6_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
    .retBtfType = "udp6_sock",
};

const HelperProto bpf_sock_ops_load_hdr_opt_proto{
    .name = "bpf_load_hdr_opt",
    .funcId = 142,
    .kernelSymbol = "bpf_sock_ops_load_hdr_opt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_sock_ops_store_hdr_opt_proto{
    .name = "bpf_store_hdr_opt",
    .funcId = 143,
    .kernelSymbol = "bpf_sock_ops_store_hdr_opt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_sock_ops_reserve_hdr_opt_proto{
    .name = "bpf_reserve_hdr_opt",
    .funcId = 144,
    .kernelSymbol = "bpf_sock_ops_reserve_hdr_opt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_sock_from_file_proto{
    .name = "bpf_sock_from_file",
    .funcId = 162,
    .kernelSymbol = "bpf_sock_from_file_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID},
    .argBtfType = {"file"},
    .retBtfType = "socket",
};

const HelperProto bpf_skc_to_unix_sock_proto{
    .name = "bpf_skc_to_unix_sock",
    .funcId = 178,
    .kernelSymbol = "bpf_skc_to_unix_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_BTF_ID_SOCK_COMMON},
    .retBtfType = "unix_sock",
};

const HelperProto bpf_skc_to_mptcp_sock_proto{
    .name = "bpf_skc_to_mptcp_sock",
    .funcId = 196,
    .kernelSymbol = "bpf_skc_to_mptcp_sock_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_PTR_TO_SOCK_COMMON},
    .retBtfType = "mptcp_sock",
};

const HelperProto bpf_tcp_raw_gen_syncookie_ipv4_proto{
    .name = "bpf_tcp_raw_gen_syncookie_ipv4",
    .funcId = 204,
    .kernelSymbol = "bpf_tcp_raw_gen_syncookie_ipv4_proto",
    .gplOnly = true,
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
    .argSize = {20},
};

const HelperProto bpf_tcp_raw_gen_syncookie_ipv6_proto{
    .name = "bpf_tcp_raw_gen_syncookie_ipv6",
    .funcId = 205,
    .kernelSymbol = "bpf_tcp_raw_gen_syncookie_ipv6_proto",
    .gplOnly = true,
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
    .argSize = {40},
};

const HelperProto bpf_tcp_raw_check_syncookie_ipv4_proto{
    .name = "bpf_tcp_raw_check_syncookie_ipv4",
    .funcId = 206,
    .kernelSymbol = "bpf_tcp_raw_check_syncookie_ipv4_proto",
    .gplOnly = true,
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY, ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY},
    .argSize = {20, 20},
};

const HelperProto bpf_tcp_raw_check_syncookie_ipv6_proto{
    .name = "bpf_tcp_raw_check_syncookie_ipv6",
    .funcId = 207,
    .kernelSymbol = "bpf_tcp_raw_check_syncookie_ipv6_proto",
    .gplOnly = true,
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY, ARG_PTR_TO_FIXED_SIZE_MEM | MEM_RDONLY},
    .argSize = {40, 20},
};

static const HelperProto *const kSockProtos[] = {
    &sk_reuseport_load_bytes_proto,
    &sk_skb_change_tail_proto,
    &sk_skb_pull_data_proto,
    &sk_skb_change_head_proto,
    &bpf_get_socket_cookie_proto,
    &bpf_get_socket_cookie_sock_addr_proto,
    &bpf_get_socket_cookie_sock_ops_proto,
    &bpf_get_socket_cookie_sock_proto,
    &bpf_get_socket_ptr_cookie_proto,
    &bpf_get_socket_uid_proto,
    &bpf_sk_setsockopt_proto,
    &bpf_sock_addr_setsockopt_proto,
    &bpf_sock_ops_setsockopt_proto,
    &bpf_unlocked_sk_setsockopt_proto,
    &sk_skb_adjust_room_proto,
    &bpf_sk_redirect_map_proto,
    &bpf_sock_map_update_proto,
    &bpf_sk_getsockopt_proto,
    &bpf_sock_addr_getsockopt_proto,
    &bpf_sock_ops_getsockopt_proto,
    &bpf_unlocked_sk_getsockopt_proto,
    &bpf_sock_ops_cb_flags_set_proto,
    &bpf_msg_redirect_map_proto,
    &bpf_msg_apply_bytes_proto,
    &bpf_msg_cork_bytes_proto,
    &bpf_msg_pull_data_proto,
    &bpf_bind_proto,
    &sk_reuseport_load_bytes_relative_proto,
    &bpf_sock_hash_update_proto,
    &bpf_msg_redirect_hash_proto,
    &bpf_sk_redirect_hash_proto,
    &sk_select_reuseport_proto,
    &bpf_sk_lookup_tcp_proto,
    &bpf_sock_addr_sk_lookup_tcp_proto,
    &bpf_tc_sk_lookup_tcp_proto,
    &bpf_sk_lookup_udp_proto,
    &bpf_sock_addr_sk_lookup_udp_proto,
    &bpf_tc_sk_lookup_udp_proto,
    &bpf_sk_release_proto,
    &bpf_msg_push_data_proto,
    &bpf_msg_pop_data_proto,
    &bpf_sk_fullsock_proto,
    &bpf_tcp_sock_proto,
    &bpf_get_listener_sock_proto,
    &bpf_skc_lookup_tcp_proto,
    &bpf_sock_addr_skc_lookup_tcp_proto,
    &bpf_tc_skc_lookup_tcp_proto,
    &bpf_tcp_check_syncookie_proto,
    &bpf_tcp_gen_syncookie_proto,
    &bpf_tcp_send_ack_proto,
    &bpf_get_netns_cookie_proto,
    &bpf_get_netns_cookie_sk_msg_proto,
    &bpf_get_netns_cookie_sock_addr_proto,
    &bpf_get_netns_cookie_sock_ops_proto,
    &bpf_get_netns_cookie_sock_proto,
    &bpf_sk_assign_proto,
    &bpf_sk_lookup_assign_proto,
    &bpf_sk_cgroup_id_proto,
    &bpf_sk_ancestor_cgroup_id_proto,
    &bpf_skc_to_tcp6_sock_proto,
    &bpf_skc_to_tcp_sock_proto,
    &bpf_skc_to_tcp_timewait_sock_proto,
    &bpf_skc_to_tcp_request_sock_proto,
    &bpf_skc_to_udp6_sock_proto,
    &bpf_sock_ops_load_hdr_opt_proto,
    &bpf_sock_ops_store_hdr_opt_proto,
    &bpf_sock_ops_reserve_hdr_opt_proto,
    &bpf_sock_from_file_proto,
    &bpf_skc_to_unix_sock_proto,
    &bpf_skc_to_mptcp_sock_proto,
    &bpf_tcp_raw_gen_syncookie_ipv4_proto,
    &bpf_tcp_raw_gen_syncookie_ipv6_proto,
    &bpf_tcp_raw_check_syncookie_ipv4_proto,
    &bpf_tcp_raw_check_syncookie_ipv6_proto,
};

std::span<const HelperProto *const> sockHelperProtos() {
  return kSockProtos;
}

} // namespace bpfverify::target::protos
