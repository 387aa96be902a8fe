// Helper prototypes of Linux 6.18, family: tracing: probes, perf events, stacks, tracing-only
// helpers (kernel/trace/bpf_trace.c, stackmap.c, task_iter.c). Data mirrors struct bpf_func_proto
// initialisers (include/linux/bpf.h); unset fields are zero.

#include "verifier/target/helper_protos.h"

namespace bpfverify::target::protos {

using enum verifier::TypeFlag;

const HelperProto bpf_probe_read_compat_proto{
    .name = "bpf_probe_read",
    .funcId = 4,
    .kernelSymbol = "bpf_probe_read_compat_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_trace_printk_proto{
    .name = "bpf_trace_printk",
    .funcId = 6,
    .kernelSymbol = "bpf_trace_printk_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_perf_event_read_proto{
    .name = "bpf_perf_event_read",
    .funcId = 22,
    .kernelSymbol = "bpf_perf_event_read_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_perf_event_output_proto{
    .name = "bpf_perf_event_output",
    .funcId = 25,
    .kernelSymbol = "bpf_perf_event_output_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_perf_event_output_proto_raw_tp{
    .name = "bpf_perf_event_output",
    .funcId = 25,
    .kernelSymbol = "bpf_perf_event_output_proto_raw_tp",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_perf_event_output_proto_tp{
    .name = "bpf_perf_event_output",
    .funcId = 25,
    .kernelSymbol = "bpf_perf_event_output_proto_tp",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_get_stackid_proto{
    .name = "bpf_get_stackid",
    .funcId = 27,
    .kernelSymbol = "bpf_get_stackid_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_stackid_proto_pe{
    .name = "bpf_get_stackid",
    .funcId = 27,
    .kernelSymbol = "bpf_get_stackid_proto_pe",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_stackid_proto_raw_tp{
    .name = "bpf_get_stackid",
    .funcId = 27,
    .kernelSymbol = "bpf_get_stackid_proto_raw_tp",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_stackid_proto_tp{
    .name = "bpf_get_stackid",
    .funcId = 27,
    .kernelSymbol = "bpf_get_stackid_proto_tp",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING},
};

const HelperProto bpf_get_current_task_proto{
    .name = "bpf_get_current_task",
    .funcId = 35,
    .kernelSymbol = "bpf_get_current_task_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
};

const HelperProto bpf_probe_write_user_proto{
    .name = "bpf_probe_write_user",
    .funcId = 36,
    .kernelSymbol = "bpf_probe_write_user_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE},
};

const HelperProto bpf_probe_read_compat_str_proto{
    .name = "bpf_probe_read_str",
    .funcId = 45,
    .kernelSymbol = "bpf_probe_read_compat_str_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_perf_event_read_value_proto{
    .name = "bpf_perf_event_read_value",
    .funcId = 55,
    .kernelSymbol = "bpf_perf_event_read_value_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_perf_prog_read_value_proto{
    .name = "bpf_perf_prog_read_value",
    .funcId = 56,
    .kernelSymbol = "bpf_perf_prog_read_value_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE},
};

const HelperProto bpf_override_return_proto{
    .name = "bpf_override_return",
    .funcId = 58,
    .kernelSymbol = "bpf_override_return_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING},
};

const HelperProto bpf_get_stack_proto{
    .name = "bpf_get_stack",
    .funcId = 67,
    .kernelSymbol = "bpf_get_stack_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_get_stack_proto_pe{
    .name = "bpf_get_stack",
    .funcId = 67,
    .kernelSymbol = "bpf_get_stack_proto_pe",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_get_stack_proto_raw_tp{
    .name = "bpf_get_stack",
    .funcId = 67,
    .kernelSymbol = "bpf_get_stack_proto_raw_tp",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_get_stack_proto_tp{
    .name = "bpf_get_stack",
    .funcId = 67,
    .kernelSymbol = "bpf_get_stack_proto_tp",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_get_stack_sleepable_proto{
    .name = "bpf_get_stack",
    .funcId = 67,
    .kernelSymbol = "bpf_get_stack_sleepable_proto",
    .gplOnly = true,
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_send_signal_proto{
    .name = "bpf_send_signal",
    .funcId = 109,
    .kernelSymbol = "bpf_send_signal_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING},
};

const HelperProto bpf_probe_read_user_proto{
    .name = "bpf_probe_read_user",
    .funcId = 112,
    .kernelSymbol = "bpf_probe_read_user_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_probe_read_kernel_proto{
    .name = "bpf_probe_read_kernel",
    .funcId = 113,
    .kernelSymbol = "bpf_probe_read_kernel_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_probe_read_user_str_proto{
    .name = "bpf_probe_read_user_str",
    .funcId = 114,
    .kernelSymbol = "bpf_probe_read_user_str_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_probe_read_kernel_str_proto{
    .name = "bpf_probe_read_kernel_str",
    .funcId = 115,
    .kernelSymbol = "bpf_probe_read_kernel_str_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
};

const HelperProto bpf_send_signal_thread_proto{
    .name = "bpf_send_signal_thread",
    .funcId = 117,
    .kernelSymbol = "bpf_send_signal_thread_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_ANYTHING},
};

const HelperProto bpf_read_branch_records_proto{
    .name = "bpf_read_branch_records",
    .funcId = 119,
    .kernelSymbol = "bpf_read_branch_records_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_MEM_OR_NULL | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO,
                 ARG_ANYTHING},
};

const HelperProto bpf_seq_printf_proto{
    .name = "bpf_seq_printf",
    .funcId = 126,
    .kernelSymbol = "bpf_seq_printf_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE,
                 ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO},
    .argBtfType = {"seq_file"},
};

const HelperProto bpf_seq_write_proto{
    .name = "bpf_seq_write",
    .funcId = 127,
    .kernelSymbol = "bpf_seq_write_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO},
    .argBtfType = {"seq_file"},
};

const HelperProto bpf_get_task_stack_proto{
    .name = "bpf_get_task_stack",
    .funcId = 141,
    .kernelSymbol = "bpf_get_task_stack_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
    .argBtfType = {"task_struct"},
};

const HelperProto bpf_get_task_stack_sleepable_proto{
    .name = "bpf_get_task_stack",
    .funcId = 141,
    .kernelSymbol = "bpf_get_task_stack_sleepable_proto",
    .mightSleep = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING},
    .argBtfType = {"task_struct"},
};

const HelperProto bpf_d_path_proto{
    .name = "bpf_d_path",
    .funcId = 147,
    .kernelSymbol = "bpf_d_path_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO},
    .argBtfType = {"path"},
    .allowed = AllowedRule::DPath,
};

const HelperProto bpf_snprintf_btf_proto{
    .name = "bpf_snprintf_btf",
    .funcId = 149,
    .kernelSymbol = "bpf_snprintf_btf_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE, ARG_PTR_TO_MEM | MEM_RDONLY,
                 ARG_CONST_SIZE, ARG_ANYTHING},
};

const HelperProto bpf_seq_printf_btf_proto{
    .name = "bpf_seq_printf_btf",
    .funcId = 150,
    .kernelSymbol = "bpf_seq_printf_btf_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO,
                 ARG_ANYTHING},
    .argBtfType = {"seq_file"},
};

const HelperProto bpf_get_current_task_btf_proto{
    .name = "bpf_get_current_task_btf",
    .funcId = 158,
    .kernelSymbol = "bpf_get_current_task_btf_proto",
    .gplOnly = true,
    .retType = RET_PTR_TO_BTF_ID_TRUSTED,
    .retBtfType = "task_struct",
};

const HelperProto bpf_get_func_ip_proto_kprobe{
    .name = "bpf_get_func_ip",
    .funcId = 173,
    .kernelSymbol = "bpf_get_func_ip_proto_kprobe",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_func_ip_proto_kprobe_multi{
    .name = "bpf_get_func_ip",
    .funcId = 173,
    .kernelSymbol = "bpf_get_func_ip_proto_kprobe_multi",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_func_ip_proto_tracing{
    .name = "bpf_get_func_ip",
    .funcId = 173,
    .kernelSymbol = "bpf_get_func_ip_proto_tracing",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_func_ip_proto_uprobe_multi{
    .name = "bpf_get_func_ip",
    .funcId = 173,
    .kernelSymbol = "bpf_get_func_ip_proto_uprobe_multi",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_attach_cookie_proto_kmulti{
    .name = "bpf_get_attach_cookie",
    .funcId = 174,
    .kernelSymbol = "bpf_get_attach_cookie_proto_kmulti",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_attach_cookie_proto_pe{
    .name = "bpf_get_attach_cookie",
    .funcId = 174,
    .kernelSymbol = "bpf_get_attach_cookie_proto_pe",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_attach_cookie_proto_trace{
    .name = "bpf_get_attach_cookie",
    .funcId = 174,
    .kernelSymbol = "bpf_get_attach_cookie_proto_trace",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_attach_cookie_proto_tracing{
    .name = "bpf_get_attach_cookie",
    .funcId = 174,
    .kernelSymbol = "bpf_get_attach_cookie_proto_tracing",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_get_attach_cookie_proto_umulti{
    .name = "bpf_get_attach_cookie",
    .funcId = 174,
    .kernelSymbol = "bpf_get_attach_cookie_proto_umulti",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

const HelperProto bpf_task_pt_regs_proto{
    .name = "bpf_task_pt_regs",
    .funcId = 175,
    .kernelSymbol = "bpf_task_pt_regs_proto",
    .gplOnly = true,
    .retType = RET_PTR_TO_BTF_ID,
    .argTypes = {ARG_PTR_TO_BTF_ID},
    .argBtfType = {"task_struct"},
    .retBtfType = "pt_regs",
};

const HelperProto bpf_get_branch_snapshot_proto{
    .name = "bpf_get_branch_snapshot",
    .funcId = 176,
    .kernelSymbol = "bpf_get_branch_snapshot_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_UNINIT_MEM, ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_trace_vprintk_proto{
    .name = "bpf_trace_vprintk",
    .funcId = 177,
    .kernelSymbol = "bpf_trace_vprintk_proto",
    .gplOnly = true,
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_MEM | MEM_RDONLY, ARG_CONST_SIZE,
                 ARG_PTR_TO_MEM | PTR_MAYBE_NULL | MEM_RDONLY, ARG_CONST_SIZE_OR_ZERO},
};

const HelperProto bpf_find_vma_proto{
    .name = "bpf_find_vma",
    .funcId = 180,
    .kernelSymbol = "bpf_find_vma_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_BTF_ID, ARG_ANYTHING, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK_OR_NULL,
                 ARG_ANYTHING},
    .argBtfType = {"task_struct"},
};

const HelperProto bpf_get_func_arg_proto{
    .name = "bpf_get_func_arg",
    .funcId = 183,
    .kernelSymbol = "bpf_get_func_arg_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_ANYTHING,
                 ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED},
    .argSize = {0, 0, 8},
};

const HelperProto bpf_get_func_ret_proto{
    .name = "bpf_get_func_ret",
    .funcId = 184,
    .kernelSymbol = "bpf_get_func_ret_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX, ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED},
    .argSize = {0, 8},
};

const HelperProto bpf_get_func_arg_cnt_proto{
    .name = "bpf_get_func_arg_cnt",
    .funcId = 185,
    .kernelSymbol = "bpf_get_func_arg_cnt_proto",
    .retType = RET_INTEGER,
    .argTypes = {ARG_PTR_TO_CTX},
};

static const HelperProto *const kTracingProtos[] = {
    &bpf_probe_read_compat_proto,
    &bpf_trace_printk_proto,
    &bpf_perf_event_read_proto,
    &bpf_perf_event_output_proto,
    &bpf_perf_event_output_proto_raw_tp,
    &bpf_perf_event_output_proto_tp,
    &bpf_get_stackid_proto,
    &bpf_get_stackid_proto_pe,
    &bpf_get_stackid_proto_raw_tp,
    &bpf_get_stackid_proto_tp,
    &bpf_get_current_task_proto,
    &bpf_probe_write_user_proto,
    &bpf_probe_read_compat_str_proto,
    &bpf_perf_event_read_value_proto,
    &bpf_perf_prog_read_value_proto,
    &bpf_override_return_proto,
    &bpf_get_stack_proto,
    &bpf_get_stack_proto_pe,
    &bpf_get_stack_proto_raw_tp,
    &bpf_get_stack_proto_tp,
    &bpf_get_stack_sleepable_proto,
    &bpf_send_signal_proto,
    &bpf_probe_read_user_proto,
    &bpf_probe_read_kernel_proto,
    &bpf_probe_read_user_str_proto,
    &bpf_probe_read_kernel_str_proto,
    &bpf_send_signal_thread_proto,
    &bpf_read_branch_records_proto,
    &bpf_seq_printf_proto,
    &bpf_seq_write_proto,
    &bpf_get_task_stack_proto,
    &bpf_get_task_stack_sleepable_proto,
    &bpf_d_path_proto,
    &bpf_snprintf_btf_proto,
    &bpf_seq_printf_btf_proto,
    &bpf_get_current_task_btf_proto,
    &bpf_get_func_ip_proto_kprobe,
    &bpf_get_func_ip_proto_kprobe_multi,
    &bpf_get_func_ip_proto_tracing,
    &bpf_get_func_ip_proto_uprobe_multi,
    &bpf_get_attach_cookie_proto_kmulti,
    &bpf_get_attach_cookie_proto_pe,
    &bpf_get_attach_cookie_proto_trace,
    &bpf_get_attach_cookie_proto_tracing,
    &bpf_get_attach_cookie_proto_umulti,
    &bpf_task_pt_regs_proto,
    &bpf_get_branch_snapshot_proto,
    &bpf_trace_vprintk_proto,
    &bpf_find_vma_proto,
    &bpf_get_func_arg_proto,
    &bpf_get_func_ret_proto,
    &bpf_get_func_arg_cnt_proto,
};

std::span<const HelperProto *const> tracingHelperProtos() {
  return kTracingProtos;
}

} // namespace bpfverify::target::protos
