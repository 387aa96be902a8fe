// Program types with a struct __sk_buff context: socket filter, tc (sched_cls/sched_act),
// cgroup_skb (ingress/egress), lwt_in/out/xmit/seg6local and sk_skb (stream parser/verdict).
// For each: a realistic accepted program reading its context and calling typical helpers, and
// rejected ones hitting the type's own rules: fields the type refuses, read-only fields,
// direct packet access it forbids (reads or writes), a helper it cannot call, its return range,
// and the NULL check of skb->sk.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bpfverify_expect.h"

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} bytes_by_mark SEC(".maps");

/* ---- socket filter ---- */

SEC("socket")
__description("socket filter: len/protocol/cb, bpf_skb_load_bytes of the IPv4 protocol byte")
__success
int sf_load_bytes(struct __sk_buff *skb)
{
	__u8 proto;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return 0;
	if (bpf_skb_load_bytes(skb, 14 + 9, &proto, 1))
		return 0;
	skb->cb[0] = proto;
	return proto == 6 ? skb->len : 0;
}

SEC("socket")
__description("socket filter: skb->data is not readable (no direct packet access)")
__failure __msg("invalid bpf_context access off=80 size=4")
int sf_read_data(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;

	if (data + 1 > data_end)
		return 0;
	return *(__u8 *)data;
}

SEC("socket")
__description("socket filter: writing skb->mark (only cb[] is writable)")
__failure __msg("invalid bpf_context access off=8 size=4")
int sf_write_mark(struct __sk_buff *skb)
{
	skb->mark = 1;
	return skb->len;
}

SEC("socket")
__description("socket filter: bpf_skb_store_bytes is a tc helper")
__failure __msg("program of this type cannot use helper bpf_skb_store_bytes#9")
int sf_store_bytes(struct __sk_buff *skb)
{
	__u8 zero = 0;

	bpf_skb_store_bytes(skb, 0, &zero, 1, 0);
	return skb->len;
}

/* ---- tc (sched_cls / sched_act) ---- */

