// struct xdp_md contexts: xdp_is_valid_access and __is_valid_xdp_access (net/core/filter.c,
// Linux 6.18). Programs are assumed not offloaded (bpf_prog_is_offloaded is false): an offloaded
// program could also write rx_queue_index.

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/uapi_types.h"

namespace bpfverify::verifier::ctx {
namespace {

/// __is_valid_xdp_access: aligned whole u32 fields only.
bool wholeXdpField(int off, int size) {
  return off >= 0 && off < xdp::Size && off % size == 0 && size == 4;
}

} // namespace

bool xdpIsValidAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info) {
  // egress_ifindex is only known to programs run from a devmap.
  if (prog.expectedAttachType != attach::XdpDevmap && off == xdp::egressIfindex.off)
    return false;
  if (access == Access::Write)
    return false;
  bool pointer = off == xdp::data.off || off == xdp::dataEnd.off || off == xdp::dataMeta.off;
  if (pointer && prog.isLdsx)
    return false;
  if (off == xdp::data.off)
    info.regType = RegBase::PtrToPacket;
  else if (off == xdp::dataMeta.off)
    info.regType = RegBase::PtrToPacketMeta;
  else if (off == xdp::dataEnd.off)
    info.regType = RegBase::PtrToPacketEnd;
  return wholeXdpField(off, size);
}

} // namespace bpfverify::verifier::ctx
