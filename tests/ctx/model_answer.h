#pragma once
// isValidAccess's answer in the notation the kernel recordings use: the loaded register's
// reg_type_str ("scalar", "pkt", "trusted_ptr_sk_buff"), "ok" for an allowed write, "-" when
// the access is refused.

#include "probe_configs.h"

#include "verifier/target/ctx/ctx_access.h"

#include <string>

namespace bpfverify::verifier::ctx::testing {

inline std::string modelAnswer(const ProbeConfig &config, const AccessKind &access, int off) {
  ProgInfo prog{config.progType, config.attachType, access.signExtend};
  AccessInfo info;
  bool unknown = false;
  if (!isValidAccess(prog, off, access.size, access.write ? Access::Write : Access::Read, info,
                     &unknown))
    return unknown ? "?unknown type" : "-";
  if (access.write)
    return "ok";
  std::string name = regTypeName(info.regType);
  if (info.regType.base() == RegBase::PtrToBtfId)
    name += info.btfStructName;
  return name;
}

} // namespace bpfverify::verifier::ctx::testing