SEC("tc")
__description("tc: parse Ethernet+IPv4 with bounds checks, rewrite TOS, set mark and tc_classid")
__success
int tc_rewrite_tos(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	__u32 mark = skb->mark;
	__u64 *n;

	if ((void *)(ip + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	ip->tos = 0x10;
	skb->mark = 42;
	skb->tc_classid = 0x10001;
	skb->priority = 3;
	n = bpf_map_lookup_elem(&bytes_by_mark, &mark);
	if (n)
		__sync_fetch_and_add(n, skb->len);
	return TC_ACT_OK;
}

SEC("tc")
__description("tc: data_meta before data, bpf_skb_store_bytes and bpf_redirect")
__success
int tc_meta_redirect(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *meta = (void *)(long)skb->data_meta;
	__u32 ttl = 64;

	if (meta + 4 <= data && *(__u32 *)meta == 7)
		return TC_ACT_SHOT;
	bpf_skb_store_bytes(skb, 14 + 8, &ttl, 1, BPF_F_RECOMPUTE_CSUM);
	return bpf_redirect(skb->ifindex, 0);
}

SEC("tc")
__description("tc: packet read one byte past the bounds check")
__failure __msg("R2 offset is outside of the packet")
__naked void tc_pkt_off_by_one(void)
{
	asm volatile("r2 = *(u32 *)(r1 + %[data]);"
		     "r3 = *(u32 *)(r1 + %[data_end]);"
		     "r1 = r2;"
		     "r1 += 14;"
		     "if r1 > r3 goto 1f;"
		     "r0 = *(u8 *)(r2 + 14);"
		     "1: r0 = 0;"
		     "exit;"
		     :
		     : [data] "i"(offsetof(struct __sk_buff, data)),
		       [data_end] "i"(offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("tc: skb->len is read-only")
__failure __msg("invalid bpf_context access off=0 size=4")
int tc_write_len(struct __sk_buff *skb)
{
	skb->len = 64;
	return TC_ACT_OK;
}

SEC("tc")
__description("tc: skb->sk checked for NULL, then bpf_sk_fullsock checked too")
__success
int tc_sk_checked(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;

	if (!sk)
		return TC_ACT_OK;
	sk = bpf_sk_fullsock(sk);
	if (!sk)
		return TC_ACT_OK;
	return sk->protocol == 6 ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("tc")
__description("tc: skb->sk dereferenced without the NULL check")
__failure __msg("R1 invalid mem access 'sock_common_or_null'")
__naked void tc_sk_unchecked(void)
{
	asm volatile("r1 = *(u64 *)(r1 + %[sk]);"
		     "r0 = *(u32 *)(r1 + 4);"
		     "exit;"
		     :
		     : [sk] "i"(offsetof(struct __sk_buff, sk))
		     : __clobber_all);
}

SEC("tc")
__description("tc: 8-byte read of the 4-byte skb->data field")
__failure __msg("invalid bpf_context access off=76 size=8")
__naked void tc_data_wide(void)
{
	asm volatile("r0 = *(u64 *)(r1 + %[data]);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : [data] "i"(offsetof(struct __sk_buff, data))
		     : __clobber_all);
}

SEC("action")
__description("tc action: narrow 2-byte read of skb->protocol's low half")
__success
__naked void act_narrow_protocol(void)
{
	asm volatile("r0 = *(u16 *)(r1 + %[protocol]);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : [protocol] "i"(offsetof(struct __sk_buff, protocol))
		     : __clobber_all);
}

/* ---- cgroup_skb ---- */

SEC("cgroup_skb/ingress")
__description("cgroup_skb ingress: read the IPv4 header directly, drop port 23, bpf_skb_cgroup_id")
__success
int cg_ingress_parse(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;
	__u32 key = (__u32)bpf_skb_cgroup_id(skb);
	__u64 *n;

	if ((void *)(ip + 1) > data_end)
		return 1;
	n = bpf_map_lookup_elem(&bytes_by_mark, &key);
	if (n)
		__sync_fetch_and_add(n, skb->len);
	if (ip->protocol == 6) {
		struct tcphdr *tcp = (void *)(ip + 1);

		if ((void *)(tcp + 1) > data_end)
			return 1;
		if (tcp->dest == bpf_htons(23))
			return 0;
	}
	return 1;
}

SEC("cgroup_skb/egress")
__description("cgroup_skb egress: returning 2 (drop + congestion notification) is allowed")
__success
int cg_egress_cn(struct __sk_buff *skb)
{
	return skb->len > 1500 ? 2 : 1;
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb ingress: returning 2 is outside [0, 1]")
__failure __msg("At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
int cg_ingress_ret2(struct __sk_buff *skb)
{
	return 2;
}

SEC("cgroup_skb/egress")
__description("cgroup_skb egress: returning 4 is outside [0, 3]")
__failure __msg("At program exit the register R0 has smin=4 smax=4 should have been in [0, 3]")
int cg_egress_ret4(struct __sk_buff *skb)
{
	return 4;
}

SEC("cgroup_skb/egress")
__description("cgroup_skb: writing into the packet is refused")
__failure __msg("cannot write into packet")
int cg_write_pkt(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;

	if (data + 1 > data_end)
		return 1;
	*(__u8 *)data = 0;
	return 1;
}

SEC("cgroup_skb/ingress")
__description("cgroup_skb: skb->tc_classid is not readable")
__failure __msg("invalid bpf_context access off=72 size=4")
int cg_read_classid(struct __sk_buff *skb)
{
	return skb->tc_classid ? 1 : 0;
}

SEC("cgroup_skb/egress")
__description("cgroup_skb: bpf_redirect is a tc/xdp helper")
__failure __msg("program of this type cannot use helper bpf_redirect#23")
int cg_redirect(struct __sk_buff *skb)
{
	bpf_redirect(1, 0);
	return 1;
}

SEC("cgroup_skb/egress")
__description("cgroup_skb: mark and priority are writable")
__success
int cg_write_mark(struct __sk_buff *skb)
{
	skb->mark = 7;
	skb->priority = 1;
	return 1;
}

/* ---- lwt ---- */

SEC("lwt_in")
__description("lwt_in: read-only direct packet access to the IPv4 header")
__success
int lwt_in_read(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;

	if ((void *)(ip + 1) > data_end)
		return BPF_DROP;
	return ip->ttl > 1 ? BPF_OK : BPF_DROP;
}

SEC("lwt_in")
__description("lwt_in: writing into the packet is refused")
__failure __msg("cannot write into packet")
int lwt_in_write(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;

	if ((void *)(ip + 1) > data_end)
		return BPF_DROP;
	ip->ttl--;
	return BPF_OK;
}

SEC("lwt_out")
__description("lwt_out: skb->data_meta is not readable")
__failure __msg("invalid bpf_context access off=140 size=4")
int lwt_out_meta(struct __sk_buff *skb)
{
	return skb->data_meta ? BPF_OK : BPF_DROP;
}

SEC("lwt_out")
__description("lwt_out: bpf_lwt_push_encap is for lwt_in/lwt_xmit")
__failure __msg("program of this type cannot use helper bpf_lwt_push_encap#73")
int lwt_out_encap(struct __sk_buff *skb)
{
	char hdr[20] = {};

	bpf_lwt_push_encap(skb, BPF_LWT_ENCAP_IP, hdr, sizeof(hdr));
	return BPF_OK;
}

SEC("lwt_out")
__description("lwt_out: skb->mark and priority are writable")
__success
int lwt_out_mark(struct __sk_buff *skb)
{
	skb->mark = skb->len;
	skb->priority = 2;
	return BPF_OK;
}

SEC("lwt_out")
__description("lwt_out: skb->tc_index is read-only (tc may write it)")
__failure __msg("invalid bpf_context access off=44 size=4")
int lwt_out_tc_index(struct __sk_buff *skb)
{
	skb->tc_index = 1;
	return BPF_OK;
}

SEC("lwt_xmit")
__description("lwt_xmit: packet writes, bpf_skb_change_head and cb[] writes")
__success
int lwt_xmit_write(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;

	if ((void *)(ip + 1) > data_end)
		return BPF_DROP;
	ip->tos = 0;
	skb->cb[1] = skb->len;
	if (bpf_skb_change_head(skb, 14, 0))
		return BPF_DROP;
	return BPF_LWT_REROUTE;
}

SEC("lwt_xmit")
__description("lwt_xmit: packet pointer used after bpf_skb_change_head")
__failure __msg("R6 invalid mem access 'scalar'")
int lwt_xmit_stale(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;

	if ((void *)(ip + 1) > data_end)
		return BPF_DROP;
	bpf_skb_change_head(skb, 14, 0);
	return ip->ttl;
}

SEC("lwt_seg6local")
__description("lwt_seg6local: read-only packet access and bpf_lwt_seg6_action")
__success
int seg6_action(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ipv6hdr *ip6 = data;
	int table = 100;

	if ((void *)(ip6 + 1) > data_end)
		return BPF_DROP;
	if (ip6->hop_limit < 2)
		return BPF_DROP;
	bpf_lwt_seg6_action(skb, SEG6_LOCAL_ACTION_END_T, &table, sizeof(table));
	return BPF_REDIRECT;
}

SEC("lwt_seg6local")
__description("lwt_seg6local: bpf_lwt_seg6_action is seg6local's, bpf_skb_store_bytes is not")
__failure __msg("program of this type cannot use helper bpf_skb_store_bytes#9")
int seg6_store(struct __sk_buff *skb)
{
	__u8 zero = 0;

	bpf_skb_store_bytes(skb, 0, &zero, 1, 0);
	return BPF_OK;
}

/* ---- sk_skb ---- */

SEC("sk_skb/stream_parser")
__description("sk_skb stream parser: message length from the first 4 bytes")
__success
int skskb_parser(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;

	if (data + 4 > data_end)
		return skb->len;
	return bpf_ntohl(*(__u32 *)data);
}

SEC("sk_skb/stream_verdict")
__description("sk_skb stream verdict: rewrite the first byte, redirect through a sockmap")
__success
int skskb_verdict(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	__u32 idx = skb->remote_port & 3;

	if (data + 1 > data_end)
		return SK_DROP;
	*(__u8 *)data = 'x';
	return bpf_sk_redirect_map(skb, &socks, idx, 0);
}

SEC("sk_skb/stream_verdict")
__description("sk_skb: skb->tc_classid is not accessible")
__failure __msg("invalid bpf_context access off=72 size=4")
int skskb_classid(struct __sk_buff *skb)
{
	return skb->tc_classid ? SK_PASS : SK_DROP;
}

SEC("sk_skb/stream_verdict")
__description("sk_skb: skb->mark is read-only")
__failure __msg("invalid bpf_context access off=8 size=4")
int skskb_write_mark(struct __sk_buff *skb)
{
	skb->mark = 1;
	return SK_PASS;
}

SEC("sk_skb/stream_verdict")
__description("sk_skb: bpf_redirect is not an sk_skb helper")
__failure __msg("program of this type cannot use helper bpf_redirect#23")
int skskb_redirect(struct __sk_buff *skb)
{
	return bpf_redirect(1, 0);
}

char LICENSE[] SEC("license") = "GPL";
