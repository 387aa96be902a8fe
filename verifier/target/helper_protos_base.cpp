// Helper prototypes of Linux 6.18, family: generic helpers: time, strings, timers, dynptrs, tail
// call, syscall-program helpers (kernel/bpf/helpers.c, core.c, syscall.c). Data mirrors struct
// bpf_func_proto initialisers (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_ktime_get_ns_proto{
    .name = "bpf_ktime_get_ns",
    .funcId = 5,
    .kernelSymbol = "bpf_ktime_get_ns_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_prandom_u32_proto{
    .name = "bpf_get_prandom_u32",
    .funcId = 7,
    .kernelSymbol = "bpf_get_prandom_u32_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_raw_smp_processor_id_proto{
    .name = "bpf_get_smp_processor_id",
    .funcId = 8,
    .kernelSymbol = "bpf_get_raw_smp_processor_id_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_smp_processor_id_proto{
    .name = "bpf_get_smp_processor_id",
    .funcId = 8,
    .kernelSymbol = "bpf_get_smp_processor_id_proto",
    .allowFastcall = true,
    .retType = RET_INTEGER,
};

const HelperProto bpf_tail_call_proto{
    .name = "bpf_tail_call",
    .funcId = 12,
    .kernelSymbol = "bpf_tail_call_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_current_pid_tgid_proto{
    .name = "bpf_get_current_pid_tgid",
    .funcId = 14,
    .kernelSymbol = "bpf_get_current_pid_tgid_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_current_uid_gid_proto{
    .name = "bpf_get_current_uid_gid",
    .funcId = 15,
    .kernelSymbol = "bpf_get_current_uid_gid_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_current_comm_proto{
    .name = "bpf_get_current_comm",
    .funcId = 16,
    .kernelSymbol = "bpf_get_current_comm_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_event_output_data_proto{
    .name = "bpf_perf_event_output",
    .funcId = 25,
    .kernelSymbol = "bpf_event_output_data_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_current_task_under_cgroup_proto{
    .name = "bpf_current_task_under_cgroup",
    .funcId = 37,
    .kernelSymbol = "bpf_current_task_under_cgroup_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_numa_node_id_proto{
    .name = "bpf_get_numa_node_id",
    .funcId = 42,
    .kernelSymbol = "bpf_get_numa_node_id_proto",
    .retType = RET_INTEGER,
};

const HelperProto rc_repeat_proto{
    .name = "bpf_rc_repeat",
    .funcId = 77,
    .kernelSymbol = "rc_repeat_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto rc_keydown_proto{
    .name = "bpf_rc_keydown",
    .funcId = 78,
    .kernelSymbol = "rc_keydown_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_get_current_cgroup_id_proto{
    .name = "bpf_get_current_cgroup_id",
    .funcId = 80,
    .kernelSymbol = "bpf_get_current_cgroup_id_proto",
    .retType = RET_INTEGER,
};

const HelperProto rc_pointer_rel_proto{
    .name = "bpf_rc_pointer_rel",
    .funcId = 92,
    .kernelSymbol = "rc_pointer_rel_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_spin_lock_proto{
    .name = "bpf_spin_lock",
    .funcId = 93,
    .kernelSymbol = "bpf_spin_lock_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_SPIN_LOCK},
    .argBtfType = {kBtfIdFromKptrField},
};

const HelperProto bpf_spin_unlock_proto{
    .name = "bpf_spin_unlock",
    .funcId = 94,
    .kernelSymbol = "bpf_spin_unlock_proto",
    .retType = RET_VOID,
    .argTypes = {ARG_PTR_TO_SPIN_LOCK},
    .argBtfType = {kBtfIdFromKptrField},
};

const HelperProto bpf_strtol_proto{
    .name = "bpf_strtol",
    .funcId = 105,
    .kernelSymbol = "bpf_strtol_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE, ARG_ANYTHING,
                 ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED},
    .argSize = {0, 0, 0, 8},
};

const HelperProto bpf_strtoul_proto{
    .name = "bpf_strtoul",
    .funcId = 106,
    .kernelSymbol = "bpf_strtoul_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE, ARG_ANYTHING,
                 ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED},
    .argSize = {0, 0, 0, 8},
};

