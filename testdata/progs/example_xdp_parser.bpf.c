// An XDP packet parser: Ethernet, optional VLAN, IPv4/IPv6, then TCP/UDP ports, counting
// packets per IP protocol in an array map and dropping TCP to port 23.
#include "vmlinux.h"
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD
#define ETH_P_8021Q 0x8100
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} proto_count SEC(".maps");

static __always_inline int count_protocol(__u32 proto)
{
	__u64 *counter = bpf_map_lookup_elem(&proto_count, &proto);
	if (counter)
		*counter += 1;
	return 0;
}

SEC("xdp")
__description("XDP parser with bounds-checked header walks")
__success __retval(XDP_PASS)
int xdp_parse(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	__u16 proto = eth->h_proto;
	void *cursor = eth + 1;
	if (proto == bpf_htons(ETH_P_8021Q)) {
		struct vlan_hdr *vlan = cursor;
		if ((void *)(vlan + 1) > data_end)
			return XDP_PASS;
		proto = vlan->h_vlan_encapsulated_proto;
		cursor = vlan + 1;
	}
	__u8 l4proto;
	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = cursor;
		if ((void *)(ip + 1) > data_end)
			return XDP_PASS;
		if (ip->ihl < 5)
			return XDP_DROP;
		l4proto = ip->protocol;
		cursor = (void *)ip + ip->ihl * 4;
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = cursor;
		if ((void *)(ip6 + 1) > data_end)
			return XDP_PASS;
		l4proto = ip6->nexthdr;
		cursor = ip6 + 1;
	} else {
		return XDP_PASS;
	}
	count_protocol(l4proto);
	if (l4proto == IPPROTO_TCP) {
		struct tcphdr *tcp = cursor;
		if ((void *)(tcp + 1) > data_end)
			return XDP_PASS;
		if (tcp->dest == bpf_htons(23))
			return XDP_DROP;
	} else if (l4proto == IPPROTO_UDP) {
		struct udphdr *udp = cursor;
		if ((void *)(udp + 1) > data_end)
			return XDP_PASS;
		if (udp->len < bpf_htons(sizeof(*udp)))
			return XDP_DROP;
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
