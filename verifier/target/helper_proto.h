#pragma once
// Helper prototypes as data: the kernel's enum bpf_arg_type, enum bpf_return_type and
// struct bpf_func_proto (include/linux/bpf.h, Linux 6.18), with BTF types named, not numbered.

#include "verifier/state/reg_type.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace bpfverify::target {

// enum bpf_arg_type: base values (low 8 bits), then the kernel's flag combinations. Plain
// constants, not an enum, because the kernel ORs them with enum bpf_type_flag values. Values as
// in the vmlinux BTF of 6.18 (which has no ARG_SCALAR, unlike Debian's 6.12).
inline constexpr uint32_t ARG_DONTCARE = 0;
inline constexpr uint32_t ARG_CONST_MAP_PTR = 1;
inline constexpr uint32_t ARG_PTR_TO_MAP_KEY = 2;
inline constexpr uint32_t ARG_PTR_TO_MAP_VALUE = 3;
inline constexpr uint32_t ARG_PTR_TO_MEM = 4;
inline constexpr uint32_t ARG_PTR_TO_ARENA = 5;
inline constexpr uint32_t ARG_CONST_SIZE = 6;
inline constexpr uint32_t ARG_CONST_SIZE_OR_ZERO = 7;
inline constexpr uint32_t ARG_PTR_TO_CTX = 8;
inline constexpr uint32_t ARG_ANYTHING = 9;
inline constexpr uint32_t ARG_PTR_TO_SPIN_LOCK = 10;
inline constexpr uint32_t ARG_PTR_TO_SOCK_COMMON = 11;
inline constexpr uint32_t ARG_PTR_TO_SOCKET = 12;
inline constexpr uint32_t ARG_PTR_TO_BTF_ID = 13;
inline constexpr uint32_t ARG_PTR_TO_RINGBUF_MEM = 14;
inline constexpr uint32_t ARG_CONST_ALLOC_SIZE_OR_ZERO = 15;
inline constexpr uint32_t ARG_PTR_TO_BTF_ID_SOCK_COMMON = 16;
inline constexpr uint32_t ARG_PTR_TO_PERCPU_BTF_ID = 17;
inline constexpr uint32_t ARG_PTR_TO_FUNC = 18;
inline constexpr uint32_t ARG_PTR_TO_STACK = 19;
inline constexpr uint32_t ARG_PTR_TO_CONST_STR = 20;
inline constexpr uint32_t ARG_PTR_TO_TIMER = 21;
inline constexpr uint32_t ARG_KPTR_XCHG_DEST = 22;
inline constexpr uint32_t ARG_PTR_TO_DYNPTR = 23;
inline constexpr uint32_t BPF_ARG_TYPE_MAX = 24;

inline constexpr uint32_t ARG_PTR_TO_MAP_VALUE_OR_NULL =
    verifier::PTR_MAYBE_NULL | ARG_PTR_TO_MAP_VALUE;
inline constexpr uint32_t ARG_PTR_TO_MEM_OR_NULL = verifier::PTR_MAYBE_NULL | ARG_PTR_TO_MEM;
inline constexpr uint32_t ARG_PTR_TO_CTX_OR_NULL = verifier::PTR_MAYBE_NULL | ARG_PTR_TO_CTX;
inline constexpr uint32_t ARG_PTR_TO_SOCKET_OR_NULL = verifier::PTR_MAYBE_NULL | ARG_PTR_TO_SOCKET;
inline constexpr uint32_t ARG_PTR_TO_STACK_OR_NULL = verifier::PTR_MAYBE_NULL | ARG_PTR_TO_STACK;
inline constexpr uint32_t ARG_PTR_TO_BTF_ID_OR_NULL = verifier::PTR_MAYBE_NULL | ARG_PTR_TO_BTF_ID;
/// The helper fills every byte or clears them on error, so the memory may start uninitialised.
inline constexpr uint32_t ARG_PTR_TO_UNINIT_MEM =
    verifier::MEM_UNINIT | verifier::MEM_WRITE | ARG_PTR_TO_MEM;
/// Memory whose size is the prototype's argSize, known at compile time.
inline constexpr uint32_t ARG_PTR_TO_FIXED_SIZE_MEM = verifier::MEM_FIXED_SIZE | ARG_PTR_TO_MEM;

// enum bpf_return_type.
inline constexpr uint32_t RET_INTEGER = 0;
inline constexpr uint32_t RET_VOID = 1;
inline constexpr uint32_t RET_PTR_TO_MAP_VALUE = 2;
inline constexpr uint32_t RET_PTR_TO_SOCKET = 3;
inline constexpr uint32_t RET_PTR_TO_TCP_SOCK = 4;
inline constexpr uint32_t RET_PTR_TO_SOCK_COMMON = 5;
inline constexpr uint32_t RET_PTR_TO_MEM = 6;
inline constexpr uint32_t RET_PTR_TO_MEM_OR_BTF_ID = 7;
inline constexpr uint32_t RET_PTR_TO_BTF_ID = 8;
inline constexpr uint32_t BPF_RET_TYPE_MAX = 9;

