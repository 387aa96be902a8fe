// Helper family: perf events and stacks. bpf_perf_event_output (a perf event array is required;
// the data pointer and its size must match), bpf_get_stackid (a stack trace map),
// bpf_get_stack (its return value is at most the buffer size, do_refine_retval_range(), and may
// be negative: usable as a length only after a check), bpf_perf_event_read_value (a perf event
// array and a buffer of the size given).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pe SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 64);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, 16 * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("perf_event_output of a 16-byte stack record")
__success
int perf_output_ok(struct pt_regs *ctx)
{
	struct {
		__u64 pid;
		__u64 t;
	} rec = { bpf_get_current_pid_tgid(), bpf_ktime_get_ns() };

	bpf_perf_event_output(ctx, &pe, BPF_F_CURRENT_CPU, &rec, sizeof(rec));
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("perf_event_output into an array map")
__failure __msg("cannot pass map_type 2 into func bpf_perf_event_output#25")
int perf_output_array(struct pt_regs *ctx)
{
	__u64 v = 1;

	bpf_perf_event_output(ctx, &arr, BPF_F_CURRENT_CPU, &v, sizeof(v));
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("perf_event_output of 24 bytes from a 16-byte record")
__failure __msg("invalid read from stack R4 off=-16 size=24")
__naked void perf_output_too_long(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = %[pe] ll;"
		     "r3 = 0xffffffff ll;"
		     "r4 = r10;"
		     "r4 += -16;"
		     "r5 = 24;"
		     "call %[bpf_perf_event_output];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_perf_event_output), __imm_addr(pe)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("get_stackid with a stack trace map")
__success
int stackid_ok(struct pt_regs *ctx)
{
	return bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK) < 0;
}

SEC("kprobe/do_unlinkat")
__description("get_stackid with an array map")
__failure __msg("cannot pass map_type 2 into func bpf_get_stackid#27")
int stackid_array(struct pt_regs *ctx)
{
	return bpf_get_stackid(ctx, &arr, 0) < 0;
}

SEC("kprobe/do_unlinkat")
__description("lookup in a stack trace map")
__failure __msg("cannot pass map_type 7 into func bpf_map_lookup_elem#1")
int stack_map_lookup(struct pt_regs *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&stacks, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("get_stack: return value checked > 0 used as the output length")
__success
__naked void get_stack_len_checked(void)
{
	asm volatile("r6 = r1;"
		     "r2 = r10;"
		     "r2 += -64;"
		     "r3 = 64;"
		     "r4 = 0;"
		     "call %[bpf_get_stack];"
		     "if r0 s<= 0 goto l0_%=;"
		     "r5 = r0;"
		     "r1 = r6;"
		     "r2 = %[pe] ll;"
		     "r3 = 0xffffffff ll;"
		     "r4 = r10;"
		     "r4 += -64;"
		     "call %[bpf_perf_event_output];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_stack), __imm(bpf_perf_event_output), __imm_addr(pe)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("get_stack: return value used as a length without the sign check")
__failure __msg("R5 min value is negative, either use unsigned or 'var &= const'")
__naked void get_stack_len_unchecked(void)
{
	asm volatile("r6 = r1;"
		     "r2 = r10;"
		     "r2 += -64;"
		     "r3 = 64;"
		     "r4 = 0;"
		     "call %[bpf_get_stack];"
		     "r5 = r0;"
		     "r1 = r6;"
		     "r2 = %[pe] ll;"
		     "r3 = 0xffffffff ll;"
		     "r4 = r10;"
		     "r4 += -64;"
		     "call %[bpf_perf_event_output];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_stack), __imm(bpf_perf_event_output), __imm_addr(pe)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("get_stack: return value plus 8 used as a length (may pass the 64-byte buffer)")
__failure __msg("invalid read from stack R4 off=-64 size=72")
__naked void get_stack_len_plus8(void)
{
	asm volatile("r6 = r1;"
		     "r2 = r10;"
		     "r2 += -64;"
		     "r3 = 64;"
		     "r4 = 0;"
		     "call %[bpf_get_stack];"
		     "if r0 s<= 0 goto l0_%=;"
		     "r5 = r0;"
		     "r5 += 8;"
		     "r1 = r6;"
		     "r2 = %[pe] ll;"
		     "r3 = 0xffffffff ll;"
		     "r4 = r10;"
		     "r4 += -64;"
		     "call %[bpf_perf_event_output];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_stack), __imm(bpf_perf_event_output), __imm_addr(pe)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("get_stack: 72 bytes into a 64-byte buffer")
__failure __msg("invalid write to stack R2 off=-64 size=72")
__naked void get_stack_too_long(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -64;"
		     "r3 = 72;"
		     "r4 = 0;"
		     "call %[bpf_get_stack];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_stack)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("perf_event_read_value into a struct bpf_perf_event_value")
__success
int read_value_ok(struct pt_regs *ctx)
{
	struct bpf_perf_event_value v;

	if (bpf_perf_event_read_value(&pe, BPF_F_CURRENT_CPU, &v, sizeof(v)))
		return 0;
	return v.counter & 1;
}

SEC("kprobe/do_unlinkat")
__description("perf_event_read_value with an array map")
__failure __msg("cannot pass map_type 2 into func bpf_perf_event_read_value#55")
int read_value_array(struct pt_regs *ctx)
{
	struct bpf_perf_event_value v;

	if (bpf_perf_event_read_value(&arr, BPF_F_CURRENT_CPU, &v, sizeof(v)))
		return 0;
	return v.counter & 1;
}

SEC("kprobe/do_unlinkat")
__description("perf_event_read_value with a 32-byte size on a 24-byte buffer")
__failure __msg("invalid write to stack R3 off=-24 size=32")
__naked void read_value_too_long(void)
{
	asm volatile("r1 = %[pe] ll;"
		     "r2 = 0xffffffff ll;"
		     "r3 = r10;"
		     "r3 += -24;"
		     "r4 = 32;"
		     "call %[bpf_perf_event_read_value];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_perf_event_read_value), __imm_addr(pe)
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";
