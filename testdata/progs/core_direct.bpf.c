// CO-RE on direct loads (tp_btf): load offsets, a load whose size grows from 2 to 4 bytes
// (unsigned field), one whose size change is refused and poisoned (signed field), and
// BPF_CORE_READ_BITFIELD's direct loads.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* The kernel's "unsigned int flags": a 2-byte unsigned local view may be widened. */
struct task_struct___narrow {
  unsigned short flags;
} __attribute__((preserve_access_index));

/* The kernel's "pid_t pid" (int): a signed 2-byte view cannot be widened safely. */
struct task_struct___narrow_signed {
  short pid;
} __attribute__((preserve_access_index));

SEC("tp_btf/sched_switch")
int BPF_PROG(core_direct, bool preempt, struct task_struct *prev, struct task_struct *next) {
  int pid = next->pid;
  unsigned int flags = ((struct task_struct___narrow *)prev)->flags;
  unsigned long long bf = BPF_CORE_READ_BITFIELD(next, sched_contributes_to_load);
  return pid + flags + bf;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(core_direct_signed, bool preempt, struct task_struct *prev,
             struct task_struct *next) {
  short spid = ((struct task_struct___narrow_signed *)prev)->pid;
  return spid;
}
