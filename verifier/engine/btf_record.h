#pragma once
// Special fields of a map value as the kernel finds them in the map's BTF at map creation:
// struct btf_record / btf_parse_fields() of kernel/bpf/btf.c (Linux 6.18). A map value holding a
// bpf_spin_lock, bpf_timer, kptr, list or rbtree head has rules no plain byte range has: such a
// field cannot be touched by loads and stores, only through its helpers.

#include "btf/btf.h"
#include "lib/object/object.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::verifier {

/// enum btf_field_type (include/linux/bpf.h): one bit per kind so masks combine.
enum BtfFieldType : uint32_t {
  BPF_SPIN_LOCK = 1u << 0,
  BPF_TIMER = 1u << 1,
  BPF_KPTR_UNREF = 1u << 2,
  BPF_KPTR_REF = 1u << 3,
  BPF_KPTR_PERCPU = 1u << 4,
  BPF_KPTR = BPF_KPTR_UNREF | BPF_KPTR_REF | BPF_KPTR_PERCPU,
  BPF_LIST_HEAD = 1u << 5,
  BPF_LIST_NODE = 1u << 6,
  BPF_RB_ROOT = 1u << 7,
  BPF_RB_NODE = 1u << 8,
  BPF_REFCOUNT = 1u << 9,
  BPF_WORKQUEUE = 1u << 10,
  BPF_UPTR = 1u << 11,
  BPF_RES_SPIN_LOCK = 1u << 12,
  BPF_TASK_WORK = 1u << 13,
};

/// btf_field_type_name(): "bpf_spin_lock", "kptr", ...
const char *btfFieldTypeName(uint32_t type);

/// struct btf_field
struct BtfField {
  uint32_t type = 0; ///< one BtfFieldType bit
  uint32_t offset = 0;
  uint32_t size = 0;
  /// kptrs: the pointee struct in the map's BTF (the kernel resolves it in vmlinux or a module
  /// when a type of that name exists there; we keep the program's id and name).
  btf::TypeId kptrTypeId = 0;
};

/// struct btf_record: the fields sorted by offset, with the offsets the helpers check.
struct BtfRecord {
  std::vector<BtfField> fields;
  uint32_t fieldMask = 0;
  int32_t spinLockOff = -1;
  int32_t resSpinLockOff = -1;
  int32_t timerOff = -1;
  int32_t wqOff = -1;
  int32_t taskWorkOff = -1;

  /// btf_record_has_field()
  bool has(uint32_t mask) const { return (fieldMask & mask) != 0; }
  /// btf_record_find(): the field of a kind in `mask` starting exactly at `offset`.
  const BtfField *find(uint32_t offset, uint32_t mask) const;
};

/// btf_parse_fields() for a map value type (a struct, or the DATASEC of a global data map) with
/// the field mask map_check_btf() asks for. An error is what makes the kernel refuse to create
/// the map (two spin locks, a kptr to a non-struct, ...).
llvm::Expected<BtfRecord> parseBtfRecord(const btf::Btf &btf, btf::TypeId valueType);

/// The record of every map of one object, computed on first use (map->record).
class MapRecords {
public:
  explicit MapRecords(const object::Object &obj) : obj_(obj) {}
  /// The map's record; nullptr when the map has no BTF value type or no special field.
  const BtfRecord *of(const object::Map *map);
  /// map->btf != NULL: the map was created with BTF type ids. When the kernel refuses a map's
  /// BTF (a kptr to a forward-declared struct, two spin locks, ...), libbpf creates the map
  /// again without BTF (bpf_object__create_map: "Retrying without BTF"), so it has none.
  bool hasBtf(const object::Map *map);

private:
  struct Entry {
    bool computed = false;
    bool btfRefused = false;
    std::optional<BtfRecord> record;
  };
  Entry *entry(const object::Map *map);
  const object::Object &obj_;
  std::vector<Entry> entries_;
};

} // namespace bpfverify::verifier
