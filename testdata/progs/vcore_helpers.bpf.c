// Verifier core: helper calls. Map lookup/update/delete with and without the NULL check,
// bpf_probe_read_kernel into stack buffers (constant, bounded and unbounded sizes),
// bpf_ktime_get_ns, bpf_get_current_pid_tgid, bpf_printk, tail calls through a prog array,
// and bpf_loop with a static callback (its return value range is checked); context bounds of
// raw tracepoints (12 u64 arguments) and kprobes (struct pt_regs).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("hash map lookup, update and delete with the NULL check")
__success
int map_ops_checked(struct pt_regs *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *n;

	n = bpf_map_lookup_elem(&counts, &pid);
	if (n) {
		__sync_fetch_and_add(n, 1);
		if (*n > 100)
			bpf_map_delete_elem(&counts, &pid);
	} else {
		bpf_map_update_elem(&counts, &pid, &one, BPF_NOEXIST);
	}
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("hash map lookup result used without the NULL check")
__failure __msg("R0 invalid mem access 'map_value_or_null'")
__naked void map_lookup_unchecked(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[counts] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = *(u64 *)(r0 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm_addr(counts)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("map update whose key is a scalar, not a pointer")
__failure __msg("R2 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_")
__naked void map_update_scalar_key(void)
{
	asm volatile("r1 = %[counts] ll;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 0;"
		     "call %[bpf_map_update_elem];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_update_elem), __imm_addr(counts)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("map update whose value pointer has 4 of the 8 bytes")
__failure __msg("invalid read from stack R3 off=-4 size=8")
__naked void map_update_short_value(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r1 = %[counts] ll;"
		     "r2 = r10;"
		     "r2 += -8;"
		     "r3 = r10;"
		     "r3 += -4;"
		     "r4 = 0;"
		     "call %[bpf_map_update_elem];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_update_elem), __imm_addr(counts)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("bpf_probe_read_kernel of 16 bytes into a 16-byte stack buffer")
__success
int probe_read_fits(struct pt_regs *ctx)
{
	char buf[16];

	bpf_probe_read_kernel(buf, sizeof(buf), (void *)PT_REGS_PARM1(ctx));
	return buf[0] + buf[15];
}

SEC("kprobe/do_unlinkat")
__description("bpf_probe_read_kernel of 17 bytes into a 16-byte stack buffer")
__failure __msg("invalid write to stack R1 off=-16 size=17")
__naked void probe_read_one_too_many(void)
{
	asm volatile("r3 = *(u64 *)(r1 + %[di]);"
		     "r1 = r10;"
		     "r1 += -16;"
		     "r2 = 17;"
		     "call %[bpf_probe_read_kernel];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_probe_read_kernel), __imm_const(di, offsetof(struct pt_regs, di))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("bpf_probe_read_kernel with a size bounded to [0,16]")
__success
__naked void probe_read_bounded_size(void)
{
	asm volatile("r6 = r1;"
		     "call %[bpf_get_prandom_u32];"
		     "r2 = r0;"
		     "if r2 > 16 goto l0_%=;"
		     "r3 = *(u64 *)(r6 + %[di]);"
		     "r1 = r10;"
		     "r1 += -16;"
		     "call %[bpf_probe_read_kernel];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_probe_read_kernel), __imm(bpf_get_prandom_u32),
		       __imm_const(di, offsetof(struct pt_regs, di))
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("bpf_probe_read_kernel with an unbounded size")
__failure __msg("R2 min value is negative, either use unsigned or 'var &= const'")
__naked void probe_read_unbounded_size(void)
{
	asm volatile("r6 = r1;"
		     "call %[bpf_get_prandom_u32];"
		     "r2 = r0;"
		     "r3 = *(u64 *)(r6 + %[di]);"
		     "r1 = r10;"
		     "r1 += -16;"
		     "call %[bpf_probe_read_kernel];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_probe_read_kernel), __imm(bpf_get_prandom_u32),
		       __imm_const(di, offsetof(struct pt_regs, di))
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("bpf_ktime_get_ns, bpf_get_current_pid_tgid and bpf_printk")
__success
int time_pid_printk(void *ctx)
{
	__u64 t = bpf_ktime_get_ns();
	__u64 id = bpf_get_current_pid_tgid();

	bpf_printk("unlink by %u at %llu", (__u32)(id >> 32), t);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("bpf_trace_printk with an unterminated format: only checked at run time")
__success
__naked void printk_unterminated(void)
{
	asm volatile("r1 = 0x6868686868686868 ll;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r1 = r10;"
		     "r1 += -8;"
		     "r2 = 8;"
		     "call %[bpf_trace_printk];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_trace_printk)
		     : __clobber_all);
}

SEC("tc")
__description("tail call through a prog array")
__success
int tail_call_ok(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, skb->mark & 3);
	return 0;
}

SEC("tc")
__description("tail call through a hash map")
__failure __msg("expected prog array map for tail call")
__naked void tail_call_wrong_map(void)
{
	asm volatile("r2 = %[counts] ll;"
		     "r3 = 0;"
		     "call %[bpf_tail_call];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_tail_call), __imm_addr(counts)
		     : __clobber_all);
}

struct loop_ctx {
	__u64 sum;
	__u32 limit;
};

static int add_index(__u32 index, void *data)
{
	struct loop_ctx *c = data;

	c->sum += index;
	return c->sum > c->limit ? 1 : 0;
}

SEC("xdp")
__description("bpf_loop with a static callback updating the caller's stack")
__success
int loop_callback(struct xdp_md *ctx)
{
	struct loop_ctx c = {.sum = 0, .limit = ctx->ingress_ifindex};

	bpf_loop(100, add_index, &c, 0);
	return c.sum > 1000 ? XDP_DROP : XDP_PASS;
}

/* A bpf_loop callback must return 0 or 1. */
static int returns_two(__u32 index, void *data)
{
	return 2;
}

SEC("xdp")
__description("bpf_loop callback returning 2")
__failure __msg("At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]")
int loop_callback_bad_return(struct xdp_md *ctx)
{
	bpf_loop(10, returns_two, 0, 0);
	return XDP_PASS;
}

SEC("xdp")
__description("an sk_buff helper from an XDP program")
__failure __msg("program of this type cannot use helper bpf_skb_load_bytes#26")
__naked void xdp_skb_helper(void)
{
	asm volatile("r2 = 0;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 4;"
		     "call %[bpf_skb_load_bytes];"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_skb_load_bytes)
		     : __clobber_all);
}

SEC("raw_tracepoint/sys_enter")
__description("raw tracepoint reading its first two u64 arguments, then a kernel read through one")
__success
int raw_tp_args(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long id = ctx->args[1], di = 0;

	bpf_probe_read_kernel(&di, sizeof(di), &regs->di);
	return id == 87 && di != 0;
}

SEC("raw_tracepoint/sys_enter")
__description("raw tracepoint reading args[12]: past the 12 arguments a context can hold")
__failure __msg("invalid bpf_context access off=96 size=8")
__naked void raw_tp_arg_out_of_range(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 96);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("kprobe reading one byte past struct pt_regs")
__failure __msg("invalid bpf_context access off=168 size=8")
__naked void kprobe_ctx_past_regs(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 168);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb returning 1")
__success
__naked void cgroup_skb_ret_1(void)
{
	asm volatile("r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb returning 2: outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
__naked void cgroup_skb_ret_2(void)
{
	asm volatile("r0 = 2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb returning an unknown value")
__failure __msg("At program exit the register R0 has unknown scalar value should have been in [0, 1]")
__naked void cgroup_skb_ret_unknown(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32)
		     : __clobber_all);
}

SEC("socket")
__description("a socket filter returning a pointer")
__success
__naked void return_pointer(void)
{
	asm volatile("r0 = r1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("exit without setting R0")
__failure __msg("R0 !read_ok")
__naked void return_unset(void)
{
	asm volatile("exit;" ::: __clobber_all);
}

SEC("socket")
__description("AND on a context pointer")
__failure __msg("R1 bitwise operator &= on pointer prohibited")
__naked void ctx_pointer_and(void)
{
	asm volatile("r1 &= 0xff;"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("socket")
__description("arithmetic on the context pointer, then a context load")
__failure __msg("dereference of modified ctx ptr R1 off=8 disallowed")
__naked void ctx_pointer_moved(void)
{
	asm volatile("r1 += 8;"
		     "r0 = *(u32 *)(r1 + 0);"
		     "r0 = 0;"
		     "exit;" ::
			     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";
