// Socket-level program types: sk_msg, sk_reuseport, sk_lookup and flow_dissector.
// For each: an accepted program using its context (sk_msg_md data/data_end and addresses,
// sk_reuseport_md, bpf_sk_lookup with bpf_sk_assign, flow keys) with the typical
// helpers, and rejected ones for the type's rules: read-only contexts, packet writes where only
// reads are allowed, 8-byte-only pointer fields, NULL-unchecked socket pointers, references not
// released, helpers of other types, the return range (sk_lookup).
// netfilter is in ptype_netfilter.bpf.c.
// lirc_mode2 is not here: this machine's kernel has no CONFIG_BPF_LIRC_MODE2.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bpfverify_expect.h"

#define AF_INET 2
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} sock_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} listeners SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} reuse_socks SEC(".maps");

/* ---- sk_msg ---- */

SEC("sk_msg")
__description("sk_msg: peek at the message, cork/apply bytes, redirect through a sockhash")
__success
int msg_redirect(struct sk_msg_md *msg)
{
	void *data = msg->data;
	void *data_end = msg->data_end;
	__u32 key = msg->remote_port ^ msg->local_port;

	if (msg->family != AF_INET)
		return SK_PASS;
	if (data + 4 > data_end) {
		if (bpf_msg_pull_data(msg, 0, 4, 0))
			return SK_PASS;
		data = msg->data;
		data_end = msg->data_end;
		if (data + 4 > data_end)
			return SK_PASS;
	}
	if (*(__u32 *)data == 0)
		return SK_DROP;
	bpf_msg_apply_bytes(msg, msg->size);
	return bpf_msg_redirect_hash(msg, &sock_hash, &key, BPF_F_INGRESS);
}

SEC("sk_msg")
__description("sk_msg: writes to the message data are allowed")
__success
int msg_write_data(struct sk_msg_md *msg)
{
	void *data = msg->data;
	void *data_end = msg->data_end;

	if (data + 1 > data_end)
		return SK_PASS;
	*(__u8 *)data = 'X';
	return SK_PASS;
}

SEC("sk_msg")
__description("sk_msg: an old data pointer used after bpf_msg_pull_data")
__failure __msg("R6 invalid mem access 'scalar'")
int msg_stale_after_pull(struct sk_msg_md *msg)
{
	void *data = msg->data;
	void *data_end = msg->data_end;

	if (data + 1 > data_end)
		return SK_PASS;
	bpf_msg_pull_data(msg, 0, 8, 0);
	return *(__u8 *)data ? SK_PASS : SK_DROP;
}

SEC("sk_msg")
__description("sk_msg: the context fields are read-only")
__failure __msg("invalid bpf_context access off=20 size=4")
int msg_write_port(struct sk_msg_md *msg)
{
	msg->remote_ip4 = 0;
	return SK_PASS;
}