const HelperProto bpf_jiffies64_proto{
    .name = "bpf_jiffies64",
    .funcId = 118,
    .kernelSymbol = "bpf_jiffies64_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_get_ns_current_pid_tgid_proto{
    .name = "bpf_get_ns_current_pid_tgid",
    .funcId = 120,
    .kernelSymbol = "bpf_get_ns_current_pid_tgid_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_get_current_ancestor_cgroup_id_proto{
    .name = "bpf_get_current_ancestor_cgroup_id",
    .funcId = 123,
    .kernelSymbol = "bpf_get_current_ancestor_cgroup_id_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING},
};

const HelperProto bpf_ktime_get_boot_ns_proto{
    .name = "bpf_ktime_get_boot_ns",
    .funcId = 125,
    .kernelSymbol = "bpf_ktime_get_boot_ns_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_copy_from_user_proto{
    .name = "bpf_copy_from_user",
    .funcId = 148,
    .kernelSymbol = "bpf_copy_from_user_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_per_cpu_ptr_proto{
    .name = "bpf_per_cpu_ptr",
    .funcId = 153,
    .kernelSymbol = "bpf_per_cpu_ptr_proto",
    .retType = RET_PTR_TO_MEM_OR_BTF_ID | PTR_MAYBE_NULL | MEM_RDONLY,
    .argTypes = {ARG_PTR_TO_PERCPU_BTF_ID, ARG_ANYTHING},
};

const HelperProto bpf_this_cpu_ptr_proto{
    .name = "bpf_this_cpu_ptr",
    .funcId = 154,
    .kernelSymbol = "bpf_this_cpu_ptr_proto",
    .retType = RET_PTR_TO_MEM_OR_BTF_ID | MEM_RDONLY,
    .argTypes = {ARG_PTR_TO_PERCPU_BTF_ID},
};

const HelperProto bpf_ktime_get_coarse_ns_proto{
    .name = "bpf_ktime_get_coarse_ns",
    .funcId = 160,
    .kernelSymbol = "bpf_ktime_get_coarse_ns_proto",
    .retType = RET_INTEGER,
};

const HelperProto bpf_snprintf_proto{
    .name = "bpf_snprintf",
    .funcId = 165,
    .kernelSymbol = "bpf_snprintf_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM_OR_NULL | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_CONST_STR,
                 ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_sys_bpf_proto{
    .name = "bpf_sys_bpf",
    .funcId = 166,
    .kernelSymbol = "bpf_sys_bpf_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_btf_find_by_name_kind_proto{
    .name = "bpf_btf_find_by_name_kind",
    .funcId = 167,
    .kernelSymbol = "bpf_btf_find_by_name_kind_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_sys_close_proto{
    .name = "bpf_sys_close",
    .funcId = 168,
    .kernelSymbol = "bpf_sys_close_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING},
};

const HelperProto bpf_timer_init_proto{
    .name = "bpf_timer_init",
    .funcId = 169,
    .kernelSymbol = "bpf_timer_init_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_TIMER, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_timer_set_callback_proto{
    .name = "bpf_timer_set_callback",
    .funcId = 170,
    .kernelSymbol = "bpf_timer_set_callback_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_TIMER, ARG_PTR_TO_FUNC},
};

const HelperProto bpf_timer_start_proto{
    .name = "bpf_timer_start",
    .funcId = 171,
    .kernelSymbol = "bpf_timer_start_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_TIMER, ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_timer_cancel_proto{
    .name = "bpf_timer_cancel",
    .funcId = 172,
    .kernelSymbol = "bpf_timer_cancel_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_TIMER},
};

const HelperProto bpf_kallsyms_lookup_name_proto{
    .name = "bpf_kallsyms_lookup_name",
    .funcId = 179,
    .kernelSymbol = "bpf_kallsyms_lookup_name_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED},
    .argSize = {0, 0, 0, 8},
};

const HelperProto bpf_loop_proto{
    .name = "bpf_loop",
    .funcId = 181,
    .kernelSymbol = "bpf_loop_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK_OR_NULL, ARG_ANYTHING},
};

const HelperProto bpf_strncmp_proto{
    .name = "bpf_strncmp",
    .funcId = 182,
    .kernelSymbol = "bpf_strncmp_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE, ARG_PTR_TO_CONST_STR},
};

const HelperProto bpf_copy_from_user_task_proto{
    .name = "bpf_copy_from_user_task",
    .funcId = 191,
    .kernelSymbol = "bpf_copy_from_user_task_proto",
    .gplOnly = true,
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING, ARG_PTR_TO_BTF_ID,
                 ARG_ANYTHING},
    .argBtfType = {nullptr, nullptr, nullptr, "task_struct"},
};

