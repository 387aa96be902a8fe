// Single facts of the Linux 6.18 is_valid_access functions, each checked by hand against the
// kernel source (net/core/filter.c, kernel/trace/bpf_trace.c, kernel/bpf/cgroup.c, ...). The
// recorded differential test covers the verdicts and register types exhaustively; these also
// pin what the kernel does not print (ctx_field_size) and what depends on inputs the recording
// machine cannot vary (CAP_BPF, sign-extending loads, unknown program types).

#include "verifier/target/ctx/ctx_access.h"
#include "verifier/target/ctx/ctx_fields.h"
#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/sock_access.h"
#include "verifier/target/ctx/uapi_types.h"

#include <catch2/catch.hpp>

using namespace bpfverify::verifier;
using namespace bpfverify::verifier::ctx;

namespace {

struct Answer {
  bool ok;
  AccessInfo info;
  bool unknownType;
};

Answer ask(ProgInfo prog, int off, int size, Access access = Access::Read) {
  Answer a{};
  a.ok = isValidAccess(prog, off, size, access, a.info, &a.unknownType);
  return a;
}

bool reads(ProgInfo prog, int off, int size) {
  return ask(prog, off, size).ok;
}
bool writes(ProgInfo prog, int off, int size) {
  return ask(prog, off, size, Access::Write).ok;
}
RegType loadType(ProgInfo prog, int off, int size) {
  Answer a = ask(prog, off, size);
  REQUIRE(a.ok);
  return a.info.regType;
}

const ProgInfo socketFilter{prog::SocketFilter, 0};
const ProgInfo tc{prog::SchedCls, 0};
const ProgInfo xdpProg{prog::Xdp, 0};
const ProgInfo kprobe{prog::Kprobe, 0};

} // namespace

TEST_CASE("socket filters read skb fields but write only cb[]", "[ctx]") {
  CHECK(reads(socketFilter, skb::len.off, 4));
  CHECK_FALSE(writes(socketFilter, skb::len.off, 4));
  CHECK_FALSE(writes(socketFilter, skb::mark.off, 4));
  // sk_filter_is_valid_access refuses the packet pointers, tc_classid and the sk_skb fields.
  CHECK_FALSE(reads(socketFilter, skb::data.off, 4));
  CHECK_FALSE(reads(socketFilter, skb::dataEnd.off, 4));
  CHECK_FALSE(reads(socketFilter, skb::tcClassid.off, 4));
  CHECK_FALSE(reads(socketFilter, skb::family.off, 4));
  CHECK(writes(socketFilter, skb::cb0.off, 4));
  // cb[] takes any aligned size as long as it stays inside cb[0..4].
  CHECK(writes(socketFilter, skb::cb0.off, 8));
  CHECK(writes(socketFilter, skb::cb0.off + 8, 8));
  CHECK_FALSE(writes(socketFilter, skb::cb4.off, 8));
  CHECK(reads(socketFilter, skb::cb4.off + 3, 1));
}

TEST_CASE("narrow reads of u32 skb fields follow bpf_ctx_narrow_access_ok", "[ctx]") {
  for (int off = 0; off < 4; off++) {
    Answer a = ask(socketFilter, skb::len.off + off, 1);
    CHECK(a.ok);
    CHECK(a.info.ctxFieldSize == 4);
    CHECK(a.info.regType == RegType(RegBase::Scalar));
  }
  CHECK(reads(socketFilter, skb::len.off, 2));
  CHECK(reads(socketFilter, skb::len.off + 2, 2));
  CHECK_FALSE(reads(socketFilter, skb::len.off + 1, 2)); // off % size
  CHECK_FALSE(reads(socketFilter, skb::len.off, 8));     // wider than the field
  CHECK_FALSE(writes(tc, skb::mark.off, 2));             // writes are whole fields
}

