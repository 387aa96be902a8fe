// Contexts of the cgroup device, sysctl and sockopt program types (kernel/bpf/cgroup.c,
// Linux 6.18): cgroup_dev_is_valid_access, sysctl_is_valid_access and
// cg_sockopt_is_valid_access (retval belongs to getsockopt, level/optname writes to
// setsockopt).

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/uapi_types.h"

namespace bpfverify::verifier::ctx {
namespace {

bool cgroupDeviceAccess(int off, int size, Access access, AccessInfo &info) {
  if (access == Access::Write)
    return false;
  if (off < 0 || off + size > cgroupDev::Size)
    return false;
  if (off % size != 0)
    return false;
  if (inField(off, cgroupDev::accessType)) {
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  return size == 4;
}

bool sysctlAccess(int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off + size > sysctl::Size || off % size != 0)
    return false;
  if (inField(off, sysctl::write)) {
    if (access != Access::Read)
      return false;
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  if (inField(off, sysctl::filePos)) {
    if (access == Access::Write)
      return size == 4;
    info.ctxFieldSize = 4;
    return narrowAccessOk(size, 4);
  }
  return false;
}

bool sockoptAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= sockopt::Size)
    return false;
  if (off % size != 0)
    return false;
  bool getsockopt = prog.expectedAttachType == attach::CgroupGetsockopt;
  bool setsockopt = prog.expectedAttachType == attach::CgroupSetsockopt;
  if (access == Access::Write) {
    if (off == sockopt::retval.off)
      return size == 4 && getsockopt;
    if (off == sockopt::optname.off || off == sockopt::level.off)
      return size == 4 && setsockopt;
    if (off == sockopt::optlen.off)
      return size == 4;
    return false;
  }
  if (inField(off, sockopt::sk)) {
    if (size != 8)
      return false;
    info.regType = RegBase::PtrToSocket;
    return true;
  }
  if (inField(off, sockopt::optval)) {
    if (size != 8)
      return false;
    info.regType = RegBase::PtrToPacket;
    return true;
  }
  if (inField(off, sockopt::optvalEnd)) {
    if (size != 8)
      return false;
    info.regType = RegBase::PtrToPacketEnd;
    return true;
  }
  if (inField(off, sockopt::retval))
    return size == 4 && getsockopt;
  return size == 4;
}

} // namespace

bool cgroupFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                               AccessInfo &info) {
  switch (prog.progType) {
  case prog::CgroupDevice:
    return cgroupDeviceAccess(off, size, access, info);
  case prog::CgroupSysctl:
    return sysctlAccess(off, size, access, info);
  default:
    return sockoptAccess(prog, off, size, access, info);
  }
}

} // namespace bpfverify::verifier::ctx
