// Helper prototypes of Linux 6.18, family: XDP helpers (net/core/filter.c).
// Data mirrors struct bpf_func_proto initialisers (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_xdp_redirect_proto{
    .name = "bpf_redirect",
    .funcId = 23,
    .kernelSymbol = "bpf_xdp_redirect_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_xdp_event_output_proto{
    .name = "bpf_perf_event_output",
    .funcId = 25,
    .kernelSymbol = "bpf_xdp_event_output_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_xdp_adjust_head_proto{
    .name = "bpf_xdp_adjust_head",
    .funcId = 44,
    .kernelSymbol = "bpf_xdp_adjust_head_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_xdp_redirect_map_proto{
    .name = "bpf_redirect_map",
    .funcId = 51,
    .kernelSymbol = "bpf_xdp_redirect_map_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_xdp_adjust_meta_proto{
    .name = "bpf_xdp_adjust_meta",
    .funcId = 54,
    .kernelSymbol = "bpf_xdp_adjust_meta_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_xdp_adjust_tail_proto{
    .name = "bpf_xdp_adjust_tail",
    .funcId = 65,
    .kernelSymbol = "bpf_xdp_adjust_tail_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_xdp_fib_lookup_proto{
    .name = "bpf_fib_lookup",
    .funcId = 69,
    .kernelSymbol = "bpf_xdp_fib_lookup_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_xdp_sk_lookup_tcp_proto{
    .name = "bpf_sk_lookup_tcp",
    .funcId = 84,
    .kernelSymbol = "bpf_xdp_sk_lookup_tcp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_xdp_sk_lookup_udp_proto{
    .name = "bpf_sk_lookup_udp",
    .funcId = 85,
    .kernelSymbol = "bpf_xdp_sk_lookup_udp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCKET_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_xdp_skc_lookup_tcp_proto{
    .name = "bpf_skc_lookup_tcp",
    .funcId = 99,
    .kernelSymbol = "bpf_xdp_skc_lookup_tcp_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_SOCK_COMMON_OR_NULL,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_ANYTHING},
};

const HelperProto bpf_xdp_output_proto{
    .name = "bpf_xdp_output",
    .funcId = 121,
    .kernelSymbol = "bpf_xdp_output_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
    .argBtfType = {"xdp_buff"},
};

const HelperProto bpf_xdp_check_mtu_proto{
    .name = "bpf_check_mtu",
    .funcId = 163,
    .kernelSymbol = "bpf_xdp_check_mtu_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE | MEM_ALIGNED,
                 ARG_ANYTHING, ARG_ANYTHING},
    .argSize = {0, 0, 4},
};

const HelperProto bpf_xdp_get_buff_len_proto{
    .name = "bpf_xdp_get_buff_len",
    .funcId = 188,
    .kernelSymbol = "bpf_xdp_get_buff_len_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_xdp_get_buff_len_trace_proto{
    .name = "bpf_xdp_get_buff_len",
    .funcId = 188,
    .kernelSymbol = "bpf_xdp_get_buff_len_trace_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID},
    .argBtfType = {"xdp_buff"},
};

const HelperProto bpf_xdp_load_bytes_proto{
    .name = "bpf_xdp_load_bytes",
    .funcId = 189,
    .kernelSymbol = "bpf_xdp_load_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_xdp_store_bytes_proto{
    .name = "bpf_xdp_store_bytes",
    .funcId = 190,
    .kernelSymbol = "bpf_xdp_store_bytes_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

static const HelperProto *const kXdpProtos[] = {
    &bpf_xdp_redirect_proto,      &bpf_xdp_event_output_proto,
    &bpf_xdp_adjust_head_proto,   &bpf_xdp_redirect_map_proto,
    &bpf_xdp_adjust_meta_proto,   &bpf_xdp_adjust_tail_proto,
    &bpf_xdp_fib_lookup_proto,    &bpf_xdp_sk_lookup_tcp_proto,
    &bpf_xdp_sk_lookup_udp_proto, &bpf_xdp_skc_lookup_tcp_proto,
    &bpf_xdp_output_proto,        &bpf_xdp_check_mtu_proto,
    &bpf_xdp_get_buff_len_proto,  &bpf_xdp_get_buff_len_trace_proto,
    &bpf_xdp_load_bytes_proto,    &bpf_xdp_store_bytes_proto,
};

std::span<const HelperProto *const> xdpHelperProtos() {
  return kXdpProtos;
}

} // namespace bpfverify::target::protos
