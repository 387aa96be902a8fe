#pragma once
// Internal state of a Btf: the owned blob, flat decoded arrays and lazily built indexes.

#include "btf/btf.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/Support/MemoryBuffer.h>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace bpfverify::btf {

struct Btf::Impl {
  std::string sourceName;
  std::shared_ptr<const Btf> base;
  std::unique_ptr<llvm::MemoryBuffer> buffer; // the whole blob, owned
  llvm::ArrayRef<uint8_t> data;               // == buffer contents
  const char *strings = nullptr;              // own string section
  uint32_t stringsLen = 0;
  uint32_t startStrOff = 0; // base's stringEnd(), 0 for a base BTF
  TypeId startId = 1;       // first own id
  TypeId bias = 0;          // types[id - bias]: 0 for a base BTF (types[0] is void), else startId

  // Own types (and void at index 0 for a base BTF).
  std::vector<Type> types;
  std::vector<Member> members;
  std::vector<Param> params;
  std::vector<Enumerator> enumerators;
  std::vector<VarSecInfo> vars;
  // Dense per-type copies (same indexing as types) of what reference walks chase, so validation
  // and queries stay in cache instead of touching a whole Type per step.
  std::vector<uint8_t> denseKind;
  std::vector<uint32_t> denseRef, denseSize;

  // Name index, built on first use: an open-addressing table of (hash high 32 bits << 32 |
  // slot + 1), small enough to stay in cache, and per slot a run [begin, end) in nameIds.
  struct NameSlot {
    llvm::StringRef name;
    uint32_t begin = 0, end = 0;
  };
  mutable std::once_flag nameIndexOnce;
  mutable std::vector<uint64_t> nameTable;
  mutable std::vector<NameSlot> nameSlots;
  mutable std::vector<TypeId> nameIds;
  /// The slot of name, or -1.
  int64_t findNameSlot(llvm::StringRef name) const;

  // DECL_TAG index: (target id, tag id) sorted. Built on first use.
  mutable std::once_flag declTagOnce;
  mutable std::vector<std::pair<TypeId, TypeId>> declTags;

  const Impl *baseImpl() const;
  TypeId endId() const { return bias + static_cast<TypeId>(types.size()); }
  const Type &type(TypeId id) const {
    // Own ids index directly; only base ids (and void under split BTF) walk down.
    if (id >= startId && id - bias < types.size())
      return types[id - bias];
    return typeSlow(id);
  }
  const Type &typeSlow(TypeId id) const;
  bool isOwn(TypeId id) const { return id >= startId && id < endId(); }
  llvm::StringRef string(uint32_t offset) const;
  bool offsetValid(uint32_t offset) const { return offset < startStrOff + stringsLen; }

  void buildNameIndex() const;
  void buildDeclTagIndex() const;
};

} // namespace bpfverify::btf
