// Typed ksyms (a per-CPU variable and a plain one), an untyped `extern const void` ksym (weak:
// kallsyms on the reference machine lists no data symbols, so libbpf leaves it at address 0)
// and a weak typed ksym missing from the kernel, used from a raw tracepoint program.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern const struct rq runqueues __ksym;
extern const int bpf_prog_active __ksym;
extern const void init_task __ksym __weak;
extern const int bpfverify_no_such_var __ksym __weak;

SEC("raw_tp/sys_enter")
int read_ksyms(void *ctx) {
  struct rq *rq = bpf_this_cpu_ptr(&runqueues);
  const int *active = bpf_this_cpu_ptr(&bpf_prog_active);
  __u64 missing = (__u64)&bpfverify_no_such_var;
  int pid = 0;
  bpf_probe_read_kernel(&pid, sizeof(pid), &init_task);
  return (rq->cpu + *active + pid + (missing != 0)) & 1;
}

char LICENSE[] SEC("license") = "GPL";
