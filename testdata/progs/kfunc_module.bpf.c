// A kfunc that only a kernel module defines: resolved against module BTF, the call's off is the
// 1-based module index (tests pair it with a synthetic split BTF; no golden: the reference
// machine has no module BTF).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern void bpfverify_mod_kfunc(void) __ksym;

SEC("tc")
int call_module_kfunc(struct __sk_buff *skb) {
  bpfverify_mod_kfunc();
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
