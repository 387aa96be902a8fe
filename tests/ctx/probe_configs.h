#pragma once
// The (program type, attach type) pairs the context-access differential test probes, and the
// shape of one recording: for each access kind, one answer per probed offset.

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/uapi_types.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bpfverify::verifier::ctx::testing {

/// One program type (with the expected_attach_type it is loaded with) to probe.
struct ProbeConfig {
  std::string name; ///< file name stem under tests/ctx/data
  uint32_t progType;
  uint32_t attachType;
  std::vector<std::pair<int, int>> ranges; ///< inclusive offset ranges probed
  bool sleepable = false;                  ///< BPF_F_SLEEPABLE (syscall programs need it)
};

/// Access kinds probed: read (BPF_MEM), sign-extending read (BPF_MEMSX) and write (BPF_STX).
struct AccessKind {
  const char *key; ///< "r4", "sx2", "w8"
  int size;
  bool write;
  bool signExtend;
};

inline const std::vector<AccessKind> &accessKinds() {
  static const std::vector<AccessKind> kinds = {
      {"r1", 1, false, false}, {"r2", 2, false, false}, {"r4", 4, false, false},
      {"r8", 8, false, false}, {"sx1", 1, false, true}, {"sx2", 2, false, true},
      {"sx4", 4, false, true}, {"w1", 1, true, false},  {"w2", 2, true, false},
      {"w4", 4, true, false},  {"w8", 8, true, false},
  };
  return kinds;
}

/// Every offset from just before to just after the struct, plus far offsets at both ends of
/// the instruction's s16 range (unsigned-comparison slips show up there).
inline std::vector<std::pair<int, int>> around(int size) {
  return {{-32768, -32760}, {-520, -504}, {-8, size + 8}, {32752, 32767}};
}

inline const std::vector<ProbeConfig> &probeConfigs() {
  using namespace prog;
  namespace at = attach;
  static const std::vector<ProbeConfig> configs = {
      // sk_buff family
      {"socket_filter", SocketFilter, 0, around(skb::Size)},
      {"sched_cls", SchedCls, 0, around(skb::Size)},
      {"sched_act", SchedAct, 0, around(skb::Size)},
      {"cgroup_skb_ingress", CgroupSkb, at::CgroupInetIngress, around(skb::Size)},
      {"cgroup_skb_egress", CgroupSkb, at::CgroupInetEgress, around(skb::Size)},
      {"lwt_in", LwtIn, 0, around(skb::Size)},
      {"lwt_out", LwtOut, 0, around(skb::Size)},
      {"lwt_xmit", LwtXmit, 0, around(skb::Size)},
      {"lwt_seg6local", LwtSeg6local, 0, around(skb::Size)},
      {"sk_skb", SkSkb, 0, around(skb::Size)},
      {"sk_skb_stream_parser", SkSkb, 4, around(skb::Size)},
      {"sk_skb_verdict", SkSkb, 38, around(skb::Size)},
      {"flow_dissector", FlowDissector, at::FlowDissector, around(skb::Size)},
      // XDP
      {"xdp", Xdp, 0, around(xdp::Size)},
      {"xdp_devmap", Xdp, at::XdpDevmap, around(xdp::Size)},
      {"xdp_cpumap", Xdp, at::XdpCpumap, around(xdp::Size)},
      {"xdp_link", Xdp, 37, around(xdp::Size)},
      // tracing-like
      {"kprobe", Kprobe, 0, around(PtRegsSize)},
      {"kprobe_multi", Kprobe, 42, around(PtRegsSize)},
      {"uprobe_multi", Kprobe, 48, around(PtRegsSize)},
      {"kprobe_session", Kprobe, 56, around(PtRegsSize)},
      {"tracepoint",
       Tracepoint,
       0,
       {{-32768, -32760},
        {-520, -504},
        {-8, 136},
        {PerfMaxTraceSize - 16, PerfMaxTraceSize + 8},
        {32752, 32767}}},
      {"perf_event", PerfEvent, 0, around(perfEvent::Size)},
      {"raw_tracepoint", RawTracepoint, 0, around(8 * MaxBpfFuncArgs)},
      {"raw_tracepoint_writable", RawTracepointWritable, 0, around(8 * MaxBpfFuncArgs)},
      // sock family
      // No attach type: bpf_prog_load_fixup_attach_type makes it SOCK_CREATE.
      {"cgroup_sock_unset", CgroupSock, 0, around(sock::Size)},
      {"cgroup_sock_create", CgroupSock, at::CgroupInetSockCreate, around(sock::Size)},
      {"cgroup_sock_release", CgroupSock, at::CgroupInetSockRelease, around(sock::Size)},
      {"cgroup_sock_post_bind4", CgroupSock, at::CgroupInet4PostBind, around(sock::Size)},
      {"cgroup_sock_post_bind6", CgroupSock, at::CgroupInet6PostBind, around(sock::Size)},
      {"sock_addr_bind4", CgroupSockAddr, at::CgroupInet4Bind, around(sockAddr::Size)},
      {"sock_addr_bind6", CgroupSockAddr, at::CgroupInet6Bind, around(sockAddr::Size)},
      {"sock_addr_connect4", CgroupSockAddr, at::CgroupInet4Connect, around(sockAddr::Size)},
      {"sock_addr_connect6", CgroupSockAddr, at::CgroupInet6Connect, around(sockAddr::Size)},
      {"sock_addr_connect_unix", CgroupSockAddr, at::CgroupUnixConnect, around(sockAddr::Size)},
      {"sock_addr_getpeername4", CgroupSockAddr, at::CgroupInet4Getpeername,
       around(sockAddr::Size)},
      {"sock_addr_getpeername6", CgroupSockAddr, at::CgroupInet6Getpeername,
       around(sockAddr::Size)},
      {"sock_addr_getpeername_unix", CgroupSockAddr, at::CgroupUnixGetpeername,
       around(sockAddr::Size)},
      {"sock_addr_getsockname4", CgroupSockAddr, at::CgroupInet4Getsockname,
       around(sockAddr::Size)},
      {"sock_addr_getsockname6", CgroupSockAddr, at::CgroupInet6Getsockname,
       around(sockAddr::Size)},
      {"sock_addr_getsockname_unix", CgroupSockAddr, at::CgroupUnixGetsockname,
       around(sockAddr::Size)},
      {"sock_addr_sendmsg4", CgroupSockAddr, at::CgroupUdp4Sendmsg, around(sockAddr::Size)},
      {"sock_addr_sendmsg6", CgroupSockAddr, at::CgroupUdp6Sendmsg, around(sockAddr::Size)},
      {"sock_addr_sendmsg_unix", CgroupSockAddr, at::CgroupUnixSendmsg, around(sockAddr::Size)},
      {"sock_addr_recvmsg4", CgroupSockAddr, at::CgroupUdp4Recvmsg, around(sockAddr::Size)},
      {"sock_addr_recvmsg6", CgroupSockAddr, at::CgroupUdp6Recvmsg, around(sockAddr::Size)},
      {"sock_addr_recvmsg_unix", CgroupSockAddr, at::CgroupUnixRecvmsg, around(sockAddr::Size)},
      {"sock_ops", SockOps, 3, around(sockOps::Size)},
      {"sk_msg", SkMsg, 0, around(skMsg::Size)},
      {"sk_msg_verdict", SkMsg, 7, around(skMsg::Size)},
      {"sk_lookup", SkLookup, at::SkLookup, around(skLookup::Size)},
      {"sk_reuseport_select", SkReuseport, at::SkReuseportSelect, around(reuseport::Size)},
      {"sk_reuseport_migrate", SkReuseport, at::SkReuseportSelectOrMigrate,
       around(reuseport::Size)},
      // cgroup device / sysctl / sockopt
      {"cgroup_device", CgroupDevice, 0, around(cgroupDev::Size)},
      {"cgroup_sysctl", CgroupSysctl, 0, around(sysctl::Size)},
      {"cgroup_getsockopt", CgroupSockopt, at::CgroupGetsockopt, around(sockopt::Size)},
      {"cgroup_setsockopt", CgroupSockopt, at::CgroupSetsockopt, around(sockopt::Size)},
      // others
      {"lirc_mode2", LircMode2, 0, around(4)},
      {"syscall", Syscall, 0, {{-32768, -32760}, {-520, -504}, {-8, 136}, {32752, 32767}}, true},
      {"netfilter", Netfilter, at::Netfilter, around(nfCtx::Size)},
  };
  return configs;
}

/// Socket pointer kinds probed (check_sock_access), with their recording keys.
struct SockPointerKind {
  const char *key; ///< "sock_common", "sock", "tcp_sock", "xdp_sock" (reg_type_str)
  uint8_t base;    ///< RegBase value
};

/// Offsets probed through socket pointers: around the largest struct (bpf_tcp_sock, 112 bytes)
/// and far offsets.
inline std::vector<std::pair<int, int>> sockPointerRanges() {
  return {{-32768, -32760}, {-520, -504}, {-8, 120}, {32752, 32767}};
}

} // namespace bpfverify::verifier::ctx::testing
