// Whole-table checks after decoding, with the kernel's outcomes and messages
// (kernel/bpf/btf.c btf_check_all_types, the kinds' resolve and check_member callbacks,
// btf_func_proto_check, btf_func_check, btf_check_type_tags). The kernel resolves with a
// depth-limited stack per type; here three iterative passes reach the same verdicts:
// modifier/pointer chains, by-value containment (structs, unions, arrays), then the rest.

#include "btf/btf_impl.h"
#include "btf/validate.h"
#include "lib/support/error.h"

#include <optional>

namespace bpfverify::btf {

namespace {

bool sourceOnly(Kind k) {
  return k == Kind::Var || k == Kind::DeclTag || k == Kind::DataSec;
}
bool noSize(Kind k) {
  return k == Kind::Void || k == Kind::Fwd || k == Kind::Func || k == Kind::FuncProto ||
         k == Kind::DeclTag;
}
bool isModifierKind(Kind k) {
  return k == Kind::Typedef || k == Kind::Volatile || k == Kind::Const || k == Kind::Restrict ||
         k == Kind::TypeTag;
}
bool isAggregate(Kind k) {
  return k == Kind::Struct || k == Kind::Union || k == Kind::Array;
}

// btf_type_int_is_regular.
bool intIsRegular(const Type &t) {
  uint32_t bytes = (t.intBits + 7) / 8;
  if ((t.intBits & 7) || t.intBitOffset)
    return false;
  return bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8 || bytes == 16;
}

class Resolver {
public:
  Resolver(Btf::Impl &impl)
      : impl_(impl), kind_(impl.denseKind), ref_(impl.denseRef), size_(impl.denseSize) {}

  llvm::Error run() {
    size_t n = impl_.types.size();
    state_.assign(n, 0);
    if (auto err = resolveChains())
      return err;
    state_.assign(n, 0);
    if (auto err = resolveAggregates())
      return err;
    if (auto err = checkOthers())
      return err;
    return checkTypeTags();
  }

private:
  llvm::Error fail(TypeId id, const llvm::Twine &problem) {
    const Type &t = impl_.type(id);
    std::string name = printableName(t.name);
    return inputError(impl_.sourceName, "BTF: [" + llvm::Twine(id) + "] " + kindName(t.kind) +
                                            (name.empty() ? "" : " ") + name + " " + problem);
  }
  llvm::Error failMember(TypeId id, uint32_t index, const llvm::Twine &problem) {
    const Member &m = impl_.type(id).members[index];
    return fail(id, "member " +
                        (m.name.empty() ? "#" + std::to_string(index) : printableName(m.name)) +
                        ": " + problem);
  }

  bool own(TypeId id) const { return id >= impl_.startId && id < impl_.endId(); }
  size_t index(TypeId id) const { return id - impl_.bias; }
  const Type *get(TypeId id) const { return id < impl_.endId() ? &impl_.type(id) : nullptr; }
  bool valid(TypeId id) const { return id < impl_.endId(); }
  Kind kindOf(TypeId id) const {
    return own(id) ? static_cast<Kind>(kind_[index(id)]) : impl_.type(id).kind;
  }
  TypeId refOf(TypeId id) const { return own(id) ? ref_[index(id)] : impl_.type(id).type; }
  uint32_t sizeField(TypeId id) const { return own(id) ? size_[index(id)] : impl_.type(id).size; }

  // The first non-modifier type reached from id (btf_type_id_resolve); chains are known
  // acyclic once resolveChains succeeded.
  TypeId skipMods(TypeId id) const {
    while (isModifierKind(kindOf(id)))
      id = refOf(id);
    return id;
  }

