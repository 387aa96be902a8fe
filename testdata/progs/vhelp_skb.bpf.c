// Helper family: the other skb and socket-address helpers, by program type. Hash and cgroup ids,
// tunnel keys (the size argument is checked against the buffer, the helper accepts several
// sizes at run time), bpf_fib_lookup (a fixed-size params struct on the stack), bpf_check_mtu
// (an aligned 4-byte mtu slot), syncookies (sizes), bpf_skb_ecn_set_ce, bpf_bind and the
// netns cookie of cgroup_sock_addr, bpf_skb_load_bytes_relative in cgroup_skb, flow dissector
// and sk_skb / sk_msg data helpers (sk_msg changers invalidate msg data pointers).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bpfverify_expect.h"

SEC("tc")
__description("tc: hash, cgroup ids, classid, realm, socket uid, ecn, set_hash")
__success
int tc_ids_ok(struct __sk_buff *skb)
{
	__u64 s = bpf_get_hash_recalc(skb);

	s += bpf_skb_cgroup_id(skb);
	s += bpf_skb_ancestor_cgroup_id(skb, 1);
	s += bpf_get_cgroup_classid(skb);
	s += bpf_get_route_realm(skb);
	s += bpf_get_socket_uid(skb);
	s += bpf_skb_ecn_set_ce(skb);
	s += bpf_set_hash(skb, 7);
	s += bpf_get_netns_cookie(skb);
	return s & 1;
}

SEC("tc")
__description("tc: skb_get_tunnel_key into a struct bpf_tunnel_key")
__success
int tunnel_key_ok(struct __sk_buff *skb)
{
	struct bpf_tunnel_key key;

	if (bpf_skb_get_tunnel_key(skb, &key, sizeof(key), 0))
		return 0;
	key.tunnel_ttl = 64;
	return bpf_skb_set_tunnel_key(skb, &key, sizeof(key), BPF_F_ZERO_CSUM_TX);
}

SEC("tc")
__description("tc: skb_get_tunnel_key with a size past the buffer")
__failure __msg("invalid write to stack R2 off=-16 size=44")
__naked void tunnel_key_too_long(void)
{
	asm volatile("r2 = r10;"
		     "r2 += -16;"
		     "r3 = 44;"
		     "r4 = 0;"
		     "call %[bpf_skb_get_tunnel_key];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_get_tunnel_key)
		     : __clobber_all);
}

SEC("tc")
__description("tc: fib_lookup with a struct bpf_fib_lookup on the stack")
__success
int fib_lookup_ok(struct __sk_buff *skb)
{
	struct bpf_fib_lookup p = {};

	p.family = 2;
	p.ifindex = skb->ifindex;
	return bpf_fib_lookup(skb, &p, sizeof(p), 0) == 0;
}

SEC("tc")
__description("tc: fib_lookup with a 16-byte params buffer (plen is checked at run time)")
__success
__naked void fib_lookup_short(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 16;"
		     "r4 = 0;"
		     "call %[bpf_fib_lookup];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_fib_lookup)
		     : __clobber_all);
}

SEC("tc")
__description("tc: check_mtu with an aligned 4-byte mtu slot")
__success
int check_mtu_ok(struct __sk_buff *skb)
{
	__u32 mtu = 0;

	if (bpf_check_mtu(skb, 0, &mtu, 0, 0))
		return 0;
	return mtu > 1500;
}

SEC("tc")
__description("tc: check_mtu with a 2-byte mtu slot")
__failure __msg("invalid write to stack R3 off=-2 size=4")
__naked void check_mtu_short(void)
{
	asm volatile("r2 = 0;"
		     "r3 = r10;"
		     "r3 += -2;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_check_mtu];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_check_mtu)
		     : __clobber_all);
}

