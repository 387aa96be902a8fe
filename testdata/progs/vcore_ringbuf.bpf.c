// Verifier core: acquired references through the ring buffer. bpf_ringbuf_reserve returns
// memory of the reserved size or NULL, with a reference that every path must release
// (bpf_ringbuf_submit or bpf_ringbuf_discard) exactly once; released memory is gone. The
// reference belongs to the program, not the frame: it may be acquired and released in
// different subprograms. Socket lookups are references too (bpf_sk_lookup_tcp / bpf_sk_release).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct event {
	__u32 pid;
	__u32 len;
	__u64 time;
};

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserve, fill, submit")
__success
int reserve_submit(void *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = 0;
	e->time = bpf_ktime_get_ns();
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserve, then submit or discard depending on a value")
__success
int reserve_submit_or_discard(void *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->time = bpf_ktime_get_ns();
	if (e->time & 1)
		bpf_ringbuf_discard(e, 0);
	else
		bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserved memory written without the NULL check")
__failure __msg("R0 invalid mem access 'ringbuf_mem_or_null'")
__naked void reserve_unchecked(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "r1 = 0;"
		     "*(u64 *)(r0 + 0) = r1;"
		     "r1 = r0;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_submit), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("one path returns without releasing the reservation")
__failure __msg("Unreleased reference id=2 alloc_insn=4")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int reserve_leak_on_one_path(void *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->time = bpf_ktime_get_ns();
	if (e->time & 1)
		return 1;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("submitted twice")
__failure __msg("R1 type=scalar expected=ringbuf_mem")
__naked void submit_twice(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit];"
		     "r1 = r6;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_submit), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("written after submit: the copy of the pointer is invalidated")
__failure __msg("R6 invalid mem access 'scalar'")
__naked void write_after_submit(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "r1 = r6;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit];"
		     "r1 = 0;"
		     "*(u64 *)(r6 + 0) = r1;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_submit), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("write of 4 bytes at offset 16 of a 16-byte reservation")
__failure __msg("invalid access to memory, mem_size=16 off=16 size=4")
__msg("R0 min value is outside of the allowed memory range")
__naked void write_past_reservation(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = 0;"
		     "*(u32 *)(r0 + 12) = r1;"
		     "*(u32 *)(r0 + 16) = r1;"
		     "r1 = r0;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_discard];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_discard), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserve with a size that is not a known constant")
__failure __msg("R2 is not a known constant'")
__naked void reserve_variable_size(void)
{
	asm volatile("call %[bpf_get_prandom_u32];"
		     "r2 = r0;"
		     "r2 &= 0xff;"
		     "r1 = %[events] ll;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_discard];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_discard),
		       __imm(bpf_get_prandom_u32), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("the reserved pointer moved before submit")
__failure __msg("R1 must have zero offset when passed to release func or trusted arg to kfunc")
__naked void submit_moved_pointer(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "if r0 == 0 goto l0_%=;"
		     "r0 += 8;"
		     "r1 = r0;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_submit), __imm_addr(events)
		     : __clobber_all);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("the reservation survives a spill and fill and is submitted from the copy")
__success
__naked void reserve_spill_fill_submit(void)
{
	asm volatile("r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "*(u64 *)(r10 - 8) = r0;"
		     "r1 = *(u64 *)(r10 - 8);"
		     "if r1 == 0 goto l0_%=;"
		     "r2 = 0;"
		     "call %[bpf_ringbuf_submit];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_ringbuf_submit), __imm_addr(events)
		     : __clobber_all);
}

/* Reserves in a subprogram: the reference belongs to the program, not the frame. */
static __noinline struct event *reserve_event(void)
{
	return bpf_ringbuf_reserve(&events, sizeof(struct event), 0);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserve in a static subprogram, submit in the caller")
__success
int reserve_in_subprog(void *ctx)
{
	struct event *e = reserve_event();

	if (!e)
		return 0;
	e->time = 1;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* Submits what the caller reserved. */
static __noinline void submit_event(struct event *e)
{
	bpf_ringbuf_submit(e, 0);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserve in the caller, submit in a static subprogram")
__success
int submit_in_subprog(void *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->time = 2;
	submit_event(e);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
__description("reserve in a static subprogram, never released")
__failure __msg("Unreleased reference id=2 alloc_insn=12")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int reserve_in_subprog_leak(void *ctx)
{
	struct event *e = reserve_event();

	if (!e)
		return 0;
	e->time = 3;
	return 1;
}

SEC("tc")
__description("socket lookup, NULL check, release")
__success
int sk_lookup_release(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;
	int ret;

	sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return 0;
	ret = sk->state;
	bpf_sk_release(sk);
	return ret;
}

SEC("tc")
__description("socket lookup never released")
__failure __msg("Unreleased reference id=2 alloc_insn=12")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
int sk_lookup_leak(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;

	sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return 0;
	return sk->state;
}

SEC("tc")
__description("socket field read before the NULL check")
__failure __msg("R6 invalid mem access 'sock_or_null'")
__naked void sk_lookup_unchecked(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 12;"
		     "r4 = -1;"
		     "r5 = 0;"
		     "call %[bpf_sk_lookup_tcp];"
		     "r6 = r0;"
		     "r0 = *(u32 *)(r6 + 0);"
		     "r1 = r6;"
		     "call %[bpf_sk_release];"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_sk_lookup_tcp), __imm(bpf_sk_release)
		     : __clobber_all);
}

SEC("tc")
__description("socket lookup released without touching the socket")
__success
__naked void sk_lookup_release_only(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 12;"
		     "r4 = -1;"
		     "r5 = 0;"
		     "call %[bpf_sk_lookup_tcp];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "call %[bpf_sk_release];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_sk_lookup_tcp), __imm(bpf_sk_release)
		     : __clobber_all);
}

SEC("tc")
__description("socket lookup leaked on the non-NULL path, socket never touched")
__failure __msg("Unreleased reference id=2 alloc_insn=8")
__msg("BPF_EXIT instruction in main prog would lead to reference leak")
__naked void sk_lookup_leak_only(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 12;"
		     "r4 = -1;"
		     "r5 = 0;"
		     "call %[bpf_sk_lookup_tcp];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_sk_lookup_tcp), __imm(bpf_sk_release)
		     : __clobber_all);
}

SEC("tc")
__description("socket released twice")
__failure __msg("R1 type=scalar expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
__naked void sk_release_twice(void)
{
	asm volatile("r2 = 0;"
		     "*(u64 *)(r10 - 8) = r2;"
		     "*(u64 *)(r10 - 16) = r2;"
		     "r2 = r10;"
		     "r2 += -16;"
		     "r3 = 12;"
		     "r4 = -1;"
		     "r5 = 0;"
		     "call %[bpf_sk_lookup_tcp];"
		     "if r0 == 0 goto l0_%=;"
		     "r6 = r0;"
		     "r1 = r6;"
		     "call %[bpf_sk_release];"
		     "r1 = r6;"
		     "call %[bpf_sk_release];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_sk_lookup_tcp), __imm(bpf_sk_release)
		     : __clobber_all);
}

SEC("tc")
__description("a ring buffer reservation released with bpf_sk_release")
__failure __msg("R1 type=ringbuf_mem expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_")
__naked void release_wrong_kind(void)
{
	asm volatile("r6 = r1;"
		     "r1 = %[events] ll;"
		     "r2 = 16;"
		     "r3 = 0;"
		     "call %[bpf_ringbuf_reserve];"
		     "if r0 == 0 goto l0_%=;"
		     "r1 = r0;"
		     "call %[bpf_sk_release];"
		     "l0_%=:"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_ringbuf_reserve), __imm(bpf_sk_release), __imm_addr(events)
		     : __clobber_all);
}

char LICENSE[] SEC("license") = "GPL";