  // btf_type_id_size: the size of a type through modifiers and VAR, or none for types
  // without a size.
  std::optional<uint32_t> idSize(TypeId id) const {
    if (!valid(id))
      return std::nullopt;
    Kind kind = kindOf(id);
    if (noSize(kind))
      return std::nullopt;
    if (isModifierKind(kind) || kind == Kind::Var) {
      id = skipMods(refOf(id));
      kind = kindOf(id);
      if (noSize(kind))
        return std::nullopt;
    }
    switch (kind) {
    case Kind::Int:
    case Kind::Struct:
    case Kind::Union:
    case Kind::Enum:
    case Kind::Enum64:
    case Kind::DataSec:
    case Kind::Float:
    case Kind::Array: // resolved byte size, stored by resolveAggregates
      return sizeField(id);
    case Kind::Ptr:
      return 8;
    default:
      return std::nullopt;
    }
  }

  // Pass 1: modifier and pointer chains. A cycle made only of modifiers and pointers never
  // reaches a sink (btf_modifier_resolve, btf_ptr_resolve in RESOLVE_PTR mode).
  llvm::Error resolveChains() {
    std::vector<TypeId> path;
    for (TypeId id = impl_.startId; id < impl_.endId(); ++id) {
      Kind startKind = static_cast<Kind>(kind_[index(id)]);
      if (!isModifierKind(startKind) && startKind != Kind::Ptr)
        continue;
      if (state_[index(id)])
        continue;
      path.clear();
      TypeId cur = id;
      while (own(cur) && state_[index(cur)] == 0) {
        Kind kind = static_cast<Kind>(kind_[index(cur)]);
        if (!isModifierKind(kind) && kind != Kind::Ptr)
          break;
        state_[index(cur)] = 1;
        path.push_back(cur);
        TypeId next = ref_[index(cur)];
        if (!valid(next) || sourceOnly(kindOf(next)))
          return fail(cur, "Invalid type_id");
        cur = next;
      }
      if (own(cur) && state_[index(cur)] == 1)
        return fail(id, "Loop detected");
      for (TypeId p : path)
        state_[index(p)] = 2;
    }
    // What a chain ends on must have a size or be void, a forward declaration or a function
    // prototype ("typedef void new_void", "const void", pointers to functions).
    for (TypeId id = impl_.startId; id < impl_.endId(); ++id) {
      Kind kind = static_cast<Kind>(kind_[index(id)]);
      if (!isModifierKind(kind) && kind != Kind::Ptr)
        continue;
      if (kindOf(skipMods(ref_[index(id)])) == Kind::Func)
        return fail(id, "Invalid type_id");
    }
    return llvm::Error::success();
  }

  // Pass 2: structs, unions and arrays in post-order over by-value containment, so a member's
  // size is known before its container is checked. Reaching a type still being visited is a
  // struct containing itself by value.
  llvm::Error resolveAggregates() {
    struct Frame {
      TypeId id;
      uint32_t next;
    };
    std::vector<Frame> stack;
    for (TypeId root = impl_.startId; root < impl_.endId(); ++root) {
      if (!isAggregate(static_cast<Kind>(kind_[index(root)])) || state_[index(root)])
        continue;
      stack.push_back({root, 0});
      state_[index(root)] = 1;
      while (!stack.empty()) {
        Frame &f = stack.back();
        const Type &t = impl_.type(f.id);
        uint32_t childCount = t.kind == Kind::Array ? 1 : t.vlen;
        if (f.next == 0 && t.kind == Kind::Array)
          if (auto err = checkArrayIndex(f.id))
            return err;
        bool pushed = false;
        while (f.next < childCount) {
          uint32_t i = f.next++;
          TypeId childId = t.kind == Kind::Array ? t.elemType : t.members[i].type;
          if (!valid(childId) || noSize(kindOf(childId)) || sourceOnly(kindOf(childId))) {
            if (t.kind == Kind::Array)
              return fail(f.id, "Invalid elem");
            return failMember(f.id, i, "Invalid member");
          }
          TypeId target = skipMods(childId);
          if (!own(target) || !isAggregate(static_cast<Kind>(kind_[index(target)])))
            continue;
          uint8_t s = state_[index(target)];
          if (s == 1)
            return fail(root, "Loop detected");
          if (s == 0) {
            state_[index(target)] = 1;
            stack.push_back({target, 0});
            pushed = true;
            break;
          }
        }
        if (pushed)
          continue;
        TypeId done = f.id;
        stack.pop_back();
        if (auto err = finish(done))
          return err;
        state_[index(done)] = 2;
      }
    }
    return llvm::Error::success();
  }

