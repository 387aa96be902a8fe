// Access string parsing and rendering, mirroring libbpf relo_core.c: bpf_core_parse_spec and
// bpf_core_format_spec.
#include "btf/core/core_spec.h"

#include "btf/core/core_btf.h"

#include <llvm/Support/Format.h>
#include <llvm/Support/raw_ostream.h>

#include <cctype>
#include <cerrno>
#include <climits>

namespace bpfverify::btf::core {

bool isFieldBased(CoreReloKind kind) {
  switch (kind) {
  case CoreReloKind::FieldByteOffset:
  case CoreReloKind::FieldByteSize:
  case CoreReloKind::FieldExists:
  case CoreReloKind::FieldSigned:
  case CoreReloKind::FieldLShiftU64:
  case CoreReloKind::FieldRShiftU64:
    return true;
  default:
    return false;
  }
}

bool isTypeBased(CoreReloKind kind) {
  switch (kind) {
  case CoreReloKind::TypeIdLocal:
  case CoreReloKind::TypeIdTarget:
  case CoreReloKind::TypeExists:
  case CoreReloKind::TypeMatches:
  case CoreReloKind::TypeSize:
    return true;
  default:
    return false;
  }
}

bool isEnumvalBased(CoreReloKind kind) {
  return kind == CoreReloKind::EnumvalExists || kind == CoreReloKind::EnumvalValue;
}

namespace {

// One sscanf("%d%n") step as glibc performs it: optional white space and sign, at least one
// digit; out-of-range values saturate to LONG_MIN/LONG_MAX and are then truncated to int.
bool scanInt(llvm::StringRef &rest, int32_t &value) {
  size_t pos = 0;
  while (pos < rest.size() && std::isspace(static_cast<unsigned char>(rest[pos])))
    ++pos;
  bool negative = false;
  if (pos < rest.size() && (rest[pos] == '+' || rest[pos] == '-'))
    negative = rest[pos++] == '-';
  size_t digitsStart = pos;
  uint64_t magnitude = 0;
  bool saturated = false;
  for (; pos < rest.size() && std::isdigit(static_cast<unsigned char>(rest[pos])); ++pos) {
    if (magnitude > (uint64_t(LONG_MAX) - 9) / 10)
      saturated = true;
    else
      magnitude = magnitude * 10 + uint64_t(rest[pos] - '0');
  }
  if (pos == digitsStart)
    return false;
  int64_t wide;
  if (saturated)
    wide = negative ? LONG_MIN : LONG_MAX;
  else
    wide = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
  value = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(wide)));
  rest = rest.drop_front(pos);
  return true;
}

// is_flex_arr: an array of zero elements that is the last member of its struct.
bool isFlexArray(const Btf &btf, const CoreAccessor &parent, const Type &array) {
  if (!parent.named || array.nelems > 0)
    return false;
  const Type *t = typeById(btf, parent.typeId);
  return t && parent.idx == static_cast<uint32_t>(static_cast<int32_t>(t->vlen) - 1);
}

// u32 arithmetic of libbpf's "bit_offset += access_idx * sz * 8" (the product is s64 there,
// then truncated into the u32 field).
uint32_t scaledBits(int32_t index, int64_t size) {
  return static_cast<uint32_t>(static_cast<uint64_t>(static_cast<int64_t>(index)) *
                               static_cast<uint64_t>(size) * 8u);
}

} // namespace

