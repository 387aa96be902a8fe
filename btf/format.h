#pragma once
// On-disk BTF layout constants (include/uapi/linux/btf.h) and little helpers shared by the parser.

#include <cstdint>

namespace bpfverify::btf::format {

inline constexpr uint16_t Magic = 0xeB9F;
inline constexpr uint8_t Version = 1;
inline constexpr uint32_t HeaderSize = 24;            // struct btf_header
inline constexpr uint32_t TypeHeaderSize = 12;        // struct btf_type
inline constexpr uint32_t MaxType = 0x000fffff;       // BTF_MAX_TYPE
inline constexpr uint32_t MaxNameOffset = 0x00ffffff; // BTF_MAX_NAME_OFFSET
inline constexpr uint32_t MaxVlen = 0xffff;
inline constexpr uint32_t InfoMask = 0x9f00ffff; // kernel/bpf/btf.c BTF_INFO_MASK
inline constexpr uint32_t IntMask = 0x0f00ffff;  // BTF_INT_MASK
inline constexpr uint32_t KsymNameLen = 512;     // KSYM_NAME_LEN bounds identifier length

inline uint32_t infoKind(uint32_t info) {
  return (info >> 24) & 0x1f;
}
inline uint32_t infoVlen(uint32_t info) {
  return info & 0xffff;
}
inline bool infoKflag(uint32_t info) {
  return info >> 31;
}

inline uint32_t intEncoding(uint32_t data) {
  return (data & 0x0f000000) >> 24;
}
inline uint32_t intOffset(uint32_t data) {
  return (data & 0x00ff0000) >> 16;
}
inline uint32_t intBits(uint32_t data) {
  return data & 0x000000ff;
}

/// Bytes following struct btf_type for a kind with this vlen (btf_type_size in libbpf).
inline uint64_t extraSize(uint32_t kind, uint32_t vlen) {
  switch (kind) {
  case 1:  // INT
  case 14: // VAR
  case 17: // DECL_TAG
    return 4;
  case 3: // ARRAY
    return 12;
  case 4:  // STRUCT
  case 5:  // UNION
  case 15: // DATASEC
  case 19: // ENUM64
    return 12ull * vlen;
  case 6:  // ENUM
  case 13: // FUNC_PROTO
    return 8ull * vlen;
  default:
    return 0;
  }
}

} // namespace bpfverify::btf::format
