#include "verifier/target/ctx/ctx_fields.h"

#include "verifier/target/ctx/uapi_types.h"

#include <array>

namespace bpfverify::verifier::ctx {
namespace {

// struct pt_regs of x86_64 in offset order, named as in the kernel BTF (cs and ss are the u16
// halves of the u64 unions csx and ssx).
constexpr std::array<std::string_view, 21> ptRegsNames = {
    "r15", "r14", "r13", "r12", "bp",      "bx", "r11", "r10",   "r9", "r8", "ax",
    "cx",  "dx",  "si",  "di",  "orig_ax", "ip", "csx", "flags", "sp", "ssx"};

constexpr std::array<NamedField, 21> makePtRegs() {
  std::array<NamedField, 21> fields{};
  for (size_t i = 0; i < fields.size(); i++)
    fields[i] = NamedField{ptRegsNames[i], Field{int(i) * 8, 8}};
  return fields;
}
constexpr std::array<NamedField, 21> ptRegsFields = makePtRegs();
constexpr CtxStruct ptRegs{"pt_regs", PtRegsSize, ptRegsFields};

constexpr NamedField skbFields[] = {
    {"len", skb::len},
    {"pkt_type", skb::pktType},
    {"mark", skb::mark},
    {"queue_mapping", skb::queueMapping},
    {"protocol", skb::protocol},
    {"vlan_present", skb::vlanPresent},
    {"vlan_tci", skb::vlanTci},
    {"vlan_proto", skb::vlanProto},
    {"priority", skb::priority},
    {"ingress_ifindex", skb::ingressIfindex},
    {"ifindex", skb::ifindex},
    {"tc_index", skb::tcIndex},
    {"cb", skb::cb, 4},
    {"hash", skb::hash},
    {"tc_classid", skb::tcClassid},
    {"data", skb::data},
    {"data_end", skb::dataEnd},
    {"napi_id", skb::napiId},
    {"family", skb::family},
    {"remote_ip4", skb::remoteIp4},
    {"local_ip4", skb::localIp4},
    {"remote_ip6", skb::remoteIp6, 4},
    {"local_ip6", skb::localIp6, 4},
    {"remote_port", skb::remotePort},
    {"local_port", skb::localPort},
    {"data_meta", skb::dataMeta},
    {"flow_keys", skb::flowKeys},
    {"tstamp", skb::tstamp},
    {"wire_len", skb::wireLen},
    {"gso_segs", skb::gsoSegs},
    {"sk", skb::sk},
    {"gso_size", skb::gsoSize},
    {"tstamp_type", skb::tstampType},
    {"hwtstamp", skb::hwtstamp},
};
constexpr CtxStruct skbStruct{"__sk_buff", skb::Size, skbFields};

constexpr NamedField xdpFields[] = {
    {"data", xdp::data},
    {"data_end", xdp::dataEnd},
    {"data_meta", xdp::dataMeta},
    {"ingress_ifindex", xdp::ingressIfindex},
    {"rx_queue_index", xdp::rxQueueIndex},
    {"egress_ifindex", xdp::egressIfindex},
};
constexpr CtxStruct xdpStruct{"xdp_md", xdp::Size, xdpFields};

constexpr NamedField sockFields[] = {
    {"bound_dev_if", sock::boundDevIf},
    {"family", sock::family},
    {"type", sock::type},
    {"protocol", sock::protocol},
    {"mark", sock::mark},
    {"priority", sock::priority},
    {"src_ip4", sock::srcIp4},
    {"src_ip6", sock::srcIp6, 4},
    {"src_port", sock::srcPort},
    {"dst_port", sock::dstPort},
    {"dst_ip4", sock::dstIp4},
    {"dst_ip6", sock::dstIp6, 4},
    {"state", sock::state},
    {"rx_queue_mapping", sock::rxQueueMapping},
};
constexpr CtxStruct sockStruct{"bpf_sock", sock::Size, sockFields};

constexpr NamedField sockAddrFields[] = {
    {"user_family", sockAddr::userFamily},
    {"user_ip4", sockAddr::userIp4},
    {"user_ip6", sockAddr::userIp6, 4},
    {"user_port", sockAddr::userPort},
    {"family", sockAddr::family},
    {"type", sockAddr::type},
    {"protocol", sockAddr::protocol},
    {"msg_src_ip4", sockAddr::msgSrcIp4},
    {"msg_src_ip6", sockAddr::msgSrcIp6, 4},
    {"sk", sockAddr::sk},
};
constexpr CtxStruct sockAddrStruct{"bpf_sock_addr", sockAddr::Size, sockAddrFields};

constexpr NamedField sockOpsFields[] = {
    {"op", sockOps::op},
    {"reply", sockOps::reply},
    {"replylong", sockOps::replylong, 4},
    {"args", sockOps::args, 4},
    {"family", sockOps::family},
    {"remote_ip4", sockOps::remoteIp4},
    {"local_ip4", sockOps::localIp4},
    {"remote_ip6", sockOps::remoteIp6, 4},
    {"local_ip6", sockOps::localIp6, 4},
    {"remote_port", sockOps::remotePort},
    {"local_port", sockOps::localPort},
    {"is_fullsock", sockOps::isFullsock},
    {"snd_cwnd", sockOps::sndCwnd},
    {"srtt_us", sockOps::srttUs},
    {"bpf_sock_ops_cb_flags", sockOps::cbFlags},
    {"state", sockOps::state},
    {"rtt_min", {92, 4}},
    {"snd_ssthresh", sockOps::sndSsthresh},
    {"rcv_nxt", {100, 4}},
    {"snd_nxt", {104, 4}},
    {"snd_una", {108, 4}},
    {"mss_cache", {112, 4}},
    {"ecn_flags", {116, 4}},
    {"rate_delivered", {120, 4}},
    {"rate_interval_us", {124, 4}},
    {"packets_out", {128, 4}},
    {"retrans_out", {132, 4}},
    {"total_retrans", {136, 4}},
    {"segs_in", {140, 4}},
    {"data_segs_in", {144, 4}},
    {"segs_out", {148, 4}},
    {"data_segs_out", {152, 4}},
    {"lost_out", {156, 4}},
    {"sacked_out", {160, 4}},
    {"sk_txhash", sockOps::skTxhash},
    {"bytes_received", sockOps::bytesReceived},
    {"bytes_acked", sockOps::bytesAcked},
    {"sk", sockOps::sk},
    {"skb_data", sockOps::skbData},
    {"skb_data_end", sockOps::skbDataEnd},
    {"skb_len", sockOps::skbLen},
    {"skb_tcp_flags", sockOps::skbTcpFlags},
    {"skb_hwtstamp", sockOps::skbHwtstamp},
};
constexpr CtxStruct sockOpsStruct{"bpf_sock_ops", sockOps::Size, sockOpsFields};

constexpr NamedField skMsgFields[] = {
    {"data", skMsg::data},
    {"data_end", skMsg::dataEnd},
    {"family", skMsg::family},
    {"remote_ip4", skMsg::remoteIp4},
    {"local_ip4", skMsg::localIp4},
    {"remote_ip6", skMsg::remoteIp6, 4},
    {"local_ip6", skMsg::localIp6, 4},
    {"remote_port", skMsg::remotePort},
    {"local_port", skMsg::localPort},
    {"size", skMsg::size},
    {"sk", skMsg::sk},
};
constexpr CtxStruct skMsgStruct{"sk_msg_md", skMsg::Size, skMsgFields};

constexpr NamedField skLookupFields[] = {
    {"sk", skLookup::sk},
    {"family", skLookup::family},
    {"protocol", skLookup::protocol},
    {"remote_ip4", skLookup::remoteIp4},
    {"remote_ip6", skLookup::remoteIp6, 4},
    {"remote_port", skLookup::remotePort},
    {"local_ip4", skLookup::localIp4},
    {"local_ip6", skLookup::localIp6, 4},
    {"local_port", skLookup::localPort},
    {"ingress_ifindex", skLookup::ingressIfindex},
};
constexpr CtxStruct skLookupStruct{"bpf_sk_lookup", skLookup::Size, skLookupFields};

constexpr NamedField reuseportFields[] = {
    {"data", reuseport::data},
    {"data_end", reuseport::dataEnd},
    {"len", reuseport::len},
    {"eth_protocol", reuseport::ethProtocol},
    {"ip_protocol", reuseport::ipProtocol},
    {"bind_inany", reuseport::bindInany},
    {"hash", reuseport::hash},
    {"sk", reuseport::sk},
    {"migrating_sk", reuseport::migratingSk},
};
constexpr CtxStruct reuseportStruct{"sk_reuseport_md", reuseport::Size, reuseportFields};

constexpr NamedField sysctlFields[] = {{"write", sysctl::write}, {"file_pos", sysctl::filePos}};
constexpr CtxStruct sysctlStruct{"bpf_sysctl", sysctl::Size, sysctlFields};

constexpr NamedField sockoptFields[] = {
    {"sk", sockopt::sk},         {"optval", sockopt::optval},   {"optval_end", sockopt::optvalEnd},
    {"level", sockopt::level},   {"optname", sockopt::optname}, {"optlen", sockopt::optlen},
    {"retval", sockopt::retval},
};
constexpr CtxStruct sockoptStruct{"bpf_sockopt", sockopt::Size, sockoptFields};

constexpr NamedField cgroupDevFields[] = {
    {"access_type", cgroupDev::accessType},
    {"major", cgroupDev::major},
    {"minor", cgroupDev::minor},
};
constexpr CtxStruct cgroupDevStruct{"bpf_cgroup_dev_ctx", cgroupDev::Size, cgroupDevFields};

constexpr NamedField perfEventFields[] = {
    {"regs", perfEvent::regs, 0, &ptRegs},
    {"sample_period", perfEvent::samplePeriod},
    {"addr", perfEvent::addr},
};
constexpr CtxStruct perfEventStruct{"bpf_perf_event_data", perfEvent::Size, perfEventFields};

constexpr NamedField nfFields[] = {{"state", nfCtx::state}, {"skb", nfCtx::skb}};
constexpr CtxStruct nfStruct{"bpf_nf_ctx", nfCtx::Size, nfFields};

constexpr const CtxStruct *allStructs[] = {
    &skbStruct,     &xdpStruct,       &ptRegs,          &sockStruct,      &sockAddrStruct,
    &sockOpsStruct, &skMsgStruct,     &skLookupStruct,  &reuseportStruct, &sysctlStruct,
    &sockoptStruct, &cgroupDevStruct, &perfEventStruct, &nfStruct,
};

} // namespace

const CtxStruct *ctxStruct(uint32_t progType) {
  switch (progType) {
  case prog::SocketFilter:
  case prog::SchedCls:
  case prog::SchedAct:
  case prog::CgroupSkb:
  case prog::LwtIn:
  case prog::LwtOut:
  case prog::LwtXmit:
  case prog::LwtSeg6local:
  case prog::SkSkb:
  case prog::FlowDissector:
    return &skbStruct;
  case prog::Xdp:
    return &xdpStruct;
  case prog::Kprobe:
    return &ptRegs;
  case prog::PerfEvent:
    return &perfEventStruct;
  case prog::CgroupSock:
    return &sockStruct;
  case prog::CgroupSockAddr:
    return &sockAddrStruct;
  case prog::SockOps:
    return &sockOpsStruct;
  case prog::SkMsg:
    return &skMsgStruct;
  case prog::SkLookup:
    return &skLookupStruct;
  case prog::SkReuseport:
    return &reuseportStruct;
  case prog::CgroupDevice:
    return &cgroupDevStruct;
  case prog::CgroupSysctl:
    return &sysctlStruct;
  case prog::CgroupSockopt:
    return &sockoptStruct;
  case prog::Netfilter:
    return &nfStruct;
  default:
    return nullptr;
  }
}

std::string ctxMemberAt(const CtxStruct &s, int off) {
  for (const NamedField &f : s.members) {
    if (!inField(off, f.field))
      continue;
    std::string name(f.name);
    int inner = off - f.field.off;
    if (f.nested) {
      std::string member = ctxMemberAt(*f.nested, inner);
      if (!member.empty())
        name.append(".").append(member);
      return name;
    }
    if (f.elemSize > 0)
      name.append("[").append(std::to_string(inner / f.elemSize)).append("]");
    return name;
  }
  return "";
}

std::span<const CtxStruct *const> allCtxStructs() {
  return allStructs;
}

} // namespace bpfverify::verifier::ctx