inline constexpr uint32_t RET_PTR_TO_MAP_VALUE_OR_NULL =
    verifier::PTR_MAYBE_NULL | RET_PTR_TO_MAP_VALUE;
inline constexpr uint32_t RET_PTR_TO_SOCKET_OR_NULL = verifier::PTR_MAYBE_NULL | RET_PTR_TO_SOCKET;
inline constexpr uint32_t RET_PTR_TO_TCP_SOCK_OR_NULL =
    verifier::PTR_MAYBE_NULL | RET_PTR_TO_TCP_SOCK;
inline constexpr uint32_t RET_PTR_TO_SOCK_COMMON_OR_NULL =
    verifier::PTR_MAYBE_NULL | RET_PTR_TO_SOCK_COMMON;
inline constexpr uint32_t RET_PTR_TO_RINGBUF_MEM_OR_NULL =
    verifier::PTR_MAYBE_NULL | verifier::MEM_RINGBUF | RET_PTR_TO_MEM;
inline constexpr uint32_t RET_PTR_TO_DYNPTR_MEM_OR_NULL = verifier::PTR_MAYBE_NULL | RET_PTR_TO_MEM;
inline constexpr uint32_t RET_PTR_TO_BTF_ID_OR_NULL = verifier::PTR_MAYBE_NULL | RET_PTR_TO_BTF_ID;
inline constexpr uint32_t RET_PTR_TO_BTF_ID_TRUSTED = verifier::PTR_TRUSTED | RET_PTR_TO_BTF_ID;

/// base_type() of an argument or return type: the low 8 bits.
inline constexpr uint32_t baseType(uint32_t type) {
  return type & 0xffu;
}
/// type_flag(): everything above the base type.
inline constexpr uint32_t typeFlags(uint32_t type) {
  return type & ~0xffu;
}

/// The kernel's BPF_PTR_POISON btf id: bpf_kptr_xchg takes the BTF type from the kptr field
/// that its destination points to, not from the prototype.
inline constexpr const char *kBtfIdFromKptrField = "BPF_PTR_POISON";

/// The prototype's `allowed` callback: a check on the program beyond its type.
enum class AllowedRule : uint8_t {
  None,
  /// bpf_d_path_allowed: only LSM/iter/sleepable programs or an allowlisted attach function.
  DPath,
  /// bpf_sk_storage_tracing_allowed: not from the sk_storage free/delete paths, only some
  /// tracing attach points.
  SkStorageTracing,
  /// bpf_ima_inode_hash_allowed: sleepable LSM programs only.
  ImaInodeHash,
};

/// One struct bpf_func_proto of the kernel. BTF ids are kept as struct names ("task_struct",
/// "sock_common") to resolve against the target's BTF.
struct HelperProto {
  /// func_id_name(): "bpf_" + the helper's name, as the verifier log prints it.
  const char *name = nullptr;
  uint32_t funcId = 0;
  /// The kernel's variable name ("bpf_get_stack_proto_raw_tp"), distinguishing variants.
  const char *kernelSymbol = nullptr;
  bool gplOnly = false;
  bool pktAccess = false;
  bool mightSleep = false;
  bool allowFastcall = false;
  uint32_t retType = RET_INTEGER;
  std::array<uint32_t, 5> argTypes{};
  /// arg_size[]: bytes of a MEM_FIXED_SIZE argument (the kernel shares the slot with btf ids).
  std::array<uint32_t, 5> argSize{};
  /// arg_btf_id[] as struct names (nullptr when none).
  std::array<const char *, 5> argBtfType{};
  /// ret_btf_id as a struct name (nullptr when none).
  const char *retBtfType = nullptr;
  AllowedRule allowed = AllowedRule::None;

  /// Number of arguments: the index after the last non-ARG_DONTCARE one.
  constexpr unsigned argCount() const {
    unsigned count = 0;
    for (unsigned i = 0; i < argTypes.size(); ++i)
      if (argTypes[i] != ARG_DONTCARE)
        count = i + 1;
    return count;
  }
};

/// Every prototype variable of the table (all families), in no particular order.
std::span<const HelperProto *const> allHelperProtos();

/// The prototype with this kernel variable name, or nullptr.
const HelperProto *helperProtoBySymbol(const char *kernelSymbol);

} // namespace bpfverify::target
