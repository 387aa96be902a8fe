// Socket-level contexts (net/core/filter.c, Linux 6.18): sock_filter_is_valid_access
// (cgroup_sock: bpf_sock_is_valid_access + __sock_filter_check_attach_type),
// sock_addr_is_valid_access (cgroup_sock_addr: which address fields exist depends on the
// attach type), sock_ops_is_valid_access, sk_msg_is_valid_access, sk_lookup_is_valid_access and
// sk_reuseport_is_valid_access.

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/sock_access.h"
#include "verifier/target/ctx/uapi_types.h"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace bpfverify::verifier::ctx {
namespace {

bool oneOf(uint32_t value, std::initializer_list<uint32_t> values) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// ---- cgroup_sock (struct bpf_sock) ----

/// bpf_sock_is_valid_access
bool bpfSockAccess(int off, int size, AccessInfo &info) {
  if (off < 0 || off >= sock::Size)
    return false;
  if (off % size != 0)
    return false;
  // These cases name exact offsets (a byte inside family is not "family").
  bool narrowU32 = off == sock::state.off || off == sock::family.off || off == sock::type.off ||
                   off == sock::protocol.off || off == sock::srcPort.off ||
                   off == sock::rxQueueMapping.off || inField(off, sock::srcIp4) ||
                   inField(off, sock::srcIp6) || inField(off, sock::dstIp4) ||
                   inField(off, sock::dstIp6);
  if (narrowU32) {
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  if (inField(off, sock::dstPort)) {
    // dst_port is a __be16 that may also be read as a u32 (backward compatibility).
    int fieldSize = size == 4 ? 4 : sock::dstPort.size;
    info.ctxFieldSize = fieldSize;
    return narrowAccessOk(size, fieldSize);
  }
  if (off >= sock::dstPort.end() && off < sock::dstIp4.off)
    return false; // the hole after dst_port
  return size == 4;
}

/// __sock_filter_check_attach_type
bool sockFilterAttachTypeAllows(int off, Access access, uint32_t attachType) {
  if (off == sock::boundDevIf.off || off == sock::mark.off || off == sock::priority.off)
    return oneOf(attachType, {attach::CgroupInetSockCreate, attach::CgroupInetSockRelease});
  if (inField(off, sock::srcIp4) && attachType != attach::CgroupInet4PostBind)
    return false;
  if (inField(off, sock::srcIp6) && attachType != attach::CgroupInet6PostBind)
    return false;
  if (inField(off, sock::srcPort) &&
      !oneOf(attachType, {attach::CgroupInet4PostBind, attach::CgroupInet6PostBind}))
    return false;
  return access == Access::Read;
}

bool cgroupSockAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info) {
  // bpf_prog_load_fixup_attach_type: cgroup_sock programs loaded without an attach type are
  // BPF_CGROUP_INET_SOCK_CREATE programs.
  uint32_t attachType =
      prog.expectedAttachType ? prog.expectedAttachType : attach::CgroupInetSockCreate;
  if (!bpfSockAccess(off, size, info))
    return false;
  return sockFilterAttachTypeAllows(off, access, attachType);
}

// ---- cgroup_sock_addr (struct bpf_sock_addr) ----

struct AddressField {
  Field range;
  std::initializer_list<uint32_t> attachTypes; ///< the attach types that may touch it
};

// The address fields exist only for the attach types of their family (and msg_src_* only for
// sendmsg); the unix socket attach types see none of them.
const std::array<AddressField, 4> &addressFields() {
  static const std::array<AddressField, 4> fields = {{
      {sockAddr::userIp4,
       {attach::CgroupInet4Bind, attach::CgroupInet4Connect, attach::CgroupInet4Getpeername,
        attach::CgroupInet4Getsockname, attach::CgroupUdp4Sendmsg, attach::CgroupUdp4Recvmsg}},
      {sockAddr::userIp6,
       {attach::CgroupInet6Bind, attach::CgroupInet6Connect, attach::CgroupInet6Getpeername,
        attach::CgroupInet6Getsockname, attach::CgroupUdp6Sendmsg, attach::CgroupUdp6Recvmsg}},
      {sockAddr::msgSrcIp4, {attach::CgroupUdp4Sendmsg}},
      {sockAddr::msgSrcIp6, {attach::CgroupUdp6Sendmsg}},
  }};
  return fields;
}

bool sockAddrAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= sockAddr::Size)
    return false;
  if (off % size != 0)
    return false;
  bool address = false;
  for (const AddressField &f : addressFields()) {
    if (!inField(off, f.range))
      continue;
    if (!oneOf(prog.expectedAttachType, f.attachTypes))
      return false;
    address = true;
  }
  if (address || inField(off, sockAddr::userPort)) {
    // u32 fields, narrow reads allowed, and the two IPv6 arrays also as aligned u64s.
    if (access == Access::Read)
      info.ctxFieldSize = 4;
    if (wideAccessOk(off, size, sockAddr::userIp6) || wideAccessOk(off, size, sockAddr::msgSrcIp6))
      return true;
    return access == Access::Read ? narrowAccessOk(size, 4) : size == 4;
  }
  if (inField(off, sockAddr::sk)) {
    if (access != Access::Read || size != 8)
      return false;
    info.regType = RegBase::PtrToSocket;
    return true;
  }
  if (inField(off, sockAddr::userFamily) || inField(off, sockAddr::family) ||
      inField(off, sockAddr::type) || inField(off, sockAddr::protocol))
    return access == Access::Read && size == 4;
  return false;
}

