#include "verifier/engine/btf_record.h"

#include "verifier/engine/uapi.h"

#include <algorithm>
#include <cstring>

namespace bpfverify::verifier {

namespace {

constexpr uint32_t kMaxResolveDepth = 32; // MAX_RESOLVE_DEPTH
constexpr size_t kBtfFieldsMax = 11;      // BTF_FIELDS_MAX

/// The fields map_check_btf() looks for in a map value.
constexpr uint32_t kMapFieldMask = BPF_SPIN_LOCK | BPF_RES_SPIN_LOCK | BPF_TIMER | BPF_KPTR |
                                   BPF_LIST_HEAD | BPF_RB_ROOT | BPF_REFCOUNT | BPF_WORKQUEUE |
                                   BPF_UPTR | BPF_TASK_WORK;

/// A special struct recognised by name (btf_get_field_type), with btf_field_type_size/_align.
struct NamedField {
  const char *name;
  uint32_t type;
  uint32_t size;
  uint32_t align;
  bool once; ///< a second one in the same value is an error (-E2BIG)
};

constexpr NamedField kNamedFields[] = {
    {"bpf_spin_lock", BPF_SPIN_LOCK, 4, 4, true},
    {"bpf_res_spin_lock", BPF_RES_SPIN_LOCK, 4, 4, true},
    {"bpf_timer", BPF_TIMER, 16, 8, true},
    {"bpf_wq", BPF_WORKQUEUE, 16, 8, true},
    {"bpf_task_work", BPF_TASK_WORK, 8, 8, true},
    {"bpf_list_head", BPF_LIST_HEAD, 16, 8, false},
    {"bpf_list_node", BPF_LIST_NODE, 24, 8, false},
    {"bpf_rb_root", BPF_RB_ROOT, 16, 8, false},
    {"bpf_rb_node", BPF_RB_NODE, 32, 8, false},
    {"bpf_refcount", BPF_REFCOUNT, 4, 4, true},
};

bool isStructOrUnion(const btf::Type &t) {
  return t.kind == btf::Kind::Struct || t.kind == btf::Kind::Union;
}

llvm::Error fieldError(const char *what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s", what);
}

/// The walk of btf_find_field(): collects fields with offsets relative to the value.
class FieldFinder {
public:
  FieldFinder(const btf::Btf &btf, uint32_t mask) : btf_(btf), mask_(mask) {}

  llvm::Error structFields(const btf::Type &t, uint32_t level, std::vector<BtfField> &out) {
    for (size_t i = 0; i < t.members.size(); i++) {
      const btf::Member &m = t.members[i];
      uint32_t bitOff = t.kindFlag ? (m.bitOffset & 0xffffff) : m.bitOffset;
      if (bitOff % 8)
        return fieldError("a special field at a bit offset");
      if (auto err = fieldOne(m.type, bitOff / 8, 0, level, out))
        return err;
    }
    return llvm::Error::success();
  }

  llvm::Error datasecFields(const btf::Type &t, std::vector<BtfField> &out) {
    for (const btf::VarSecInfo &v : t.vars) {
      const btf::Type *var = btf_.validId(v.type) ? &btf_.type(v.type) : nullptr;
      if (!var || var->kind != btf::Kind::Var)
        continue;
      if (auto err = fieldOne(var->type, v.offset, v.size, 0, out))
        return err;
    }
    return llvm::Error::success();
  }

private:
  /// btf_find_field_one(): the field at `off` whose type is `typeId` (arrays flattened).
  llvm::Error fieldOne(btf::TypeId typeId, uint32_t off, uint32_t expectedSize, uint32_t level,
                       std::vector<BtfField> &out) {
    uint64_t nelems = 1;
    uint32_t depth = 0;
    for (; depth < kMaxResolveDepth && btf_.validId(typeId) &&
           btf_.type(typeId).kind == btf::Kind::Array;
         depth++) {
      nelems *= btf_.type(typeId).nelems;
      typeId = btf_.type(typeId).elemType;
    }
    if (depth == kMaxResolveDepth)
      return fieldError("arrays nested too deeply");
    if (nelems == 0 || !btf_.validId(typeId))
      return llvm::Error::success();
    const btf::Type &t = btf_.type(typeId);

    const NamedField *named = nullptr;
    for (const NamedField &f : kNamedFields)
      if ((mask_ & f.type) && t.name == f.name) {
        named = &f;
        break;
      }
    if (named && named->once) {
      if (seen_ & named->type)
        return fieldError("a second special field of one kind");
      seen_ |= named->type;
    }
    if (!named && isStructOrUnion(t)) {
      // Fields of a nested struct count as fields of the value (btf_find_nested_struct).
      if (expectedSize && expectedSize != uint64_t(t.size) * nelems)
        return llvm::Error::success();
      if (level + 1 >= kMaxResolveDepth)
        return fieldError("structs nested too deeply");
      std::vector<BtfField> inner;
      if (auto err = structFields(t, level + 1, inner))
        return err;
      for (uint64_t i = 0; i < nelems && !inner.empty(); i++)
        for (BtfField f : inner) {
          f.offset += off + uint32_t(i * t.size);
          if (auto err = add(f, out))
            return err;
        }
      return llvm::Error::success();
    }
    bool kptrCandidate = !named && (mask_ & BPF_KPTR);
    if (!named && !kptrCandidate)
      return llvm::Error::success();
    uint32_t size = named ? named->size : 8, align = named ? named->align : 8;
    if (expectedSize && expectedSize != uint64_t(size) * nelems)
      return llvm::Error::success();
    if (off % align)
      return llvm::Error::success();

    BtfField field;
    field.offset = off;
    field.size = size;
    if (named) {
      // btf_find_struct(): the name must belong to a struct of the expected size.
      if (!isStructOrUnion(t) || t.size != size)
        return llvm::Error::success();
      // bpf_list_head / bpf_rb_root also need a "contains:" declaration tag naming the node
      // type (btf_find_graph_root); only the kfuncs that use them check it (issue 5).
      field.type = named->type;
    } else {
      auto kind = kptrKind(typeId, field.kptrTypeId);
      if (!kind)
        return kind.takeError();
      if (!*kind)
        return llvm::Error::success();
      field.type = *kind;
    }
    for (uint64_t i = 0; i < nelems; i++) {
      BtfField f = field;
      f.offset = off + uint32_t(i * size);
      if (auto err = add(f, out))
        return err;
    }
    return llvm::Error::success();
  }