  llvm::Error checkArrayIndex(TypeId id) {
    const Type &t = impl_.type(id);
    const Type *index = get(t.indexType);
    if (!index || noSize(index->kind) || sourceOnly(index->kind))
      return fail(id, "Invalid index");
    const Type &resolved = impl_.type(skipMods(t.indexType));
    if (resolved.kind != Kind::Int || !intIsRegular(resolved))
      return fail(id, "Invalid index");
    return llvm::Error::success();
  }

  llvm::Error finish(TypeId id) {
    Type &t = impl_.types[index(id)];
    if (t.kind == Kind::Array) { // btf_array_resolve
      std::optional<uint32_t> elemSize = idSize(t.elemType);
      if (!elemSize)
        return fail(id, "Invalid elem");
      const Type &elem = impl_.type(skipMods(t.elemType));
      if (elem.kind == Kind::Int && !intIsRegular(elem))
        return fail(id, "Invalid array of int");
      if (t.nelems && *elemSize > UINT32_MAX / t.nelems)
        return fail(id, "Array size overflows U32_MAX");
      // Arrays keep their resolved byte size in Type::size.
      t.size = *elemSize * t.nelems;
      size_[index(id)] = t.size;
      return llvm::Error::success();
    }
    for (uint32_t i = 0; i < t.vlen; ++i)
      if (auto err = checkMember(id, t, i))
        return err;
    return llvm::Error::success();
  }

  // The check_member / check_kflag_member callbacks, by the member's resolved kind.
  llvm::Error checkMember(TypeId id, const Type &s, uint32_t i) {
    const Member &m = s.members[i];
    auto bad = [&](const llvm::Twine &problem) { return failMember(id, i, problem); };
    TypeId resolvedId = skipMods(m.type);
    // Dense fields first: only int members need the whole Type.
    Kind memberKind = kindOf(resolvedId);
    uint32_t memberSize = sizeField(resolvedId);
    uint64_t structSize = s.size;
    uint64_t bitOff = m.bitOffset;
    uint64_t bytesOffset = bitOff / 8;
    switch (memberKind) {
    case Kind::Int: {
      const Type &mt = impl_.type(resolvedId);
      if (!s.kindFlag) { // btf_int_check_member
        uint64_t off = bitOff + mt.intBitOffset;
        if (off > UINT32_MAX)
          return bad("bits_offset exceeds U32_MAX");
        uint64_t bytes = off / 8;
        uint64_t copyBits = mt.intBits + (off & 7);
        if (copyBits > 128)
          return bad("nr_copy_bits exceeds 128");
        if (structSize < bytes || structSize - bytes < (copyBits + 7) / 8)
          return bad("Member exceeds struct_size");
        return llvm::Error::success();
      }
      // btf_int_check_kflag_member
      if (!intIsRegular(mt))
        return bad("Invalid member base type");
      uint64_t nrBits = m.bitfieldSize;
      if (!nrBits) {
        if (bitOff & 7)
          return bad("Invalid member offset");
        nrBits = mt.intBits;
      } else if (nrBits > mt.intBits) {
        return bad("Invalid member bitfield_size");
      }
      uint64_t copyBits = nrBits + (bitOff & 7);
      if (copyBits > 128)
        return bad("nr_copy_bits exceeds 128");
      if (structSize < bytesOffset || structSize - bytesOffset < (copyBits + 7) / 8)
        return bad("Member exceeds struct_size");
      return llvm::Error::success();
    }
    case Kind::Enum:
    case Kind::Enum64: {
      if (!s.kindFlag) { // btf_enum_check_member
        if (bitOff & 7)
          return bad("Member is not byte aligned");
        if (structSize - bytesOffset < memberSize)
          return bad("Member exceeds struct_size");
        return llvm::Error::success();
      }
      // btf_enum_check_kflag_member
      uint64_t nrBits = m.bitfieldSize;
      if (!nrBits) {
        if (bitOff & 7)
          return bad("Member is not byte aligned");
        nrBits = 32;
      } else if (nrBits > 32) {
        return bad("Invalid member bitfield_size");
      }
      if (structSize < (bitOff + nrBits + 7) / 8)
        return bad("Member exceeds struct_size");
      return llvm::Error::success();
    }
    case Kind::Ptr:
    case Kind::Array:
    case Kind::Struct:
    case Kind::Union:
    case Kind::Float: {
      // btf_generic_check_kflag_member, then the plain check.
      if (s.kindFlag && m.bitfieldSize)
        return bad("Invalid member bitfield_size");
      uint64_t size = memberKind == Kind::Ptr ? 8 : memberSize;
      if (memberKind == Kind::Float) { // btf_float_check_member
        uint64_t alignBits = std::min<uint64_t>(8, memberSize) * 8;
        if (bitOff % alignBits)
          return bad("Member is not properly aligned");
        if (bytesOffset + size > structSize)
          return bad("Member exceeds struct_size");
        return llvm::Error::success();
      }
      if (bitOff & 7)
        return bad("Member is not byte aligned");
      if (structSize - bytesOffset < size)
        return bad("Member exceeds struct_size");
      return llvm::Error::success();
    }
    default:
      // Through a modifier to something without a size (btf_modifier_check_member).
      return bad("Invalid member");
    }
  }

