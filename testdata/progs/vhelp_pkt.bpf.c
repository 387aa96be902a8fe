// Helper family: packet data. bpf_skb_load_bytes (destination may be uninitialised, size must be a
// positive constant-bounded length that fits), bpf_skb_store_bytes, bpf_l3_csum_replace /
// bpf_l4_csum_replace (the context as first argument), bpf_csum_diff (two optional buffers and
// their sizes), bpf_xdp_load_bytes / bpf_xdp_store_bytes; and the packet-data changers
// (bpf_skb_pull_data, bpf_xdp_adjust_head / adjust_tail / adjust_meta) which invalidate every
// packet pointer: a pointer derived before the call is unusable, one derived again after it is
// fine (clear_all_pkt_pointers()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} devs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} sockh SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
	__type(key, struct bpf_cgroup_storage_key);
	__type(value, __u64);
} cls SEC(".maps");

SEC("tc")
__description("skb_load_bytes: 16 bytes into an uninitialised 16-byte buffer")
__success
int skb_load_bytes_fits(struct __sk_buff *skb)
{
	char buf[16];

	if (bpf_skb_load_bytes(skb, 0, buf, sizeof(buf)))
		return 0;
	return buf[0] + buf[15];
}

SEC("tc")
__description("skb_load_bytes: 17 bytes into a 16-byte buffer")
__failure __msg("invalid write to stack R3 off=-16 size=17")
__naked void skb_load_bytes_too_long(void)
{
	asm volatile("r2 = 0;"
		     "r3 = r10;"
		     "r3 += -16;"
		     "r4 = 17;"
		     "call %[bpf_skb_load_bytes];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_load_bytes)
		     : __clobber_all);
}

SEC("tc")
__description("skb_load_bytes: length zero (ARG_CONST_SIZE)")
__failure __msg("R4 invalid zero-sized read: u64=[0,0]")
__naked void skb_load_bytes_zero(void)
{
	asm volatile("r2 = 0;"
		     "r3 = r10;"
		     "r3 += -16;"
		     "r4 = 0;"
		     "call %[bpf_skb_load_bytes];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_load_bytes)
		     : __clobber_all);
}

SEC("tc")
__description("skb_load_bytes: length from skb->len, which may be zero")
__failure __msg("R4 invalid zero-sized read: u64=[0,4294967295]")
__naked void skb_load_bytes_unbounded(void)
{
	asm volatile("r4 = *(u32 *)(r1 + %[len]);"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -16;"
		     "call %[bpf_skb_load_bytes];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_load_bytes), __imm_const(len, offsetof(struct __sk_buff, len))
		     : __clobber_all);
}

SEC("tc")
__description("skb_load_bytes: length masked to [1,16]")
__success
__naked void skb_load_bytes_masked(void)
{
	asm volatile("r4 = *(u32 *)(r1 + %[len]);"
		     "r4 &= 15;"
		     "r4 += 1;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -16;"
		     "call %[bpf_skb_load_bytes];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_load_bytes), __imm_const(len, offsetof(struct __sk_buff, len))
		     : __clobber_all);
}

SEC("tc")
__description("skb_store_bytes: 8 bytes from an 8-byte buffer")
__success
int skb_store_bytes_fits(struct __sk_buff *skb)
{
	__u64 v = 0x1122334455667788ULL;

	bpf_skb_store_bytes(skb, 0, &v, sizeof(v), BPF_F_RECOMPUTE_CSUM);
	return 0;
}

SEC("tc")
__description("skb_store_bytes: 12 bytes from an 8-byte buffer")
__failure __msg("invalid read from stack R3 off=-8 size=12")
__naked void skb_store_bytes_too_long(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 12;"
		     "r5 = 0;"
		     "call %[bpf_skb_store_bytes];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_store_bytes)
		     : __clobber_all);
}

SEC("tc")
__description("skb_pull_data: packet pointers derived again after the call")
__success
int skb_pull_rederived(struct __sk_buff *skb)
{
	void *data, *data_end;

	if (bpf_skb_pull_data(skb, 14))
		return 0;
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	if (data + 14 > data_end)
		return 0;
	return *(__u8 *)data;
}

