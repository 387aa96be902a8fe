// .kconfig externs: libbpf's virtual LINUX_* values and CONFIG_* values of several types,
// including a weak one the kernel config does not have (zero).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig __weak;
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_BPF_JIT __kconfig;
extern unsigned long long CONFIG_NR_CPUS __kconfig;
extern char CONFIG_DEFAULT_HOSTNAME[8] __kconfig;
extern int CONFIG_BPFVERIFY_NOT_THERE __kconfig __weak;

SEC("socket")
int kconfig_values(struct __sk_buff *skb) {
  __u64 sum = LINUX_KERNEL_VERSION + CONFIG_HZ + CONFIG_NR_CPUS + CONFIG_BPFVERIFY_NOT_THERE;
  if (CONFIG_BPF_SYSCALL && CONFIG_BPF_JIT == TRI_YES && LINUX_HAS_BPF_COOKIE)
    sum += CONFIG_DEFAULT_HOSTNAME[1];
  return sum & 0xff;
}

char LICENSE[] SEC("license") = "GPL";
