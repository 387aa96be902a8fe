// The context struct layouts of ctx_layout.h against the shipped Linux 6.18 vmlinux BTF: every
// named member's offset and size, and every struct's size.

#include "verifier/target/ctx/ctx_layout.h"

#include "btf/btf.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::verifier::ctx;

namespace {

struct MemberFact {
  const char *structName;
  const char *member;
  Field field;
};

// clang-format off
const MemberFact memberFacts[] = {
    {"__sk_buff", "len", skb::len}, {"__sk_buff", "pkt_type", skb::pktType},
    {"__sk_buff", "mark", skb::mark}, {"__sk_buff", "queue_mapping", skb::queueMapping},
    {"__sk_buff", "protocol", skb::protocol}, {"__sk_buff", "vlan_present", skb::vlanPresent},
    {"__sk_buff", "vlan_tci", skb::vlanTci}, {"__sk_buff", "vlan_proto", skb::vlanProto},
    {"__sk_buff", "priority", skb::priority}, {"__sk_buff", "ingress_ifindex", skb::ingressIfindex},
    {"__sk_buff", "ifindex", skb::ifindex}, {"__sk_buff", "tc_index", skb::tcIndex},
    {"__sk_buff", "cb", skb::cb}, {"__sk_buff", "hash", skb::hash},
    {"__sk_buff", "tc_classid", skb::tcClassid}, {"__sk_buff", "data", skb::data},
    {"__sk_buff", "data_end", skb::dataEnd}, {"__sk_buff", "napi_id", skb::napiId},
    {"__sk_buff", "family", skb::family}, {"__sk_buff", "remote_ip4", skb::remoteIp4},
    {"__sk_buff", "local_ip4", skb::localIp4}, {"__sk_buff", "remote_ip6", skb::remoteIp6},
    {"__sk_buff", "local_ip6", skb::localIp6}, {"__sk_buff", "remote_port", skb::remotePort},
    {"__sk_buff", "local_port", skb::localPort}, {"__sk_buff", "data_meta", skb::dataMeta},
    {"__sk_buff", "flow_keys", skb::flowKeys}, {"__sk_buff", "tstamp", skb::tstamp},
    {"__sk_buff", "wire_len", skb::wireLen}, {"__sk_buff", "gso_segs", skb::gsoSegs},
    {"__sk_buff", "sk", skb::sk}, {"__sk_buff", "gso_size", skb::gsoSize},
    {"__sk_buff", "tstamp_type", skb::tstampType}, {"__sk_buff", "hwtstamp", skb::hwtstamp},
    {"xdp_md", "data", xdp::data}, {"xdp_md", "data_end", xdp::dataEnd},
    {"xdp_md", "data_meta", xdp::dataMeta}, {"xdp_md", "ingress_ifindex", xdp::ingressIfindex},
    {"xdp_md", "rx_queue_index", xdp::rxQueueIndex}, {"xdp_md", "egress_ifindex", xdp::egressIfindex},
    {"bpf_sock", "bound_dev_if", sock::boundDevIf}, {"bpf_sock", "family", sock::family},
    {"bpf_sock", "type", sock::type}, {"bpf_sock", "protocol", sock::protocol},
    {"bpf_sock", "mark", sock::mark}, {"bpf_sock", "priority", sock::priority},
    {"bpf_sock", "src_ip4", sock::srcIp4}, {"bpf_sock", "src_ip6", sock::srcIp6},
    {"bpf_sock", "src_port", sock::srcPort}, {"bpf_sock", "dst_port", sock::dstPort},
    {"bpf_sock", "dst_ip4", sock::dstIp4}, {"bpf_sock", "dst_ip6", sock::dstIp6},
    {"bpf_sock", "state", sock::state}, {"bpf_sock", "rx_queue_mapping", sock::rxQueueMapping},
    {"bpf_sock_addr", "user_family", sockAddr::userFamily}, {"bpf_sock_addr", "user_ip4", sockAddr::userIp4},
    {"bpf_sock_addr", "user_ip6", sockAddr::userIp6}, {"bpf_sock_addr", "user_port", sockAddr::userPort},
    {"bpf_sock_addr", "family", sockAddr::family}, {"bpf_sock_addr", "type", sockAddr::type},
    {"bpf_sock_addr", "protocol", sockAddr::protocol}, {"bpf_sock_addr", "msg_src_ip4", sockAddr::msgSrcIp4},
    {"bpf_sock_addr", "msg_src_ip6", sockAddr::msgSrcIp6}, {"bpf_sock_addr", "sk", sockAddr::sk},
    {"bpf_sock_ops", "op", sockOps::op}, {"bpf_sock_ops", "args", sockOps::args},
    {"bpf_sock_ops", "reply", sockOps::reply}, {"bpf_sock_ops", "replylong", sockOps::replylong},
    {"bpf_sock_ops", "family", sockOps::family}, {"bpf_sock_ops", "remote_ip4", sockOps::remoteIp4},
    {"bpf_sock_ops", "local_ip4", sockOps::localIp4}, {"bpf_sock_ops", "remote_ip6", sockOps::remoteIp6},
    {"bpf_sock_ops", "local_ip6", sockOps::localIp6}, {"bpf_sock_ops", "remote_port", sockOps::remotePort},
    {"bpf_sock_ops", "local_port", sockOps::localPort}, {"bpf_sock_ops", "is_fullsock", sockOps::isFullsock},
    {"bpf_sock_ops", "snd_cwnd", sockOps::sndCwnd}, {"bpf_sock_ops", "srtt_us", sockOps::srttUs},
    {"bpf_sock_ops", "bpf_sock_ops_cb_flags", sockOps::cbFlags}, {"bpf_sock_ops", "state", sockOps::state},
    {"bpf_sock_ops", "snd_ssthresh", sockOps::sndSsthresh}, {"bpf_sock_ops", "sk_txhash", sockOps::skTxhash},
    {"bpf_sock_ops", "bytes_received", sockOps::bytesReceived}, {"bpf_sock_ops", "bytes_acked", sockOps::bytesAcked},
    {"bpf_sock_ops", "sk", sockOps::sk}, {"bpf_sock_ops", "skb_data", sockOps::skbData},
    {"bpf_sock_ops", "skb_data_end", sockOps::skbDataEnd}, {"bpf_sock_ops", "skb_len", sockOps::skbLen},
    {"bpf_sock_ops", "skb_tcp_flags", sockOps::skbTcpFlags}, {"bpf_sock_ops", "skb_hwtstamp", sockOps::skbHwtstamp},
    {"sk_msg_md", "data", skMsg::data}, {"sk_msg_md", "data_end", skMsg::dataEnd},
    {"sk_msg_md", "family", skMsg::family}, {"sk_msg_md", "remote_ip4", skMsg::remoteIp4},
    {"sk_msg_md", "local_ip4", skMsg::localIp4}, {"sk_msg_md", "remote_ip6", skMsg::remoteIp6},
    {"sk_msg_md", "local_ip6", skMsg::localIp6}, {"sk_msg_md", "remote_port", skMsg::remotePort},
    {"sk_msg_md", "local_port", skMsg::localPort}, {"sk_msg_md", "size", skMsg::size},
    {"sk_msg_md", "sk", skMsg::sk},
    {"bpf_sk_lookup", "sk", skLookup::sk}, {"bpf_sk_lookup", "family", skLookup::family},
    {"bpf_sk_lookup", "protocol", skLookup::protocol}, {"bpf_sk_lookup", "remote_ip4", skLookup::remoteIp4},
    {"bpf_sk_lookup", "remote_ip6", skLookup::remoteIp6}, {"bpf_sk_lookup", "remote_port", skLookup::remotePort},
    {"bpf_sk_lookup", "local_ip4", skLookup::localIp4}, {"bpf_sk_lookup", "local_ip6", skLookup::localIp6},
    {"bpf_sk_lookup", "local_port", skLookup::localPort}, {"bpf_sk_lookup", "ingress_ifindex", skLookup::ingressIfindex},
    {"sk_reuseport_md", "data", reuseport::data}, {"sk_reuseport_md", "data_end", reuseport::dataEnd},
    {"sk_reuseport_md", "len", reuseport::len}, {"sk_reuseport_md", "eth_protocol", reuseport::ethProtocol},
    {"sk_reuseport_md", "ip_protocol", reuseport::ipProtocol}, {"sk_reuseport_md", "bind_inany", reuseport::bindInany},
    {"sk_reuseport_md", "hash", reuseport::hash}, {"sk_reuseport_md", "sk", reuseport::sk},
    {"sk_reuseport_md", "migrating_sk", reuseport::migratingSk},
    {"bpf_sysctl", "write", sysctl::write}, {"bpf_sysctl", "file_pos", sysctl::filePos},
    {"bpf_sockopt", "sk", sockopt::sk}, {"bpf_sockopt", "optval", sockopt::optval},
    {"bpf_sockopt", "optval_end", sockopt::optvalEnd}, {"bpf_sockopt", "level", sockopt::level},
    {"bpf_sockopt", "optname", sockopt::optname}, {"bpf_sockopt", "optlen", sockopt::optlen},
    {"bpf_sockopt", "retval", sockopt::retval},
    {"bpf_cgroup_dev_ctx", "access_type", cgroupDev::accessType}, {"bpf_cgroup_dev_ctx", "major", cgroupDev::major},
    {"bpf_cgroup_dev_ctx", "minor", cgroupDev::minor},
    {"bpf_perf_event_data", "regs", perfEvent::regs}, {"bpf_perf_event_data", "sample_period", perfEvent::samplePeriod},
    {"bpf_perf_event_data", "addr", perfEvent::addr},
    {"bpf_nf_ctx", "state", nfCtx::state}, {"bpf_nf_ctx", "skb", nfCtx::skb},
};

const std::pair<const char *, int> structSizes[] = {
    {"__sk_buff", skb::Size}, {"xdp_md", xdp::Size}, {"bpf_sock", sock::Size},
    {"bpf_sock_addr", sockAddr::Size}, {"bpf_sock_ops", sockOps::Size}, {"sk_msg_md", skMsg::Size},
    {"bpf_sk_lookup", skLookup::Size}, {"sk_reuseport_md", reuseport::Size},
    {"bpf_sysctl", sysctl::Size}, {"bpf_sockopt", sockopt::Size},
    {"bpf_cgroup_dev_ctx", cgroupDev::Size}, {"bpf_perf_event_data", perfEvent::Size},
    {"bpf_nf_ctx", nfCtx::Size}, {"pt_regs", PtRegsSize},
};
// clang-format on

const btf::Btf &shippedBtf() {
  static std::unique_ptr<btf::Btf> parsed = [] {
    auto b = btf::Btf::parseFile(BPFVERIFY_SHIPPED_BTF);
    if (!b)
      FAIL(errorMessage(b.takeError()));
    return std::move(*b);
  }();
  return *parsed;
}

int sizeOf(const btf::Btf &b, btf::TypeId id) {
  auto size = b.sizeOf(id);
  if (!size) {
    FAIL_CHECK(errorMessage(size.takeError()));
    return -1;
  }
  return int(*size);
}

} // namespace

TEST_CASE("context struct layouts match the Linux 6.18 BTF", "[ctx][btf]") {
  const btf::Btf &b = shippedBtf();
  for (const MemberFact &fact : memberFacts) {
    INFO(fact.structName << "." << fact.member);
    auto id = b.findByNameKind(fact.structName, btf::Kind::Struct);
    REQUIRE(id);
    std::vector<btf::MemberStep> path = b.memberByName(*id, fact.member);
    REQUIRE(!path.empty());
    CHECK(int(path.back().bitOffset / 8) == fact.field.off);
    CHECK(sizeOf(b, path.back().member->type) == fact.field.size);
  }
  for (auto [name, expected] : structSizes) {
    INFO(name);
    auto id = b.findByNameKind(name, btf::Kind::Struct);
    REQUIRE(id);
    CHECK(sizeOf(b, *id) == expected);
  }
  // The two cb[] ends bpf_skb_is_valid_access uses.
  CHECK(skb::cb0.off == skb::cb.off);
  CHECK(skb::cb4.end() == skb::cb.end());
}