SEC("tc")
__description("skb_pull_data: a packet pointer checked before the call, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_pull_stale_pointer(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 14;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 14;"
		     "call %[bpf_skb_pull_data];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_pull_data), __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("xdp_adjust_head: packet pointers derived again after the call")
__success
int xdp_adjust_head_rederived(struct xdp_md *xdp)
{
	void *data, *data_end;

	if (bpf_xdp_adjust_head(xdp, -4))
		return XDP_DROP;
	data = (void *)(long)xdp->data;
	data_end = (void *)(long)xdp->data_end;
	if (data + 4 > data_end)
		return XDP_DROP;
	*(__u32 *)data = 0;
	return XDP_PASS;
}

SEC("xdp")
__description("xdp_adjust_head: a packet pointer checked before the call, written after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void xdp_adjust_head_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 4;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = -4;"
		     "call %[bpf_xdp_adjust_head];"
		     "r1 = 0;"
		     "*(u32 *)(r7 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_xdp_adjust_head), __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("xdp_adjust_tail: data_end read again after the call")
__success
int xdp_adjust_tail_rederived(struct xdp_md *xdp)
{
	void *data, *data_end;

	if (bpf_xdp_adjust_tail(xdp, -4))
		return XDP_DROP;
	data = (void *)(long)xdp->data;
	data_end = (void *)(long)xdp->data_end;
	if (data + 1 > data_end)
		return XDP_DROP;
	return *(__u8 *)data ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
__description("xdp_adjust_tail: a packet pointer checked before the call, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void xdp_adjust_tail_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = -4;"
		     "call %[bpf_xdp_adjust_tail];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_xdp_adjust_tail), __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("xdp_adjust_meta: metadata checked against data after the call")
__success
int xdp_adjust_meta_rederived(struct xdp_md *xdp)
{
	void *data, *meta;

	if (bpf_xdp_adjust_meta(xdp, -4))
		return XDP_DROP;
	data = (void *)(long)xdp->data;
	meta = (void *)(long)xdp->data_meta;
	if (meta + 4 > data)
		return XDP_DROP;
	*(__u32 *)meta = 7;
	return XDP_PASS;
}

SEC("xdp")
__description("xdp_adjust_meta: metadata pointer checked before the call, written after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void xdp_adjust_meta_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[meta]);"
		     "r8 = *(u32 *)(r6 + %[data]);"
		     "r2 = r7;"
		     "r2 += 4;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = -4;"
		     "call %[bpf_xdp_adjust_meta];"
		     "r1 = 7;"
		     "*(u32 *)(r7 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_xdp_adjust_meta), __imm_const(meta, offsetof(struct xdp_md, data_meta)),
		       __imm_const(data, offsetof(struct xdp_md, data))
		     : __clobber_all);
}

SEC("tc")
__description("l3/l4_csum_replace on the context")
__success
int csum_replace_ctx(struct __sk_buff *skb)
{
	bpf_l3_csum_replace(skb, 24, bpf_htons(1), bpf_htons(2), 2);
	bpf_l4_csum_replace(skb, 50, bpf_htonl(1), bpf_htonl(2), BPF_F_PSEUDO_HDR | 4);
	return 0;
}

SEC("tc")
__description("l3_csum_replace with a stack pointer instead of the context")
__failure __msg("R1 type=fp expected=ctx")
__naked void l3_csum_replace_not_ctx(void)
{
	asm volatile("r1 = r10;"
		     "r1 += -8;"
		     "r2 = 24;"
		     "r3 = 1;"
		     "r4 = 2;"
		     "r5 = 2;"
		     "call %[bpf_l3_csum_replace];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_l3_csum_replace)
		     : __clobber_all);
}

SEC("tc")
__description("l4_csum_replace on a context pointer moved by 8")
__failure __msg("dereference of modified ctx ptr R1 off=8 disallowed")
__naked void l4_csum_replace_moved_ctx(void)
{
	asm volatile("r1 += 8;"
		     "r2 = 50;"
		     "r3 = 1;"
		     "r4 = 2;"
		     "r5 = 4;"
		     "call %[bpf_l4_csum_replace];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_l4_csum_replace)
		     : __clobber_all);
}

SEC("tc")
__description("csum_diff: 4-byte from/to buffers, and a NULL from with size 0")
__success
int csum_diff_ok(struct __sk_buff *skb)
{
	__be32 from = skb->mark, to = skb->priority;
	__s64 d;

	d = bpf_csum_diff(&from, sizeof(from), &to, sizeof(to), 0);
	d += bpf_csum_diff(0, 0, &to, sizeof(to), 0);
	return d & 1;
}

SEC("tc")
__description("csum_diff: to_size 8 on a 4-byte buffer")
__failure __msg("invalid read from stack R3 off=-4 size=8")
__naked void csum_diff_too_long(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r1 = 0;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -4;"
		     "r4 = 8;"
		     "r5 = 0;"
		     "call %[bpf_csum_diff];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_csum_diff)
		     : __clobber_all);
}

SEC("xdp")
__description("xdp_load_bytes / xdp_store_bytes with a 16-byte buffer")
__success
int xdp_load_store_ok(struct xdp_md *xdp)
{
	char buf[16];

	if (bpf_xdp_load_bytes(xdp, 0, buf, sizeof(buf)))
		return XDP_DROP;
	buf[0] ^= 1;
	bpf_xdp_store_bytes(xdp, 0, buf, sizeof(buf));
	return XDP_PASS;
}

SEC("xdp")
__description("xdp_load_bytes: 32 bytes into a 16-byte buffer")
__failure __msg("invalid write to stack R3 off=-16 size=32")
__naked void xdp_load_bytes_too_long(void)
{
	asm volatile("r2 = 0;"
		     "r3 = r10;"
		     "r3 += -16;"
		     "r4 = 32;"
		     "call %[bpf_xdp_load_bytes];"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_xdp_load_bytes)
		     : __clobber_all);
}

SEC("xdp")
__description("xdp_store_bytes: source is a packet pointer (the helper has no pkt_access)")
__failure __msg("helper access to the packet is not allowed")
int xdp_store_from_packet(struct xdp_md *xdp)
{
	void *data = (void *)(long)xdp->data;
	void *data_end = (void *)(long)xdp->data_end;

	if (data + 8 > data_end)
		return XDP_DROP;
	bpf_xdp_store_bytes(xdp, 8, data, 8);
	return XDP_PASS;
}

SEC("xdp")
__description("csum_diff over 8 packet bytes checked for 8 (csum_diff has pkt_access)")
__success
int csum_diff_packet(struct xdp_md *xdp)
{
	void *data = (void *)(long)xdp->data;
	void *data_end = (void *)(long)xdp->data_end;

	if (data + 8 > data_end)
		return XDP_DROP;
	return bpf_csum_diff(0, 0, data, 8, 0) & 1;
}

SEC("xdp")
__description("csum_diff over 8 packet bytes checked for 4")
__failure __msg("R3 offset is outside of the packet")
__naked void csum_diff_short_packet(void)
{
	asm volatile("r6 = r1;"
		     "r3 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r3;"
		     "r2 += 4;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = 0;"
		     "r2 = 0;"
		     "r4 = 8;"
		     "r5 = 0;"
		     "call %[bpf_csum_diff];"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_csum_diff), __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_change_tail: a packet pointer checked before the call, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_change_tail_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 64;"
		     "r3 = 0;"
		     "call %[bpf_skb_change_tail];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_change_tail), __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_vlan_push: a packet pointer checked before the call, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_vlan_push_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0x8100;"
		     "r3 = 5;"
		     "call %[bpf_skb_vlan_push];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_vlan_push), __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_adjust_room: a packet pointer checked before the call, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_adjust_room_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 4;"
		     "r3 = 1;"
		     "r4 = 0;"
		     "call %[bpf_skb_adjust_room];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_adjust_room), __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_change_proto: a packet pointer checked before the call, read after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_change_proto_stale(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0xdd86;"
		     "r3 = 0;"
		     "call %[bpf_skb_change_proto];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_change_proto), __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("skb_vlan_pop then packet pointers derived again")
__success
int skb_vlan_pop_rederived(struct __sk_buff *skb)
{
	void *data, *data_end;

	bpf_skb_vlan_pop(skb);
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	if (data + 1 > data_end)
		return 0;
	return *(__u8 *)data;
}

SEC("tc")
__description("skb_load_bytes (not a packet changer): a checked packet pointer stays valid")
__success
__naked void skb_load_bytes_keeps_pointers(void)
{
	asm volatile("r6 = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 8;"
		     "call %[bpf_skb_load_bytes];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_skb_load_bytes), __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

// The packet-changer table (bpf_helper_changes_pkt_data()): members and non-members.
SEC("tc")
__description("bpf_clone_redirect changes packet data: a pointer checked before it is unusable after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void clone_redirect_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 1;"
		     "r3 = 0;"
		     "call %[bpf_clone_redirect];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_clone_redirect),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_vlan_pop changes packet data: a pointer checked before it is unusable after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_vlan_pop_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "call %[bpf_skb_vlan_pop];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_skb_vlan_pop),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_change_head changes packet data: a pointer checked before it is unusable after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void skb_change_head_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 14;"
		     "r3 = 0;"
		     "call %[bpf_skb_change_head];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_skb_change_head),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("lwt_xmit")
__description("bpf_lwt_push_encap changes packet data: a pointer checked before it is unusable after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void lwt_push_encap_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 8;"
		     "call %[bpf_lwt_push_encap];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_lwt_push_encap),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("sk_msg")
__description("bpf_msg_pull_data changes packet data: a pointer checked before it is unusable after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void msg_pull_data_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "r3 = 8;"
		     "r4 = 0;"
		     "call %[bpf_msg_pull_data];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_msg_pull_data),
		       __imm_const(data, offsetof(struct sk_msg_md, data)),
		       __imm_const(data_end, offsetof(struct sk_msg_md, data_end))
		     : __clobber_all);
}

SEC("sk_msg")
__description("bpf_msg_pop_data changes packet data: a pointer checked before it is unusable after it")
__failure __msg("R7 invalid mem access 'scalar'")
__naked void msg_pop_data_stale(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "r3 = 4;"
		     "r4 = 0;"
		     "call %[bpf_msg_pop_data];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_msg_pop_data),
		       __imm_const(data, offsetof(struct sk_msg_md, data)),
		       __imm_const(data_end, offsetof(struct sk_msg_md, data_end))
		     : __clobber_all);
}

SEC("xdp")
__description("bpf_redirect_map does not change packet data: a pointer checked before it stays usable")
__success
__naked void redirect_map_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r1 = %[devs] ll;"
		     "r2 = 0;"
		     "r3 = 0;"
		     "call %[bpf_redirect_map];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 2;"
		     "exit;"
		     :
		     : __imm(bpf_redirect_map),
		       __imm_const(data, offsetof(struct xdp_md, data)),
		       __imm_const(data_end, offsetof(struct xdp_md, data_end)),
		       __imm_addr(devs)
		     : __clobber_all);
}

SEC("tc")
__description("bpf_skb_cgroup_id does not change packet data: a pointer checked before it stays usable")
__success
__naked void skb_cgroup_id_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "call %[bpf_skb_cgroup_id];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_skb_cgroup_id),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("tc")
__description("bpf_redirect_neigh does not change packet data: a pointer checked before it stays usable")
__success
__naked void redirect_neigh_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r1 = 1;"
		     "r2 = 0;"
		     "r3 = 0;"
		     "r4 = 0;"
		     "call %[bpf_redirect_neigh];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_redirect_neigh),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end))
		     : __clobber_all);
}

