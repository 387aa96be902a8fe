#pragma once
// Context access rules per program type: the kernel's bpf_verifier_ops.is_valid_access
// (net/core/filter.c, kernel/trace/bpf_trace.c, kernel/bpf/cgroup.c, … of Linux 6.18) as data.

#include "verifier/state/reg_type.h"

#include <cstdint>
#include <string>

namespace bpfverify::verifier::ctx {

enum class Access { Read, Write };

/// struct bpf_insn_access_aux: what is_valid_access tells the verifier about a context field.
struct AccessInfo {
  /// Type the loaded register gets: SCALAR_VALUE, PTR_TO_PACKET, PTR_TO_PACKET_END,
  /// PTR_TO_PACKET_META, PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL, PTR_TO_FLOW_KEYS, PTR_TO_BTF_ID…
  RegType regType{RegBase::Scalar};
  /// For PTR_TO_BTF_ID results: the struct's name in the target BTF (e.g. "sock").
  std::string btfStructName;
  /// ctx_field_size (narrow loads).
  uint32_t ctxFieldSize = 0;
  /// is_retval (LSM return value field).
  bool isRetval = false;
  /// Extra lines some is_valid_access functions log before failing (kernel messages).
  std::string message;
  /// The access is valid but the type's convert_ctx_access emits no instructions for it, so the
  /// load fails after verification: "verifier bug: error during ctx access conversion (0)"
  /// (convert_ctx_accesses, -EFAULT). Linux 6.18 has this for 4-byte reads of the upper halves
  /// of bpf_tcp_sock's u64 fields.
  bool conversionFails = false;
};

/// The program-type facts the access check needs.
struct ProgInfo {
  uint32_t progType = 0;           ///< enum bpf_prog_type
  uint32_t expectedAttachType = 0; ///< enum bpf_attach_type
  bool isLdsx = false;             ///< sign-extending load (BPF_MEMSX)
  /// bpf_token_capable(prog->aux->token, CAP_BPF): the loader holds CAP_BPF (root does). Only
  /// cgroup_skb's data/data_end reads and tstamp writes depend on it.
  bool capBpf = true;
};

/// is_valid_access() of the program type. `info` starts with regType Scalar. Returns false when
/// the kernel would answer false (the verifier then logs "invalid bpf_context access off=%d
/// size=%d"). Program types whose table is not written yet return false with `unknownType` set.
bool isValidAccess(const ProgInfo &prog, int off, int size, Access access, AccessInfo &info,
                   bool *unknownType = nullptr);

/// env->ops->convert_ctx_access is set: the context the program sees is a uapi mirror
/// (__sk_buff, xdp_md, ...) rewritten at load time; without it the context is the kernel's own
/// memory, which helpers and global functions may be given.
bool ctxIsConverted(uint32_t progType);

} // namespace bpfverify::verifier::ctx
