// Queries over a parsed Btf: name and decl-tag indexes, modifier skipping, sizes, alignment,
// members by offset or name, and enum values.

#include "btf/btf_impl.h"
#include "btf/validate.h"

#include "lib/support/error.h"
#include <llvm/ADT/DenseMap.h>
#include <llvm/Support/xxhash.h>

#include <algorithm>

namespace bpfverify::btf {

namespace {
bool isModifierKind(Kind k) {
  return k == Kind::Volatile || k == Kind::Const || k == Kind::Restrict || k == Kind::TypeTag;
}
} // namespace

namespace {
uint64_t nameHash(llvm::StringRef name) {
  return llvm::xxh3_64bits(name);
}
} // namespace

int64_t Btf::Impl::findNameSlot(llvm::StringRef name) const {
  if (nameTable.empty())
    return -1;
  uint64_t h = nameHash(name);
  uint64_t mask = nameTable.size() - 1;
  for (uint64_t i = h & mask;; i = (i + 1) & mask) {
    uint64_t entry = nameTable[i];
    if (!entry)
      return -1;
    if ((entry >> 32) == (h >> 32)) {
      uint32_t slot = static_cast<uint32_t>(entry) - 1;
      if (nameSlots[slot].name == name)
        return slot;
    }
  }
}

// Two passes so all ids of one name sit in one flat run: count per name, then place.
void Btf::Impl::buildNameIndex() const {
  size_t named = 0;
  for (const Type &t : types)
    named += !t.name.empty();
  size_t tableSize = 16;
  while (tableSize < named + named / 2)
    tableSize *= 2;
  nameTable.assign(tableSize, 0);
  nameSlots.reserve(named);
  uint64_t mask = tableSize - 1;
  std::vector<uint32_t> slotOf(types.size(), UINT32_MAX);
  for (size_t i = 0; i < types.size(); ++i) {
    const Type &t = types[i];
    if (t.name.empty())
      continue;
    llvm::StringRef name(t.name.data(), t.name.size());
    uint64_t h = nameHash(name);
    uint32_t slot = UINT32_MAX;
    for (uint64_t b = h & mask;; b = (b + 1) & mask) {
      uint64_t entry = nameTable[b];
      if (!entry) {
        slot = static_cast<uint32_t>(nameSlots.size());
        nameSlots.push_back({name, 0, 0});
        nameTable[b] = (h >> 32 << 32) | (slot + 1);
        break;
      }
      if ((entry >> 32) == (h >> 32) && nameSlots[static_cast<uint32_t>(entry) - 1].name == name) {
        slot = static_cast<uint32_t>(entry) - 1;
        break;
      }
    }
    slotOf[i] = slot;
    ++nameSlots[slot].end; // a count until the runs are laid out
  }
  // For split BTF each run starts with the base's ids of the same name.
  std::vector<llvm::ArrayRef<TypeId>> baseRuns;
  if (base) {
    baseRuns.resize(nameSlots.size());
    for (size_t s = 0; s < nameSlots.size(); ++s) {
      baseRuns[s] = base->findByName(nameSlots[s].name);
      nameSlots[s].end += baseRuns[s].size();
    }
  }
  uint32_t total = 0;
  for (NameSlot &slot : nameSlots) {
    uint32_t count = slot.end;
    slot.begin = slot.end = total;
    total += count;
  }
  nameIds.resize(total);
  if (base)
    for (size_t s = 0; s < baseRuns.size(); ++s)
      for (TypeId id : baseRuns[s])
        nameIds[nameSlots[s].end++] = id;
  for (size_t i = 0; i < types.size(); ++i)
    if (slotOf[i] != UINT32_MAX)
      nameIds[nameSlots[slotOf[i]].end++] = bias + static_cast<TypeId>(i);
}

void Btf::Impl::buildDeclTagIndex() const {
  for (size_t i = 0; i < types.size(); ++i)
    if (types[i].kind == Kind::DeclTag)
      declTags.emplace_back(types[i].type, bias + static_cast<TypeId>(i));
  std::sort(declTags.begin(), declTags.end());
}

llvm::ArrayRef<TypeId> Btf::findByName(llvm::StringRef name) const {
  std::call_once(impl_->nameIndexOnce, [this] { impl_->buildNameIndex(); });
  int64_t slot = impl_->findNameSlot(name);
  if (slot < 0)
    return impl_->base ? impl_->base->findByName(name) : llvm::ArrayRef<TypeId>();
  const Impl::NameSlot &run = impl_->nameSlots[slot];
  return llvm::ArrayRef<TypeId>(impl_->nameIds.data() + run.begin, run.end - run.begin);
}

std::optional<TypeId> Btf::findByNameKind(llvm::StringRef name, Kind kind) const {
  for (TypeId id : findByName(name))
    if (type(id).kind == kind)
      return id;
  return std::nullopt;
}

std::optional<TypeId> Btf::findByCName(llvm::StringRef cname) const {
  cname = cname.trim();
  if (cname.consume_front("struct "))
    return findByNameKind(cname.trim(), Kind::Struct);
  if (cname.consume_front("union "))
    return findByNameKind(cname.trim(), Kind::Union);
  if (cname.consume_front("enum ")) {
    cname = cname.trim();
    if (auto id = findByNameKind(cname, Kind::Enum))
      return id;
    return findByNameKind(cname, Kind::Enum64);
  }
  // A plain name: prefer what a C declaration would mean (typedef, base type) over tags.
  for (Kind kind : {Kind::Typedef, Kind::Int, Kind::Float, Kind::Func, Kind::Var})
    if (auto id = findByNameKind(cname, kind))
      return id;
  return std::nullopt;
}

TypeId Btf::skipModifiers(TypeId id) const {
  // Validated BTF has no modifier loops; the bound only guards against misuse.
  for (int guard = 0; guard < 1 << 20 && validId(id) && isModifierKind(type(id).kind); ++guard)
    id = type(id).type;
  return id;
}

TypeId Btf::skipModifiersAndTypedefs(TypeId id) const {
  for (int guard = 0; guard < 1 << 20 && validId(id); ++guard) {
    const Type &t = type(id);
    if (!isModifierKind(t.kind) && t.kind != Kind::Typedef)
      break;
    id = t.type;
  }
  return id;
}

llvm::Expected<uint64_t> Btf::sizeOf(TypeId id) const {
  if (!validId(id))
    return inputError(sourceName(), "BTF: type id " + llvm::Twine(id) + " out of range");
  TypeId resolved = skipModifiersAndTypedefs(id);
  const Type &t = type(resolved);
  switch (t.kind) {
  case Kind::Int:
  case Kind::Struct:
  case Kind::Union:
  case Kind::Enum:
  case Kind::Enum64:
  case Kind::DataSec:
  case Kind::Float:
  case Kind::Array: // resolved at parse time
    return t.size;
  case Kind::Ptr:
    return 8;
  case Kind::Var:
    return sizeOf(t.type);
  default:
    std::string name = printableName(t.name);
    return inputError(sourceName(), "BTF: [" + llvm::Twine(resolved) + "] " + kindName(t.kind) +
                                        (name.empty() ? "" : " ") + name + " has no size");
  }
}

// libbpf btf__align_of: natural alignment capped at the pointer size; a struct whose member
// sits off its alignment, or whose size is not a multiple of it, is packed (alignment 1).
// Iterative with a memo: nested structs may be deep or share members.
uint32_t Btf::alignOf(TypeId id) const {
  if (!validId(id))
    return 0;
  llvm::DenseMap<TypeId, uint32_t> memo;
  // The type whose alignment a type is, or the struct/union to compute (after arrays/typedefs).
  auto target = [&](TypeId t) {
    for (int depth = 0; depth < 64 && validId(t); ++depth) {
      t = skipModifiersAndTypedefs(t);
      if (!validId(t) || type(t).kind != Kind::Array)
        return t;
      t = type(t).elemType;
    }
    return TypeId(0);
  };
  auto leaf = [&](const Type &t) -> std::optional<uint32_t> {
    switch (t.kind) {
    case Kind::Int:
    case Kind::Enum:
    case Kind::Enum64:
    case Kind::Float:
      return std::min<uint32_t>(8, t.size);
    case Kind::Ptr:
      return 8;
    case Kind::Struct:
    case Kind::Union:
      return std::nullopt;
    default:
      return 0;
    }
  };
  TypeId root = target(id);
  if (!validId(root))
    return 0;
  if (auto a = leaf(type(root)))
    return *a;
  std::vector<TypeId> stack{root};
  size_t steps = 0;
  while (!stack.empty()) {
    if (++steps > (1u << 22))
      return 0;
    TypeId cur = stack.back();
    if (memo.count(cur)) {
      stack.pop_back();
      continue;
    }
    const Type &t = type(cur);
    bool pending = false;
    uint32_t maxAlign = 1;
    bool packed = false, unknown = false;
    for (const Member &m : t.members) {
      TypeId mt = target(m.type);
      if (!validId(mt)) {
        unknown = true;
        break;
      }
      uint32_t align;
      if (auto a = leaf(type(mt))) {
        align = *a;
      } else if (auto it = memo.find(mt); it != memo.end()) {
        align = it->second;
      } else if (stack.size() < 4096) {
        stack.push_back(mt);
        pending = true;
        break;
      } else {
        unknown = true;
        break;
      }
      if (!align) {
        unknown = true;
        break;
      }
      maxAlign = std::max(maxAlign, align);
      if (!m.bitfieldSize && m.bitOffset % (8 * align))
        packed = true;
    }
    if (pending)
      continue;
    stack.pop_back();
    memo[cur] = unknown ? 0 : (packed || t.size % maxAlign) ? 1 : maxAlign;
  }
  return memo[root];
}

std::vector<TypeId> Btf::declTagsOf(TypeId target, int32_t componentIdx) const {
  std::vector<TypeId> result;
  if (impl_->base)
    result = impl_->base->declTagsOf(target, componentIdx);
  std::call_once(impl_->declTagOnce, [this] { impl_->buildDeclTagIndex(); });
  auto &tags = impl_->declTags;
  auto it = std::lower_bound(tags.begin(), tags.end(), std::make_pair(target, TypeId(0)));
  for (; it != tags.end() && it->first == target; ++it)
    if (type(it->second).componentIdx == componentIdx)
      result.push_back(it->second);
  return result;
}

namespace {
// The bits a member occupies: its bitfield size, or its type's size.
uint64_t memberBits(const Btf &btf, const Member &m) {
  if (m.bitfieldSize)
    return m.bitfieldSize;
  auto size = btf.sizeOf(m.type);
  if (!size) {
    llvm::consumeError(size.takeError());
    return 0;
  }
  return *size * 8;
}
} // namespace

std::vector<MemberStep> Btf::memberAt(TypeId structId, uint32_t bitOffset) const {
  std::vector<MemberStep> path;
  uint32_t base = 0;
  TypeId cur = structId;
  for (int depth = 0; depth < 64 && validId(cur); ++depth) {
    cur = skipModifiersAndTypedefs(cur);
    const Type &t = type(cur);
    if (!t.isStructOrUnion())
      break;
    uint32_t rel = bitOffset - base;
    const Member *hit = nullptr;
    uint32_t hitIndex = 0;
    for (uint32_t i = 0; i < t.members.size(); ++i) {
      const Member &m = t.members[i];
      uint64_t bits = memberBits(*this, m);
      bool covers = rel >= m.bitOffset && rel - m.bitOffset < bits;
      if (!covers)
        continue;
      // In a union, several members cover the offset: the first one wins, as in C.
      hit = &m;
      hitIndex = i;
      break;
    }
    if (!hit)
      return {};
    path.push_back({cur, hitIndex, hit, base + hit->bitOffset});
    TypeId next = skipModifiersAndTypedefs(hit->type);
    if (!hit->name.empty() || !type(next).isStructOrUnion())
      return path;
    base += hit->bitOffset;
    cur = next;
  }
  return {};
}

std::vector<MemberStep> Btf::memberByName(TypeId structId, llvm::StringRef name) const {
  // Depth-first through anonymous members, as C name lookup does.
  struct Frame {
    TypeId id;
    uint32_t next;
    uint32_t base;
  };
  std::vector<MemberStep> path;
  std::vector<Frame> stack;
  TypeId root = skipModifiersAndTypedefs(structId);
  if (!validId(root) || !type(root).isStructOrUnion())
    return {};
  stack.push_back({root, 0, 0});
  size_t steps = 0; // anonymous members may share types: bound the walk
  while (!stack.empty() && stack.size() < 64 && ++steps < (1u << 20)) {
    Frame &f = stack.back();
    const Type &t = type(f.id);
    if (f.next >= t.members.size()) {
      stack.pop_back();
      if (!path.empty())
        path.pop_back();
      continue;
    }
    uint32_t i = f.next++;
    const Member &m = t.members[i];
    MemberStep step{f.id, i, &m, f.base + m.bitOffset};
    if (m.name == std::string_view(name)) {
      path.push_back(step);
      return path;
    }
    TypeId inner = skipModifiersAndTypedefs(m.type);
    if (m.name.empty() && type(inner).isStructOrUnion()) {
      path.push_back(step);
      stack.push_back({inner, 0, f.base + m.bitOffset});
    }
  }
  return {};
}

std::optional<int64_t> Btf::enumValue(TypeId enumId, llvm::StringRef enumerator) const {
  if (!validId(enumId))
    return std::nullopt;
  const Type &t = type(skipModifiersAndTypedefs(enumId));
  if (!t.isEnum())
    return std::nullopt;
  for (const Enumerator &e : t.enumerators)
    if (e.name == std::string_view(enumerator))
      return e.value;
  return std::nullopt;
}

} // namespace bpfverify::btf
