#pragma once
// A CO-RE access specification: the parsed access string of one relocation (libbpf's
// struct bpf_core_spec) and its C-like rendering.

#include "btf/btf.h"
#include "btf/btf_ext.h"

#include <llvm/ADT/StringRef.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bpfverify::btf::core {

/// BPF_CORE_SPEC_MAX_LEN: the deepest struct/union/array nesting libbpf follows.
inline constexpr size_t CoreSpecMaxLen = 64;

/// One high-level step: a named member, an array index, or the root / enumerator index.
struct CoreAccessor {
  TypeId typeId = 0; ///< the struct/union holding the member, the array element, or the enum
  uint32_t idx = 0;  ///< member index, array index, or enumerator index (u32 as in libbpf)
  bool named = false;
  llvm::StringRef name; ///< member or enumerator name when named
};

/// struct bpf_core_spec.
struct CoreSpec {
  const Btf *btf = nullptr;
  TypeId rootTypeId = 0;
  CoreReloKind kind = CoreReloKind::FieldByteOffset;
  std::vector<CoreAccessor> accessors; ///< high-level spec (named fields, array indices)
  std::vector<int32_t> raw;            ///< low-level spec: every access string element
  uint32_t bitOffset = 0;              ///< from the root type's start (u32 arithmetic, as libbpf)
};

bool isFieldBased(CoreReloKind kind);
bool isTypeBased(CoreReloKind kind);
bool isEnumvalBased(CoreReloKind kind);
// The kind's name (libbpf's core_relo_kind_str) is btf::coreReloKindName in btf/btf_ext.h.

/// Parses relo's access string against btf (bpf_core_parse_spec). Returns 0 or a negative
/// errno; a diagnostic libbpf would print is appended to *warning.
int parseSpec(const Btf &btf, const CoreReloRecord &relo, CoreSpec &spec,
              std::string *warning = nullptr);

/// bpf_core_format_spec: "<byte_off> [7] struct task_struct.pid (0:77 @ offset 2456)".
std::string formatSpec(const CoreSpec &spec);

} // namespace bpfverify::btf::core
