// XDP programs (struct xdp_md): a parser with bounds checks that redirects through a devmap,
// metadata written in front of the packet after bpf_xdp_adjust_meta, and the type's own rules:
// the read-only ingress_ifindex/rx_queue_index, 4-byte-only packet pointer fields, packet
// pointers invalidated by bpf_xdp_adjust_head, data_meta read past data, an skb-only helper.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bpfverify_expect.h"

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} proto_count SEC(".maps");

SEC("xdp")
__description("xdp: Ethernet/IPv4 parse, per-protocol counter, redirect by ingress ifindex")
__success
int xdp_fwd(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	__u32 key;
	__u64 *n;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_DROP;
	key = ip->protocol;
	n = bpf_map_lookup_elem(&proto_count, &key);
	if (n)
		*n += 1;
	if (ip->ttl <= 1)
		return XDP_PASS;
	ip->ttl--;
	return bpf_redirect_map(&ports, ctx->ingress_ifindex & 7, XDP_PASS);
}

SEC("xdp")
__description("xdp: bpf_xdp_adjust_meta, then a 4-byte mark written in front of data")
__success
int xdp_meta_mark(struct xdp_md *ctx)
{
	void *data, *meta;

	if (bpf_xdp_adjust_meta(ctx, -4))
		return XDP_PASS;
	data = (void *)(long)ctx->data;
	meta = (void *)(long)ctx->data_meta;
	if (meta + 4 > data)
		return XDP_PASS;
	*(__u32 *)meta = ctx->rx_queue_index;
	return XDP_PASS;
}

SEC("xdp")
__description("xdp: data_meta read without checking it against data")
__failure __msg("R1 offset is outside of the packet")
__naked void xdp_meta_unchecked(void)
{
	asm volatile("r1 = *(u32 *)(r1 + %[meta]);"
		     "r0 = *(u32 *)(r1 + 0);"
		     "r0 = 2;"
		     "exit;"
		     :
		     : [meta] "i"(offsetof(struct xdp_md, data_meta))
		     : __clobber_all);
}

SEC("xdp")
__description("xdp: bpf_xdp_adjust_head, then the packet re-read from the context")
__success
int xdp_pop_vlan(struct xdp_md *ctx)
{
	void *data, *data_end;

	if (bpf_xdp_adjust_head(ctx, 4))
		return XDP_DROP;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	if (data + 14 > data_end)
		return XDP_DROP;
	return ((struct ethhdr *)data)->h_proto == bpf_htons(ETH_P_IPV6) ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
__description("xdp: an old packet pointer used after bpf_xdp_adjust_head")
__failure __msg("R6 invalid mem access 'scalar'")
int xdp_stale_after_adjust(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	bpf_xdp_adjust_head(ctx, 4);
	return eth->h_proto == 0 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
__description("xdp: ingress_ifindex is read-only")
__failure __msg("invalid bpf_context access off=12 size=4")
int xdp_write_ifindex(struct xdp_md *ctx)
{
	ctx->ingress_ifindex = 1;
	return XDP_PASS;
}

SEC("xdp")
__description("xdp: data is read as 8 bytes")
__failure __msg("invalid bpf_context access off=0 size=8")
__naked void xdp_data_wide(void)
{
	asm volatile("r0 = *(u64 *)(r1 + 0);"
		     "r0 = 2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("xdp")
__description("xdp: a 2-byte read of rx_queue_index (xdp_md has no narrow loads)")
__failure __msg("invalid bpf_context access off=16 size=2")
__naked void xdp_narrow_queue(void)
{
	asm volatile("r0 = *(u16 *)(r1 + %[q]);"
		     "r0 = 2;"
		     "exit;"
		     :
		     : [q] "i"(offsetof(struct xdp_md, rx_queue_index))
		     : __clobber_all);
}

SEC("xdp")
__description("xdp: a read past the end of struct xdp_md")
__failure __msg("invalid bpf_context access off=24 size=4")
__naked void xdp_past_ctx(void)
{
	asm volatile("r0 = *(u32 *)(r1 + 24);"
		     "r0 = 2;"
		     "exit;" ::
			     : __clobber_all);
}

SEC("xdp")
__description("xdp: bpf_skb_load_bytes takes an skb")
__failure __msg("program of this type cannot use helper bpf_skb_load_bytes#26")
int xdp_skb_load(struct xdp_md *ctx)
{
	char buf[4];

	bpf_skb_load_bytes(ctx, 0, buf, sizeof(buf));
	return buf[0] ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
__description("xdp: bpf_xdp_load_bytes into the stack (frags-safe read)")
__success
int xdp_load_bytes(struct xdp_md *ctx)
{
	struct ethhdr eth;

	if (bpf_xdp_load_bytes(ctx, 0, &eth, sizeof(eth)))
		return XDP_DROP;
	return eth.h_proto == bpf_htons(ETH_P_IP) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