SEC("xdp")
__description("xdp: tcp_gen_syncookie of packet headers checked for 60 bytes")
__success
int xdp_syncookie_ok(struct xdp_md *xdp)
{
	void *data = (void *)(long)xdp->data;
	void *data_end = (void *)(long)xdp->data_end;
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk;
	__s64 c;

	if (data + 74 > data_end)
		return XDP_DROP;
	sk = bpf_skc_lookup_tcp(xdp, &t, sizeof(t.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return XDP_PASS;
	c = bpf_tcp_gen_syncookie(sk, data + 14, 20, data + 34, 40);
	bpf_sk_release(sk);
	return c > 0 ? XDP_TX : XDP_PASS;
}

SEC("xdp")
__description("xdp: tcp_gen_syncookie with a th_len past the checked packet")
__failure __msg("R4 offset is outside of the packet")
int xdp_syncookie_short(struct xdp_md *xdp)
{
	void *data = (void *)(long)xdp->data;
	void *data_end = (void *)(long)xdp->data_end;
	struct bpf_sock_tuple t = {};
	struct bpf_sock *sk;
	__s64 c;

	if (data + 60 > data_end)
		return XDP_DROP;
	sk = bpf_skc_lookup_tcp(xdp, &t, sizeof(t.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return XDP_PASS;
	c = bpf_tcp_gen_syncookie(sk, data + 14, 20, data + 34, 40);
	bpf_sk_release(sk);
	return c > 0 ? XDP_TX : XDP_PASS;
}

SEC("xdp")
__description("xdp: buffer length, fib_lookup of the xdp context")
__success
int xdp_misc_ok(struct xdp_md *xdp)
{
	struct bpf_fib_lookup p = {};

	p.family = 10;
	p.ifindex = xdp->ingress_ifindex;
	return (bpf_xdp_get_buff_len(xdp) + bpf_fib_lookup(xdp, &p, sizeof(p), 0)) & 1;
}

SEC("cgroup/connect4")
__description("connect4: bpf_bind to a sockaddr_in on the stack, netns cookie")
__success
int connect4_bind_ok(struct bpf_sock_addr *ctx)
{
	struct sockaddr_in sa = {};

	sa.sin_family = 2;
	bpf_bind(ctx, (struct sockaddr *)&sa, sizeof(sa));
	return bpf_get_netns_cookie(ctx) != 0;
}

SEC("cgroup/connect4")
__description("connect4: bpf_bind with a length past the sockaddr")
__failure __msg("invalid read from stack R2 off=-16 size=28")
__naked void connect4_bind_too_long(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 28;"
		     "call %[bpf_bind];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_bind)
		     : __clobber_all);
}

SEC("cgroup/sendmsg4")
__description("sendmsg4: bpf_bind is not a sendmsg helper")
__failure __msg("program of this type cannot use helper bpf_bind#64")
__naked void sendmsg4_bind(void)
{
	asm volatile("r2 = 0;"
		     "r3 = 0;"
		     "call %[bpf_bind];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_bind)
		     : __clobber_all);
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb: skb_load_bytes_relative from the network header")
__success
int cg_load_relative_ok(struct __sk_buff *skb)
{
	__u8 ip[20];

	if (bpf_skb_load_bytes_relative(skb, 0, ip, sizeof(ip), BPF_HDR_START_NET))
		return 1;
	return ip[9] != 6;
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb: skb_store_bytes is not a cgroup_skb helper")
__failure __msg("program of this type cannot use helper bpf_skb_store_bytes#9")
__naked void cg_store_bytes(void)
{
	asm volatile("r2 = 0;"
		     "r3 = 0;"
		     "r4 = 0;"
		     "r5 = 0;"
		     "call %[bpf_skb_store_bytes];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_skb_store_bytes)
		     : __clobber_all);
}

SEC("flow_dissector")
__description("flow_dissector: skb_load_bytes of 14 bytes")
__success
int flow_load_ok(struct __sk_buff *skb)
{
	__u8 eth[14];

	if (bpf_skb_load_bytes(skb, 0, eth, sizeof(eth)))
		return BPF_DROP;
	return eth[12] == 8 ? BPF_OK : BPF_DROP;
}

SEC("sk_skb/stream_parser")
__description("sk_skb: pull_data and change_tail, data pointers derived again")
__success
int sk_skb_change_ok(struct __sk_buff *skb)
{
	void *data, *data_end;

	bpf_skb_pull_data(skb, 8);
	bpf_skb_change_tail(skb, skb->len + 8, 0);
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	if (data + 1 > data_end)
		return 0;
	return *(__u8 *)data;
}

SEC("sk_msg")
__description("sk_msg: msg_pull_data then msg data derived again")
__success
int sk_msg_pull_ok(struct sk_msg_md *msg)
{
	void *data, *data_end;

	if (bpf_msg_pull_data(msg, 0, 8, 0))
		return SK_PASS;
	data = msg->data;
	data_end = msg->data_end;
	if (data + 1 > data_end)
		return SK_PASS;
	return *(__u8 *)data ? SK_PASS : SK_DROP;
}

SEC("sk_msg")
__description("sk_msg: a data pointer checked before msg_push_data, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void sk_msg_push_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "r3 = 4;"
		     "r4 = 0;"
		     "call %[bpf_msg_push_data];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_msg_push_data), __imm_const(data, offsetof(struct sk_msg_md, data)),
		       __imm_const(data_end, offsetof(struct sk_msg_md, data_end))
		     : __clobber_all);
}

SEC("sk_msg")
__description("sk_msg: msg_apply_bytes / cork_bytes keep data pointers")
__success
__naked void sk_msg_apply_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 4;"
		     "call %[bpf_msg_apply_bytes];"
		     "r1 = r6;"
		     "r2 = 4;"
		     "call %[bpf_msg_cork_bytes];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_msg_apply_bytes), __imm(bpf_msg_cork_bytes),
		       __imm_const(data, offsetof(struct sk_msg_md, data)),
		       __imm_const(data_end, offsetof(struct sk_msg_md, data_end))
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";
