#pragma once
// Loads through pointers typed by the kernel's BTF (PTR_TO_BTF_ID): btf_struct_walk() and
// btf_struct_access() of kernel/bpf/btf.c and check_ptr_to_btf_access() of
// kernel/bpf/verifier.c (Linux 6.18). A load that lands on a scalar member gives a scalar; on a
// pointer to a struct, a new BTF pointer whose trust follows the kernel's rules (trusted and RCU
// fields listed by the "<struct>__safe_*" types in the target BTF).

#include "verifier/engine/env.h"

#include <string_view>

namespace bpfverify::verifier {

/// What btf_struct_access() found at an offset.
struct BtfAccessResult {
  bool isPtr = false;           ///< PTR_TO_BTF_ID (else SCALAR_VALUE)
  btf::TypeId nextBtfId = 0;    ///< the pointee struct of a pointer member
  uint32_t flag = 0;            ///< MEM_RCU / MEM_USER / MEM_PERCPU / PTR_UNTRUSTED from the walk
  std::string_view fieldName{}; ///< the pointer member's name
};

/// btf_struct_access(): walks `btfId` of `btf` for `size` bytes at `off`. On failure the kernel's
/// message is recorded (env.fail) and false is returned.
bool btfStructAccess(Env &env, const btf::Btf &btf, btf::TypeId btfId, RegType regType, int off,
                     int size, BtfAccessResult &out);

/// check_ptr_to_btf_access(): a load or store of `size` bytes at `off` through the BTF pointer
/// in `regno`; a load fills `valueRegno` (mark_btf_ld_reg).
bool checkPtrToBtfAccess(Env &env, uint32_t regno, int off, int size, bool write, int valueRegno);

/// btf_struct_ids_match(): the object at `off` of struct `id` is, or starts with (unless
/// `strict`), the struct `needId` of `needBtf`.
bool btfStructIdsMatch(Env &env, const btf::Btf &btf, btf::TypeId id, int off,
                       const btf::Btf &needBtf, btf::TypeId needId, bool strict);

/// A struct of the target's vmlinux BTF by name (the kernel's BTF_ID lists); 0 when missing or
/// without a target.
btf::TypeId vmlinuxStructId(const Env &env, std::string_view name);

/// mark_btf_ld_reg(): `reg` becomes a scalar or a BTF pointer of `btfId` with `flag`.
void markBtfLdReg(Env &env, RegState &reg, bool isPtr, const btf::Btf *btf, btf::TypeId btfId,
                  uint32_t flag);

} // namespace bpfverify::verifier
