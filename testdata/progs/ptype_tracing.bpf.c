// Tracing program types with untyped contexts: kprobe (plain, kprobe.multi, uprobe), tracepoint,
// perf_event, raw_tracepoint, raw_tracepoint.w (writable) and syscall. For each: an accepted
// program reading its context and calling typical helpers; rejected ones for the type's rules:
// context writes, offsets and sizes outside the context, helpers of other types
// (bpf_perf_prog_read_value outside perf_event, bpf_get_func_ip outside kprobe, sleepable
// bpf_copy_from_user in a non-sleepable uprobe), the writable raw tracepoint buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 128);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, 127 * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

struct event {
	__u32 pid;
	__u32 uid;
	char comm[16];
	char path[64];
};

/* ---- kprobe ---- */

SEC("kprobe/do_sys_openat2")
__description("kprobe: argument registers, comm/uid, user string, perf event output")
__success
int BPF_KPROBE(kp_openat2, int dfd, const char *filename)
{
	struct event e = {};

	e.pid = bpf_get_current_pid_tgid() >> 32;
	e.uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_probe_read_user_str(e.path, sizeof(e.path), filename);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

SEC("kretprobe/do_sys_openat2")
__description("kretprobe: return value register and a kernel stack id")
__success
int BPF_KRETPROBE(krp_openat2, long ret)
{
	__u32 id;
	__u64 one = 1;

	if (ret >= 0)
		return 0;
	id = bpf_get_stackid(ctx, &stacks, 0);
	bpf_map_update_elem(&hits, &id, &one, BPF_ANY);
	return 0;
}

SEC("kprobe/do_sys_openat2")
__description("kprobe: struct pt_regs is read-only")
__failure __msg("invalid bpf_context access off=80 size=8")
int kp_write_regs(struct pt_regs *ctx)
{
	ctx->ax = 0;
	return 0;
}

SEC("kprobe/do_sys_openat2")
__description("kprobe: a read at the end of struct pt_regs (168 bytes)")
__failure __msg("invalid bpf_context access off=168 size=8")
__naked void kp_past_regs(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 168);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("kprobe/do_sys_openat2")
__description("kprobe: a misaligned 8-byte read of pt_regs")
__failure __msg("invalid bpf_context access off=4 size=8")
__naked void kp_misaligned(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 4);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("kprobe/do_sys_openat2")
__description("kprobe: a 4-byte read of the low half of di (narrow, aligned)")
__success
__naked void kp_narrow_di(void)
{
	asm volatile("r0 = *(u32 *)(r1 + %[di]);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : [di] "i"(offsetof(struct pt_regs, di))
		     : __clobber_all);
}

SEC("kprobe/do_sys_openat2")
__description("kprobe: bpf_perf_prog_read_value is a perf_event helper")
__failure __msg("program of this type cannot use helper bpf_perf_prog_read_value#56")
int kp_perf_read_value(struct pt_regs *ctx)
{
	struct bpf_perf_event_value v;

	bpf_perf_prog_read_value((void *)ctx, &v, sizeof(v));
	return 0;
}

SEC("kprobe.multi/do_sys_openat2")
__description("kprobe.multi: bpf_get_func_ip and bpf_get_attach_cookie")
__success
int kmulti_ip(struct pt_regs *ctx)
{
	__u64 ip = bpf_get_func_ip(ctx);
	__u64 cookie = bpf_get_attach_cookie(ctx);
	__u32 key = (__u32)(ip ^ cookie);
	__u64 one = 1;

	bpf_map_update_elem(&hits, &key, &one, BPF_ANY);
	return 0;
}

SEC("uprobe")
__description("uprobe: argument of a user function, read with bpf_probe_read_user")
__success
int BPF_KPROBE(up_read, const char *buf, long len)
{
	char head[8];

	if (len < 8)
		return 0;
	bpf_probe_read_user(head, sizeof(head), buf);
	return head[0] == 'G';
}

SEC("uprobe")
__description("uprobe: bpf_copy_from_user needs a sleepable (uprobe.s) program")
__failure __msg("helper call might sleep in a non-sleepable prog")
int BPF_KPROBE(up_copy_from_user, const char *buf)
{
	char head[8];

	bpf_copy_from_user(head, sizeof(head), buf);
	return head[0];
}

/* ---- tracepoint ---- */

SEC("tracepoint/syscalls/sys_enter_openat")
__description("tracepoint: syscall arguments from trace_event_raw_sys_enter, a user string")
__success
int tp_openat(struct trace_event_raw_sys_enter *ctx)
{
	char path[64];
	__u32 flags = ctx->args[2];

	bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, path, sizeof(path));
	return flags & 1;
}