int parseSpec(const Btf &btf, const CoreReloRecord &relo, CoreSpec &spec, std::string *warning) {
  llvm::StringRef specStr = btf.string(relo.accessStrOffset);
  if (specStr.empty() || specStr.front() == ':')
    return -EINVAL;

  spec = CoreSpec();
  spec.btf = &btf;
  spec.rootTypeId = relo.typeId;
  spec.kind = relo.kind;

  // Type-based relocations carry no field access string.
  if (isTypeBased(relo.kind))
    return specStr == "0" ? 0 : -EINVAL;

  llvm::StringRef rest = specStr;
  while (!rest.empty()) {
    if (rest.front() == ':')
      rest = rest.drop_front();
    int32_t accessIdx = 0;
    if (!scanInt(rest, accessIdx))
      return -EINVAL;
    if (spec.raw.size() == CoreSpecMaxLen)
      return -E2BIG;
    spec.raw.push_back(accessIdx);
  }
  if (spec.raw.empty())
    return -EINVAL;

  TypeId id = 0;
  const Type *t = skipModsAndTypedefs(btf, relo.typeId, &id);
  if (!t)
    return -EINVAL;

  int32_t accessIdx = spec.raw[0];
  spec.accessors.push_back({id, static_cast<uint32_t>(accessIdx), false, {}});

  if (isEnumvalBased(relo.kind)) {
    // libbpf indexes the enumerators with a negative index unchecked; we refuse it.
    if (!t->isEnum() || spec.raw.size() > 1 || accessIdx < 0 ||
        static_cast<uint32_t>(accessIdx) >= t->vlen ||
        static_cast<size_t>(accessIdx) >= t->enumerators.size())
      return -EINVAL;
    spec.accessors[0].named = true;
    spec.accessors[0].name = llvm::StringRef(t->enumerators[accessIdx].name.data(),
                                             t->enumerators[accessIdx].name.size());
    return 0;
  }

  if (!isFieldBased(relo.kind))
    return -EINVAL;

  int64_t size = resolveSize(btf, id);
  if (size < 0)
    return static_cast<int>(size);
  spec.bitOffset = scaledBits(accessIdx, size);

  for (size_t i = 1; i < spec.raw.size(); ++i) {
    t = skipModsAndTypedefs(btf, id, &id);
    if (!t)
      return -EINVAL;
    accessIdx = spec.raw[i];

    if (t->isStructOrUnion()) {
      // Negative member indices read out of bounds in libbpf; refused here.
      if (accessIdx < 0 || static_cast<uint32_t>(accessIdx) >= t->vlen ||
          static_cast<size_t>(accessIdx) >= t->members.size())
        return -EINVAL;
      const Member &m = t->members[accessIdx];
      spec.bitOffset += m.bitOffset;
      // Anonymous members are a low-level step only; named ones are high-level accessors.
      // (A member with a name offset but an empty string is invalid; our model keeps only the
      // resolved name, so an empty name counts as anonymous.)
      if (!m.name.empty())
        spec.accessors.push_back({id, static_cast<uint32_t>(accessIdx), true,
                                  llvm::StringRef(m.name.data(), m.name.size())});
      id = m.type;
    } else if (t->kind == Kind::Array) {
      const Type &array = *t;
      t = skipModsAndTypedefs(btf, array.elemType, &id);
      if (!t)
        return -EINVAL;
      bool flex = isFlexArray(btf, spec.accessors.back(), array);
      if (!flex && static_cast<uint32_t>(accessIdx) >= array.nelems)
        return -EINVAL;
      spec.accessors.push_back({id, static_cast<uint32_t>(accessIdx), false, {}});
      size = resolveSize(btf, id);
      if (size < 0)
        return static_cast<int>(size);
      spec.bitOffset += scaledBits(accessIdx, size);
    } else {
      if (warning)
        *warning = ("relo for [" + llvm::Twine(relo.typeId) + "] " + specStr + " (at idx " +
                    llvm::Twine(i) + ") captures type [" + llvm::Twine(id) +
                    "] of unexpected kind " + kindString(t->kind))
                       .str();
      return -EINVAL;
    }
  }
  return 0;
}

std::string formatSpec(const CoreSpec &spec) {
  std::string out;
  llvm::raw_string_ostream os(out);
  const Btf &btf = *spec.btf;
  const Type *root = typeById(btf, spec.rootTypeId);
  os << "<" << coreReloKindName(spec.kind) << "> [" << spec.rootTypeId << "] ";
  if (!root)
    return os.str();
  os << kindString(root->kind) << " " << (root->name.empty() ? "<anon>" : root->name);

  if (isTypeBased(spec.kind))
    return os.str();

  if (isEnumvalBased(spec.kind)) {
    const Type *t = skipModsAndTypedefs(btf, spec.rootTypeId);
    size_t index = spec.raw.empty() ? 0 : static_cast<size_t>(spec.raw[0]);
    if (!t || !t->isEnum() || index >= t->enumerators.size())
      return os.str();
    const Enumerator &e = t->enumerators[index];
    uint64_t value = enumeratorValue(*t, static_cast<uint32_t>(index));
    os << "::" << e.name << " = ";
    if (t->kind == Kind::Enum) {
      if (t->kindFlag)
        os << static_cast<int32_t>(value);
      else
        os << static_cast<uint32_t>(value);
    } else {
      if (t->kindFlag)
        os << static_cast<int64_t>(value);
      else
        os << value;
    }
    return os.str();
  }

  if (isFieldBased(spec.kind)) {
    for (size_t i = 0; i < spec.accessors.size(); ++i) {
      const CoreAccessor &acc = spec.accessors[i];
      if (acc.named)
        os << "." << acc.name;
      else if (i > 0 || acc.idx > 0)
        os << "[" << acc.idx << "]";
    }
    os << " (";
    for (size_t i = 0; i < spec.raw.size(); ++i)
      os << (i == 0 ? "" : ":") << spec.raw[i];
    if (spec.bitOffset % 8)
      os << " @ offset " << spec.bitOffset / 8 << "." << spec.bitOffset % 8 << ")";
    else
      os << " @ offset " << spec.bitOffset / 8 << ")";
  }
  return os.str();
}

} // namespace bpfverify::btf::core
