// Helper prototypes of Linux 6.18, family: cgroup program helpers (kernel/bpf/cgroup.c).
// Data mirrors struct bpf_func_proto initialisers (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_sysctl_get_name_proto{
    .name = "bpf_sysctl_get_name",
    .funcId = 101,
    .kernelSymbol = "bpf_sysctl_get_name_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_sysctl_get_current_value_proto{
    .name = "bpf_sysctl_get_current_value",
    .funcId = 102,
    .kernelSymbol = "bpf_sysctl_get_current_value_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_sysctl_get_new_value_proto{
    .name = "bpf_sysctl_get_new_value",
    .funcId = 103,
    .kernelSymbol = "bpf_sysctl_get_new_value_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_sysctl_set_new_value_proto{
    .name = "bpf_sysctl_set_new_value",
    .funcId = 104,
    .kernelSymbol = "bpf_sysctl_set_new_value_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_get_netns_cookie_sockopt_proto{
    .name = "bpf_get_netns_cookie",
    .funcId = 122,
    .kernelSymbol = "bpf_get_netns_cookie_sockopt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX_OR_NULL},
};

const HelperProto bpf_get_retval_proto{
    .name = "bpf_get_retval",
    .funcId = 186,
    .kernelSymbol = "bpf_get_retval_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_set_retval_proto{
    .name = "bpf_set_retval",
    .funcId = 187,
    .kernelSymbol = "bpf_set_retval_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING},
};

static const HelperProto *const kCgroupProtos[] = {
    &bpf_sysctl_get_name_proto,
    &bpf_sysctl_get_current_value_proto,
    &bpf_sysctl_get_new_value_proto,
    &bpf_sysctl_set_new_value_proto,
    &bpf_get_netns_cookie_sockopt_proto,
    &bpf_get_retval_proto,
    &bpf_set_retval_proto,
};

std::span<const HelperProto *const> cgroupHelperProtos() {
  return kCgroupProtos;
}

} // namespace bpfverify::target::protos
