// Helper prototypes of Linux 6.18, family: BPF LSM helpers (kernel/bpf/bpf_lsm.c).
// Data mirrors struct bpf_func_proto initialisers (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_bprm_opts_set_proto{
    .name = "bpf_bprm_opts_set",
    .funcId = 159,
    .kernelSymbol = "bpf_bprm_opts_set_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_ANYTHING},
    .argBtfType = {"linux_binprm"},
};

const HelperProto bpf_ima_inode_hash_proto{
    .name = "bpf_ima_inode_hash",
    .funcId = 161,
    .kernelSymbol = "bpf_ima_inode_hash_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
    .argBtfType = {"inode"},
    .allowed = AllowedRule::ImaInodeHash,
};

const HelperProto bpf_get_attach_cookie_proto{
    .name = "bpf_get_attach_cookie",
    .funcId = 174,
    .kernelSymbol = "bpf_get_attach_cookie_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_ima_file_hash_proto{
    .name = "bpf_ima_file_hash",
    .funcId = 193,
    .kernelSymbol = "bpf_ima_file_hash_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
    .argBtfType = {"file"},
    .allowed = AllowedRule::ImaInodeHash,
};

static const HelperProto *const kLsmProtos[] = {
    &bpf_bprm_opts_set_proto,
    &bpf_ima_inode_hash_proto,
    &bpf_get_attach_cookie_proto,
    &bpf_ima_file_hash_proto,
};

std::span<const HelperProto *const> lsmHelperProtos() {
  return kLsmProtos;
}

} // namespace bpfverify::target::protos
