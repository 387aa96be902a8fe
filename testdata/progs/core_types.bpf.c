// CO-RE type relocations: exists, size, kernel and local type ids, matches (a matching and a
// non-matching flavor), on structs, unions, enums, typedefs and a type no kernel has.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct not_in_kernel___x {
  int a;
};
/* Matches: every member exists in the kernel's task_struct with a matching type. */
struct task_struct___match {
  int pid;
  int tgid;
  struct task_struct *real_parent;
};
/* Does not match: the kernel's pid is a 4-byte int. */
struct task_struct___nomatch {
  long pid;
};

SEC("kprobe/do_nanosleep")
int core_types(struct pt_regs *ctx) {
  long r = 0;
  r += bpf_core_type_exists(struct task_struct);
  r += (long)bpf_core_type_exists(struct not_in_kernel___x) << 1;
  r += (long)bpf_core_type_size(struct task_struct) << 2;
  r += (long)bpf_core_type_size(struct not_in_kernel___x) << 3;
  r += (long)bpf_core_type_id_kernel(struct task_struct) << 4;
  r += (long)bpf_core_type_id_kernel(struct not_in_kernel___x) << 5;
  r += (long)bpf_core_type_id_local(struct task_struct) << 6;
  r += (long)bpf_core_type_matches(struct task_struct___match) << 7;
  r += (long)bpf_core_type_matches(struct task_struct___nomatch) << 8;
  r += (long)bpf_core_type_exists(pid_t) << 9;
  r += (long)bpf_core_type_size(pid_t) << 10;
  r += (long)bpf_core_type_exists(union bpf_attr) << 11;
  r += (long)bpf_core_type_matches(enum bpf_map_type) << 12;
  r += (long)bpf_core_type_size(enum perf_callchain_context) << 13;
  return r;
}
