// CO-RE bitfield relocations (byte offset/size, signed, lshift_u64, rshift_u64) through
// BPF_CORE_READ_BITFIELD_PROBED, with a local view whose bitfields sit elsewhere and differ in
// signedness from the kernel's. Checked against libbpf in tests/core.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* In 6.18 both are "unsigned int x:1" deep inside task_struct. */
struct task_struct___bits {
  int pad;
  unsigned int sched_reset_on_fork : 1;
  int in_execve : 1;
} __attribute__((preserve_access_index));

SEC("kprobe/do_nanosleep")
int core_bitfields(struct pt_regs *ctx) {
  struct task_struct___bits *t = (void *)bpf_get_current_task();
  unsigned long long a = BPF_CORE_READ_BITFIELD_PROBED(t, sched_reset_on_fork);
  unsigned long long b = BPF_CORE_READ_BITFIELD_PROBED(t, in_execve);
  return a + (b << 1);
}
