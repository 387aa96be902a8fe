#pragma once
// The kernel's register/argument/return type encoding: a base type in the low 8 bits and
// flags above it (enum bpf_reg_type, enum bpf_type_flag in include/linux/bpf.h, Linux 6.18).

#include <cstdint>
#include <string>

namespace bpfverify::verifier {

/// enum bpf_reg_type base types, in the kernel's order.
enum class RegBase : uint8_t {
  NotInit,
  Scalar,
  PtrToCtx,
  ConstPtrToMap,
  PtrToMapValue,
  PtrToMapKey,
  PtrToStack,
  PtrToPacketMeta,
  PtrToPacket,
  PtrToPacketEnd,
  PtrToFlowKeys,
  PtrToSocket,
  PtrToSockCommon,
  PtrToTcpSock,
  PtrToTpBuffer,
  PtrToXdpSock,
  PtrToBtfId,
  PtrToMem,
  PtrToArena,
  PtrToBuf,
  PtrToFunc,
  ConstPtrToDynptr,
};

inline constexpr unsigned BaseTypeBits = 8;

/// enum bpf_type_flag: shared by register types, helper argument types and return types.
enum TypeFlag : uint32_t {
  PTR_MAYBE_NULL = 1u << (0 + BaseTypeBits),
  MEM_RDONLY = 1u << (1 + BaseTypeBits),
  MEM_RINGBUF = 1u << (2 + BaseTypeBits),
  MEM_USER = 1u << (3 + BaseTypeBits),
  MEM_PERCPU = 1u << (4 + BaseTypeBits),
  OBJ_RELEASE = 1u << (5 + BaseTypeBits),
  PTR_UNTRUSTED = 1u << (6 + BaseTypeBits),
  MEM_UNINIT = 1u << (7 + BaseTypeBits),
  DYNPTR_TYPE_LOCAL = 1u << (8 + BaseTypeBits),
  DYNPTR_TYPE_RINGBUF = 1u << (9 + BaseTypeBits),
  MEM_FIXED_SIZE = 1u << (10 + BaseTypeBits),
  MEM_ALLOC = 1u << (11 + BaseTypeBits),
  PTR_TRUSTED = 1u << (12 + BaseTypeBits),
  MEM_RCU = 1u << (13 + BaseTypeBits),
  NON_OWN_REF = 1u << (14 + BaseTypeBits),
  DYNPTR_TYPE_SKB = 1u << (15 + BaseTypeBits),
  DYNPTR_TYPE_XDP = 1u << (16 + BaseTypeBits),
  MEM_ALIGNED = 1u << (17 + BaseTypeBits),
  MEM_WRITE = 1u << (18 + BaseTypeBits),
  DYNPTR_TYPE_SKB_META = 1u << (19 + BaseTypeBits),
};

inline constexpr uint32_t DynptrTypeFlagMask = DYNPTR_TYPE_LOCAL | DYNPTR_TYPE_RINGBUF |
                                               DYNPTR_TYPE_SKB | DYNPTR_TYPE_XDP |
                                               DYNPTR_TYPE_SKB_META;

/// A register type: base plus flags, as the kernel's u32 `type` field.
struct RegType {
  uint32_t raw = 0;

  constexpr RegType() = default;
  constexpr RegType(RegBase base, uint32_t flags = 0) : raw(uint32_t(base) | flags) {}

  constexpr RegBase base() const { return RegBase(raw & 0xff); }
  constexpr uint32_t flags() const { return raw & ~0xffu; }
  constexpr bool has(uint32_t flag) const { return (raw & flag) != 0; }
  constexpr RegType with(uint32_t flag) const { return fromRaw(raw | flag); }
  constexpr RegType without(uint32_t flag) const { return fromRaw(raw & ~flag); }
  constexpr bool is(RegBase b) const { return base() == b; }
  constexpr static RegType fromRaw(uint32_t r) {
    RegType t;
    t.raw = r;
    return t;
  }
  friend constexpr bool operator==(RegType, RegType) = default;
};

/// reg_type_str (kernel/bpf/log.c): "scalar", "map_value_or_null", "rdonly_mem", "trusted_ptr_",
/// ...
std::string regTypeName(RegType type);

/// type_may_be_null
inline constexpr bool typeMayBeNull(RegType t) {
  return t.has(PTR_MAYBE_NULL);
}

/// type_is_pkt_pointer
inline constexpr bool isPacketPointer(RegType t) {
  return t.base() == RegBase::PtrToPacket || t.base() == RegBase::PtrToPacketMeta;
}

} // namespace bpfverify::verifier
