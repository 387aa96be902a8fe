#pragma once
// The enum bpf_prog_type and enum bpf_attach_type values (include/uapi/linux/bpf.h, Linux 6.18)
// that the context access rules test.

#include <cstdint>

namespace bpfverify::verifier::ctx {

namespace prog {
inline constexpr uint32_t SocketFilter = 1, Kprobe = 2, SchedCls = 3, SchedAct = 4, Tracepoint = 5,
                          Xdp = 6, PerfEvent = 7, CgroupSkb = 8, CgroupSock = 9, LwtIn = 10,
                          LwtOut = 11, LwtXmit = 12, SockOps = 13, SkSkb = 14, CgroupDevice = 15,
                          SkMsg = 16, RawTracepoint = 17, CgroupSockAddr = 18, LwtSeg6local = 19,
                          LircMode2 = 20, SkReuseport = 21, FlowDissector = 22, CgroupSysctl = 23,
                          RawTracepointWritable = 24, CgroupSockopt = 25, Tracing = 26,
                          StructOps = 27, Ext = 28, Lsm = 29, SkLookup = 30, Syscall = 31,
                          Netfilter = 32;
} // namespace prog

namespace attach {
inline constexpr uint32_t CgroupInetIngress = 0, CgroupInetEgress = 1, CgroupInetSockCreate = 2,
                          CgroupInet4Bind = 8, CgroupInet6Bind = 9, CgroupInet4Connect = 10,
                          CgroupInet6Connect = 11, CgroupInet4PostBind = 12,
                          CgroupInet6PostBind = 13, CgroupUdp4Sendmsg = 14, CgroupUdp6Sendmsg = 15,
                          FlowDissector = 17, CgroupUdp4Recvmsg = 19, CgroupUdp6Recvmsg = 20,
                          CgroupGetsockopt = 21, CgroupSetsockopt = 22, CgroupInet4Getpeername = 29,
                          CgroupInet6Getpeername = 30, CgroupInet4Getsockname = 31,
                          CgroupInet6Getsockname = 32, XdpDevmap = 33, CgroupInetSockRelease = 34,
                          XdpCpumap = 35, SkLookup = 36, SkReuseportSelect = 39,
                          SkReuseportSelectOrMigrate = 40, Netfilter = 45, CgroupUnixConnect = 49,
                          CgroupUnixSendmsg = 50, CgroupUnixRecvmsg = 51,
                          CgroupUnixGetpeername = 52, CgroupUnixGetsockname = 53;
} // namespace attach

} // namespace bpfverify::verifier::ctx
