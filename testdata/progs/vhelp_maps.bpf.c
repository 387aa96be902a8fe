// Helper family: map variants. Queue and stack maps (push from an initialised value, pop and
// peek into an uninitialised one: ARG_PTR_TO_MAP_VALUE | MEM_UNINIT), a bloom filter (push and
// peek), array-of-maps and hash-of-maps (outer lookup, NULL check, inner lookup),
// bpf_map_lookup_percpu_elem on a per-CPU array, a value pointer shorter than the map's
// value_size, and the map types a helper refuses (check_map_func_compatibility(): "cannot pass
// map_type N into func ..."), a sockmap updated from a kprobe (may_update_sockmap()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 16);
	__type(value, __u64);
} q SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 16);
	__type(value, __u64);
} stk SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 64);
	__type(value, __u32);
	__uint(map_extra, 3);
} bloom SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} inner0 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} aom SEC(".maps") = { .values = { &inner0 } };

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} hom SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} pcpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} small SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pe SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} cgroups SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} sockh SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("queue push, pop and peek; stack push and pop into an uninitialised value")
__success
int queue_stack_ok(void *ctx)
{
	__u64 v = bpf_ktime_get_ns(), out, top;

	bpf_map_push_elem(&q, &v, BPF_EXIST);
	bpf_map_push_elem(&stk, &v, 0);
	if (bpf_map_pop_elem(&q, &out))
		return 0;
	if (bpf_map_peek_elem(&q, &top))
		return 0;
	if (bpf_map_pop_elem(&stk, &top))
		return 0;
	return out == top;
}

