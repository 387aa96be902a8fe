// libbpf's section_defs[] as data.
//
// Source: libbpf 1.5 (tools/lib/bpf/libbpf.c of Linux 6.12) plus the rows libbpf 1.6 added
// (uprobe.session+, uprobe.session.s+). Debian's libbpf 1.1 lacks several of these rows
// (tcx/, netkit/, kprobe.session, uprobe.multi, cgroup/*_unix, ...); we follow current libbpf.
// Values are the numbers of Linux 6.18's include/uapi/linux/bpf.h.

#include "lib/object/section_defs.h"

#include <array>

namespace bpfverify::object {
namespace {

// clang-format off
const SectionDef kSectionDefs[] = {
    {"socket", 1 /* SOCKET_FILTER */, 0 /* 0 */, SecNone},
    {"sk_reuseport/migrate", 21 /* SK_REUSEPORT */, 40 /* BPF_SK_REUSEPORT_SELECT_OR_MIGRATE */, SecAttachable},
    {"sk_reuseport", 21 /* SK_REUSEPORT */, 39 /* BPF_SK_REUSEPORT_SELECT */, SecAttachable},
    {"kprobe+", 2 /* KPROBE */, 0 /* 0 */, SecNone},
    {"uprobe+", 2 /* KPROBE */, 0 /* 0 */, SecNone},
    {"uprobe.s+", 2 /* KPROBE */, 0 /* 0 */, SecSleepable},
    {"kretprobe+", 2 /* KPROBE */, 0 /* 0 */, SecNone},
    {"uretprobe+", 2 /* KPROBE */, 0 /* 0 */, SecNone},
    {"uretprobe.s+", 2 /* KPROBE */, 0 /* 0 */, SecSleepable},
    {"kprobe.multi+", 2 /* KPROBE */, 42 /* BPF_TRACE_KPROBE_MULTI */, SecNone},
    {"kretprobe.multi+", 2 /* KPROBE */, 42 /* BPF_TRACE_KPROBE_MULTI */, SecNone},
    {"kprobe.session+", 2 /* KPROBE */, 56 /* BPF_TRACE_KPROBE_SESSION */, SecNone},
    {"uprobe.multi+", 2 /* KPROBE */, 48 /* BPF_TRACE_UPROBE_MULTI */, SecNone},
    {"uretprobe.multi+", 2 /* KPROBE */, 48 /* BPF_TRACE_UPROBE_MULTI */, SecNone},
    {"uprobe.session+", 2 /* KPROBE */, 57 /* BPF_TRACE_UPROBE_SESSION */, SecNone},
    {"uprobe.multi.s+", 2 /* KPROBE */, 48 /* BPF_TRACE_UPROBE_MULTI */, SecSleepable},
    {"uretprobe.multi.s+", 2 /* KPROBE */, 48 /* BPF_TRACE_UPROBE_MULTI */, SecSleepable},
    {"uprobe.session.s+", 2 /* KPROBE */, 57 /* BPF_TRACE_UPROBE_SESSION */, SecSleepable},
    {"ksyscall+", 2 /* KPROBE */, 0 /* 0 */, SecNone},
    {"kretsyscall+", 2 /* KPROBE */, 0 /* 0 */, SecNone},
    {"usdt+", 2 /* KPROBE */, 0 /* 0 */, SecUsdt},
    {"usdt.s+", 2 /* KPROBE */, 0 /* 0 */, SecUsdt | SecSleepable},
    {"tc/ingress", 3 /* SCHED_CLS */, 46 /* BPF_TCX_INGRESS */, SecNone},
    {"tc/egress", 3 /* SCHED_CLS */, 47 /* BPF_TCX_EGRESS */, SecNone},
    {"tcx/ingress", 3 /* SCHED_CLS */, 46 /* BPF_TCX_INGRESS */, SecNone},
    {"tcx/egress", 3 /* SCHED_CLS */, 47 /* BPF_TCX_EGRESS */, SecNone},
    {"tc", 3 /* SCHED_CLS */, 0 /* 0 */, SecNone},
    {"classifier", 3 /* SCHED_CLS */, 0 /* 0 */, SecNone},
    {"action", 4 /* SCHED_ACT */, 0 /* 0 */, SecNone},
    {"netkit/primary", 3 /* SCHED_CLS */, 54 /* BPF_NETKIT_PRIMARY */, SecNone},
    {"netkit/peer", 3 /* SCHED_CLS */, 55 /* BPF_NETKIT_PEER */, SecNone},
    {"tracepoint+", 5 /* TRACEPOINT */, 0 /* 0 */, SecNone},
    {"tp+", 5 /* TRACEPOINT */, 0 /* 0 */, SecNone},
    {"raw_tracepoint+", 17 /* RAW_TRACEPOINT */, 0 /* 0 */, SecNone},
    {"raw_tp+", 17 /* RAW_TRACEPOINT */, 0 /* 0 */, SecNone},
    {"raw_tracepoint.w+", 24 /* RAW_TRACEPOINT_WRITABLE */, 0 /* 0 */, SecNone},
    {"raw_tp.w+", 24 /* RAW_TRACEPOINT_WRITABLE */, 0 /* 0 */, SecNone},
    {"tp_btf+", 26 /* TRACING */, 23 /* BPF_TRACE_RAW_TP */, SecAttachBtf},
    {"fentry+", 26 /* TRACING */, 24 /* BPF_TRACE_FENTRY */, SecAttachBtf},
    {"fmod_ret+", 26 /* TRACING */, 26 /* BPF_MODIFY_RETURN */, SecAttachBtf},
    {"fexit+", 26 /* TRACING */, 25 /* BPF_TRACE_FEXIT */, SecAttachBtf},
    {"fentry.s+", 26 /* TRACING */, 24 /* BPF_TRACE_FENTRY */, SecAttachBtf | SecSleepable},
    {"fmod_ret.s+", 26 /* TRACING */, 26 /* BPF_MODIFY_RETURN */, SecAttachBtf | SecSleepable},
    {"fexit.s+", 26 /* TRACING */, 25 /* BPF_TRACE_FEXIT */, SecAttachBtf | SecSleepable},
    {"freplace+", 28 /* EXT */, 0 /* 0 */, SecAttachBtf},
    {"lsm+", 29 /* LSM */, 27 /* BPF_LSM_MAC */, SecAttachBtf},
    {"lsm.s+", 29 /* LSM */, 27 /* BPF_LSM_MAC */, SecAttachBtf | SecSleepable},
    {"lsm_cgroup+", 29 /* LSM */, 43 /* BPF_LSM_CGROUP */, SecAttachBtf},
    {"iter+", 26 /* TRACING */, 28 /* BPF_TRACE_ITER */, SecAttachBtf},
    {"iter.s+", 26 /* TRACING */, 28 /* BPF_TRACE_ITER */, SecAttachBtf | SecSleepable},
    {"syscall", 31 /* SYSCALL */, 0 /* 0 */, SecSleepable},
    {"xdp.frags/devmap", 6 /* XDP */, 33 /* BPF_XDP_DEVMAP */, SecXdpFrags},
    {"xdp/devmap", 6 /* XDP */, 33 /* BPF_XDP_DEVMAP */, SecAttachable},
    {"xdp.frags/cpumap", 6 /* XDP */, 35 /* BPF_XDP_CPUMAP */, SecXdpFrags},
    {"xdp/cpumap", 6 /* XDP */, 35 /* BPF_XDP_CPUMAP */, SecAttachable},
    {"xdp.frags", 6 /* XDP */, 37 /* BPF_XDP */, SecXdpFrags},
    {"xdp", 6 /* XDP */, 37 /* BPF_XDP */, SecAttachableOpt},
    {"perf_event", 7 /* PERF_EVENT */, 0 /* 0 */, SecNone},
    {"lwt_in", 10 /* LWT_IN */, 0 /* 0 */, SecNone},
    {"lwt_out", 11 /* LWT_OUT */, 0 /* 0 */, SecNone},
    {"lwt_xmit", 12 /* LWT_XMIT */, 0 /* 0 */, SecNone},
    {"lwt_seg6local", 19 /* LWT_SEG6LOCAL */, 0 /* 0 */, SecNone},
    {"sockops", 13 /* SOCK_OPS */, 3 /* BPF_CGROUP_SOCK_OPS */, SecAttachableOpt},
    {"sk_skb/stream_parser", 14 /* SK_SKB */, 4 /* BPF_SK_SKB_STREAM_PARSER */, SecAttachableOpt},
    {"sk_skb/stream_verdict", 14 /* SK_SKB */, 5 /* BPF_SK_SKB_STREAM_VERDICT */, SecAttachableOpt},
    {"sk_skb/verdict", 14 /* SK_SKB */, 38 /* BPF_SK_SKB_VERDICT */, SecAttachableOpt},
    {"sk_skb", 14 /* SK_SKB */, 0 /* 0 */, SecNone},
    {"sk_msg", 16 /* SK_MSG */, 7 /* BPF_SK_MSG_VERDICT */, SecAttachableOpt},
    {"lirc_mode2", 20 /* LIRC_MODE2 */, 16 /* BPF_LIRC_MODE2 */, SecAttachableOpt},
    {"flow_dissector", 22 /* FLOW_DISSECTOR */, 17 /* BPF_FLOW_DISSECTOR */, SecAttachableOpt},
    {"cgroup_skb/ingress", 8 /* CGROUP_SKB */, 0 /* BPF_CGROUP_INET_INGRESS */, SecAttachableOpt},
    {"cgroup_skb/egress", 8 /* CGROUP_SKB */, 1 /* BPF_CGROUP_INET_EGRESS */, SecAttachableOpt},
    {"cgroup/skb", 8 /* CGROUP_SKB */, 0 /* 0 */, SecNone},
    {"cgroup/sock_create", 9 /* CGROUP_SOCK */, 2 /* BPF_CGROUP_INET_SOCK_CREATE */, SecAttachable},
    {"cgroup/sock_release", 9 /* CGROUP_SOCK */, 34 /* BPF_CGROUP_INET_SOCK_RELEASE */, SecAttachable},
    {"cgroup/sock", 9 /* CGROUP_SOCK */, 2 /* BPF_CGROUP_INET_SOCK_CREATE */, SecAttachableOpt},
    {"cgroup/post_bind4", 9 /* CGROUP_SOCK */, 12 /* BPF_CGROUP_INET4_POST_BIND */, SecAttachable},
    {"cgroup/post_bind6", 9 /* CGROUP_SOCK */, 13 /* BPF_CGROUP_INET6_POST_BIND */, SecAttachable},
    {"cgroup/bind4", 18 /* CGROUP_SOCK_ADDR */, 8 /* BPF_CGROUP_INET4_BIND */, SecAttachable},
    {"cgroup/bind6", 18 /* CGROUP_SOCK_ADDR */, 9 /* BPF_CGROUP_INET6_BIND */, SecAttachable},
    {"cgroup/connect4", 18 /* CGROUP_SOCK_ADDR */, 10 /* BPF_CGROUP_INET4_CONNECT */, SecAttachable},
    {"cgroup/connect6", 18 /* CGROUP_SOCK_ADDR */, 11 /* BPF_CGROUP_INET6_CONNECT */, SecAttachable},
    {"cgroup/connect_unix", 18 /* CGROUP_SOCK_ADDR */, 49 /* BPF_CGROUP_UNIX_CONNECT */, SecAttachable},
    {"cgroup/sendmsg4", 18 /* CGROUP_SOCK_ADDR */, 14 /* BPF_CGROUP_UDP4_SENDMSG */, SecAttachable},
    {"cgroup/sendmsg6", 18 /* CGROUP_SOCK_ADDR */, 15 /* BPF_CGROUP_UDP6_SENDMSG */, SecAttachable},
    {"cgroup/sendmsg_unix", 18 /* CGROUP_SOCK_ADDR */, 50 /* BPF_CGROUP_UNIX_SENDMSG */, SecAttachable},
    {"cgroup/recvmsg4", 18 /* CGROUP_SOCK_ADDR */, 19 /* BPF_CGROUP_UDP4_RECVMSG */, SecAttachable},
    {"cgroup/recvmsg6", 18 /* CGROUP_SOCK_ADDR */, 20 /* BPF_CGROUP_UDP6_RECVMSG */, SecAttachable},
    {"cgroup/recvmsg_unix", 18 /* CGROUP_SOCK_ADDR */, 51 /* BPF_CGROUP_UNIX_RECVMSG */, SecAttachable},
    {"cgroup/getpeername4", 18 /* CGROUP_SOCK_ADDR */, 29 /* BPF_CGROUP_INET4_GETPEERNAME */, SecAttachable},
    {"cgroup/getpeername6", 18 /* CGROUP_SOCK_ADDR */, 30 /* BPF_CGROUP_INET6_GETPEERNAME */, SecAttachable},
    {"cgroup/getpeername_unix", 18 /* CGROUP_SOCK_ADDR */, 52 /* BPF_CGROUP_UNIX_GETPEERNAME */, SecAttachable},
    {"cgroup/getsockname4", 18 /* CGROUP_SOCK_ADDR */, 31 /* BPF_CGROUP_INET4_GETSOCKNAME */, SecAttachable},
    {"cgroup/getsockname6", 18 /* CGROUP_SOCK_ADDR */, 32 /* BPF_CGROUP_INET6_GETSOCKNAME */, SecAttachable},
    {"cgroup/getsockname_unix", 18 /* CGROUP_SOCK_ADDR */, 53 /* BPF_CGROUP_UNIX_GETSOCKNAME */, SecAttachable},
    {"cgroup/sysctl", 23 /* CGROUP_SYSCTL */, 18 /* BPF_CGROUP_SYSCTL */, SecAttachable},
    {"cgroup/getsockopt", 25 /* CGROUP_SOCKOPT */, 21 /* BPF_CGROUP_GETSOCKOPT */, SecAttachable},
    {"cgroup/setsockopt", 25 /* CGROUP_SOCKOPT */, 22 /* BPF_CGROUP_SETSOCKOPT */, SecAttachable},
    {"cgroup/dev", 15 /* CGROUP_DEVICE */, 6 /* BPF_CGROUP_DEVICE */, SecAttachableOpt},
    {"struct_ops+", 27 /* STRUCT_OPS */, 0 /* 0 */, SecNone},
    {"struct_ops.s+", 27 /* STRUCT_OPS */, 0 /* 0 */, SecSleepable},
    {"sk_lookup", 30 /* SK_LOOKUP */, 36 /* BPF_SK_LOOKUP */, SecAttachable},
    {"netfilter", 32 /* NETFILTER */, 45 /* BPF_NETFILTER */, SecNone},
};
// clang-format on

constexpr uint32_t ProgTypeXdp = 6;
constexpr uint32_t AttachTraceUprobeMulti = 48; // BPF_TRACE_UPROBE_MULTI

} // namespace

std::span<const SectionDef> sectionDefs() {
  return kSectionDefs;
}

bool sectionDefMatches(const SectionDef &def, std::string_view sectionName) {
  std::string_view pattern = def.pattern;
  if (pattern.empty())
    return false;
  // "type/" only matches the "type/extras" form.
  if (pattern.back() == '/')
    return sectionName.starts_with(pattern);
  // "type+" matches "type" exactly or "type/extras".
  if (pattern.back() == '+') {
    pattern.remove_suffix(1);
    if (!sectionName.starts_with(pattern))
      return false;
    return sectionName.size() == pattern.size() || sectionName[pattern.size()] == '/';
  }
  return sectionName == pattern;
}

const SectionDef *findSectionDef(std::string_view sectionName) {
  for (const SectionDef &def : kSectionDefs)
    if (sectionDefMatches(def, sectionName))
      return &def;
  return nullptr;
}

SectionInfo classifySection(std::string_view rawSectionName) {
  SectionInfo info;
  std::string_view name = rawSectionName;
  // bpf_object__init_prog: SEC("?abc") is SEC("abc") with autoload off.
  if (name.starts_with('?')) {
    info.autoload = false;
    name.remove_prefix(1);
  }
  info.sectionName = std::string(name);
  if (size_t slash = name.find('/'); slash != std::string_view::npos)
    info.attachTarget = std::string(name.substr(slash + 1));

  info.def = findSectionDef(name);
  if (!info.def)
    return info;
  info.progType = info.def->progType;
  info.expectedAttachType = info.def->expectedAttachType;
  // libbpf_prepare_prog_load(), for a kernel with every feature probed present.
  if (info.def->flags & SecSleepable) {
    info.sleepable = true;
    info.progFlags |= BPF_F_SLEEPABLE;
  }
  if (info.progType == ProgTypeXdp && (info.def->flags & SecXdpFrags))
    info.progFlags |= BPF_F_XDP_HAS_FRAGS;
  if (info.def->flags & SecUsdt)
    info.expectedAttachType = AttachTraceUprobeMulti;
  return info;
}

} // namespace bpfverify::object