SEC("tracepoint/syscalls/sys_enter_openat")
__description("tracepoint: the first 8 bytes (common fields) are not readable")
__failure __msg("invalid bpf_context access off=0 size=8")
__naked void tp_common_fields(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 0);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_openat")
__description("tracepoint: the context is read-only")
__failure __msg("invalid bpf_context access off=16 size=8")
int tp_write(struct trace_event_raw_sys_enter *ctx)
{
	ctx->args[0] = 0;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_openat")
__description("tracepoint: a misaligned 4-byte read")
__failure __msg("invalid bpf_context access off=18 size=4")
__naked void tp_misaligned(void)
{
	asm volatile("r0 = *(u32 *)(r1 + 18);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* ---- perf_event ---- */

SEC("perf_event")
__description("perf_event: sample_period, addr, the sampled regs and bpf_perf_prog_read_value")
__success
int pe_sample(struct bpf_perf_event_data *ctx)
{
	struct bpf_perf_event_value v;
	__u32 key = (__u32)ctx->regs.ip;
	__u64 period = ctx->sample_period;

	if (bpf_perf_prog_read_value(ctx, &v, sizeof(v)))
		return 0;
	period += v.counter + ctx->addr;
	bpf_map_update_elem(&hits, &key, &period, BPF_ANY);
	return 0;
}

SEC("perf_event")
__description("perf_event: a 4-byte narrow read of sample_period")
__success
__naked void pe_narrow_period(void)
{
	asm volatile("r0 = *(u32 *)(r1 + %[sp]);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : [sp] "i"(offsetof(struct bpf_perf_event_data, sample_period))
		     : __clobber_all);
}

SEC("perf_event")
__description("perf_event: the context is read-only")
__failure __msg("invalid bpf_context access off=168 size=8")
int pe_write_period(struct bpf_perf_event_data *ctx)
{
	ctx->sample_period = 1;
	return 0;
}

SEC("perf_event")
__description("perf_event: a read past struct bpf_perf_event_data")
__failure __msg("invalid bpf_context access off=184 size=8")
__naked void pe_past_ctx(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 184);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* ---- raw tracepoint ---- */

SEC("raw_tp/sys_enter")
__description("raw_tp: args[0] (pt_regs *) and args[1] (syscall id), probe-read of a register")
__success
int rtp_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	__u32 id = ctx->args[1];
	__u64 di = 0;

	if (id != 257)
		return 0;
	bpf_probe_read_kernel(&di, sizeof(di), &regs->di);
	bpf_map_update_elem(&hits, &id, &di, BPF_ANY);
	return 0;
}

SEC("raw_tp/sys_enter")
__description("raw_tp: a write to args[1]")
__failure __msg("invalid bpf_context access off=8 size=8")
int rtp_write(struct bpf_raw_tracepoint_args *ctx)
{
	ctx->args[1] = 0;
	return 0;
}

SEC("raw_tp/sys_enter")
__description("raw_tp: bpf_get_func_ip has no function address to give (check_get_func_ip)")
__failure __msg("func bpf_get_func_ip#173 not supported for program type 17")
int rtp_func_ip(struct bpf_raw_tracepoint_args *ctx)
{
	return bpf_get_func_ip(ctx) != 0;
}

SEC("raw_tp.w/bpf_test_finish")
__description("raw_tp.w: args[0] is a writable tracepoint buffer")
__success
__naked void rtpw_write_buf(void)
{
	asm volatile("r1 = *(u64 *)(r1 + 0);"
		     "r2 = *(u32 *)(r1 + 0);"
		     "r2 += 1;"
		     "*(u32 *)(r1 + 4) = r2;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("raw_tp.w/bpf_test_finish")
__description("raw_tp.w: a negative offset into the tracepoint buffer")
__failure __msg("R1 invalid tracepoint buffer access: off=-4, size=4")
__naked void rtpw_negative(void)
{
	asm volatile("r1 = *(u64 *)(r1 + 0);"
		     "r0 = *(u32 *)(r1 - 4);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("raw_tp.w/bpf_test_finish")
__description("raw_tp.w: args[1] is a plain scalar, not a buffer")
__failure __msg("R1 invalid mem access 'scalar'")
__naked void rtpw_arg1_scalar(void)
{
	asm volatile("r1 = *(u64 *)(r1 + 8);"
		     "r0 = *(u32 *)(r1 + 0);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

/* ---- syscall ---- */

struct open_args {
	__u32 max;
	__u32 count;
	char name[16];
};

SEC("syscall")
__description("syscall: reads and writes of the user-supplied context, bpf_get_current_pid_tgid")
__success
int sys_count(struct open_args *args)
{
	if (args->count >= args->max)
		return 1;
	args->count++;
	args->name[0] = 'a';
	return bpf_get_current_pid_tgid() == 0;
}

SEC("syscall")
__description("syscall: the context is not a helper's memory argument (only kfuncs take it)")
__failure __msg("R1 type=ctx expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_")
int sys_ctx_as_mem(struct open_args *args)
{
	return bpf_strncmp(args->name, sizeof(args->name), "bpf") == 0;
}

SEC("syscall")
__description("syscall: a negative context offset")
__failure __msg("invalid bpf_context access off=-8 size=8")
__naked void sys_negative(void)
{
	asm volatile("r0 = *(u64 *)(r1 - 8);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("syscall")
__description("syscall: bpf_skb_load_bytes is a networking helper")
__failure __msg("program of this type cannot use helper bpf_skb_load_bytes#26")
int sys_skb_load(void *ctx)
{
	char buf[4];

	bpf_skb_load_bytes(ctx, 0, buf, sizeof(buf));
	return buf[0];
}

SEC("syscall")
__description("syscall: sleepable, so bpf_copy_from_user is allowed")
__success
int sys_copy_from_user(struct open_args *args)
{
	char buf[8];

	if (bpf_copy_from_user(buf, sizeof(buf), (void *)(long)args->max))
		return 1;
	return buf[0];
}

char LICENSE[] SEC("license") = "GPL";