SEC("sk_msg")
__description("sk_msg: a 4-byte read of the 8-byte data pointer")
__failure __msg("invalid bpf_context access off=0 size=4")
__naked void msg_data_narrow(void)
{
	asm volatile("r0 = *(u32 *)(r1 + 0);"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("sk_msg")
__description("sk_msg: msg->sk is a full socket (no NULL check needed)")
__success
int msg_sk_family(struct sk_msg_md *msg)
{
	struct bpf_sock *sk = msg->sk;

	return sk->family == AF_INET ? SK_PASS : SK_DROP;
}

SEC("sk_msg")
__description("sk_msg: bpf_sk_redirect_map is the sk_skb helper")
__failure __msg("program of this type cannot use helper bpf_sk_redirect_map#52")
int msg_sk_redirect(struct sk_msg_md *msg)
{
	return bpf_sk_redirect_map((void *)msg, &listeners, 0, 0);
}

/* ---- sk_reuseport ---- */

SEC("sk_reuseport")
__description("sk_reuseport: pick a socket by hash, read the UDP header and the packet fields")
__success
int reuseport_pick(struct sk_reuseport_md *reuse)
{
	void *data = reuse->data;
	void *data_end = reuse->data_end;
	__u32 idx = reuse->hash & 7;
	struct udphdr *uh = data;

	if (reuse->ip_protocol == 17 && (void *)(uh + 1) <= data_end && uh->dest == bpf_htons(53))
		idx = 0;
	if (reuse->eth_protocol != bpf_htons(ETH_P_IP) || reuse->len < 8)
		return SK_PASS;
	if (bpf_sk_select_reuseport(reuse, &reuse_socks, &idx, 0))
		return SK_DROP;
	return SK_PASS;
}

SEC("sk_reuseport")
__description("sk_reuseport: the packet is read-only")
__failure __msg("cannot write into packet")
int reuseport_write_pkt(struct sk_reuseport_md *reuse)
{
	void *data = reuse->data;
	void *data_end = reuse->data_end;

	if (data + 1 > data_end)
		return SK_PASS;
	*(__u8 *)data = 0;
	return SK_PASS;
}

SEC("sk_reuseport/migrate")
__description("sk_reuseport/migrate: migrating_sk checked for NULL")
__success
int reuseport_migrate(struct sk_reuseport_md *reuse)
{
	struct bpf_sock *msk = reuse->migrating_sk;
	__u32 idx = 1;

	if (!msk)
		return SK_PASS;
	if (msk->state == BPF_TCP_ESTABLISHED)
		bpf_sk_select_reuseport(reuse, &reuse_socks, &idx, 0);
	return SK_PASS;
}

SEC("sk_reuseport/migrate")
__description("sk_reuseport/migrate: migrating_sk without the NULL check")
__failure __msg("R1 invalid mem access 'sock_common_or_null'")
__naked void reuseport_migrate_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[msk]);"
		     "r0 = *(u32 *)(r1 + 4);"
		     "r0 = 1;"
		     "exit;"
		     :
		     : [msk] "i"(offsetof(struct sk_reuseport_md, migrating_sk))
		     : __clobber_all);
}

SEC("sk_reuseport")
__description("sk_reuseport: hash is read-only")
__failure __msg("invalid bpf_context access off=32 size=4")
int reuseport_write_hash(struct sk_reuseport_md *reuse)
{
	reuse->hash = 0;
	return SK_PASS;
}

SEC("sk_reuseport")
__description("sk_reuseport: bpf_skb_load_bytes_relative of the network header")
__success
int reuseport_load_relative(struct sk_reuseport_md *reuse)
{
	__u8 ttl;

	if (bpf_skb_load_bytes_relative(reuse, 8, &ttl, 1, BPF_HDR_START_NET))
		return SK_DROP;
	return ttl ? SK_PASS : SK_DROP;
}

SEC("sk_reuseport")
__description("sk_reuseport: bpf_sk_redirect_map is an sk_skb helper")
__failure __msg("program of this type cannot use helper bpf_sk_redirect_map#52")
int reuseport_sk_redirect(struct sk_reuseport_md *reuse)
{
	return bpf_sk_redirect_map((void *)reuse, &listeners, 0, 0);
}

/* ---- sk_lookup ---- */

