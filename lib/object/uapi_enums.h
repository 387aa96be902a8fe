#pragma once
// Name <-> number tables for the UAPI enums bpf_prog_type, bpf_attach_type and bpf_map_type.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bpfverify::object {

/// One enumerator of a UAPI enum: its value, the C name and libbpf's short name.
struct UapiEnumEntry {
  uint32_t value;
  std::string_view fullName;  ///< "BPF_PROG_TYPE_XDP", "BPF_CGROUP_INET_INGRESS", ...
  std::string_view shortName; ///< "xdp", "cgroup_inet_ingress": libbpf_bpf_*_type_str, bpftool
};

// The tables mirror include/uapi/linux/bpf.h of Linux 6.18 and the short names of libbpf's
// prog_type_name / attach_type_name / map_type_name arrays (libbpf 1.6).
std::span<const UapiEnumEntry> progTypeTable();
std::span<const UapiEnumEntry> attachTypeTable();
std::span<const UapiEnumEntry> mapTypeTable();

/// Short name as bpftool prints it ("xdp", "sched_cls"); empty when the value is unknown.
std::string_view progTypeName(uint32_t value);
/// C name ("BPF_PROG_TYPE_XDP"); empty when unknown.
std::string_view progTypeFullName(uint32_t value);
std::string_view attachTypeName(uint32_t value);
std::string_view attachTypeFullName(uint32_t value);
std::string_view mapTypeName(uint32_t value);
std::string_view mapTypeFullName(uint32_t value);

/// Parses a short name ("xdp"), a C name ("BPF_PROG_TYPE_XDP") or the C name without its
/// prefix in any case ("XDP", "Sched_Cls"). A decimal number is accepted too.
std::optional<uint32_t> parseProgType(std::string_view text);
std::optional<uint32_t> parseAttachType(std::string_view text);
/// Also accepts the deprecated aliases BPF_MAP_TYPE_CGROUP_STORAGE_DEPRECATED and
/// BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE_DEPRECATED.
std::optional<uint32_t> parseMapType(std::string_view text);

// Values used by the loader itself.
inline constexpr uint32_t ProgTypeUnspec = 0;
inline constexpr uint32_t MapTypeArray = 2, MapTypeProgArray = 3, MapTypeArrayOfMaps = 12,
                          MapTypeHashOfMaps = 13;

} // namespace bpfverify::object