TEST_CASE("tc programs load packet pointers and write the tc fields", "[ctx]") {
  CHECK(loadType(tc, skb::data.off, 4) == RegType(RegBase::PtrToPacket));
  CHECK(loadType(tc, skb::dataEnd.off, 4) == RegType(RegBase::PtrToPacketEnd));
  CHECK(loadType(tc, skb::dataMeta.off, 4) == RegType(RegBase::PtrToPacketMeta));
  CHECK(loadType(tc, skb::sk.off, 8) == RegType(RegBase::PtrToSockCommon, PTR_MAYBE_NULL));
  CHECK_FALSE(reads(tc, skb::data.off, 2));
  CHECK_FALSE(reads(tc, skb::sk.off, 4));
  ProgInfo signExtending = tc;
  signExtending.isLdsx = true;
  CHECK_FALSE(reads(signExtending, skb::data.off, 4));
  CHECK(reads(signExtending, skb::len.off, 4));
  for (Field f : {skb::mark, skb::tcIndex, skb::priority, skb::tcClassid, skb::queueMapping})
    CHECK(writes(tc, f.off, 4));
  CHECK(writes(tc, skb::tstamp.off, 8));
  CHECK_FALSE(writes(tc, skb::len.off, 4));
  CHECK_FALSE(writes(tc, skb::data.off, 4));
  // tstamp_type is a u8 only tc may read; its padding is never accessible.
  CHECK(reads(tc, skb::tstampType.off, 1));
  CHECK_FALSE(reads(tc, skb::tstampType.off, 2));
  CHECK_FALSE(reads(tc, skb::tstampType.off + 1, 1));
  CHECK_FALSE(reads(socketFilter, skb::tstampType.off, 1));
  CHECK_FALSE(writes(tc, skb::tstampType.off, 1));
  CHECK(reads(tc, skb::hwtstamp.off, 8));
  CHECK_FALSE(writes(tc, skb::hwtstamp.off, 8));
  CHECK_FALSE(reads(tc, skb::flowKeys.off, 8));
}

TEST_CASE("cgroup_skb packet access and tstamp writes need CAP_BPF", "[ctx]") {
  ProgInfo root{prog::CgroupSkb, attach::CgroupInetIngress};
  ProgInfo noCapBpf = root;
  noCapBpf.capBpf = false;
  CHECK(loadType(root, skb::data.off, 4) == RegType(RegBase::PtrToPacket));
  CHECK_FALSE(reads(noCapBpf, skb::data.off, 4));
  CHECK_FALSE(reads(noCapBpf, skb::dataEnd.off, 4));
  CHECK(writes(root, skb::tstamp.off, 8));
  CHECK_FALSE(writes(noCapBpf, skb::tstamp.off, 8));
  CHECK(writes(noCapBpf, skb::mark.off, 4));
  CHECK_FALSE(reads(root, skb::dataMeta.off, 4));
}

TEST_CASE("sk_skb and flow dissector contexts", "[ctx]") {
  ProgInfo skSkb{prog::SkSkb, 0};
  CHECK_FALSE(reads(skSkb, skb::mark.off, 4)); // refused even for reads
  CHECK(reads(skSkb, skb::family.off, 4));
  CHECK_FALSE(reads(skSkb, skb::remoteIp4.off, 2)); // addresses are whole u32 reads
  CHECK(writes(skSkb, skb::tcIndex.off, 4));
  ProgInfo flow{prog::FlowDissector, attach::FlowDissector};
  CHECK(loadType(flow, skb::flowKeys.off, 8) == RegType(RegBase::PtrToFlowKeys));
  CHECK(loadType(flow, skb::data.off, 4) == RegType(RegBase::PtrToPacket));
  CHECK_FALSE(reads(flow, skb::len.off, 4));
}

