// Regressions from running the kernel's own verifier selftests (Linux 6.12's
// tools/testing/selftests/bpf/progs/verifier_*.c, scripts/selftests-conformance) against the
// 6.18.44 kernel: each program is a case bpfverify once judged differently, rewritten here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
	__type(key, struct bpf_cgroup_storage_key);
	__type(value, long);
} cg_storage SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jumps SEC(".maps");

SEC("cgroup_skb/ingress")
__description("bpf_get_local_storage with non-zero flags")
__failure __msg("get_local_storage() doesn't support non-zero flags")
int local_storage_flags(struct __sk_buff *skb)
{
	long *v = bpf_get_local_storage(&cg_storage, 7);

	return *v & 1;
}

SEC("cgroup_skb/ingress")
__description("bpf_get_local_storage with flags 0")
__success
int local_storage_no_flags(struct __sk_buff *skb)
{
	long *v = bpf_get_local_storage(&cg_storage, 0);

	return *v & 1;
}

/* LD_ABS may end the program, so the subprogram must return what the program returns. */
__attribute__((naked, noinline, used)) static void ld_abs_void_subprog(void)
{
	asm volatile("r6 = r1;"
		     "r0 = *(u8 *)skb[0];"
		     "r0 = 0;"
		     "exit;" ::: __clobber_all);
}

SEC("socket")
__description("LD_ABS in a subprogram that returns void")
__failure __msg("LD_ABS is only allowed in functions that return 'int'.")
__naked void ld_abs_in_void_subprog(void)
{
	asm volatile("call ld_abs_void_subprog;"
		     "r0 = 0;"
		     "exit;" ::: __clobber_all);
}

SEC("socket")
__description("a map fd written in the program rather than relocated")
__failure __msg("fd 0 is not pointing to valid bpf_map")
__naked void raw_map_fd(void)
{
	asm volatile(".8byte 0x0000000000001118;"
		     ".8byte 0;"
		     "r0 = 0;"
		     "exit;" ::: __clobber_all);
}

SEC("tc")
__description("a tcp_sock view used after its socket is released")
__failure __msg("invalid mem access 'scalar'")
int tcp_sock_after_release(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), -1, 0);
	struct bpf_tcp_sock *tp;

	if (!sk)
		return 0;
	tp = bpf_tcp_sock(sk);
	if (!tp) {
		bpf_sk_release(sk);
		return 0;
	}
	bpf_sk_release(sk);
	return tp->snd_cwnd & 1;
}

__attribute__((noinline)) int global_tail_call(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return 0;
}

SEC("tc")
__description("packet pointers after a global function that tail-calls")
__failure __msg("invalid mem access 'scalar'")
int packet_after_global_tail_call(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	int r;

	if (data + 4 > data_end)
		return 0;
	r = global_tail_call(skb);
	return r + *(volatile char *)data;
}

SEC("socket")
__description("a context pointer moved backwards then read")
__failure __msg("negative offset ctx ptr R1 off=-8 disallowed")
__naked void ctx_negative_offset(void)
{
	asm volatile("r1 += -8;"
		     "r0 = *(u32 *)(r1 + 8);"
		     "exit;" ::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
