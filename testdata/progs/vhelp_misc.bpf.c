// Helper family: miscellaneous. bpf_get_numa_node_id, bpf_jiffies64, bpf_get_func_ip and
// bpf_get_attach_cookie (kprobe), bpf_send_signal, bpf_get_current_task,
// bpf_get_current_cgroup_id, bpf_get_ns_current_pid_tgid (a buffer of the size given),
// bpf_override_return (kprobe only), an unknown helper id, bpf_sysctl_get_name /
// bpf_sysctl_get_new_value (cgroup_sysctl), bpf_setsockopt / bpf_getsockopt (sock_ops).
// The GPL-only rule is in vhelp_nongpl.bpf.c (it needs another license).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

SEC("kprobe/do_unlinkat")
__description("numa node, jiffies64, func ip, attach cookie, current task and cgroup id")
__success
int misc_kprobe_ok(struct pt_regs *ctx)
{
	__u64 s = bpf_get_numa_node_id();

	s += bpf_jiffies64();
	s += bpf_get_func_ip(ctx);
	s += bpf_get_attach_cookie(ctx);
	s += bpf_get_current_task();
	s += bpf_get_current_cgroup_id();
	return s & 1;
}

SEC("socket")
__description("get_func_ip is not a socket filter helper")
__failure __msg("program of this type cannot use helper bpf_get_func_ip#173")
__naked void func_ip_socket(void)
{
	asm volatile("call %[bpf_get_func_ip];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_func_ip)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("get_attach_cookie of a stack pointer")
__failure __msg("R1 type=fp expected=ctx")
__naked void attach_cookie_not_ctx(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -8;"
		     "call %[bpf_get_attach_cookie];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_attach_cookie)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("send_signal with a constant signal")
__success
int send_signal_ok(void *ctx)
{
	bpf_send_signal(10);
	bpf_send_signal_thread(10);
	return 0;
}

SEC("tc")
__description("send_signal from tc (6.18 offers it to every type, bpf_base_func_proto)")
__success
int send_signal_tc(struct __sk_buff *skb)
{
	return bpf_send_signal(10);
}

SEC("kprobe/do_unlinkat")
__description("get_ns_current_pid_tgid into a struct bpf_pidns_info")
__success
int ns_pid_ok(void *ctx)
{
	struct bpf_pidns_info ns;

	if (bpf_get_ns_current_pid_tgid(4, 0xeffffffc, &ns, sizeof(ns)))
		return 0;
	return ns.pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("get_ns_current_pid_tgid with 12 bytes into an 8-byte slot")
__failure __msg("invalid write to stack R3 off=-8 size=12")
__naked void ns_pid_too_long(void)
{
	asm volatile("r1 = 4;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 12;"
		     "call %[bpf_get_ns_current_pid_tgid];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_ns_current_pid_tgid)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("override_return in a kprobe (the reference kernel lacks CONFIG_BPF_KPROBE_OVERRIDE)")
__failure __msg("program of this type cannot use helper bpf_override_return#58")
int override_ok(struct pt_regs *ctx)
{
	bpf_override_return(ctx, -1);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("override_return in a tracepoint")
__failure __msg("program of this type cannot use helper bpf_override_return#58")
__naked void override_tracepoint(void)
{
	asm volatile("r2 = -1;"
		     "call %[bpf_override_return];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_override_return)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("call of helper id 999")
__failure __msg("invalid func unknown#999")
__naked void unknown_helper(void)
{
	asm volatile("call 999;"
		     "r0 = 0;"
		     "exit;" ::: __clobber_all);
}

SEC("cgroup/sysctl")
__description("sysctl_get_name and get_new_value into stack buffers")
__success
int sysctl_ok(struct bpf_sysctl *ctx)
{
	char name[32], val[16];

	if (bpf_sysctl_get_name(ctx, name, sizeof(name), BPF_F_SYSCTL_BASE_NAME) < 0)
		return 1;
	if (bpf_sysctl_get_new_value(ctx, val, sizeof(val)) < 0)
		return 1;
	return name[0] != 'x' && val[0] != 'y';
}

SEC("cgroup/sysctl")
__description("sysctl_get_name with 40 bytes into a 32-byte buffer")
__failure __msg("invalid write to stack R2 off=-32 size=40")
__naked void sysctl_name_too_long(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -32;"
		     "r3 = 40;"
		     "r4 = 0;"
		     "call %[bpf_sysctl_get_name];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sysctl_get_name)
		     : __clobber_all);
}

SEC("cgroup/sysctl")
__description("sysctl_get_new_value with a zero length")
__failure __msg("R3 invalid zero-sized read: u64=[0,0]")
__naked void sysctl_value_zero(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -16;"
		     "r3 = 0;"
		     "call %[bpf_sysctl_get_new_value];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sysctl_get_new_value)
		     : __clobber_all);
}

SEC("sockops")
__description("setsockopt / getsockopt with an int option on the stack")
__success
int sockopt_ok(struct bpf_sock_ops *skops)
{
	int v = 1;

	if (skops->op != BPF_SOCK_OPS_TCP_CONNECT_CB)
		return 1;
	bpf_setsockopt(skops, 6 /* SOL_TCP */, 1 /* TCP_NODELAY */, &v, sizeof(v));
	bpf_getsockopt(skops, 6, 1, &v, sizeof(v));
	return v & 1;
}

SEC("sockops")
__description("setsockopt with an 8-byte length on a 4-byte option")
__failure __msg("invalid read from stack R4 off=-4 size=8")
__naked void setsockopt_too_long(void)
{
	asm volatile("r2 = 1;"
		     "*(u32 *)(r10 - 4) = r2;"
		     "r2 = 6;"
		     "r3 = 1;"
		     "r4 = r10;"
		     "r4 += -4;"
		     "r5 = 8;"
		     "call %[bpf_setsockopt];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_setsockopt)
		     : __clobber_all);
}

SEC("sockops")
__description("getsockopt with a stack pointer as the context")
__failure __msg("R1 type=fp expected=ctx")
__naked void getsockopt_not_ctx(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -16;"
		     "r2 = 6;"
		     "r3 = 1;"
		     "r4 = r10;"
		     "r4 += -4;"
		     "r5 = 4;"
		     "call %[bpf_getsockopt];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_getsockopt)
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";