TEST_CASE("xdp_md: whole u32 reads, packet pointers, egress_ifindex only from a devmap", "[ctx]") {
  CHECK(loadType(xdpProg, xdp::data.off, 4) == RegType(RegBase::PtrToPacket));
  CHECK(loadType(xdpProg, xdp::dataEnd.off, 4) == RegType(RegBase::PtrToPacketEnd));
  CHECK(loadType(xdpProg, xdp::dataMeta.off, 4) == RegType(RegBase::PtrToPacketMeta));
  CHECK(reads(xdpProg, xdp::ingressIfindex.off, 4));
  CHECK_FALSE(reads(xdpProg, xdp::ingressIfindex.off, 2));
  CHECK_FALSE(writes(xdpProg, xdp::rxQueueIndex.off, 4)); // only offloaded programs
  CHECK_FALSE(reads(xdpProg, xdp::egressIfindex.off, 4));
  CHECK(reads(ProgInfo{prog::Xdp, attach::XdpDevmap}, xdp::egressIfindex.off, 4));
  CHECK_FALSE(reads(xdpProg, xdp::Size, 4));
}

TEST_CASE("kprobe reads aligned pt_regs words, never writes", "[ctx]") {
  for (int off = 0; off + 8 <= PtRegsSize; off += 8)
    CHECK(reads(kprobe, off, 8));
  CHECK(reads(kprobe, 4, 4));
  CHECK(reads(kprobe, 167, 1));
  CHECK_FALSE(reads(kprobe, 4, 8));
  CHECK_FALSE(reads(kprobe, PtRegsSize, 8));
  CHECK_FALSE(reads(kprobe, -8, 8));
  CHECK_FALSE(writes(kprobe, 0, 8));
}

TEST_CASE("tracepoint, perf_event and raw tracepoint contexts", "[ctx]") {
  ProgInfo tp{prog::Tracepoint, 0};
  CHECK_FALSE(reads(tp, 0, 8)); // the common fields are hidden
  CHECK_FALSE(reads(tp, 4, 4));
  CHECK(reads(tp, 8, 8));
  CHECK(reads(tp, PerfMaxTraceSize - 8, 8));
  CHECK_FALSE(reads(tp, PerfMaxTraceSize, 1));
  // `off < sizeof(void *)` compares unsigned: negative offsets get through (Linux 6.18 too).
  CHECK(reads(tp, -8, 8));
  CHECK_FALSE(writes(tp, 8, 8));

  ProgInfo pe{prog::PerfEvent, 0};
  Answer period = ask(pe, perfEvent::samplePeriod.off, 4);
  CHECK(period.ok);
  CHECK(period.info.ctxFieldSize == 8);
  CHECK(reads(pe, perfEvent::addr.off + 7, 1));
  CHECK(reads(pe, 0, 8));
  CHECK_FALSE(reads(pe, 0, 4)); // registers are whole longs

  ProgInfo raw{prog::RawTracepoint, 0};
  CHECK(reads(raw, 8 * (MaxBpfFuncArgs - 1), 8));
  CHECK_FALSE(reads(raw, 8 * MaxBpfFuncArgs, 8));
  ProgInfo writable{prog::RawTracepointWritable, 0};
  CHECK(loadType(writable, 0, 8) == RegType(RegBase::PtrToTpBuffer));
  CHECK_FALSE(reads(writable, 0, 4));
  CHECK(loadType(writable, 8, 8) == RegType(RegBase::Scalar));
}

TEST_CASE("cgroup_sock_addr address fields depend on the attach type", "[ctx]") {
  ProgInfo connect4{prog::CgroupSockAddr, attach::CgroupInet4Connect};
  ProgInfo connect6{prog::CgroupSockAddr, attach::CgroupInet6Connect};
  ProgInfo unixConnect{prog::CgroupSockAddr, attach::CgroupUnixConnect};
  ProgInfo sendmsg4{prog::CgroupSockAddr, attach::CgroupUdp4Sendmsg};
  CHECK(writes(connect4, sockAddr::userIp4.off, 4));
  CHECK_FALSE(writes(connect6, sockAddr::userIp4.off, 4));
  CHECK_FALSE(reads(unixConnect, sockAddr::userIp4.off, 4));
  CHECK(reads(connect4, sockAddr::userIp4.off + 1, 1));
  CHECK_FALSE(writes(connect4, sockAddr::userIp4.off, 2));
  // user_ip6 may be read and written as aligned u64 halves.
  CHECK(writes(connect6, sockAddr::userIp6.off, 8));
  CHECK(reads(connect6, sockAddr::userIp6.off + 8, 8));
  CHECK_FALSE(writes(connect4, sockAddr::userIp6.off, 8));
  CHECK(writes(sendmsg4, sockAddr::msgSrcIp4.off, 4));
  CHECK_FALSE(writes(connect4, sockAddr::msgSrcIp4.off, 4));
  CHECK(writes(unixConnect, sockAddr::userPort.off, 4));
  CHECK_FALSE(writes(connect4, sockAddr::family.off, 4));
  CHECK(loadType(connect4, sockAddr::sk.off, 8) == RegType(RegBase::PtrToSocket));
}