  /// btf_find_kptr(): a pointer (maybe volatile) to a type tag naming the kptr kind, to a struct.
  /// Returns 0 for a field that is not a kptr at all.
  llvm::Expected<uint32_t> kptrKind(btf::TypeId typeId, btf::TypeId &pointee) {
    const btf::Type *t = &btf_.type(typeId);
    if (t->kind == btf::Kind::Volatile && btf_.validId(t->type))
      t = &btf_.type(t->type);
    if (t->kind != btf::Kind::Ptr || !btf_.validId(t->type))
      return 0;
    const btf::Type &tag = btf_.type(t->type);
    if (tag.kind != btf::Kind::TypeTag)
      return 0;
    if (btf_.validId(tag.type) && btf_.type(tag.type).kind == btf::Kind::TypeTag)
      return fieldError("a kptr with more than one type tag");
    uint32_t kind = 0;
    if (tag.name == "kptr_untrusted")
      kind = BPF_KPTR_UNREF;
    else if (tag.name == "kptr")
      kind = BPF_KPTR_REF;
    else if (tag.name == "percpu_kptr")
      kind = BPF_KPTR_PERCPU;
    else if (tag.name == "uptr")
      kind = BPF_UPTR;
    else
      return fieldError("a pointer with an unknown type tag");
    pointee = btf_.skipModifiers(tag.type);
    if (!btf_.validId(pointee) || !isStructOrUnion(btf_.type(pointee)))
      return fieldError("a kptr to something other than a struct");
    return kind;
  }

  llvm::Error add(const BtfField &f, std::vector<BtfField> &out) {
    if (out.size() >= kBtfFieldsMax)
      return fieldError("more special fields than BTF_FIELDS_MAX");
    out.push_back(f);
    return llvm::Error::success();
  }

