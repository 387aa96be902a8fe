// Helper prototypes of Linux 6.18, family: map access, ring buffers and map iteration
// (kernel/bpf/helpers.c, ringbuf.c, bpf_iter.c). Data mirrors struct bpf_func_proto initialisers
// (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_map_lookup_elem_proto{
    .name = "bpf_map_lookup_elem",
    .funcId = 1,
    .kernelSymbol = "bpf_map_lookup_elem_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY},
};

const HelperProto bpf_map_update_elem_proto{
    .name = "bpf_map_update_elem",
    .funcId = 2,
    .kernelSymbol = "bpf_map_update_elem_proto",
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING},
};

const HelperProto bpf_map_delete_elem_proto{
    .name = "bpf_map_delete_elem",
    .funcId = 3,
    .kernelSymbol = "bpf_map_delete_elem_proto",
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY},
};

const HelperProto bpf_map_push_elem_proto{
    .name = "bpf_map_push_elem",
    .funcId = 87,
    .kernelSymbol = "bpf_map_push_elem_proto",
    .pktAccess = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING},
};

const HelperProto bpf_map_pop_elem_proto{
    .name = "bpf_map_pop_elem",
    .funcId = 88,
    .kernelSymbol = "bpf_map_pop_elem_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE},
};

const HelperProto bpf_map_peek_elem_proto{
    .name = "bpf_map_peek_elem",
    .funcId = 89,
    .kernelSymbol = "bpf_map_peek_elem_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE},
};

const HelperProto bpf_ringbuf_output_proto{
    .name = "bpf_ringbuf_output",
    .funcId = 130,
    .kernelSymbol = "bpf_ringbuf_output_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO,
                 ARG_ANYTHING},
};

const HelperProto bpf_ringbuf_reserve_proto{
    .name = "bpf_ringbuf_reserve",
    .funcId = 131,
    .kernelSymbol = "bpf_ringbuf_reserve_proto",
    .retType = RET_PTR_TO_RINGBUF_MEM_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_CONST_ALLOC_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_ringbuf_submit_proto{
    .name = "bpf_ringbuf_submit",
    .funcId = 132,
    .kernelSymbol = "bpf_ringbuf_submit_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE, ARG_ANYTHING},
};

const HelperProto bpf_ringbuf_discard_proto{
    .name = "bpf_ringbuf_discard",
    .funcId = 133,
    .kernelSymbol = "bpf_ringbuf_discard_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE, ARG_ANYTHING},
};

const HelperProto bpf_ringbuf_query_proto{
    .name = "bpf_ringbuf_query",
    .funcId = 134,
    .kernelSymbol = "bpf_ringbuf_query_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_for_each_map_elem_proto{
    .name = "bpf_for_each_map_elem",
    .funcId = 164,
    .kernelSymbol = "bpf_for_each_map_elem_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK_OR_NULL, ARG_ANYTHING},
};

const HelperProto bpf_map_lookup_percpu_elem_proto{
    .name = "bpf_map_lookup_percpu_elem",
    .funcId = 195,
    .kernelSymbol = "bpf_map_lookup_percpu_elem_proto",
    .pktAccess = true,
    .retType = RET_PTR_TO_MAP_VALUE_OR_NULL,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING},
};

const HelperProto bpf_ringbuf_reserve_dynptr_proto{
    .name = "bpf_ringbuf_reserve_dynptr",
    .funcId = 198,
    .kernelSymbol = "bpf_ringbuf_reserve_dynptr_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_ANYTHING,
                 ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | MEM_UNINIT | MEM_WRITE},
};

const HelperProto bpf_ringbuf_submit_dynptr_proto{
    .name = "bpf_ringbuf_submit_dynptr",
    .funcId = 199,
    .kernelSymbol = "bpf_ringbuf_submit_dynptr_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE, ARG_ANYTHING},
};

const HelperProto bpf_ringbuf_discard_dynptr_proto{
    .name = "bpf_ringbuf_discard_dynptr",
    .funcId = 200,
    .kernelSymbol = "bpf_ringbuf_discard_dynptr_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE, ARG_ANYTHING},
};

const HelperProto bpf_user_ringbuf_drain_proto{
    .name = "bpf_user_ringbuf_drain",
    .funcId = 209,
    .kernelSymbol = "bpf_user_ringbuf_drain_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK_OR_NULL, ARG_ANYTHING},
};

static const HelperProto *const kMapsProtos[] = {
    &bpf_map_lookup_elem_proto,        &bpf_map_update_elem_proto,
    &bpf_map_delete_elem_proto,        &bpf_map_push_elem_proto,
    &bpf_map_pop_elem_proto,           &bpf_map_peek_elem_proto,
    &bpf_ringbuf_output_proto,         &bpf_ringbuf_reserve_proto,
    &bpf_ringbuf_submit_proto,         &bpf_ringbuf_discard_proto,
    &bpf_ringbuf_query_proto,          &bpf_for_each_map_elem_proto,
    &bpf_map_lookup_percpu_elem_proto, &bpf_ringbuf_reserve_dynptr_proto,
    &bpf_ringbuf_submit_dynptr_proto,  &bpf_ringbuf_discard_dynptr_proto,
    &bpf_user_ringbuf_drain_proto,
};

std::span<const HelperProto *const> mapsHelperProtos() {
  return kMapsProtos;
}

} // namespace bpfverify::target::protos