TEST_CASE("cgroup_sock: bpf_sock fields filtered by attach type", "[ctx]") {
  ProgInfo create{prog::CgroupSock, attach::CgroupInetSockCreate};
  ProgInfo postBind4{prog::CgroupSock, attach::CgroupInet4PostBind};
  ProgInfo unset{prog::CgroupSock, 0}; // the kernel fixes this up to SOCK_CREATE
  CHECK(writes(create, sock::mark.off, 4));
  CHECK(writes(unset, sock::mark.off, 4));
  CHECK_FALSE(writes(postBind4, sock::mark.off, 4));
  CHECK_FALSE(reads(postBind4, sock::mark.off, 4));
  CHECK(reads(postBind4, sock::srcIp4.off, 4));
  CHECK_FALSE(writes(postBind4, sock::srcIp4.off, 4));
  CHECK_FALSE(reads(create, sock::srcIp4.off, 4));
  CHECK(reads(create, sock::family.off, 2));
  CHECK_FALSE(reads(create, sock::family.off + 1, 1)); // only the exact offset is narrowable
  Answer port = ask(create, sock::dstPort.off, 2);
  CHECK(port.ok);
  CHECK(port.info.ctxFieldSize == 2);
  CHECK(ask(create, sock::dstPort.off, 4).info.ctxFieldSize == 4);
  CHECK_FALSE(reads(create, sock::dstPort.end(), 2)); // the hole
}

TEST_CASE("sock_ops, sk_msg, sk_lookup and sk_reuseport pointer fields", "[ctx]") {
  ProgInfo sockOpsProg{prog::SockOps, 0};
  CHECK(loadType(sockOpsProg, sockOps::sk.off, 8) == RegType(RegBase::PtrToSocket, PTR_MAYBE_NULL));
  CHECK(loadType(sockOpsProg, sockOps::skbData.off, 8) == RegType(RegBase::PtrToPacket));
  CHECK(writes(sockOpsProg, sockOps::reply.off, 4));
  CHECK(writes(sockOpsProg, sockOps::skTxhash.off, 4));
  CHECK_FALSE(writes(sockOpsProg, sockOps::op.off, 4));
  CHECK(reads(sockOpsProg, sockOps::bytesAcked.off, 8));
  CHECK_FALSE(reads(sockOpsProg, sockOps::bytesAcked.off, 4));
  CHECK(reads(sockOpsProg, sockOps::skbTcpFlags.off, 1));
  CHECK_FALSE(reads(sockOpsProg, sockOps::op.off, 1));

  ProgInfo msg{prog::SkMsg, 0};
  CHECK(loadType(msg, skMsg::data.off, 8) == RegType(RegBase::PtrToPacket));
  CHECK(loadType(msg, skMsg::sk.off, 8) == RegType(RegBase::PtrToSocket));
  CHECK_FALSE(reads(msg, skMsg::data.off, 4));
  CHECK_FALSE(reads(msg, skMsg::family.off, 2));

  ProgInfo lookup{prog::SkLookup, attach::SkLookup};
  CHECK(loadType(lookup, skLookup::sk.off, 8) == RegType(RegBase::PtrToSocket, PTR_MAYBE_NULL));
  CHECK(reads(lookup, skLookup::remotePort.off, 4)); // backward compatibility
  Answer pad = ask(lookup, skLookup::remotePort.end(), 2);
  CHECK(pad.ok);
  CHECK(pad.info.ctxFieldSize == 2);
  CHECK_FALSE(writes(lookup, skLookup::family.off, 4));

  ProgInfo reuse{prog::SkReuseport, attach::SkReuseportSelectOrMigrate};
  CHECK(loadType(reuse, reuseport::migratingSk.off, 8) ==
        RegType(RegBase::PtrToSockCommon, PTR_MAYBE_NULL));
  CHECK(loadType(reuse, reuseport::sk.off, 8) == RegType(RegBase::PtrToSocket));
  CHECK_FALSE(reads(reuse, reuseport::ethProtocol.off, 1));
  CHECK(reads(reuse, reuseport::ethProtocol.off, 2));
  CHECK(reads(reuse, reuseport::ipProtocol.off, 1));
}

