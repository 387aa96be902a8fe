// RCU read sections (the kfuncs bpf_rcu_read_lock / bpf_rcu_read_unlock): sections may not nest
// or be left open at exit, an unlock needs a lock, RCU pointers (task->real_parent) become
// untrusted after the unlock, and sleepable helpers may not run inside a section.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, long);
} task_counts SEC(".maps");

SEC("kprobe/do_unlinkat")
__description("read the parent's pid inside an RCU section")
__success
int rcu_parent_pid(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	int pid = 0;

	bpf_rcu_read_lock();
	pid = task->real_parent->pid;
	bpf_rcu_read_unlock();
	return pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("an RCU section left open at exit")
__failure __msg("BPF_EXIT instruction in main prog cannot be used inside bpf_rcu_read_lock-ed region")
int rcu_left_open(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();

	bpf_rcu_read_lock();
	return task->pid & 1;
}

SEC("kprobe/do_unlinkat")
__description("an unlock without a lock")
__failure __msg("unmatched rcu read unlock (kernel function bpf_rcu_read_unlock)")
int rcu_unmatched_unlock(void *ctx)
{
	bpf_rcu_read_unlock();
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("nested RCU sections")
__failure __msg("nested rcu read lock (kernel function bpf_rcu_read_lock)")
int rcu_nested(void *ctx)
{
	bpf_rcu_read_lock();
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	bpf_rcu_read_unlock();
	return 0;
}

SEC("kprobe/do_unlinkat")
__description("an RCU pointer handed to a helper inside the section")
__success
int rcu_pointer_inside(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_struct *parent;
	long *v = 0;

	bpf_rcu_read_lock();
	parent = task->real_parent;
	v = bpf_task_storage_get(&task_counts, parent, 0, 0);
	bpf_rcu_read_unlock();
	return v ? 1 : 0;
}

SEC("kprobe/do_unlinkat")
__description("an RCU pointer handed to a helper after the section")
__failure __msg("R2 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_")
int rcu_pointer_after(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_struct *parent;

	bpf_rcu_read_lock();
	parent = task->real_parent;
	bpf_rcu_read_unlock();
	bpf_task_storage_get(&task_counts, parent, 0, 0);
	return 0;
}

SEC("uprobe.s")
__description("a sleepable helper inside an RCU section")
__failure __msg("sleepable helper bpf_copy_from_user#148 in rcu_read_lock region")
int rcu_sleepable_helper(struct pt_regs *ctx)
{
	char buf[8];

	bpf_rcu_read_lock();
	bpf_copy_from_user(buf, sizeof(buf), (void *)ctx->di);
	bpf_rcu_read_unlock();
	return buf[0];
}

char _license[] SEC("license") = "GPL";
