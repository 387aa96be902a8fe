// Typed ksyms (a per-CPU variable and a plain one), an untyped `extern const void` ksym (weak:
// kallsyms on the reference machine lists no data symbols, so libbpf leaves it at address 0)
// and a weak typed ksym missing from the kernel, used from a raw tracepoint program.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpfverify_expect.h"

extern const struct rq runqueues __ksym;
extern const int bpf_prog_active __ksym;
extern const void init_task __ksym __weak;
extern const int bpfverify_no_such_var __ksym __weak;

/* The reference machine refuses this program before its verifier runs ("ldimm64 failed to find
 * the address for kernel symbol 'runqueues'": its kallsyms lists no data symbols), so the
 * recording says env-refused. From the kernel source (check_pseudo_btf_id, bpf_this_cpu_ptr's
 * RET_PTR_TO_MEM_OR_BTF_ID, btf_struct_access of struct rq), a kernel with CONFIG_KALLSYMS_ALL
 * accepts it. */
SEC("raw_tp/sys_enter")
__success
int read_ksyms(void *ctx) {
  struct rq *rq = bpf_this_cpu_ptr(&runqueues);
  const int *active = bpf_this_cpu_ptr(&bpf_prog_active);
  __u64 missing = (__u64)&bpfverify_no_such_var;
  int pid = 0;
  bpf_probe_read_kernel(&pid, sizeof(pid), &init_task);
  return (rq->cpu + *active + pid + (missing != 0)) & 1;
}

char LICENSE[] SEC("license") = "GPL";