TEST_CASE("cgroup device, sysctl and sockopt contexts", "[ctx]") {
  ProgInfo dev{prog::CgroupDevice, 0};
  CHECK(reads(dev, cgroupDev::accessType.off + 2, 2));
  CHECK_FALSE(reads(dev, cgroupDev::major.off, 2));
  CHECK_FALSE(writes(dev, cgroupDev::major.off, 4));
  ProgInfo sysctlProg{prog::CgroupSysctl, 0};
  CHECK_FALSE(writes(sysctlProg, sysctl::write.off, 4));
  CHECK(writes(sysctlProg, sysctl::filePos.off, 4));
  CHECK(reads(sysctlProg, sysctl::write.off + 1, 1));
  ProgInfo get{prog::CgroupSockopt, attach::CgroupGetsockopt};
  ProgInfo set{prog::CgroupSockopt, attach::CgroupSetsockopt};
  CHECK(reads(get, sockopt::retval.off, 4));
  CHECK_FALSE(reads(set, sockopt::retval.off, 4));
  CHECK(writes(get, sockopt::retval.off, 4));
  CHECK(writes(set, sockopt::level.off, 4));
  CHECK_FALSE(writes(get, sockopt::level.off, 4));
  CHECK(writes(get, sockopt::optlen.off, 4));
  CHECK(loadType(get, sockopt::optval.off, 8) == RegType(RegBase::PtrToPacket));
  CHECK(loadType(get, sockopt::optvalEnd.off, 8) == RegType(RegBase::PtrToPacketEnd));
  CHECK(loadType(get, sockopt::sk.off, 8) == RegType(RegBase::PtrToSocket));
}

TEST_CASE("lirc_mode2, syscall and netfilter contexts", "[ctx]") {
  ProgInfo lirc{prog::LircMode2, 0};
  CHECK(reads(lirc, 0, 4));
  CHECK_FALSE(reads(lirc, 0, 2));
  CHECK_FALSE(writes(lirc, 0, 4));
  ProgInfo syscallProg{prog::Syscall, 0};
  CHECK(writes(syscallProg, 1000, 8));
  CHECK(reads(syscallProg, SyscallCtxMax - 3, 1));
  CHECK_FALSE(reads(syscallProg, SyscallCtxMax, 1));
  CHECK_FALSE(reads(syscallProg, 3, 4));
  ProgInfo nf{prog::Netfilter, attach::Netfilter};
  Answer skbPtr = ask(nf, nfCtx::skb.off, 8);
  CHECK(skbPtr.ok);
  CHECK(skbPtr.info.regType == RegType(RegBase::PtrToBtfId, PTR_TRUSTED));
  CHECK(skbPtr.info.btfStructName == "sk_buff");
  CHECK(ask(nf, nfCtx::state.off, 8).info.btfStructName == "nf_hook_state");
  CHECK_FALSE(reads(nf, nfCtx::skb.off, 4));
}

