// kfunc calls resolved to BPF_PSEUDO_KFUNC_CALL: RCU lock/unlock, task acquire/release, and a
// weak kfunc missing from the kernel (poisoned call, guarded by bpf_ksym_exists).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpfverify_no_such_kfunc(void) __ksym __weak;

SEC("tp_btf/task_newtask")
int on_newtask(u64 *ctx) {
  struct task_struct *task = (struct task_struct *)ctx[0];
  struct task_struct *acquired;
  int pid;

  bpf_rcu_read_lock();
  pid = task->pid;
  bpf_rcu_read_unlock();
  acquired = bpf_task_acquire(task);
  if (acquired)
    bpf_task_release(acquired);
  if (bpfverify_no_such_kfunc)
    bpfverify_no_such_kfunc();
  return pid & 1;
}

char LICENSE[] SEC("license") = "GPL";
