#include "verifier/target/ctx/ctx_access.h"

#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/uapi_types.h"

namespace bpfverify::verifier::ctx {

bool ctxIsConverted(uint32_t progType) {
  switch (progType) {
  case prog::Kprobe:
  case prog::Tracepoint:
  case prog::RawTracepoint:
  case prog::RawTracepointWritable:
  case prog::Syscall:
  case prog::CgroupDevice:
  case prog::LircMode2:
  case prog::Netfilter:
  case prog::Tracing:
  case prog::Lsm:
  case prog::Ext:
  case prog::StructOps:
    return false;
  default:
    return true;
  }
}

bool isValidAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info,
                   bool *unknownType) {
  if (unknownType)
    *unknownType = false;
  // check_mem_access only reaches is_valid_access with sizes 1, 2, 4 and 8; anything else is
  // not an instruction the kernel decodes.
  if (size != 1 && size != 2 && size != 4 && size != 8)
    return false;
  switch (prog.progType) {
  case prog::SocketFilter:
  case prog::SchedCls:
  case prog::SchedAct:
  case prog::CgroupSkb:
  case prog::LwtIn:
  case prog::LwtOut:
  case prog::LwtXmit:
  case prog::LwtSeg6local:
  case prog::SkSkb:
    return skbFamilyIsValidAccess(prog, off, size, access, info);
  case prog::FlowDissector:
    return flowDissectorIsValidAccess(prog, off, size, access, info);
  case prog::Xdp:
    return xdpIsValidAccess(prog, off, size, access, info);
  case prog::Kprobe:
  case prog::Tracepoint:
  case prog::PerfEvent:
  case prog::RawTracepoint:
  case prog::RawTracepointWritable:
    return tracingFamilyIsValidAccess(prog, off, size, access, info);
  case prog::CgroupSock:
  case prog::CgroupSockAddr:
  case prog::SockOps:
  case prog::SkMsg:
  case prog::SkLookup:
  case prog::SkReuseport:
    return sockFamilyIsValidAccess(prog, off, size, access, info);
  case prog::CgroupDevice:
  case prog::CgroupSysctl:
  case prog::CgroupSockopt:
    return cgroupFamilyIsValidAccess(prog, off, size, access, info);
  case prog::LircMode2:
  case prog::Syscall:
  case prog::Netfilter:
    return miscFamilyIsValidAccess(prog, off, size, access, info);
  default:
    // BTF-typed contexts (tracing, lsm, struct_ops, ext: btf_ctx_access) and unknown numbers.
    if (unknownType)
      *unknownType = true;
    return false;
  }
}

} // namespace bpfverify::verifier::ctx
