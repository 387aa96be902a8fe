// Helper family: local storage. bpf_sk_storage_get / bpf_sk_storage_delete with the socket of a
// cgroup_skb program (skb->sk is NULL-able: checked before the call; the storage is NULL-able:
// checked before the write), bpf_task_storage_get and bpf_cgrp_storage_get from a kprobe (task
// and cgroup are BTF pointers), bpf_get_local_storage of a cgroup storage map (never NULL,
// bounded by the value size). A storage helper given another map type is refused by
// check_map_func_compatibility().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} sks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} tks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGRP_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} cgs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
	__type(key, struct bpf_cgroup_storage_key);
	__type(value, __u64);
} cls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, int);
	__type(value, __u64);
} h SEC(".maps");

SEC("cgroup_skb/egress")
__description("sk_storage_get / delete on a checked skb->sk, storage checked")
__success
int sk_storage_ok(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	__u64 *v;

	if (!sk)
		return 1;
	v = bpf_sk_storage_get(&sks, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
	if (!v)
		return 1;
	*v += 1;
	if (*v > 100)
		bpf_sk_storage_delete(&sks, sk);
	return 1;
}

SEC("cgroup_skb/egress")
__description("sk_storage_get on skb->sk without its NULL check")
__failure __msg("R2 type=sock_common_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
__naked void sk_storage_sk_unchecked(void)
{
	asm volatile("r2 = *(u64 *)(r1 + %[sk]);"
		     "r1 = %[sks] ll;"
		     "r3 = 0;"
		     "r4 = 1;"
		     "call %[bpf_sk_storage_get];"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sk_storage_get), __imm_addr(sks),
		       __imm_const(sk, offsetof(struct __sk_buff, sk))
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("sk_storage_get result written without its NULL check")
__failure __msg("R0 invalid mem access 'map_value_or_null'")
__naked void sk_storage_value_unchecked(void)
{
	asm volatile("r2 = *(u64 *)(r1 + %[sk]);"
		     "if r2 == 0 goto l0_%=;"
		     "r1 = %[sks] ll;"
		     "r3 = 0;"
		     "r4 = 1;"
		     "call %[bpf_sk_storage_get];"
		     "r1 = 1;"
		     "*(u64 *)(r0 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_sk_storage_get), __imm_addr(sks),
		       __imm_const(sk, offsetof(struct __sk_buff, sk))
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("sk_storage_get with a hash map")
__failure __msg("cannot pass map_type 1 into func bpf_sk_storage_get#107")
int sk_storage_hash(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;

	if (!sk)
		return 1;
	return bpf_sk_storage_get(&h, sk, 0, 0) != 0;
}

SEC("cgroup_skb/egress")
__description("lookup in an sk_storage map")
__failure __msg("cannot pass map_type 24 into func bpf_map_lookup_elem#1")
int sk_storage_lookup(struct __sk_buff *skb)
{
	int k = 0;

	return bpf_map_lookup_elem(&sks, &k) != 0;
}

SEC("kprobe/do_unlinkat")
__description("task_storage_get on the current task (BTF pointer)")
__success
int task_storage_ok(void *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 *v;

	v = bpf_task_storage_get(&tks, t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!v)
		return 0;
	*v += 1;
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("task_storage_get on bpf_get_current_task()'s scalar")
__failure __msg("R2 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_")
__naked void task_storage_scalar(void)
{
	asm volatile("call %[bpf_get_current_task];"
		     "r2 = r0;"
		     "r1 = %[tks] ll;"
		     "r3 = 0;"
		     "r4 = 1;"
		     "call %[bpf_task_storage_get];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_current_task), __imm(bpf_task_storage_get), __imm_addr(tks)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("cgrp_storage_get on the current task's default cgroup")
__success
int cgrp_storage_ok(void *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 *v;

	v = bpf_cgrp_storage_get(&cgs, t->cgroups->dfl_cgrp, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!v)
		return 0;
	*v += 1;
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("cgrp_storage_get with a task storage map")
__failure __msg("cannot pass map_type 29 into func bpf_cgrp_storage_get#210")
int cgrp_storage_wrong_map(void *ctx)
{
	struct task_struct *t = bpf_get_current_task_btf();

	return bpf_cgrp_storage_get(&tks, t->cgroups->dfl_cgrp, 0, 0) != 0;
}

SEC("cgroup_skb/egress")
__description("get_local_storage of a cgroup storage map: never NULL")
__success
int local_storage_ok(struct __sk_buff *skb)
{
	__u64 *v = bpf_get_local_storage(&cls, 0);

	*v += skb->len;
	return 1;
}

SEC("cgroup_skb/egress")
__description("get_local_storage read past the 8-byte value")
__failure __msg("invalid access to map value, value_size=8 off=8 size=8")
__msg("R0 min value is outside of the allowed memory range")
__naked void local_storage_oob(void)
{
	asm volatile("r1 = %[cls] ll;"
		     "r2 = 0;"
		     "call %[bpf_get_local_storage];"
		     "r0 = *(u64 *)(r0 + 8);"
		     "r0 = 1;"
		     "exit;"
		     :
		     : __imm(bpf_get_local_storage), __imm_addr(cls)
		     : __clobber_all);
}

SEC("cgroup_skb/egress")
__description("get_local_storage with a hash map")
__failure __msg("cannot pass map_type 1 into func bpf_get_local_storage#81")
int local_storage_hash(struct __sk_buff *skb)
{
	__u64 *v = bpf_get_local_storage(&h, 0);

	return *v & 1;
}

char _license[] SEC("license") = "GPL";
