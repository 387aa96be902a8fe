// The remaining small contexts (Linux 6.18): lirc_mode2_is_valid_access
// (drivers/media/rc/bpf-lirc.c: one u32 sample), syscall_prog_is_valid_access
// (kernel/bpf/syscall.c: any aligned access below U16_MAX into the caller's buffer) and
// nf_is_valid_access (net/netfilter/nf_bpf_link.c: struct bpf_nf_ctx, two trusted BTF pointers).

#include "verifier/target/ctx/ctx_layout.h"
#include "verifier/target/ctx/families.h"
#include "verifier/target/ctx/uapi_types.h"

namespace bpfverify::verifier::ctx {
namespace {

bool netfilterAccess(int off, int size, Access access, AccessInfo &info) {
  if (off < 0 || off >= nfCtx::Size)
    return false;
  if (off % size != 0)
    return false;
  if (access == Access::Write)
    return false;
  // nf_ptr_to_btf_id: PTR_TO_BTF_ID | PTR_TRUSTED to the named vmlinux struct.
  const char *structName = inField(off, nfCtx::skb) ? "sk_buff" : "nf_hook_state";
  if (size != 8)
    return false;
  info.regType = RegType(RegBase::PtrToBtfId, PTR_TRUSTED);
  info.btfStructName = structName;
  return true;
}

} // namespace

bool miscFamilyIsValidAccess(const ProgInfo &prog, int off, int size, Access access,
                             AccessInfo &info) {
  switch (prog.progType) {
  case prog::LircMode2:
    return access == Access::Read && off == 0 && size == 4;
  case prog::Syscall:
    if (off < 0 || off >= SyscallCtxMax)
      return false;
    return off % size == 0;
  default:
    return netfilterAccess(off, size, access, info);
  }
}

} // namespace bpfverify::verifier::ctx
