// Bounds-checked BTF lookups with libbpf's semantics (libbpf btf.c and libbpf.c helpers).
#include "btf/core/core_btf.h"

#include <array>
#include <cerrno>

namespace bpfverify::btf::core {

namespace {
// Deeper chains than this cannot come from a validated BTF; they only guard loops.
constexpr unsigned MaxModifierChain = 1024;
// libbpf's MAX_RESOLVE_DEPTH in btf__resolve_size.
constexpr unsigned MaxResolveDepth = 32;

bool isModifierOrTypedef(const Type &t) {
  return t.isModifier() || t.kind == Kind::Typedef;
}
} // namespace

const Type *typeById(const Btf &btf, TypeId id) {
  if (!btf.validId(id))
    return nullptr;
  return &btf.type(id);
}

const Type *skipModsAndTypedefs(const Btf &btf, TypeId id, TypeId *resolvedId) {
  const Type *t = typeById(btf, id);
  for (unsigned steps = 0; t && isModifierOrTypedef(*t); ++steps) {
    if (steps == MaxModifierChain)
      return nullptr;
    id = t->type;
    t = typeById(btf, id);
  }
  if (resolvedId)
    *resolvedId = id;
  return t;
}

int64_t resolveSize(const Btf &btf, TypeId id) {
  uint64_t nelems = 1;
  int64_t size = -1;
  const Type *t = typeById(btf, id);
  for (unsigned depth = 0; depth < MaxResolveDepth && size < 0 && t; ++depth) {
    switch (t->kind) {
    case Kind::Int:
    case Kind::Struct:
    case Kind::Union:
    case Kind::Enum:
    case Kind::Enum64:
    case Kind::DataSec:
    case Kind::Float:
      size = t->size;
      break;
    case Kind::Ptr:
      size = PointerSize;
      break;
    case Kind::Typedef:
    case Kind::Volatile:
    case Kind::Const:
    case Kind::Restrict:
    case Kind::Var:
    case Kind::DeclTag:
    case Kind::TypeTag:
      t = typeById(btf, t->type);
      break;
    case Kind::Array:
      if (nelems && t->nelems > UINT32_MAX / nelems)
        return -E2BIG;
      nelems *= t->nelems;
      t = typeById(btf, t->elemType);
      break;
    default:
      return -EINVAL;
    }
  }
  if (size < 0)
    return -EINVAL;
  if (nelems && static_cast<uint64_t>(size) > UINT32_MAX / nelems)
    return -E2BIG;
  return static_cast<int64_t>(nelems * static_cast<uint64_t>(size));
}

size_t essentialNameLength(llvm::StringRef name) {
  // The last "X___Y" where X and Y are not underscores (bpf_core_is_flavor_sep).
  for (int64_t i = static_cast<int64_t>(name.size()) - 5; i >= 0; --i) {
    const char *s = name.data() + i;
    if (s[0] != '_' && s[1] == '_' && s[2] == '_' && s[3] == '_' && s[4] != '_')
      return static_cast<size_t>(i) + 1;
  }
  return name.size();
}

bool essentialNamesEqual(llvm::StringRef a, llvm::StringRef b) {
  size_t la = essentialNameLength(a), lb = essentialNameLength(b);
  return la == lb && a.take_front(la) == b.take_front(lb);
}

bool kindsCoreCompat(const Type &a, const Type &b) {
  return a.kind == b.kind || (a.isEnum() && b.isEnum());
}

llvm::StringRef kindString(Kind kind) {
  static constexpr std::array<const char *, KindMax + 1> names = {
      "void", "int",     "ptr",      "array",    "struct",   "union", "enum",
      "fwd",  "typedef", "volatile", "const",    "restrict", "func",  "func_proto",
      "var",  "datasec", "float",    "decl_tag", "type_tag", "enum64"};
  auto index = static_cast<unsigned>(kind);
  return index < names.size() ? names[index] : "unknown";
}

uint64_t enumeratorValue(const Type &enumType, uint32_t index) {
  int64_t value = enumType.enumerators[index].value;
  if (enumType.kind == Kind::Enum)
    return static_cast<uint64_t>(
        static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(value))));
  return static_cast<uint64_t>(value);
}

} // namespace bpfverify::btf::core