TEST_CASE("BTF-typed and unknown program types report unknownType", "[ctx]") {
  for (uint32_t type : {prog::Tracing, prog::StructOps, prog::Ext, prog::Lsm, 0u, 33u, 1000u}) {
    Answer a = ask(ProgInfo{type, 0}, 0, 8);
    CHECK_FALSE(a.ok);
    CHECK(a.unknownType);
  }
  Answer known = ask(socketFilter, skb::data.off, 4);
  CHECK_FALSE(known.ok);
  CHECK_FALSE(known.unknownType);
  AccessInfo info;
  CHECK(isValidAccess(socketFilter, 0, 4, Access::Read, info)); // unknownType is optional
}

TEST_CASE("context member names for diagnostics", "[ctx]") {
  const CtxStruct *skbCtx = ctxStruct(prog::SchedCls);
  REQUIRE(skbCtx);
  CHECK(skbCtx->name == "__sk_buff");
  CHECK(ctxMemberAt(*skbCtx, skb::data.off) == "data");
  CHECK(ctxMemberAt(*skbCtx, skb::cb0.off + 9) == "cb[2]");
  CHECK(ctxMemberAt(*skbCtx, skb::tstampType.off + 1).empty()); // padding
  CHECK(ctxMemberAt(*skbCtx, skb::Size).empty());
  CHECK(ctxMemberAt(*skbCtx, -1).empty());
  CHECK(ctxMemberAt(*ctxStruct(prog::Kprobe), 112) == "di");
  CHECK(ctxMemberAt(*ctxStruct(prog::PerfEvent), 112) == "regs.di");
  CHECK(ctxMemberAt(*ctxStruct(prog::PerfEvent), perfEvent::addr.off) == "addr");
  CHECK(ctxMemberAt(*ctxStruct(prog::SockOps), sockOps::reply.off) == "reply");
  CHECK(ctxMemberAt(*ctxStruct(prog::SockOps), sockOps::reply.off + 4) == "replylong[1]");
  CHECK(ctxStruct(prog::Tracepoint) == nullptr);
  CHECK(ctxStruct(prog::Syscall) == nullptr);
  CHECK(ctxStruct(prog::Tracing) == nullptr);
}

TEST_CASE("socket pointer fields (check_sock_access)", "[ctx]") {
  auto sockRead = [](RegBase base, int off, int size, AccessInfo *out = nullptr) {
    AccessInfo info;
    bool ok = sockPointerIsValidAccess(base, off, size, Access::Read, info);
    if (out)
      *out = info;
    return ok;
  };
  // A sock_common has no type, protocol, mark or priority.
  CHECK_FALSE(sockRead(RegBase::PtrToSockCommon, sock::type.off, 4));
  CHECK(sockRead(RegBase::PtrToSocket, sock::type.off, 4));
  CHECK(sockRead(RegBase::PtrToSockCommon, sock::family.off, 4));
  AccessInfo port;
  CHECK(sockRead(RegBase::PtrToSockCommon, sock::dstPort.off, 2, &port));
  CHECK(port.ctxFieldSize == 2);
  CHECK(sockRead(RegBase::PtrToTcpSock, tcpSock::bytesAcked.off, 8));
  CHECK_FALSE(sockRead(RegBase::PtrToTcpSock, tcpSock::bytesAcked.off, 4));
  CHECK(sockRead(RegBase::PtrToTcpSock, tcpSock::icskRetransmits.off, 4));
  CHECK_FALSE(sockRead(RegBase::PtrToTcpSock, tcpSock::Size, 4));
  AccessInfo upperHalf;
  CHECK(sockRead(RegBase::PtrToTcpSock, tcpSock::bytesReceived.off + 4, 4, &upperHalf));
  CHECK(upperHalf.conversionFails);
  AccessInfo plain;
  CHECK(sockRead(RegBase::PtrToTcpSock, 0, 4, &plain));
  CHECK_FALSE(plain.conversionFails);
  CHECK(sockRead(RegBase::PtrToXdpSock, 0, 4));
  CHECK_FALSE(sockRead(RegBase::PtrToXdpSock, 0, 2));
  CHECK_FALSE(sockRead(RegBase::PtrToPacket, 0, 4));
}
