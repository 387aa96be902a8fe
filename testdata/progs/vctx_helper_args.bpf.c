// Context pointers as helper arguments, from the raw ctx-helpers corpus (corpus-ctxhelp-v1)
// and its sweeps: cgroup/sockopt's optval (a packet pointer) passed to helpers that do not
// declare pkt_access, get_local_storage()'s flags checked before the map type, and a ctx
// pointer moved below its start.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
	__type(key, struct bpf_cgroup_storage_key);
	__type(value, __u64);
} per_cgroup SEC(".maps");

SEC("cgroup/getsockopt")
__description("sockopt: a bounds-checked optval as a map key (any helper may read optval)")
__success
int sockopt_optval_key(struct bpf_sockopt *ctx)
{
	void *optval = ctx->optval, *end = ctx->optval_end;
	__u64 *n;

	if (optval + sizeof(__u32) > end)
		return 1;
	n = bpf_map_lookup_elem(&seen, optval);
	if (n)
		*n += 1;
	return 1;
}

SEC("cgroup/getsockopt")
__description("sockopt: optval as a map key without the bounds check")
__failure __msg("R2 offset is outside of the packet")
__naked void sockopt_optval_key_unchecked(void)
{
	asm volatile("r2 = *(u64 *)(r1 + 8);"	/* optval */
		     "r1 = %[seen] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm_addr(seen)
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("get_local_storage with flags 0")
__success
int local_storage_flags_zero(struct __sk_buff *skb)
{
	__u64 *count = bpf_get_local_storage(&per_cgroup, 0);

	*count += 1;
	return 1;
}

SEC("cgroup_skb/egress")
__description("get_local_storage with non-zero flags (checked before the map type)")
__failure __msg("get_local_storage() doesn't support non-zero flags")
__naked void local_storage_flags_one(void)
{
	asm volatile("r1 = %[seen] ll;"
		     "r2 = 1;"
		     "call %[bpf_get_local_storage];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_get_local_storage), __imm_addr(seen)
		     : __clobber_all);
}

SEC("tc")
__description("ctx moved up by 4, then loaded at +4 (dereference of a modified ctx)")
__failure __msg("dereference of modified ctx ptr R1 off=4 disallowed")
__naked void ctx_moved_up(void)
{
	asm volatile("r1 += 4;"
		     "r0 = *(u32 *)(r1 + 4);"
		     "r0 = 0;"
		     "exit;"
		     ::: __clobber_all);
}

SEC("tc")
__description("ctx moved down by 4, then loaded at +8 (a negative offset is reported first)")
__failure __msg("negative offset ctx ptr R1 off=-4 disallowed")
__naked void ctx_moved_down(void)
{
	asm volatile("r1 += -4;"
		     "r0 = *(u32 *)(r1 + 8);"
		     "r0 = 0;"
		     "exit;"
		     ::: __clobber_all);
}

char _license[] SEC("license") = "GPL";
