#pragma once
// libbpf's SEC() name table: section name -> program type, expected attach type and load flags.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bpfverify::object {

/// enum sec_def_flags of libbpf.c.
enum SecDefFlags : uint32_t {
  SecNone = 0,
  SecExpAttachOpt = 1, ///< expected_attach_type may be dropped on old kernels (not 6.18)
  SecAttachable = 2,   ///< legacy marker, unused by libbpf itself
  SecAttachableOpt = SecAttachable | SecExpAttachOpt,
  SecAttachBtf = 4, ///< attach target named by BTF id (fentry, lsm, tp_btf, iter, ...)
  SecSleepable = 8, ///< BPF_F_SLEEPABLE
  SecXdpFrags = 16, ///< BPF_F_XDP_HAS_FRAGS
  SecUsdt = 32,     ///< usdt: expected attach type becomes BPF_TRACE_UPROBE_MULTI
};

/// One row of libbpf's section_defs[]. A pattern ending in '+' matches "name" and "name/...";
/// ending in '/' matches any "name/..." ; otherwise the name must match exactly.
struct SectionDef {
  std::string_view pattern;
  uint32_t progType;
  uint32_t expectedAttachType;
  uint32_t flags;
};

/// The table, in libbpf's matching order (first match wins).
std::span<const SectionDef> sectionDefs();

/// sec_def_matches() of libbpf.
bool sectionDefMatches(const SectionDef &def, std::string_view sectionName);

/// find_sec_def(): the first matching row, or nullptr (libbpf then leaves the type UNSPEC).
const SectionDef *findSectionDef(std::string_view sectionName);

// BPF_PROG_LOAD prog_flags libbpf derives from the section (include/uapi/linux/bpf.h).
inline constexpr uint32_t BPF_F_SLEEPABLE = 1u << 4;
inline constexpr uint32_t BPF_F_XDP_HAS_FRAGS = 1u << 5;

/// What a program's section name means to libbpf at load time.
struct SectionInfo {
  std::string sectionName; ///< without the '?' prefix
  bool autoload = true;    ///< false for SEC("?...")
  const SectionDef *def = nullptr;
  uint32_t progType = 0; ///< BPF_PROG_TYPE_UNSPEC when no row matches
  uint32_t expectedAttachType = 0;
  bool sleepable = false;
  uint32_t progFlags = 0;   ///< as libbpf_prepare_prog_load() sets them
  std::string attachTarget; ///< text after the first '/', empty if none
};

/// Classifies a raw ELF section name as bpf_object__init_prog + bpf_object_init_progs +
/// libbpf_prepare_prog_load do, for a kernel with every feature (Linux 6.18).
SectionInfo classifySection(std::string_view rawSectionName);

} // namespace bpfverify::object