SEC("sk_msg")
__description("bpf_msg_redirect_hash does not change packet data: a pointer checked before it stays usable")
__success
__naked void msg_redirect_hash_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u64 *)(r6 + %[data]);"
		     "r8 = *(u64 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r2 = %[sockh] ll;"
		     "r3 = r10;"
		     "r3 += -8;"
		     "r4 = 0;"
		     "call %[bpf_msg_redirect_hash];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_msg_redirect_hash),
		       __imm_const(data, offsetof(struct sk_msg_md, data)),
		       __imm_const(data_end, offsetof(struct sk_msg_md, data_end)),
		       __imm_addr(sockh)
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("bpf_get_local_storage does not change packet data: a pointer checked before it stays usable")
__success
__naked void get_local_storage_keeps(void)
{
	asm volatile("r6 = r1;"
		     "r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "r7 = *(u32 *)(r6 + %[data]);"
		     "r8 = *(u32 *)(r6 + %[data_end]);"
		     "r2 = r7;"
		     "r2 += 1;"
		     "if r2 > r8 goto l0_%=;"
		     "r1 = r6;"
		     "r1 = %[cls] ll;"
		     "r2 = 0;"
		     "call %[bpf_get_local_storage];"
		     "r0 = *(u8 *)(r7 + 0);"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_get_local_storage),
		       __imm_const(data, offsetof(struct __sk_buff, data)),
		       __imm_const(data_end, offsetof(struct __sk_buff, data_end)),
		       __imm_addr(cls)
		     : __clobber_all);
}

char _license[] SEC("license") = "GPL";
