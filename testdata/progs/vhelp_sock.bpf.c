// Helper family: sockets. bpf_sk_fullsock and bpf_tcp_sock (sock_common in, a NULL-able sock /
// tcp_sock out), bpf_get_listener_sock, bpf_sk_assign in sk_lookup (a sockmap lookup result,
// NULL allowed) and in tc (a sock_common from bpf_skc_lookup_tcp), bpf_sk_select_reuseport (a
// reuseport sockarray / sockmap / sockhash only), bpf_skc_to_tcp_sock (a BTF pointer result),
// bpf_get_socket_cookie of the context.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} reuse SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} h SEC(".maps");

SEC("cgroup_skb/egress")
__description("sk_fullsock and tcp_sock with their NULL checks")
__success
int fullsock_tcp_sock_ok(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	struct bpf_tcp_sock *tp;

	if (!sk)
		return 1;
	sk = bpf_sk_fullsock(sk);
	if (!sk)
		return 1;
	if (sk->protocol != IPPROTO_TCP)
		return 1;
	tp = bpf_tcp_sock(sk);
	if (!tp)
		return 1;
	return tp->snd_cwnd > 10;
}

SEC("cgroup_skb/egress")
__description("sk_fullsock result read without its NULL check")
__failure __msg("R0 invalid mem access 'sock_or_null'")
__naked void fullsock_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[sk]);"
		     "if r1 == 0 goto l0_%=;"
		     "call %[bpf_sk_fullsock];"
		     "r0 = *(u32 *)(r0 + %[protocol]);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sk_fullsock), __imm_const(sk, offsetof(struct __sk_buff, sk)),
		       __imm_const(protocol, offsetof(struct bpf_sock, protocol))
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("sk_fullsock of skb->sk without its NULL check")
__failure __msg("R1 type=sock_common_or_null expected=sock_common, sock, tcp_sock, xdp_sock")
__naked void fullsock_arg_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[sk]);"
		     "call %[bpf_sk_fullsock];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sk_fullsock), __imm_const(sk, offsetof(struct __sk_buff, sk))
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("tcp_sock result read without its NULL check")
__failure __msg("R0 invalid mem access 'tcp_sock_or_null'")
__naked void tcp_sock_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[sk]);"
		     "if r1 == 0 goto l0_%=;"
		     "call %[bpf_tcp_sock];"
		     "r0 = *(u32 *)(r0 + %[cwnd]);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_tcp_sock), __imm_const(sk, offsetof(struct __sk_buff, sk)),
		       __imm_const(cwnd, offsetof(struct bpf_tcp_sock, snd_cwnd))
		     : __clobber_all);
}

SEC("tc")
__description("get_listener_sock of a checked skb->sk")
__success
int listener_ok(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;

	if (!sk)
		return 0;
	sk = bpf_get_listener_sock(sk);
	if (!sk)
		return 0;
	return sk->src_port == 80;
}

SEC("tc")
__description("get_listener_sock of a stack pointer")
__failure __msg("R1 type=fp expected=sock_common, sock, tcp_sock, xdp_sock")
__naked void listener_stack(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -8;"
		     "call %[bpf_get_listener_sock];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_listener_sock)
		     : __clobber_all);
}

SEC("sk_lookup")
__description("sk_lookup: sk_assign of a sockmap socket, then released")
__success
int sk_lookup_assign_ok(struct bpf_sk_lookup *ctx)
{
	__u32 k = 0;
	struct bpf_sock *sk;
	long err;

	sk = bpf_map_lookup_elem(&socks, &k);
	if (!sk)
		return SK_PASS;
	err = bpf_sk_assign(ctx, sk, 0);
	bpf_sk_release(sk);
	return err ? SK_DROP : SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: sk_assign of NULL (allowed: ARG_PTR_TO_SOCKET_OR_NULL)")
__success
int sk_lookup_assign_null(struct bpf_sk_lookup *ctx)
{
	return bpf_sk_assign(ctx, 0, BPF_SK_LOOKUP_F_NO_REUSEPORT) ? SK_DROP : SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: sk_assign of a sockmap socket never released")
__failure __msg("Unreleased reference id=2 alloc_insn=7")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int sk_lookup_assign_leak(struct bpf_sk_lookup *ctx)
{
	__u32 k = 0;
	struct bpf_sock *sk;

	sk = bpf_map_lookup_elem(&socks, &k);
	if (!sk)
		return SK_PASS;
	return bpf_sk_assign(ctx, sk, 0) ? SK_DROP : SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: sk_assign of a map value pointer")
__failure __msg("R2 type=map_value expected=sock")
__naked void sk_lookup_assign_value(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[h] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = r0;"
		     "r3 = 0;"
		     "call %[bpf_sk_assign];"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_sk_assign), __imm_addr(h)
		     : __clobber_all);
}

SEC("tc")
__description("tc: sk_assign of a skc_lookup_tcp result, released")
__success
int tc_assign_ok(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;
	long err;

	sk = bpf_skc_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return 0;
	err = bpf_sk_assign(skb, sk, 0);
	bpf_sk_release(sk);
	return err != 0;
}

SEC("tc")
__description("tc: sk_assign of NULL (ARG_PTR_TO_BTF_ID_SOCK_COMMON is not NULL-able)")
__failure __msg("R2 type=scalar expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
__naked void tc_assign_null(void)
{
	asm volatile("r2 = 0;"
		     "r3 = 0;"
		     "call %[bpf_sk_assign];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_sk_assign)
		     : __clobber_all);
}

SEC("sk_reuseport")
__description("sk_select_reuseport with a reuseport sockarray and a sockmap")
__success
int select_reuseport_ok(struct sk_reuseport_md *md)
{
	__u32 k = md->hash & 3;

	if (bpf_sk_select_reuseport(md, &reuse, &k, 0) == 0)
		return SK_PASS;
	return bpf_sk_select_reuseport(md, &socks, &k, 0) == 0 ? SK_PASS : SK_DROP;
}

SEC("sk_reuseport")
__description("sk_select_reuseport with a hash map")
__failure __msg("cannot pass map_type 1 into func bpf_sk_select_reuseport#82")
int select_reuseport_hash(struct sk_reuseport_md *md)
{
	__u32 k = 0;

	return bpf_sk_select_reuseport(md, &h, &k, 0) == 0 ? SK_PASS : SK_DROP;
}

SEC("tc")
__description("skc_to_tcp_sock of skb->sk, result checked")
__success
int skc_to_tcp_ok(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	struct tcp_sock *tp;

	if (!sk)
		return 0;
	tp = bpf_skc_to_tcp_sock(sk);
	if (!tp)
		return 0;
	return tp->srtt_us > 1000;
}

SEC("tc")
__description("skc_to_tcp_sock of skb->sk without its NULL check")
__failure __msg("R1 type=sock_common_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
__naked void skc_to_tcp_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[sk]);"
		     "call %[bpf_skc_to_tcp_sock];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skc_to_tcp_sock), __imm_const(sk, offsetof(struct __sk_buff, sk))
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("get_socket_cookie of the context")
__success
int socket_cookie_ok(struct __sk_buff *skb)
{
	return bpf_get_socket_cookie(skb) != 0;
}

SEC("cgroup_skb/egress")
__description("get_socket_cookie of a context pointer moved by 4")
__failure __msg("dereference of modified ctx ptr R1 off=4 disallowed")
__naked void socket_cookie_moved_ctx(void)
{
	asm volatile("r1 += 4;"
		     "call %[bpf_get_socket_cookie];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_get_socket_cookie)
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";