// ---- sock_ops (struct bpf_sock_ops) ----

bool sockOpsAccess(int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= sockOps::Size)
    return false;
  if (off % size != 0)
    return false;
  if (access == Access::Write)
    return (off == sockOps::reply.off || off == sockOps::skTxhash.off) && size == 4;
  if (inFields(off, sockOps::bytesReceived, sockOps::bytesAcked) ||
      inField(off, sockOps::skbHwtstamp))
    return size == 8;
  if (inField(off, sockOps::sk)) {
    info.regType = RegType(RegBase::PtrToSocket, PTR_MAYBE_NULL);
    return size == 8;
  }
  if (inField(off, sockOps::skbData)) {
    info.regType = RegBase::PtrToPacket;
    return size == 8;
  }
  if (inField(off, sockOps::skbDataEnd)) {
    info.regType = RegBase::PtrToPacketEnd;
    return size == 8;
  }
  if (off == sockOps::skbTcpFlags.off) {
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  return size == 4;
}

// ---- sk_msg (struct sk_msg_md) ----

bool skMsgAccess(int off, int size, Access access, AccessInfo &info) {
  if (access == Access::Write)
    return false;
  if (off % size != 0)
    return false;
  struct PointerField {
    Field range;
    RegBase type;
  };
  static constexpr PointerField pointers[] = {{skMsg::data, RegBase::PtrToPacket},
                                              {skMsg::dataEnd, RegBase::PtrToPacketEnd},
                                              {skMsg::sk, RegBase::PtrToSocket}};
  for (const PointerField &p : pointers) {
    if (inField(off, p.range)) {
      info.regType = p.type;
      return size == 8;
    }
  }
  // family .. size: whole u32 fields.
  if (off >= skMsg::family.off && off < skMsg::size.end())
    return size == 4;
  return false;
}

// ---- sk_lookup (struct bpf_sk_lookup) ----

