// Type compatibility and spec matching, mirroring libbpf relo_core.c:
// bpf_core_fields_are_compat, __bpf_core_types_are_compat, __bpf_core_types_match,
// bpf_core_match_member and bpf_core_spec_match.
#include "btf/core/core_match.h"

#include "btf/core/core_btf.h"

#include <cerrno>

namespace bpfverify::btf::core {

namespace {

// Array-of-array chains deeper than this only exist in corrupt BTF; libbpf would loop forever.
constexpr int MaxFieldCompatDepth = 1024;

llvm::StringRef nameOf(const Type &t) {
  return {t.name.data(), t.name.size()};
}

// bpf_core_names_match: names equal modulo flavor; an anonymous target matches only anonymous.
bool namesMatch(llvm::StringRef local, llvm::StringRef targ) {
  if (targ.empty())
    return local.empty();
  return essentialNamesEqual(local, targ);
}

} // namespace

int fieldsAreCompat(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId targId) {
  for (int depth = 0; depth < MaxFieldCompatDepth; ++depth) {
    const Type *local = skipModsAndTypedefs(localBtf, localId, &localId);
    const Type *targ = skipModsAndTypedefs(targBtf, targId, &targId);
    if (!local || !targ)
      return -EINVAL;
    if (local->isStructOrUnion() && targ->isStructOrUnion())
      return 1;
    if (!kindsCoreCompat(*local, *targ))
      return 0;
    switch (local->kind) {
    case Kind::Ptr:
    case Kind::Float:
      return 1;
    case Kind::Fwd:
    case Kind::Enum64:
    case Kind::Enum: {
      // One of them anonymous, or both with the same flavor-less name.
      size_t localLen = essentialNameLength(nameOf(*local));
      size_t targLen = essentialNameLength(nameOf(*targ));
      return localLen == 0 || targLen == 0 ||
             (localLen == targLen &&
              nameOf(*local).take_front(localLen) == nameOf(*targ).take_front(targLen));
    }
    case Kind::Int:
      // Only the deprecated bitfield-like integers are refused.
      return local->intBitOffset == 0 && targ->intBitOffset == 0;
    case Kind::Array:
      localId = local->elemType;
      targId = targ->elemType;
      continue;
    default:
      return 0;
    }
  }
  return -EINVAL;
}

int typesAreCompat(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId targId,
                   int level) {
  int depth = 32; // libbpf's max recursion depth
  const Type *local = typeById(localBtf, localId);
  const Type *targ = typeById(targBtf, targId);
  if (!local || !targ)
    return -EINVAL;
  if (!kindsCoreCompat(*local, *targ))
    return 0;

  for (;;) {
    if (--depth < 0)
      return -EINVAL;
    local = skipModsAndTypedefs(localBtf, localId, &localId);
    targ = skipModsAndTypedefs(targBtf, targId, &targId);
    if (!local || !targ)
      return -EINVAL;
    if (!kindsCoreCompat(*local, *targ))
      return 0;

    switch (local->kind) {
    case Kind::Void:
    case Kind::Struct:
    case Kind::Union:
    case Kind::Enum:
    case Kind::Fwd:
    case Kind::Enum64:
      return 1;
    case Kind::Int:
      return local->intBitOffset == 0 && targ->intBitOffset == 0;
    case Kind::Ptr:
      localId = local->type;
      targId = targ->type;
      continue;
    case Kind::Array:
      localId = local->elemType;
      targId = targ->elemType;
      continue;
    case Kind::FuncProto: {
      if (local->vlen != targ->vlen || local->params.size() != targ->params.size())
        return 0;
      for (size_t i = 0; i < local->params.size(); ++i) {
        if (level <= 0)
          return -EINVAL;
        TypeId localParam = 0, targParam = 0;
        skipModsAndTypedefs(localBtf, local->params[i].type, &localParam);
        skipModsAndTypedefs(targBtf, targ->params[i].type, &targParam);
        int err = typesAreCompat(localBtf, localParam, targBtf, targParam, level - 1);
        if (err <= 0)
          return err;
      }
      // Tail check of the return type.
      skipModsAndTypedefs(localBtf, local->type, &localId);
      skipModsAndTypedefs(targBtf, targ->type, &targId);
      continue;
    }
    default:
      // libbpf warns "unexpected kind %s relocated" and reports no match.
      return 0;
    }
  }
}

namespace {

int enumsMatch(const Type &local, const Type &targ) {
  if (local.size != targ.size)
    return 0;
  if (local.enumerators.size() > targ.enumerators.size())
    return 0;
  // Every local enumerator needs a target one of the same (flavor-less) name.
  for (const Enumerator &l : local.enumerators) {
    bool matched = false;
    for (const Enumerator &t : targ.enumerators) {
      if (namesMatch({l.name.data(), l.name.size()}, {t.name.data(), t.name.size()})) {
        matched = true;
        break;
      }
    }
    if (!matched)
      return 0;
  }
  return 1;
}

int compositesMatch(const Btf &localBtf, const Type &local, const Btf &targBtf, const Type &targ,
                    bool behindPtr, int level) {
  if (local.members.size() > targ.members.size())
    return 0;
  for (const Member &lm : local.members) {
    bool matched = false;
    for (const Member &tm : targ.members) {
      if (!namesMatch({lm.name.data(), lm.name.size()}, {tm.name.data(), tm.name.size()}))
        continue;
      int err = typesMatch(localBtf, lm.type, targBtf, tm.type, behindPtr, level - 1);
      if (err < 0)
        return err;
      if (err > 0) {
        matched = true;
        break;
      }
    }
    if (!matched)
      return 0;
  }
  return 1;
}

} // namespace

int typesMatch(const Btf &localBtf, TypeId localId, const Btf &targBtf, TypeId targId,
               bool behindPtr, int level) {
  int depth = 32; // libbpf's max recursion depth
  if (level <= 0)
    return -EINVAL;

  for (;;) {
    if (--depth < 0)
      return -EINVAL;
    const Type *local = skipModsAndTypedefs(localBtf, localId, &localId);
    const Type *targ = skipModsAndTypedefs(targBtf, targId, &targId);
    if (!local || !targ)
      return -EINVAL;

    // Names are compared after typedefs are skipped; root typedef names were matched by the
    // candidate search.
    if (!namesMatch(nameOf(*local), nameOf(*targ)))
      return 0;

    Kind localKind = local->kind, targKind = targ->kind;
    switch (localKind) {
    case Kind::Void:
      return localKind == targKind;
    case Kind::Fwd: {
      bool localFlag = local->kindFlag;
      if (behindPtr) {
        if (localKind == targKind)
          return localFlag == targ->kindFlag;
        // A forward declaration's kflag says union (1) or struct (0).
        return (targKind == Kind::Struct && !localFlag) || (targKind == Kind::Union && localFlag);
      }
      if (localKind != targKind)
        return 0;
      return localFlag == targ->kindFlag;
    }
    case Kind::Enum:
    case Kind::Enum64:
      if (!targ->isEnum())
        return 0;
      return enumsMatch(*local, *targ);
    case Kind::Struct:
    case Kind::Union:
      if (behindPtr) {
        if (localKind == targKind)
          return 1;
        if (targKind != Kind::Fwd)
          return 0;
        return (localKind == Kind::Union) == targ->kindFlag;
      }
      if (localKind != targKind)
        return 0;
      return compositesMatch(localBtf, *local, targBtf, *targ, behindPtr, level);
    case Kind::Int: {
      if (localKind != targKind)
        return 0;
      bool localSigned = local->intEncoding & IntSigned;
      bool targSigned = targ->intEncoding & IntSigned;
      return local->size == targ->size && localSigned == targSigned;
    }
    case Kind::Ptr:
      if (localKind != targKind)
        return 0;
      behindPtr = true;
      localId = local->type;
      targId = targ->type;
      continue;
    case Kind::Array:
      if (localKind != targKind)
        return 0;
      if (local->nelems != targ->nelems)
        return 0;
      localId = local->elemType;
      targId = targ->elemType;
      continue;
    case Kind::FuncProto: {
      if (localKind != targKind)
        return 0;
      if (local->params.size() != targ->params.size())
        return 0;
      for (size_t i = 0; i < local->params.size(); ++i) {
        int err = typesMatch(localBtf, local->params[i].type, targBtf, targ->params[i].type,
                             behindPtr, level - 1);
        if (err <= 0)
          return err;
      }
      localId = local->type;
      targId = targ->type;
      continue;
    }
    default:
      // libbpf warns "unexpected kind %s relocated" and reports no match (FLOAT included).
      return 0;
    }
  }
}

namespace {

// bpf_core_match_member: find the local named member in the target struct/union, searching
// anonymous members recursively, keeping the target's low-level spec and bit offset.
int matchMember(const Btf &localBtf, const CoreAccessor &localAcc, const Btf &targBtf,
                TypeId targId, CoreSpec &spec, TypeId &nextTargId) {
  const Type *targType = skipModsAndTypedefs(targBtf, targId, &targId);
  if (!targType)
    return -EINVAL;
  if (!targType->isStructOrUnion())
    return 0;

  const Type *localType = typeById(localBtf, localAcc.typeId);
  if (!localType || localAcc.idx >= localType->members.size())
    return -EINVAL;
  const Member &localMember = localType->members[localAcc.idx];
  llvm::StringRef localName(localMember.name.data(), localMember.name.size());

  for (size_t i = 0; i < targType->members.size(); ++i) {
    const Member &m = targType->members[i];
    if (spec.raw.size() == CoreSpecMaxLen)
      return -E2BIG; // too deep struct/union/array nesting

    // Speculate that this member is the one.
    spec.bitOffset += m.bitOffset;
    spec.raw.push_back(static_cast<int32_t>(i));

    llvm::StringRef targName(m.name.data(), m.name.size());
    if (targName.empty()) {
      // Embedded anonymous struct/union: go deeper. On a deeper incompatible name match libbpf
      // returns without undoing its own speculation; so do we.
      int found = matchMember(localBtf, localAcc, targBtf, m.type, spec, nextTargId);
      if (found)
        return found;
    } else if (localName == targName) {
      spec.accessors.push_back({targId, static_cast<uint32_t>(i), true, targName});
      nextTargId = m.type;
      int found = fieldsAreCompat(localBtf, localMember.type, targBtf, m.type);
      if (!found)
        spec.accessors.pop_back();
      return found;
    }
    spec.bitOffset -= m.bitOffset;
    spec.raw.pop_back();
  }
  return 0;
}

bool isFlexArray(const Btf &btf, const CoreAccessor &parent, const Type &array) {
  if (!parent.named || array.nelems > 0)
    return false;
  const Type *t = typeById(btf, parent.typeId);
  return t && parent.idx == static_cast<uint32_t>(static_cast<int32_t>(t->vlen) - 1);
}

} // namespace

int specMatch(const CoreSpec &localSpec, const Btf &targBtf, TypeId targId, CoreSpec &targSpec,
              std::string * /*warning*/) {
  targSpec = CoreSpec();
  targSpec.btf = &targBtf;
  targSpec.rootTypeId = targId;
  targSpec.kind = localSpec.kind;

  if (isTypeBased(localSpec.kind)) {
    if (localSpec.kind == CoreReloKind::TypeMatches)
      return typesMatch(*localSpec.btf, localSpec.rootTypeId, targBtf, targId);
    return typesAreCompat(*localSpec.btf, localSpec.rootTypeId, targBtf, targId);
  }
  if (localSpec.accessors.empty())
    return -EINVAL;

  if (isEnumvalBased(localSpec.kind)) {
    const CoreAccessor &localAcc = localSpec.accessors[0];
    const Type *targType = skipModsAndTypedefs(targBtf, targId, &targId);
    if (!targType || !targType->isEnum())
      return 0;
    size_t localLen = essentialNameLength(localAcc.name);
    for (size_t i = 0; i < targType->enumerators.size(); ++i) {
      llvm::StringRef targName(targType->enumerators[i].name.data(),
                               targType->enumerators[i].name.size());
      if (essentialNameLength(targName) != localLen)
        continue;
      if (localAcc.name.take_front(localLen) == targName.take_front(localLen)) {
        targSpec.accessors.push_back({targId, static_cast<uint32_t>(i), true, targName});
        targSpec.raw.push_back(static_cast<int32_t>(i));
        return 1;
      }
    }
    return 0;
  }

  if (!isFieldBased(localSpec.kind))
    return -EINVAL;

  for (size_t i = 0; i < localSpec.accessors.size(); ++i) {
    const CoreAccessor &localAcc = localSpec.accessors[i];
    const Type *targType = skipModsAndTypedefs(targBtf, targId, &targId);
    if (!targType)
      return -EINVAL;

    if (localAcc.named) {
      int matched = matchMember(*localSpec.btf, localAcc, targBtf, targId, targSpec, targId);
      if (matched <= 0)
        return matched;
      continue;
    }
    // For i == 0 the root already stands for the array element; deeper indices need an array.
    if (i > 0) {
      if (targType->kind != Kind::Array)
        return 0;
      const Type &array = *targType;
      // targSpec has exactly i accessors here, one per matched local accessor.
      bool flex = isFlexArray(targBtf, targSpec.accessors[i - 1], array);
      if (!flex && localAcc.idx >= array.nelems)
        return 0;
      if (!skipModsAndTypedefs(targBtf, array.elemType, &targId))
        return -EINVAL;
    }
    if (targSpec.raw.size() == CoreSpecMaxLen)
      return -E2BIG;
    targSpec.accessors.push_back({targId, localAcc.idx, false, {}});
    targSpec.raw.push_back(static_cast<int32_t>(localAcc.idx));
    // libbpf holds this size in an int.
    int64_t size = resolveSize(targBtf, targId);
    if (size < 0)
      return static_cast<int>(size);
    targSpec.bitOffset += static_cast<uint32_t>(
        localAcc.idx * static_cast<uint32_t>(static_cast<int32_t>(size)) * 8u);
  }
  return 1;
}

} // namespace bpfverify::btf::core