const HelperProto bpf_kptr_xchg_proto{
    .name = "bpf_kptr_xchg",
    .funcId = 194,
    .kernelSymbol = "bpf_kptr_xchg_proto",
    .retType = RET_PTR_TO_BTF_ID_OR_NULL,
    .argTypes = {ARG_KPTR_XCHG_DEST, ARG_PTR_TO_BTF_ID_OR_NULL | OBJ_RELEASE},
    .argBtfType = {nullptr, kBtfIdFromKptrField},
    .retBtfType = kBtfIdFromKptrField,
};

const HelperProto bpf_dynptr_from_mem_proto{
    .name = "bpf_dynptr_from_mem",
    .funcId = 197,
    .kernelSymbol = "bpf_dynptr_from_mem_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
                 ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_LOCAL | MEM_UNINIT | MEM_WRITE},
};

const HelperProto bpf_dynptr_read_proto{
    .name = "bpf_dynptr_read",
    .funcId = 201,
    .kernelSymbol = "bpf_dynptr_read_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_DYNPTR | MEM_RDONLY,
                 ARG_ANYTHING, ARG_ANYTHING},
};

const HelperProto bpf_dynptr_write_proto{
    .name = "bpf_dynptr_write",
    .funcId = 202,
    .kernelSymbol = "bpf_dynptr_write_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_DYNPTR | MEM_RDONLY, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_dynptr_data_proto{
    .name = "bpf_dynptr_data",
    .funcId = 203,
    .kernelSymbol = "bpf_dynptr_data_proto",
    .retType = RET_PTR_TO_DYNPTR_MEM_OR_NULL,
    .argTypes = {ARG_PTR_TO_DYNPTR | MEM_RDONLY, ARG_ANYTHING, ARG_CONST_ALLOC_SIZE_OR_ZERO},
};

const HelperProto bpf_ktime_get_tai_ns_proto{
    .name = "bpf_ktime_get_tai_ns",
    .funcId = 208,
    .kernelSymbol = "bpf_ktime_get_tai_ns_proto",
    .retType = RET_INTEGER,
};

static const HelperProto *const kBaseProtos[] = {
    &bpf_ktime_get_ns_proto,
    &bpf_get_prandom_u32_proto,
    &bpf_get_raw_smp_processor_id_proto,
    &bpf_get_smp_processor_id_proto,
    &bpf_tail_call_proto,
    &bpf_get_current_pid_tgid_proto,
    &bpf_get_current_uid_gid_proto,
    &bpf_get_current_comm_proto,
    &bpf_event_output_data_proto,
    &bpf_current_task_under_cgroup_proto,
    &bpf_get_numa_node_id_proto,
    &rc_repeat_proto,
    &rc_keydown_proto,
    &bpf_get_current_cgroup_id_proto,
    &rc_pointer_rel_proto,
    &bpf_spin_lock_proto,
    &bpf_spin_unlock_proto,
    &bpf_strtol_proto,
    &bpf_strtoul_proto,
    &bpf_jiffies64_proto,
    &bpf_get_ns_current_pid_tgid_proto,
    &bpf_get_current_ancestor_cgroup_id_proto,
    &bpf_ktime_get_boot_ns_proto,
    &bpf_copy_from_user_proto,
    &bpf_per_cpu_ptr_proto,
    &bpf_this_cpu_ptr_proto,
    &bpf_ktime_get_coarse_ns_proto,
    &bpf_snprintf_proto,
    &bpf_sys_bpf_proto,
    &bpf_btf_find_by_name_kind_proto,
    &bpf_sys_close_proto,
    &bpf_timer_init_proto,
    &bpf_timer_set_callback_proto,
    &bpf_timer_start_proto,
    &bpf_timer_cancel_proto,
    &bpf_kallsyms_lookup_name_proto,
    &bpf_loop_proto,
    &bpf_strncmp_proto,
    &bpf_copy_from_user_task_proto,
    &bpf_kptr_xchg_proto,
    &bpf_dynptr_from_mem_proto,
    &bpf_dynptr_read_proto,
    &bpf_dynptr_write_proto,
    &bpf_dynptr_data_proto,
    &bpf_ktime_get_tai_ns_proto,
};

std::span<const HelperProto *const> baseHelperProtos() {
  return kBaseProtos;
}

} // namespace bpfverify::target::protos
