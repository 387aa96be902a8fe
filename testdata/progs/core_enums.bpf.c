// CO-RE enum value relocations: existence and value, ___flavor enumerator names, a missing
// enumerator whose guarded value is poisoned, and an ENUM64 kernel value.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* A local enum: the kernel's values differ, one enumerator does not exist there. */
enum bpf_map_type___x {
  BPF_MAP_TYPE_ARRAY___x = 7,
  BPF_MAP_TYPE_NOPE___x = 99,
};

SEC("kprobe/do_nanosleep")
int core_enums(struct pt_regs *ctx) {
  long r = 0;
  r += bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_HASH);
  r += bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_ARRAY) << 1;
  r += (long)bpf_core_enum_value_exists(enum bpf_map_type___x, BPF_MAP_TYPE_NOPE___x) << 8;
  r += (long)bpf_core_enum_value(enum bpf_map_type___x, BPF_MAP_TYPE_ARRAY___x) << 12;
  r += bpf_core_enum_value(enum perf_callchain_context, PERF_CONTEXT_USER);
  if (bpf_core_enum_value_exists(enum bpf_map_type___x, BPF_MAP_TYPE_NOPE___x))
    r += bpf_core_enum_value(enum bpf_map_type___x, BPF_MAP_TYPE_NOPE___x);
  return r;
}
