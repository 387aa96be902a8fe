// struct __sk_buff contexts: bpf_skb_is_valid_access and the per-type wrappers sk_filter_,
// tc_cls_act_, cg_skb_, lwt_ and sk_skb_is_valid_access, plus flow_dissector_is_valid_access
// (net/core/filter.c, Linux 6.18). The wrappers differ only in which fields they refuse, which
// they let programs write and which fields load packet pointers: that is the table below.

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/uapi_types.h"

#include <array>
#include <cstdint>

namespace bpfverify::verifier::ctx {
namespace {

/// The __sk_buff members (and ranges) the kernel's switch statements name.
enum Group : uint8_t {
  Len,
  PktType,
  Mark,
  QueueMapping,
  Protocol,
  VlanPresent,
  VlanTci,
  VlanProto,
  Priority,
  IngressIfindex,
  Ifindex,
  TcIndex,
  Cb,
  Hash,
  TcClassid,
  Data,
  DataEnd,
  NapiId,
  Family,
  RemoteIp4,
  LocalIp4,
  RemoteIp6,
  LocalIp6,
  RemotePort,
  LocalPort,
  DataMeta,
  FlowKeys,
  Tstamp,
  WireLen,
  GsoSegs,
  Sk,
  GsoSize,
  TstampType,
  TstampTypePadding, ///< offsetofend(tstamp_type) ... offsetof(hwtstamp) - 1
  Hwtstamp,
};

struct GroupRange {
  Field range;
  Group group;
};

constexpr std::array<GroupRange, 35> groups = {{
    {skb::len, Len},
    {skb::pktType, PktType},
    {skb::mark, Mark},
    {skb::queueMapping, QueueMapping},
    {skb::protocol, Protocol},
    {skb::vlanPresent, VlanPresent},
    {skb::vlanTci, VlanTci},
    {skb::vlanProto, VlanProto},
    {skb::priority, Priority},
    {skb::ingressIfindex, IngressIfindex},
    {skb::ifindex, Ifindex},
    {skb::tcIndex, TcIndex},
    {skb::cb, Cb},
    {skb::hash, Hash},
    {skb::tcClassid, TcClassid},
    {skb::data, Data},
    {skb::dataEnd, DataEnd},
    {skb::napiId, NapiId},
    {skb::family, Family},
    {skb::remoteIp4, RemoteIp4},
    {skb::localIp4, LocalIp4},
    {skb::remoteIp6, RemoteIp6},
    {skb::localIp6, LocalIp6},
    {skb::remotePort, RemotePort},
    {skb::localPort, LocalPort},
    {skb::dataMeta, DataMeta},
    {skb::flowKeys, FlowKeys},
    {skb::tstamp, Tstamp},
    {skb::wireLen, WireLen},
    {skb::gsoSegs, GsoSegs},
    {skb::sk, Sk},
    {skb::gsoSize, GsoSize},
    {skb::tstampType, TstampType},
    {{skb::tstampType.end(), skb::hwtstamp.off - skb::tstampType.end()}, TstampTypePadding},
    {skb::hwtstamp, Hwtstamp},
}};

using GroupSet = uint64_t;

constexpr GroupSet set(std::initializer_list<Group> members) {
  GroupSet s = 0;
  for (Group g : members)
    s |= GroupSet(1) << g;
  return s;
}
constexpr bool has(GroupSet s, Group g) {
  return (s >> g) & 1;
}

/// bpf_ctx_range_till(struct __sk_buff, family, local_port): the fields sk_skb programs see.
constexpr GroupSet SockFields =
    set({Family, RemoteIp4, LocalIp4, RemoteIp6, LocalIp6, RemotePort, LocalPort});

/// What one wrapper adds on top of bpf_skb_is_valid_access.
struct SkbRules {
  GroupSet refused = 0;     ///< return false whatever the access
  GroupSet needsCapBpf = 0; ///< refused unless bpf_token_capable(CAP_BPF)
  GroupSet writable = 0;
  GroupSet writableWithCapBpf = 0;
  GroupSet packet = 0, packetMeta = 0, packetEnd = 0; ///< PTR_TO_PACKET / _META / _END loads
  bool tstampTypeByte = false;                        ///< tc: tstamp_type is a readable u8
};

// sk_filter_is_valid_access (socket filters)
constexpr SkbRules socketFilterRules = {
    .refused = set({TcClassid, Data, DataMeta, DataEnd, Tstamp, WireLen, Hwtstamp}) | SockFields,
    .writable = set({Cb}),
};
// tc_cls_act_is_valid_access (sched_cls, sched_act)
constexpr SkbRules tcRules = {
    .refused = SockFields,
    .writable = set({Mark, TcIndex, Priority, TcClassid, Cb, Tstamp, QueueMapping}),
    .packet = set({Data}),
    .packetMeta = set({DataMeta}),
    .packetEnd = set({DataEnd}),
    .tstampTypeByte = true,
};
// cg_skb_is_valid_access
constexpr SkbRules cgroupSkbRules = {
    .refused = set({TcClassid, DataMeta, WireLen}),
    .needsCapBpf = set({Data, DataEnd}),
    .writable = set({Mark, Priority, Cb}),
    .writableWithCapBpf = set({Tstamp}),
    .packet = set({Data}),
    .packetEnd = set({DataEnd}),
};
// lwt_is_valid_access (lwt_in, lwt_out, lwt_xmit, lwt_seg6local)
constexpr SkbRules lwtRules = {
    .refused = set({TcClassid, DataMeta, Tstamp, WireLen, Hwtstamp}) | SockFields,
    .writable = set({Mark, Priority, Cb}),
    .packet = set({Data}),
    .packetEnd = set({DataEnd}),
};
// sk_skb_is_valid_access: mark is refused even for reads.
constexpr SkbRules skSkbRules = {
    .refused = set({TcClassid, DataMeta, Tstamp, WireLen, Hwtstamp, Mark}),
    .writable = set({TcIndex, Priority}),
    .packet = set({Data}),
    .packetEnd = set({DataEnd}),
};

const SkbRules &rulesFor(uint32_t progType) {
  switch (progType) {
  case prog::SchedCls:
  case prog::SchedAct:
    return tcRules;
  case prog::CgroupSkb:
    return cgroupSkbRules;
  case prog::LwtIn:
  case prog::LwtOut:
  case prog::LwtXmit:
  case prog::LwtSeg6local:
    return lwtRules;
  case prog::SkSkb:
    return skSkbRules;
  default:
    return socketFilterRules;
  }
}

/// The group whose range holds `off`; only valid for 0 <= off < sizeof(struct __sk_buff).
Group groupAt(int off) {
  for (const GroupRange &g : groups)
    if (inField(off, g.range))
      return g.group;
  return Len; // unreachable: the ranges tile the struct
}

/// bpf_skb_is_valid_access: the checks every __sk_buff program type shares.
bool skbCommon(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= skb::Size)
    return false;
  if (off % size != 0)
    return false;
  switch (groupAt(off)) {
  case Cb:
    return off + size <= skb::cb4.end();
  case Data:
  case DataMeta:
  case DataEnd:
    return !prog.isLdsx && size == 4;
  case RemoteIp6:
  case LocalIp6:
  case RemoteIp4:
  case LocalIp4:
    return size == 4;
  case FlowKeys:
    return false;
  case Hwtstamp:
    return access == Access::Read && size == 8;
  case Tstamp:
    return size == 8;
  case Sk:
    if (access == Access::Write || size != 8)
      return false;
    info.regType = RegType(RegBase::PtrToSockCommon, PTR_MAYBE_NULL);
    return true;
  case TstampType:
  case TstampTypePadding:
    return false;
  default:
    // Writes must be whole u32 fields; reads may be narrow.
    if (access == Access::Write)
      return size == 4;
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
}

} // namespace

bool skbFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                            AccessInfo &info) {
  const SkbRules &rules = rulesFor(prog.progType);
  if (off >= 0 && off < skb::Size) {
    Group g = groupAt(off);
    if (has(rules.refused, g) || (has(rules.needsCapBpf, g) && !prog.capBpf))
      return false;
    if (access == Access::Write && !has(rules.writable, g) &&
        !(has(rules.writableWithCapBpf, g) && prog.capBpf))
      return false;
    // tc_cls_act_is_valid_access answers tstamp_type itself (exactly its offset).
    if (rules.tstampTypeByte && off == skb::tstampType.off)
      return size == 1;
    if (has(rules.packet, g))
      info.regType = RegBase::PtrToPacket;
    else if (has(rules.packetMeta, g))
      info.regType = RegBase::PtrToPacketMeta;
    else if (has(rules.packetEnd, g))
      info.regType = RegBase::PtrToPacketEnd;
  } else if (access == Access::Write) {
    return false;
  }
  return skbCommon(prog, off, size, access, info);
}

bool flowDissectorIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                                AccessInfo &info) {
  if (off < 0 || off >= skb::Size)
    return false;
  if (off % size != 0)
    return false;
  if (access == Access::Write)
    return false;
  if (inField(off, skb::data) || inField(off, skb::dataEnd)) {
    if (prog.isLdsx || size != 4)
      return false;
    info.regType = inField(off, skb::data) ? RegBase::PtrToPacket : RegBase::PtrToPacketEnd;
    return true;
  }
  if (inField(off, skb::flowKeys)) {
    if (size != 8)
      return false;
    info.regType = RegBase::PtrToFlowKeys;
    return true;
  }
  return false;
}

} // namespace bpfverify::verifier::ctx
