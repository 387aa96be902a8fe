// Section names: several programs per section, '?' (autoload off), '+' and '/' forms,
// sleepable and frags variants. Only the instructions matter here; each function is trivial.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("xdp") int xdp_one(struct xdp_md *ctx) { return XDP_PASS; }
SEC("xdp") int xdp_two(struct xdp_md *ctx) { return XDP_DROP; }
SEC("?xdp") int xdp_optional(struct xdp_md *ctx) { return XDP_PASS; }
SEC("xdp.frags") int xdp_frags(struct xdp_md *ctx) { return XDP_PASS; }
SEC("kprobe/do_unlinkat") int probe_unlink(void *ctx) { return 0; }
SEC("tracepoint/syscalls/sys_enter_openat") int tp_openat(void *ctx) { return 0; }
SEC("raw_tp/sys_exit") int raw_exit(void *ctx) { return 0; }
SEC("cgroup_skb/egress") int cg_egress(struct __sk_buff *skb) { return 1; }
SEC("cgroup/connect4") int cg_connect4(struct bpf_sock_addr *ctx) { return 1; }
SEC("sockops") int sock_ops(struct bpf_sock_ops *ctx) { return 1; }
SEC("syscall") int sys_prog(void *ctx) { return 0; }
SEC("fentry.s/do_unlinkat") int sleepy_fentry(void *ctx) { return 0; }
SEC("lsm/file_open") int lsm_open(void *ctx) { return 0; }
SEC("tc/ingress") int tcx_in(struct __sk_buff *skb) { return 0; }

char LICENSE[] SEC("license") = "GPL";