  // Pass 3: VAR, DATASEC, FUNC, FUNC_PROTO, then DECL_TAG (its target may be a later FUNC).
  llvm::Error checkOthers() {
    for (TypeId id = impl_.startId; id < impl_.endId(); ++id) {
      Kind kind = static_cast<Kind>(kind_[index(id)]);
      if (kind != Kind::Var && kind != Kind::DataSec && kind != Kind::Func &&
          kind != Kind::FuncProto)
        continue;
      const Type &t = impl_.type(id);
      llvm::Error err = llvm::Error::success();
      switch (kind) {
      case Kind::Var:
        err = checkVar(id, t);
        break;
      case Kind::DataSec:
        err = checkDataSec(id, t);
        break;
      case Kind::Func:
        err = checkFunc(id, t);
        break;
      case Kind::FuncProto:
        err = checkFuncProto(id, t);
        break;
      default:
        break;
      }
      if (err)
        return err;
    }
    for (TypeId id = impl_.startId; id < impl_.endId(); ++id)
      if (static_cast<Kind>(kind_[index(id)]) == Kind::DeclTag)
        if (auto err = checkDeclTag(id, impl_.type(id)))
          return err;
    return llvm::Error::success();
  }

  llvm::Error checkVar(TypeId id, const Type &t) { // btf_var_resolve
    if (!valid(t.type) || sourceOnly(kindOf(t.type)) || !idSize(t.type))
      return fail(id, "Invalid type_id");
    return llvm::Error::success();
  }

  llvm::Error checkDataSec(TypeId id, const Type &t) { // btf_datasec_resolve
    for (uint32_t i = 0; i < t.vars.size(); ++i) {
      const VarSecInfo &v = t.vars[i];
      auto bad = [&](const llvm::Twine &problem) {
        return fail(id,
                    "var #" + llvm::Twine(i) + " type_id=" + llvm::Twine(v.type) + ": " + problem);
      };
      if (!valid(v.type) || kindOf(v.type) != Kind::Var)
        return bad("Not a VAR kind member");
      std::optional<uint32_t> size = idSize(refOf(v.type));
      if (!size)
        return bad("Invalid type");
      if (t.size && v.size < *size)
        return bad("Invalid size");
    }
    return llvm::Error::success();
  }

