// Helper family: redirects. bpf_redirect (tc and xdp), bpf_redirect_map through a devmap, an
// xskmap and a cpumap (xdp only; any other map type is refused by
// check_map_func_compatibility(), and the redirect maps refuse the helpers they do not list),
// bpf_clone_redirect (tc only, the context as first argument).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} devs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} xsks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CPUMAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct bpf_cpumap_val);
} cpus SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} ifindexes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} sockmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} sockhash SEC(".maps");

SEC("xdp")
__description("xdp: bpf_redirect to an ifindex")
__success
int xdp_redirect_ifindex(struct xdp_md *xdp)
{
	return bpf_redirect(xdp->ingress_ifindex, 0);
}

SEC("tc")
__description("tc: bpf_redirect to an ifindex (egress)")
__success
int tc_redirect_ifindex(struct __sk_buff *skb)
{
	return bpf_redirect(skb->ifindex, 0);
}

SEC("xdp")
__description("xdp: bpf_redirect_map through a devmap, an xskmap and a cpumap")
__success
int xdp_redirect_maps(struct xdp_md *xdp)
{
	__u32 q = xdp->rx_queue_index;

	if (q == 0)
		return bpf_redirect_map(&devs, 1, XDP_PASS);
	if (q == 1)
		return bpf_redirect_map(&xsks, q, XDP_DROP);
	return bpf_redirect_map(&cpus, 0, 0);
}

SEC("xdp")
__description("xdp: bpf_redirect_map through a hash map")
__failure __msg("cannot pass map_type 1 into func bpf_redirect_map#51")
int xdp_redirect_hash(struct xdp_md *xdp)
{
	return bpf_redirect_map(&ifindexes, 0, 0);
}

SEC("xdp")
__description("xdp: bpf_map_lookup_elem on a devmap (allowed)")
__success
int xdp_devmap_lookup(struct xdp_md *xdp)
{
	__u32 k = 0, *v;

	v = bpf_map_lookup_elem(&devs, &k);
	return v && *v ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
__description("xdp: bpf_map_lookup_elem on a cpumap")
__failure __msg("cannot pass map_type 16 into func bpf_map_lookup_elem#1")
int xdp_cpumap_lookup(struct xdp_md *xdp)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&cpus, &k) ? XDP_PASS : XDP_DROP;
}

SEC("tc")
__description("tc: bpf_redirect_map is not a tc helper")
__failure __msg("program of this type cannot use helper bpf_redirect_map#51")
int tc_redirect_map(struct __sk_buff *skb)
{
	return bpf_redirect_map(&devs, 0, 0);
}

SEC("tc")
__description("tc: bpf_clone_redirect of the context")
__success
int tc_clone_redirect(struct __sk_buff *skb)
{
	bpf_clone_redirect(skb, skb->ifindex, BPF_F_INGRESS);
	return 0;
}

SEC("tc")
__description("tc: bpf_clone_redirect of a stack pointer")
__failure __msg("R1 type=fp expected=ctx")
__naked void tc_clone_redirect_not_ctx(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -8;"
		     "r2 = 1;"
		     "r3 = 0;"
		     "call %[bpf_clone_redirect];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_clone_redirect)
		     : __clobber_all);
}

SEC("xdp")
__description("xdp: bpf_clone_redirect is not an xdp helper")
__failure __msg("program of this type cannot use helper bpf_clone_redirect#13")
__naked void xdp_clone_redirect(void)
{
	asm volatile("r2 = 1;"
		     "r3 = 0;"
		     "call %[bpf_clone_redirect];"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_clone_redirect)
		     : __clobber_all);
}

SEC("xdp")
__description("xdp: lookup in an xskmap, NULL-checked")
__success
int xdp_xskmap_lookup(struct xdp_md *xdp)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&xsks, &k) ? bpf_redirect_map(&xsks, 0, 0) : XDP_PASS;
}

SEC("sk_skb/stream_verdict")
__description("sk_skb: sk_redirect_map through a sockmap, sk_redirect_hash through a sockhash")
__success
int sk_skb_redirect_ok(struct __sk_buff *skb)
{
	__u32 k = 0;

	if (skb->len > 100)
		return bpf_sk_redirect_map(skb, &sockmap, 0, 0);
	return bpf_sk_redirect_hash(skb, &sockhash, &k, 0);
}

SEC("sk_skb/stream_verdict")
__description("sk_skb: sk_redirect_map through a sockhash")
__failure __msg("cannot pass map_type 18 into func bpf_sk_redirect_map#52")
int sk_skb_redirect_map_hash(struct __sk_buff *skb)
{
	return bpf_sk_redirect_map(skb, &sockhash, 0, 0);
}

SEC("sk_msg")
__description("sk_msg: msg_redirect_map through a sockmap")
__success
int sk_msg_redirect_ok(struct sk_msg_md *msg)
{
	return bpf_msg_redirect_map(msg, &sockmap, 0, 0);
}

SEC("sk_msg")
__description("sk_msg: msg_redirect_hash through a sockmap")
__failure __msg("cannot pass map_type 15 into func bpf_msg_redirect_hash#71")
int sk_msg_redirect_hash_map(struct sk_msg_md *msg)
{
	__u32 k = 0;

	return bpf_msg_redirect_hash(msg, &sockmap, &k, 0);
}

char _license[] SEC("license") = "GPL";
