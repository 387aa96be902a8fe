// Helper family: sock_ops and cgroup socket hooks. bpf_sock_ops_cb_flags_set, the TCP header
// option helpers (load_hdr_opt into a buffer of the size given; store_hdr_opt changes packet
// data: skb_data pointers checked before it are unusable after it), sk_storage_get on
// sock_ops' NULL-able sk and on a cgroup/sock_create context (bpf_sk_storage_get_cg_sock_proto
// takes the context itself), get_retval / set_retval in cgroup sockopt hooks.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} sks SEC(".maps");

SEC("sockops")
__description("sock_ops: cb_flags_set, load_hdr_opt into 40 bytes, reserve_hdr_opt")
__success
int sockops_hdr_ok(struct bpf_sock_ops *skops)
{
	__u8 opt[40] = { 0xfd };

	if (skops->op == BPF_SOCK_OPS_TCP_CONNECT_CB)
		return bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_PARSE_ALL_HDR_OPT_CB_FLAG) == 0;
	if (skops->op == BPF_SOCK_OPS_HDR_OPT_LEN_CB)
		return bpf_reserve_hdr_opt(skops, 4, 0) == 0;
	return bpf_load_hdr_opt(skops, opt, sizeof(opt), 0) > 0;
}

SEC("sockops")
__description("sock_ops: load_hdr_opt of 48 bytes into a 40-byte buffer")
__failure __msg("invalid write to stack R2 off=-40 size=48")
__naked void sockops_load_hdr_too_long(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 40) = r2;"
		     "r2 = r10;"
		     "r2 += -40;"
		     "r3 = 48;"
		     "r4 = 0;"
		     "call %[bpf_load_hdr_opt];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_load_hdr_opt)
		     : __clobber_all);
}

SEC("sockops")
__description("sock_ops: an skb_data pointer checked before store_hdr_opt, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void sockops_store_hdr_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0x4fd;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = r10;"
		     "r2 += -8;"
		     "r3 = 4;"
		     "r4 = 0;"
		     "call %[bpf_store_hdr_opt];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_store_hdr_opt), __imm_const(data, offsetof(struct bpf_sock_ops, skb_data)),
		       __imm_const(data_end, offsetof(struct bpf_sock_ops, skb_data_end))
		     : __clobber_all);
}

SEC("sockops")
__description("sock_ops: an skb_data pointer checked before load_hdr_opt stays usable")
__success
__naked void sockops_load_hdr_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = 0xfd;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r1 = r6;"
		     "r2 = r10;"
		     "r2 += -8;"
		     "r3 = 8;"
		     "r4 = 0;"
		     "call %[bpf_load_hdr_opt];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_load_hdr_opt), __imm_const(data, offsetof(struct bpf_sock_ops, skb_data)),
		       __imm_const(data_end, offsetof(struct bpf_sock_ops, skb_data_end))
		     : __clobber_all);
}

SEC("sockops")
__description("sock_ops: sk_storage_get on the checked skops->sk")
__success
int sockops_storage_ok(struct bpf_sock_ops *skops)
{
	struct bpf_sock *sk = skops->sk;
	__u64 *v;

	if (!sk)
		return 1;
	v = bpf_sk_storage_get(&sks, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
	if (v)
		*v += 1;
	return 1;
}

SEC("sockops")
__description("sock_ops: sk_storage_get on skops->sk without its NULL check")
__failure __msg("R2 type=sock_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
__naked void sockops_storage_unchecked(void)
{
	asm volatile("r2 = *(u64 *)(r1 + %[sk]);"
		     "r1 = %[sks] ll;"
		     "r3 = 0;"
		     "r4 = 1;"
		     "call %[bpf_sk_storage_get];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sk_storage_get), __imm_addr(sks),
		       __imm_const(sk, offsetof(struct bpf_sock_ops, sk))
		     : __clobber_all);
}

SEC("cgroup/sock_create")
__description("sock_create: sk_storage_get on the context")
__success
int sock_create_storage_ok(struct bpf_sock *ctx)
{
	__u64 *v = bpf_sk_storage_get(&sks, ctx, 0, BPF_SK_STORAGE_GET_F_CREATE);

	if (v)
		*v = 1;
	return 1;
}

SEC("cgroup/sock_create")
__description("sock_create: sk_storage_get on a stack pointer")
__failure __msg("R2 type=fp expected=ctx")
__naked void sock_create_storage_stack(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -8;"
		     "r1 = %[sks] ll;"
		     "r3 = 0;"
		     "r4 = 0;"
		     "call %[bpf_sk_storage_get];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sk_storage_get), __imm_addr(sks)
		     : __clobber_all);
}

SEC("cgroup/getsockopt")
__description("getsockopt hook: get_retval and set_retval")
__success
int getsockopt_retval_ok(struct bpf_sockopt *ctx)
{
	if (bpf_get_retval() < 0)
		bpf_set_retval(0);
	return 1;
}

SEC("sockops")
__description("sock_ops: set_retval is a cgroup hook helper")
__failure __msg("program of this type cannot use helper bpf_set_retval#187")
__naked void sockops_set_retval(void)
{
	asm volatile("r1 = 0;"
		     "call %[bpf_set_retval];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_set_retval)
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";