SEC("kprobe/do_unlinkat")
__description("queue pop of 8 bytes into a 4-byte slot")
__failure __msg("invalid write to stack R2 off=-4 size=8")
__naked void queue_pop_short(void)
{
	asm volatile("r1 = %[q] ll;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "call %[bpf_map_pop_elem];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_pop_elem), __imm_addr(q)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("lookup in a queue map (key_size 0: the key check comes first)")
__failure __msg("invalid zero-sized read")
int queue_lookup(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&q, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("push into an array map")
__failure __msg("cannot pass map_type 2 into func bpf_map_push_elem#87")
int array_push(void *ctx)
{
	__u32 v = 1;

	return bpf_map_push_elem(&small, &v, 0);
}

SEC("kprobe/do_unlinkat")
__description("bloom filter push and peek")
__success
int bloom_ok(void *ctx)
{
	__u32 v = bpf_get_current_pid_tgid();

	if (bpf_map_peek_elem(&bloom, &v) == 0)
		return 1;
	bpf_map_push_elem(&bloom, &v, BPF_ANY);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("bloom filter peek of an uninitialised value")
__success
__naked void bloom_peek_uninit(void)
{
	asm volatile("r1 = %[bloom] ll;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "call %[bpf_map_peek_elem];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_peek_elem), __imm_addr(bloom)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("lookup in a bloom filter (key_size 0)")
__failure __msg("invalid zero-sized read")
int bloom_lookup(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&bloom, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("array of maps and hash of maps: outer lookup, NULL check, inner lookup")
__success
int map_in_map_ok(void *ctx)
{
	__u32 k = 0;
	__u64 *v;
	void *in;

	in = bpf_map_lookup_elem(&aom, &k);
	if (!in)
		return 0;
	v = bpf_map_lookup_elem(in, &k);
	if (v)
		*v += 1;
	in = bpf_map_lookup_elem(&hom, &k);
	if (!in)
		return 0;
	v = bpf_map_lookup_elem(in, &k);
	return v ? *v & 1 : 0;
}

SEC("kprobe/do_unlinkat")
__description("array of maps: inner lookup without the outer NULL check")
__failure __msg("R1 type=map_value_or_null expected=map_ptr")
__naked void map_in_map_unchecked(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[aom] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r1 = r0;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm_addr(aom)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("array of maps: inner value read past the template's 8-byte value")
__failure __msg("invalid access to map value, value_size=8 off=8 size=8")
__msg("R0 min value is outside of the allowed memory range")
__naked void map_in_map_inner_oob(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[aom] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r0 = *(u64 *)(r0 + 8);"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm_addr(aom)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("array of maps: update of the outer map from a program")
__failure __msg("cannot pass map_type 12 into func bpf_map_update_elem#2")
int map_in_map_update(void *ctx)
{
	__u32 k = 0, v = 0;

	bpf_map_update_elem(&aom, &k, &v, 0);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("map_lookup_percpu_elem on a per-CPU array with the NULL check")
__success
int percpu_lookup_ok(void *ctx)
{
	__u32 k = 1;
	__u64 *v;

	v = bpf_map_lookup_percpu_elem(&pcpu, &k, 1);
	return v ? *v & 1 : 0;
}

SEC("kprobe/do_unlinkat")
__description("map_lookup_percpu_elem result read without the NULL check")
__failure __msg("R0 invalid mem access 'map_value_or_null'")
__naked void percpu_lookup_unchecked(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[pcpu] ll;"
		     "r3 = 0;"
		     "call %[bpf_map_lookup_percpu_elem];"
		     "r0 = *(u64 *)(r0 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_percpu_elem), __imm_addr(pcpu)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("map_lookup_percpu_elem on a plain array")
__failure __msg("cannot pass map_type 2 into func bpf_map_lookup_percpu_elem#195")
int percpu_lookup_array(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_percpu_elem(&small, &k, 0) != 0;
}

SEC("kprobe/do_unlinkat")
__description("map update whose value is a 4-byte map value of another map (needs 8)")
__failure __msg("invalid access to map value, value_size=4 off=0 size=8")
__msg("R3 min value is outside of the allowed memory range")
__naked void update_value_from_small(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[small] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto l0_%=;"
		     "r3 = r0;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[pcpu] ll;"
		     "r4 = 0;"
		     "call %[bpf_map_update_elem];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_map_lookup_elem), __imm(bpf_map_update_elem), __imm_addr(small),
		       __imm_addr(pcpu)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("lookup in a perf event array")
__failure __msg("cannot pass map_type 4 into func bpf_map_lookup_elem#1")
int perf_array_lookup(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&pe, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("lookup in a ring buffer (key_size 0)")
__failure __msg("invalid zero-sized read")
int ringbuf_lookup(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&rb, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("sockmap update from a kprobe with an fd as value (a socket pointer is required)")
__failure __msg("R3 type=fp expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
int sockmap_update_kprobe(void *ctx)
{
	__u32 k = 0;
	__u64 fd = 3;

	bpf_map_update_elem(&socks, &k, &fd, 0);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("sockmap delete from a kprobe")
__failure __msg("cannot pass map_type 15 into func bpf_map_delete_elem#3")
int sockmap_delete_kprobe(void *ctx)
{
	__u32 k = 0;

	bpf_map_delete_elem(&socks, &k);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("sockmap lookup from a kprobe: the socket cannot be released there")
__failure __msg("program of this type cannot use helper bpf_sk_release#86")
int sockmap_lookup_kprobe(void *ctx)
{
	__u32 k = 0;
	struct bpf_sock *sk = bpf_map_lookup_elem(&socks, &k);

	if (sk)
		bpf_sk_release(sk);
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("sockhash lookup from a kprobe, socket never released")
__failure __msg("Unreleased reference id=2 alloc_insn=6")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int sockhash_lookup_leak(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&sockh, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("current_task_under_cgroup with a cgroup array")
__success
int cgroup_array_ok(void *ctx)
{
	return bpf_current_task_under_cgroup(&cgroups, 0) == 1;
}

SEC("kprobe/do_unlinkat")
__description("lookup in a cgroup array")
__failure __msg("cannot pass map_type 8 into func bpf_map_lookup_elem#1")
int cgroup_array_lookup(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&cgroups, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("current_task_under_cgroup with an array map")
__failure __msg("cannot pass map_type 2 into func bpf_current_task_under_cgroup#37")
int cgroup_helper_array(void *ctx)
{
	return bpf_current_task_under_cgroup(&small, 0) == 1;
}

static long count_cb(void *map, __u32 *key, __u64 *val, void *data)
{
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("for_each_map_elem over a queue map")
__failure __msg("callback function not allowed for map")
int for_each_queue(void *ctx)
{
	return bpf_for_each_map_elem(&q, count_cb, 0, 0);
}

SEC("kprobe/do_unlinkat")
__description("for_each_map_elem over a per-CPU array")
__success
int for_each_percpu(void *ctx)
{
	return bpf_for_each_map_elem(&pcpu, count_cb, 0, 0);
}

SEC("tc")
__description("tc: skb_under_cgroup with a cgroup array, perf_event_output of the skb")
__success
int tc_cgroup_perf(struct __sk_buff *skb)
{
	__u64 v = skb->len;

	bpf_perf_event_output(skb, &pe, BPF_F_CURRENT_CPU, &v, sizeof(v));
	return bpf_skb_under_cgroup(skb, &cgroups, 0);
}

SEC("xdp")
__description("xdp: perf_event_output of the xdp buffer into a ring buffer map")
__failure __msg("cannot pass map_type 27 into func bpf_perf_event_output#25")
int xdp_perf_ringbuf(struct xdp_md *xdp)
{
	__u64 v = 0;

	bpf_perf_event_output(xdp, &rb, BPF_F_CURRENT_CPU, &v, sizeof(v));
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
