#pragma once
// Bounds-checked BTF lookups with libbpf's semantics, the common ground of the CO-RE code.

#include "btf/btf.h"

#include <llvm/ADT/StringRef.h>

#include <cstddef>
#include <cstdint>

namespace bpfverify::btf::core {

/// The type with this id, or nullptr when the id is out of range (btf__type_by_id).
const Type *typeById(const Btf &btf, TypeId id);

/// Follows const/volatile/restrict/type_tag and typedefs (libbpf's skip_mods_and_typedefs).
/// Stores the id reached in *resolvedId; nullptr on a bad id or a modifier loop.
const Type *skipModsAndTypedefs(const Btf &btf, TypeId id, TypeId *resolvedId = nullptr);

/// libbpf's btf__resolve_size: the size in bytes, or a negative errno (-EINVAL, -E2BIG).
/// Pointers are 8 bytes: BPF objects and 64-bit kernels both have 8-byte "long".
int64_t resolveSize(const Btf &btf, TypeId id);

/// Length of a name without its "___flavor" suffix (bpf_core_essential_name_len).
size_t essentialNameLength(llvm::StringRef name);

/// True when the names match modulo flavor suffix and neither is empty-vs-named.
bool essentialNamesEqual(llvm::StringRef a, llvm::StringRef b);

/// Same kind, or both ENUM/ENUM64 (btf_kind_core_compat).
bool kindsCoreCompat(const Type &a, const Type &b);

/// libbpf's lower-case kind name (btf_kind_str): "struct", "func_proto", ...
llvm::StringRef kindString(Kind kind);

/// The 64-bit value of an enumerator as libbpf reads it: ENUM values are s32 and always
/// sign-extended (struct btf_enum::val), ENUM64 values are the raw 64-bit pattern.
uint64_t enumeratorValue(const Type &enumType, uint32_t index);

/// BTF_KIND_PTR size on the BPF side.
inline constexpr int64_t PointerSize = 8;

} // namespace bpfverify::btf::core
