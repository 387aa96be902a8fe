// Helper prototypes of Linux 6.18, family: local storage: task, inode, cgroup, socket and
// cgroup-attached storage. Data mirrors struct bpf_func_proto initialisers (include/linux/bpf.h);
// unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_get_local_storage_proto{
    .name = "bpf_get_local_storage",
    .funcId = 81,
    .kernelSymbol = "bpf_get_local_storage_proto",
    .retType = RET_PTR_TO_MAP_VALUE,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_sk_storage_get_cg_sock_proto{
    .name = "bpf_sk_storage_get",
    .funcId = 107,
    .kernelSymbol = "bpf_sk_storage_get_cg_sock_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_CTX, ARG_PTR_TO_MAP_VALUE_OR_NULL, ARG_ANYTHING},
};

const HelperProto bpf_sk_storage_get_proto{
    .name = "bpf_sk_storage_get",
    .funcId = 107,
    .kernelSymbol = "bpf_sk_storage_get_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_PTR_TO_MAP_VALUE_OR_NULL,
                 ARG_ANYTHING},
};

const HelperProto bpf_sk_storage_get_tracing_proto{
    .name = "bpf_sk_storage_get",
    .funcId = 107,
    .kernelSymbol = "bpf_sk_storage_get_tracing_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL, ARG_PTR_TO_MAP_VALUE_OR_NULL,
                 ARG_ANYTHING},
    .argBtfType = {nullptr, "sock_common"},
    .allowed = AllowedRule::SkStorageTracing,
};

const HelperProto bpf_sk_storage_delete_proto{
    .name = "bpf_sk_storage_delete",
    .funcId = 108,
    .kernelSymbol = "bpf_sk_storage_delete_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_SOCK_COMMON},
};

const HelperProto bpf_sk_storage_delete_tracing_proto{
    .name = "bpf_sk_storage_delete",
    .funcId = 108,
    .kernelSymbol = "bpf_sk_storage_delete_tracing_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL},
    .argBtfType = {nullptr, "sock_common"},
    .allowed = AllowedRule::SkStorageTracing,
};

const HelperProto bpf_inode_storage_get_proto{
    .name = "bpf_inode_storage_get",
    .funcId = 145,
    .kernelSymbol = "bpf_inode_storage_get_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL, ARG_PTR_TO_MAP_VALUE_OR_NULL,
                 ARG_ANYTHING},
    .argBtfType = {nullptr, "inode"},
};

const HelperProto bpf_inode_storage_delete_proto{
    .name = "bpf_inode_storage_delete",
    .funcId = 146,
    .kernelSymbol = "bpf_inode_storage_delete_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL},
    .argBtfType = {nullptr, "inode"},
};

const HelperProto bpf_task_storage_get_proto{
    .name = "bpf_task_storage_get",
    .funcId = 156,
    .kernelSymbol = "bpf_task_storage_get_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL, ARG_PTR_TO_MAP_VALUE_OR_NULL,
                 ARG_ANYTHING},
    .argBtfType = {nullptr, "task_struct"},
};

const HelperProto bpf_task_storage_get_recur_proto{
    .name = "bpf_task_storage_get",
    .funcId = 156,
    .kernelSymbol = "bpf_task_storage_get_recur_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL, ARG_PTR_TO_MAP_VALUE_OR_NULL,
                 ARG_ANYTHING},
    .argBtfType = {nullptr, "task_struct"},
};

const HelperProto bpf_task_storage_delete_proto{
    .name = "bpf_task_storage_delete",
    .funcId = 157,
    .kernelSymbol = "bpf_task_storage_delete_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL},
    .argBtfType = {nullptr, "task_struct"},
};

const HelperProto bpf_task_storage_delete_recur_proto{
    .name = "bpf_task_storage_delete",
    .funcId = 157,
    .kernelSymbol = "bpf_task_storage_delete_recur_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL},
    .argBtfType = {nullptr, "task_struct"},
};

const HelperProto bpf_cgrp_storage_get_proto{
    .name = "bpf_cgrp_storage_get",
    .funcId = 210,
    .kernelSymbol = "bpf_cgrp_storage_get_proto",
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL, ARG_PTR_TO_MAP_VALUE_OR_NULL,
                 ARG_ANYTHING},
    .argBtfType = {nullptr, "cgroup"},
};

const HelperProto bpf_cgrp_storage_delete_proto{
    .name = "bpf_cgrp_storage_delete",
    .funcId = 211,
    .kernelSymbol = "bpf_cgrp_storage_delete_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_OR_NULL},
    .argBtfType = {nullptr, "cgroup"},
};

static const HelperProto *const kStorageProtos[] = {
    &bpf_get_local_storage_proto,   &bpf_sk_storage_get_cg_sock_proto,
    &bpf_sk_storage_get_proto,      &bpf_sk_storage_get_tracing_proto,
    &bpf_sk_storage_delete_proto,   &bpf_sk_storage_delete_tracing_proto,
    &bpf_inode_storage_get_proto,   &bpf_inode_storage_delete_proto,
    &bpf_task_storage_get_proto,    &bpf_task_storage_get_recur_proto,
    &bpf_task_storage_delete_proto, &bpf_task_storage_delete_recur_proto,
    &bpf_cgrp_storage_get_proto,    &bpf_cgrp_storage_delete_proto,
};

std::span<const HelperProto *const> storageHelperProtos() {
  return kStorageProtos;
}

} // namespace bpfverify::target::protos
