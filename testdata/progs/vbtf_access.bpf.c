// Loads through pointers typed by the kernel's BTF (PTR_TO_BTF_ID), reached from helpers that
// return them (bpf_get_current_task_btf, bpf_skc_to_tcp_sock): scalar members read as scalars,
// pointer members give new BTF pointers whose trust follows the kernel's lists (task->real_parent
// is an RCU pointer in a non-sleepable program), nested structs and arrays are walked, and
// reads outside the struct, partial reads of a pointer member and writes are refused. BTF
// pointers are also checked as helper arguments (the struct must match).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "bpfverify_expect.h"

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, long);
} task_counts SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("scalar members of the current task")
__success
int task_scalars(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return (task->pid + task->tgid + task->prio) & 1;
}

SEC("kprobe/do_unlinkat")
__description("a pointer member (RCU) followed to its scalar")
__success
int task_parent_pid(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_struct *parent = task->real_parent;

	if (!parent)
		return 0;
	return parent->pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("an RCU pointer member listed as never NULL (task_struct__safe_rcu) used unchecked")
__success
int task_parent_unchecked(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return task->real_parent->pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("a nested struct and an array member")
__success
int task_nested(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return (task->se.load.weight + task->comm[3]) & 1;
}

SEC("kprobe/do_unlinkat")
__description("a read past the end of the task")
__failure __msg("access beyond struct task_struct at off")
__naked void task_past_end(void)
{
	asm volatile("call %[bpf_get_current_task_btf];"
		     "r0 += 65536;"
		     "r0 = *(u32 *)(r0 + 0);"
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_current_task_btf)
		     : __clobber_all);
}

SEC("kprobe/do_unlinkat")
__description("half of a pointer member")
__failure __msg("cannot access ptr member real_parent")
int task_half_pointer(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return *(volatile int *)&task->real_parent;
}

SEC("kprobe/do_unlinkat")
__description("a write into the task")
__failure __msg("only read is supported")
int task_write(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	task->prio = 1;
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("a variable offset into the task")
__failure __msg("invalid variable offset")
int task_var_off(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u32 i = bpf_get_prandom_u32() & 7;

	return task->comm[i];
}

SEC("kprobe/do_unlinkat")
__description("task storage for the current task")
__success
int task_storage_current(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	long *v = bpf_task_storage_get(&task_counts, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (v)
		*v += 1;
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("task storage for the parent (RCU, maybe NULL)")
__success
int task_storage_parent(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	long *v = bpf_task_storage_get(&task_counts, task->real_parent, 0, 0);

	return v ? *v & 1 : 0;
}

SEC("kprobe/do_unlinkat")
__description("task storage given a struct of another type")
__failure __msg("is of type mm_struct but task_struct is expected")
int task_storage_wrong_struct(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct mm_struct *mm = task->mm;

	if (!mm)
		return 0;
	bpf_task_storage_get(&task_counts, (struct task_struct *)mm, 0, 0);
	return 0;
}

SEC("tc")
__description("a tcp_sock from a socket, its fields read")
__success
int tcp_fields(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	struct tcp_sock *tp;

	if (!sk)
		return 0;
	tp = bpf_skc_to_tcp_sock(sk);
	if (!tp)
		return 0;
	return (tp->snd_cwnd + tp->srtt_us) & 1;
}

SEC("tc")
__description("a tcp_sock used without the NULL check")
__failure __msg("invalid mem access 'ptr_or_null_'")
int tcp_unchecked(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	struct tcp_sock *tp;

	if (!sk)
		return 0;
	tp = bpf_skc_to_tcp_sock(sk);
	return tp->snd_cwnd & 1;
}

char _license[] SEC("license") = "GPL";