bool skLookupAccess(int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= skLookup::Size)
    return false;
  if (off % size != 0)
    return false;
  if (access != Access::Read)
    return false;
  if (inField(off, skLookup::sk)) {
    info.regType = RegType(RegBase::PtrToSocket, PTR_MAYBE_NULL);
    return size == 8;
  }
  if (inField(off, skLookup::family) || inField(off, skLookup::protocol) ||
      inField(off, skLookup::remoteIp4) || inField(off, skLookup::localIp4) ||
      inField(off, skLookup::remoteIp6) || inField(off, skLookup::localIp6) ||
      inField(off, skLookup::localPort) || inField(off, skLookup::ingressIfindex)) {
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  if (inField(off, skLookup::remotePort)) {
    // A 4-byte read of the 2-byte field stays allowed for backward compatibility.
    if (size == 4)
      return true;
    info.ctxFieldSize = 2;
    return narrowAccessOk(size, 2);
  }
  if (off >= skLookup::remotePort.end() && off < skLookup::localIp4.off) {
    // The zero padding after remote_port, readable for backward compatibility.
    info.ctxFieldSize = 2;
    return narrowAccessOk(size, 2);
  }
  return false;
}

// ---- sk_reuseport (struct sk_reuseport_md) ----

bool skReuseportAccess(int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= reuseport::Size || off % size != 0 || access != Access::Read)
    return false;
  struct ExactField {
    int off;
    RegType type;
    int size;
  };
  static constexpr ExactField exact[] = {
      {reuseport::data.off, RegBase::PtrToPacket, 8},
      {reuseport::dataEnd.off, RegBase::PtrToPacketEnd, 8},
      {reuseport::hash.off, RegBase::Scalar, 4},
      {reuseport::sk.off, RegBase::PtrToSocket, 8},
      {reuseport::migratingSk.off, RegType(RegBase::PtrToSockCommon, PTR_MAYBE_NULL), 8},
  };
  for (const ExactField &f : exact) {
    if (off == f.off) {
      info.regType = f.type;
      return size == f.size;
    }
  }
  if (inField(off, reuseport::ethProtocol) && size < reuseport::SkbProtocolSize)
    return false;
  if (inField(off, reuseport::ethProtocol) || inField(off, reuseport::ipProtocol) ||
      inField(off, reuseport::bindInany) || inField(off, reuseport::len)) {
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  return false;
}

} // namespace

bool sockFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                             AccessInfo &info) {
  switch (prog.progType) {
  case prog::CgroupSock:
    return cgroupSockAccess(prog, off, size, access, info);
  case prog::CgroupSockAddr:
    return sockAddrAccess(prog, off, size, access, info);
  case prog::SockOps:
    return sockOpsAccess(off, size, access, info);
  case prog::SkMsg:
    return skMsgAccess(off, size, access, info);
  case prog::SkLookup:
    return skLookupAccess(off, size, access, info);
  default:
    return skReuseportAccess(off, size, access, info);
  }
}

bool sockPointerIsValidAccess(RegBase pointer, int off, int size, Access access, AccessInfo &info) {
  // The kernel passes the access type along but none of these functions looks at it.
  (void)access;
  switch (pointer) {
  case RegBase::PtrToSockCommon:
    // bpf_sock_common_is_valid_access: a sock_common has no type .. priority.
    if (off >= sock::type.off && off < sock::priority.end())
      return false;
    return bpfSockAccess(off, size, info);
  case RegBase::PtrToSocket:
    return bpfSockAccess(off, size, info);
  case RegBase::PtrToTcpSock:
    if (off < 0 || off >= tcpSock::Size || off % size != 0)
      return false;
    if (off == tcpSock::bytesReceived.off || off == tcpSock::bytesAcked.off)
      return size == 8;
    // The upper halves of the u64 fields pass as u32 fields, but
    // bpf_tcp_sock_convert_ctx_access has no case for them.
    info.conversionFails =
        off == tcpSock::bytesReceived.off + 4 || off == tcpSock::bytesAcked.off + 4;
    return size == 4;
  case RegBase::PtrToXdpSock:
    return off >= 0 && off < xdpSock::Size && off % size == 0 && size == 4;
  default:
    return false;
  }
}

} // namespace bpfverify::verifier::ctx