  llvm::Error checkFunc(TypeId id, const Type &t) { // btf_func_check
    const Type *proto = get(t.type);
    if (!proto || proto->kind != Kind::FuncProto)
      return fail(id, "Invalid type_id");
    for (uint32_t i = 0; i < proto->params.size(); ++i)
      if (proto->params[i].name.empty() && proto->params[i].type)
        return fail(id, "Invalid arg#" + llvm::Twine(i + 1));
    return llvm::Error::success();
  }

  llvm::Error checkFuncProto(TypeId id, const Type &t) { // btf_func_proto_check
    if (t.type) {
      if (!valid(t.type) || sourceOnly(kindOf(t.type)) || !idSize(t.type))
        return fail(id, "Invalid return type");
    }
    size_t n = t.params.size();
    if (!n)
      return llvm::Error::success();
    if (!t.params[n - 1].type) { // a trailing vararg
      if (!t.params[n - 1].name.empty())
        return fail(id, "Invalid arg#" + llvm::Twine(n));
      --n;
    }
    for (size_t i = 0; i < n; ++i) {
      const Param &p = t.params[i];
      // Parameter names were checked as identifiers when decoded.
      if (!valid(p.type) || sourceOnly(kindOf(p.type)) || !idSize(p.type))
        return fail(id, "Invalid arg#" + llvm::Twine(i + 1));
    }
    return llvm::Error::success();
  }

  llvm::Error checkDeclTag(TypeId id, const Type &t) { // btf_decl_tag_resolve
    const Type *next = get(t.type);
    if (!next || !(next->kind == Kind::Func || next->isStructOrUnion() || next->kind == Kind::Var ||
                   next->kind == Kind::Typedef))
      return fail(id, "Invalid type_id");
    if (t.componentIdx == -1)
      return llvm::Error::success();
    if (next->kind == Kind::Var || next->kind == Kind::Typedef)
      return fail(id, "Invalid component_idx");
    uint32_t vlen = next->vlen;
    if (next->kind == Kind::Func)
      vlen = impl_.type(next->type).vlen;
    if (static_cast<uint32_t>(t.componentIdx) >= vlen)
      return fail(id, "Invalid component_idx");
    return llvm::Error::success();
  }

  // btf_check_type_tags: in a modifier chain, type tags come first; chains are at most 32.
  llvm::Error checkTypeTags() {
    TypeId goodId = impl_.startId - 1;
    for (TypeId i = impl_.startId; i < impl_.endId(); ++i) {
      Kind kind = static_cast<Kind>(kind_[index(i)]);
      if (!isModifierKind(kind))
        continue;
      int chainLimit = 32;
      TypeId cur = i;
      bool inTags = kind == Kind::TypeTag;
      while (isModifierKind(kind)) {
        if (!chainLimit--)
          return inputError(impl_.sourceName, "BTF: Max chain length or cycle detected");
        if (kind == Kind::TypeTag) {
          if (!inTags)
            return inputError(impl_.sourceName, "BTF: Type tags don't precede modifiers");
        } else {
          inTags = false;
        }
        if (cur <= goodId)
          break;
        cur = refOf(cur);
        kind = kindOf(cur);
      }
      goodId = i;
    }
    return llvm::Error::success();
  }

  Btf::Impl &impl_;
  std::vector<uint8_t> state_;
  std::vector<uint8_t> &kind_;
  std::vector<uint32_t> &ref_, &size_;
};

} // namespace

llvm::Error resolveTypes(Btf::Impl &impl, const ParseOptions &) {
  return Resolver(impl).run();
}

} // namespace bpfverify::btf
