#pragma once
// The is_valid_access function of each program type family; ctx_access.cpp dispatches to them.

#include "verifier/target/ctx/ctx_access.h"

namespace bpfverify::verifier::ctx {

// ctx_skb.cpp: sk_filter, tc_cls_act, cg_skb, lwt, sk_skb (net/core/filter.c)
bool skbFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                            AccessInfo &info);
// ctx_skb.cpp: flow_dissector_is_valid_access
bool flowDissectorIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                                AccessInfo &info);
// ctx_xdp.cpp: xdp_is_valid_access
bool xdpIsValidAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info);
// ctx_tracing.cpp: kprobe, tracepoint, perf_event, raw_tp, raw_tp_writable (bpf_trace.c)
bool tracingFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                                AccessInfo &info);
// ctx_sock.cpp: cgroup_sock, sock_addr, sock_ops, sk_msg, sk_lookup, sk_reuseport
bool sockFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                             AccessInfo &info);
// ctx_cgroup.cpp: cgroup_device, cgroup_sysctl, cgroup_sockopt (kernel/bpf/cgroup.c)
bool cgroupFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                               AccessInfo &info);
// ctx_misc.cpp: lirc_mode2, syscall, netfilter
bool miscFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                             AccessInfo &info);

} // namespace bpfverify::verifier::ctx