  const btf::Btf &btf_;
  uint32_t mask_;
  uint32_t seen_ = 0;
};

} // namespace

const char *btfFieldTypeName(uint32_t type) {
  switch (type) {
  case BPF_SPIN_LOCK:
    return "bpf_spin_lock";
  case BPF_RES_SPIN_LOCK:
    return "bpf_res_spin_lock";
  case BPF_TIMER:
    return "bpf_timer";
  case BPF_WORKQUEUE:
    return "bpf_wq";
  case BPF_TASK_WORK:
    return "bpf_task_work";
  case BPF_KPTR_UNREF:
  case BPF_KPTR_REF:
  case BPF_KPTR_PERCPU:
    return "kptr";
  case BPF_UPTR:
    return "uptr";
  case BPF_LIST_HEAD:
    return "bpf_list_head";
  case BPF_LIST_NODE:
    return "bpf_list_node";
  case BPF_RB_ROOT:
    return "bpf_rb_root";
  case BPF_RB_NODE:
    return "bpf_rb_node";
  case BPF_REFCOUNT:
    return "bpf_refcount";
  default:
    return "unknown";
  }
}

const BtfField *BtfRecord::find(uint32_t offset, uint32_t mask) const {
  for (const BtfField &f : fields)
    if (f.offset == offset && (f.type & mask))
      return &f;
  return nullptr;
}

llvm::Expected<BtfRecord> parseBtfRecord(const btf::Btf &btf, btf::TypeId valueType) {
  BtfRecord rec;
  if (!btf.validId(valueType))
    return rec;
  const btf::Type &t = btf.type(valueType);
  FieldFinder finder(btf, kMapFieldMask);
  std::vector<BtfField> fields;
  if (isStructOrUnion(t)) {
    if (auto err = finder.structFields(t, 0, fields))
      return err;
  } else if (t.kind == btf::Kind::DataSec) {
    if (auto err = finder.datasecFields(t, fields))
      return err;
  } else {
    return rec;
  }
  std::sort(fields.begin(), fields.end(),
            [](const BtfField &a, const BtfField &b) { return a.offset < b.offset; });
  for (size_t i = 0; i < fields.size(); i++) {
    const BtfField &f = fields[i];
    if (i && f.offset < fields[i - 1].offset + fields[i - 1].size)
      return fieldError("overlapping special fields");
    rec.fieldMask |= f.type;
    switch (f.type) {
    case BPF_SPIN_LOCK:
      rec.spinLockOff = int32_t(f.offset);
      break;
    case BPF_RES_SPIN_LOCK:
      rec.resSpinLockOff = int32_t(f.offset);
      break;
    case BPF_TIMER:
      rec.timerOff = int32_t(f.offset);
      break;
    case BPF_WORKQUEUE:
      rec.wqOff = int32_t(f.offset);
      break;
    case BPF_TASK_WORK:
      rec.taskWorkOff = int32_t(f.offset);
      break;
    default:
      break;
    }
  }
  if (rec.has(BPF_SPIN_LOCK) && rec.has(BPF_RES_SPIN_LOCK))
    return fieldError("both bpf_spin_lock and bpf_res_spin_lock");
  if (rec.has(BPF_LIST_HEAD | BPF_RB_ROOT) && rec.spinLockOff < 0 && rec.resSpinLockOff < 0)
    return fieldError("bpf_list_head or bpf_rb_root without a bpf_spin_lock");
  rec.fields = std::move(fields);
  return rec;
}

/// map_check_btf(): which map types may hold which special fields; a map with special fields
/// cannot be read-only or write-only for programs.
static llvm::Error checkMapFields(const object::Map &map, const BtfRecord &rec) {
  using namespace uapi;
  uint32_t mt = map.type;
  if (map.flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG))
    return fieldError("special fields in a map read-only or write-only to programs");
  auto oneOf = [&](std::initializer_list<uint32_t> types) {
    return std::find(types.begin(), types.end(), mt) != types.end();
  };
  for (uint32_t bit = 1; bit; bit <<= 1) {
    if (!(rec.fieldMask & bit))
      continue;
    bool ok = true;
    switch (bit) {
    case BPF_SPIN_LOCK:
    case BPF_RES_SPIN_LOCK:
      ok = oneOf({BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_CGROUP_STORAGE,
                  BPF_MAP_TYPE_SK_STORAGE, BPF_MAP_TYPE_INODE_STORAGE, BPF_MAP_TYPE_TASK_STORAGE,
                  BPF_MAP_TYPE_CGRP_STORAGE});
      break;
    case BPF_TIMER:
    case BPF_WORKQUEUE:
    case BPF_TASK_WORK:
    case BPF_LIST_HEAD:
    case BPF_RB_ROOT:
      ok = oneOf({BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_ARRAY});
      break;
    case BPF_UPTR:
      ok = mt == BPF_MAP_TYPE_TASK_STORAGE;
      break;
    default: // kptrs and bpf_refcount
      ok = oneOf({BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_LRU_HASH,
                  BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_ARRAY,
                  BPF_MAP_TYPE_SK_STORAGE, BPF_MAP_TYPE_INODE_STORAGE, BPF_MAP_TYPE_TASK_STORAGE,
                  BPF_MAP_TYPE_CGRP_STORAGE});
      break;
    }
    if (!ok)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "a %s in a map of type %u",
                                     btfFieldTypeName(bit), mt);
  }
  return llvm::Error::success();
}

MapRecords::Entry *MapRecords::entry(const object::Map *map) {
  if (!map || obj_.maps.empty() || map < obj_.maps.data() ||
      map >= obj_.maps.data() + obj_.maps.size() || !obj_.btf)
    return nullptr;
  size_t index = size_t(map - obj_.maps.data());
  if (entries_.size() != obj_.maps.size())
    entries_.resize(obj_.maps.size());
  Entry &e = entries_[index];
  if (!e.computed) {
    e.computed = true;
    if (map->valueTypeId) {
      auto rec = parseBtfRecord(*obj_.btf, map->valueTypeId);
      llvm::Error err = rec ? checkMapFields(*map, *rec) : rec.takeError();
      if (err) {
        llvm::consumeError(std::move(err));
        e.btfRefused = true;
      } else if (!rec->fields.empty()) {
        e.record = std::move(*rec);
      }
    }
  }
  return &e;
}

const BtfRecord *MapRecords::of(const object::Map *map) {
  Entry *e = entry(map);
  return e && e->record ? &*e->record : nullptr;
}

bool MapRecords::hasBtf(const object::Map *map) {
  if (!map || !(map->valueTypeId || map->keyTypeId))
    return false;
  Entry *e = entry(map);
  return !e || !e->btfRefused;
}

} // namespace bpfverify::verifier
