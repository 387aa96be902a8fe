// CO-RE field relocations: offsets through BPF_CORE_READ chains and array indices, field
// existence/size/offset, and a renamed field ("state" became "__state" in 5.14) whose guarded
// read is poisoned. Checked against libbpf in tests/core.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* A pre-5.14 view of task_struct: "state" does not exist in 6.18. */
struct task_struct___old {
  long state;
  int pid;
} __attribute__((preserve_access_index));

/* A struct no kernel has. */
struct not_in_kernel___x {
  int a;
  int b;
} __attribute__((preserve_access_index));

SEC("kprobe/do_nanosleep")
int core_read_chain(struct pt_regs *ctx) {
  struct task_struct *t = (void *)bpf_get_current_task();
  int pid = BPF_CORE_READ(t, pid);
  int ptgid = BPF_CORE_READ(t, real_parent, tgid);
  char c = 0;
  bpf_core_read(&c, 1, &t->comm[3]);
  return pid + ptgid + c;
}

SEC("kprobe/do_nanosleep")
int core_field_info(struct pt_regs *ctx) {
  struct task_struct *t = (void *)bpf_get_current_task();
  long r = 0;
  r += bpf_core_field_exists(t->pid);
  r += bpf_core_field_size(t->comm) << 4;
  r += bpf_core_field_offset(struct task_struct, tgid) << 8;
  r += (long)bpf_core_field_exists(((struct task_struct___old *)t)->state) << 20;
  r += (long)bpf_core_field_exists(struct task_struct___old, pid) << 21;
  r += (long)bpf_core_field_size(struct task_struct, real_parent) << 22;
  return r;
}

SEC("kprobe/do_nanosleep")
int core_guarded_missing(struct pt_regs *ctx) {
  struct task_struct___old *t = (void *)bpf_get_current_task();
  long state = 0;
  int b = 0;
  if (bpf_core_field_exists(t->state))
    state = BPF_CORE_READ(t, state);
  if (bpf_core_type_exists(struct not_in_kernel___x))
    b = BPF_CORE_READ((struct not_in_kernel___x *)t, b);
  return state + b;
}
