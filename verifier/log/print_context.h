#pragma once
// The PrintContext the engine passes to the state printer: map names and sizes from
// object::Map, type names from btf::Btf. Header-only so that verifier/state stays free of
// LLVM; include it where bpfverify_object and bpfverify_btf are linked.

#include "btf/btf.h"
#include "lib/object/object.h"
#include "verifier/state/print.h"

#include <string>

namespace bpfverify::verifier {

/// The kernel map's name (libbpf passes map->name, the kernel keeps BPF_OBJ_NAME_LEN - 1
/// characters), key_size and value_size.
inline MapDesc describeObjectMap(const object::Map &map) {
  return MapDesc{map.name, map.keySize, map.valueSize};
}

/// btf_type_name(): the type's own name, empty for anonymous types and unknown ids.
inline std::string btfTypeNameOf(const btf::Btf &btf, uint32_t typeId) {
  const btf::Type *type = btf.tryType(typeId);
  return type ? std::string(type->name) : std::string();
}

inline PrintContext objectPrintContext() {
  PrintContext ctx;
  ctx.describeMap = describeObjectMap;
  ctx.btfTypeName = btfTypeNameOf;
  return ctx;
}

} // namespace bpfverify::verifier
