// .BTF.ext sample for btf/ tests: two global subprograms and a static one (func_info),
// several source lines (line_info), and CO-RE field, type and enum relocations (core_relo).
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int btf_ext_helper(struct __sk_buff *skb) {
  return skb->len + 1;
}

static __noinline int btf_ext_static(int x) {
  return x * 3;
}

SEC("tc")
int btf_ext_main(struct __sk_buff *skb) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  int pid = BPF_CORE_READ(task, pid);
  int size = bpf_core_type_size(struct sk_buff);
  int xdp = bpf_core_enum_value(enum bpf_prog_type, BPF_PROG_TYPE_XDP);
  return btf_ext_helper(skb) + btf_ext_static(pid) + size + xdp;
}