SEC("sk_lookup")
__description("sk_lookup: steer TCP port 7..8 to a listener from a sockmap, release it")
__success
int lookup_steer(struct bpf_sk_lookup *ctx)
{
	struct bpf_sock *sk;
	__u32 zero = 0;
	long err;

	if (ctx->protocol != IPPROTO_TCP || ctx->family != AF_INET)
		return SK_PASS;
	if (ctx->local_port < 7 || ctx->local_port > 8)
		return SK_PASS;
	sk = bpf_map_lookup_elem(&listeners, &zero);
	if (!sk)
		return SK_DROP;
	err = bpf_sk_assign(ctx, sk, 0);
	bpf_sk_release(sk);
	return err ? SK_DROP : SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: a socket from the sockmap not released")
__failure __msg("BPF_EXIT instruction in main prog would lead to reference leak")
int lookup_leak(struct bpf_sk_lookup *ctx)
{
	struct bpf_sock *sk;
	__u32 zero = 0;

	sk = bpf_map_lookup_elem(&listeners, &zero);
	if (!sk)
		return SK_DROP;
	bpf_sk_assign(ctx, sk, 0);
	return SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: ctx->sk (the socket already selected) checked for NULL")
__success
int lookup_selected(struct bpf_sk_lookup *ctx)
{
	struct bpf_sock *sk = ctx->sk;

	if (sk && sk->src_port == 22)
		return SK_DROP;
	return SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: ctx->sk without the NULL check")
__failure __msg("R1 invalid mem access 'sock_or_null'")
__naked void lookup_sk_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + 0);"
		     "r0 = *(u32 *)(r1 + 4);"
		     "r0 = 1;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("sk_lookup")
__description("sk_lookup: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int lookup_ret2(struct bpf_sk_lookup *ctx)
{
	return 2;
}

SEC("sk_lookup")
__description("sk_lookup: the context is read-only")
__failure __msg("invalid bpf_context access off=60 size=4")
int lookup_write_port(struct bpf_sk_lookup *ctx)
{
	ctx->local_port = 80;
	return SK_PASS;
}

SEC("sk_lookup")
__description("sk_lookup: a 2-byte read of remote_port (narrow loads allowed)")
__success
__naked void lookup_narrow_port(void)
{
	asm volatile("r0 = *(u16 *)(r1 + %[rp]);"
		     "r0 = 1;"
		     "exit;"
		     :
		     : [rp] "i"(offsetof(struct bpf_sk_lookup, remote_port))
		     : __clobber_all);
}

/* ---- flow_dissector ---- */

SEC("flow_dissector")
__description("flow_dissector: IPv4 addresses and ports into the flow keys")
__success
int dissect_ipv4(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct bpf_flow_keys *keys = skb->flow_keys;
	__u16 nhoff = keys->nhoff;
	struct iphdr *ip;

	if (nhoff > 128)
		return BPF_DROP;
	ip = data + nhoff;
	if ((void *)(ip + 1) > data_end)
		return BPF_DROP;
	keys->addr_proto = ETH_P_IP;
	keys->ipv4_src = ip->saddr;
	keys->ipv4_dst = ip->daddr;
	keys->ip_proto = ip->protocol;
	keys->thoff = keys->nhoff + sizeof(*ip);
	if (ip->protocol == IPPROTO_TCP) {
		struct tcphdr th;

		if (bpf_skb_load_bytes(skb, keys->thoff, &th, sizeof(th)))
			return BPF_DROP;
		keys->sport = th.source;
		keys->dport = th.dest;
	}
	return BPF_OK;
}

SEC("flow_dissector")
__description("flow_dissector: nhoff not bounded: data + [0, 0xffff] + 20 learns no packet range")
__failure __msg("R2 offset is outside of the packet")
int dissect_nhoff_unbounded(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct bpf_flow_keys *keys = skb->flow_keys;
	struct iphdr *ip = data + keys->nhoff;

	if ((void *)(ip + 1) > data_end)
		return BPF_DROP;
	keys->ipv4_src = ip->saddr;
	return BPF_OK;
}

SEC("flow_dissector")
__description("flow_dissector: skb->len is not accessible (only data, data_end, flow_keys)")
__failure __msg("invalid bpf_context access off=0 size=4")
int dissect_len(struct __sk_buff *skb)
{
	return skb->len ? BPF_OK : BPF_DROP;
}

SEC("flow_dissector")
__description("flow_dissector: the packet is read-only")
__failure __msg("cannot write into packet")
int dissect_write_pkt(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;

	if (data + 1 > data_end)
		return BPF_DROP;
	*(__u8 *)data = 0;
	return BPF_OK;
}

SEC("flow_dissector")
__description("flow_dissector: a write past struct bpf_flow_keys")
__failure __msg("invalid access to flow keys off=56 size=4")
__naked void dissect_keys_past(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[fk]);"
		     "r2 = 0;"
		     "*(u32 *)(r1 + 56) = r2;"
		     "r0 = 0;"
		     "exit;"
		     :
		     : [fk] "i"(offsetof(struct __sk_buff, flow_keys))
		     : __clobber_all);
}

SEC("flow_dissector")
__description("flow_dissector: bpf_skb_store_bytes is a tc helper")
__failure __msg("program of this type cannot use helper bpf_skb_store_bytes#9")
int dissect_store(struct __sk_buff *skb)
{
	__u8 zero = 0;

	bpf_skb_store_bytes(skb, 0, &zero, 1, 0);
	return BPF_OK;
}

char LICENSE[] SEC("license") = "GPL";
