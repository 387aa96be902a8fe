#include "verifier/check/btf_access.h"

#include "btf/btf.h"
#include "btf/target.h"
#include "verifier/check/regs.h"
#include "verifier/domain/scalar_print.h"

#include <cstdarg>
#include <cstdio>
#include <string>

namespace bpfverify::verifier {

namespace {

constexpr int kMaxWalkDepth = 64; // bounds `goto again` on malformed (cyclic) BTF

/// The outcome of one btf_struct_walk() step (enum bpf_struct_walk_result).
enum class Walk { Error, Scalar, Ptr, Struct };

/// __btf_resolve_size(): the size of a member's type through typedefs, modifiers and (nested)
/// arrays; for an array also the innermost element type and the number of elements.
struct Resolved {
  const btf::Type *type = nullptr; ///< the array, or the resolved type
  btf::TypeId id = 0;
  uint64_t size = 0;
  const btf::Type *elemType = nullptr;
  btf::TypeId elemId = 0;
  uint64_t totalNelems = 1;
};

bool resolveSize(const btf::Btf &btf, btf::TypeId id, Resolved &out) {
  id = btf.skipModifiersAndTypedefs(id);
  const btf::Type *t = btf.tryType(id);
  if (!t)
    return false;
  out.type = t;
  out.id = id;
  if (t->kind != btf::Kind::Array) {
    if (t->kind == btf::Kind::Ptr) {
      out.size = 8;
      return true;
    }
    if (t->isStructOrUnion() || t->kind == btf::Kind::Int || t->isEnum() ||
        t->kind == btf::Kind::Float) {
      out.size = t->size;
      return true;
    }
    return false;
  }
  uint64_t n = 1;
  btf::TypeId elem = id;
  for (int depth = 0; depth < kMaxWalkDepth; depth++) {
    const btf::Type *a = btf.tryType(elem);
    if (!a || a->kind != btf::Kind::Array)
      break;
    n *= a->nelems;
    elem = btf.skipModifiersAndTypedefs(a->elemType);
  }
  const btf::Type *e = btf.tryType(elem);
  if (!e)
    return false;
  uint64_t esize;
  if (e->kind == btf::Kind::Ptr)
    esize = 8;
  else if (e->isStructOrUnion() || e->kind == btf::Kind::Int || e->isEnum() ||
           e->kind == btf::Kind::Float)
    esize = e->size;
  else
    return false;
  out.elemType = e;
  out.elemId = elem;
  out.totalNelems = n;
  out.size = esize * n;
  return true;
}

/// btf_struct_walk(): one struct level. `t` is updated when the walk goes into a nested struct
/// or a flexible array's element.
class StructWalker {
public:
  StructWalker(const btf::Btf &btf) : btf_(btf) {}
  /// The kernel's log line for the last Walk::Error.
  const std::string &error() const { return error_; }

  Walk walk(btf::TypeId id, int off, int size, BtfAccessResult &out) {
    for (int depth = 0; depth < kMaxWalkDepth; depth++) {
      id = btf_.skipModifiersAndTypedefs(id);
      const btf::Type *t = btf_.tryType(id);
      std::string tname(t ? t->name : "");
      if (!t || !t->isStructOrUnion()) {
        fail("Type '%s' is not a struct", tname.c_str());
        return Walk::Error;
      }
      // Walking a union (other than a single-member one like __bpf_md_ptr) gives untrusted
      // pointers.
      if (t->kind == btf::Kind::Union && t->members.size() != 1 && !(out.flag & PTR_UNTRUSTED))
        out.flag |= PTR_UNTRUSTED;
      if (int64_t(off) + size > int64_t(t->size)) {
        // A flexible array at the end may be accessed past the struct's size.
        btf::TypeId elem = 0;
        if (flexibleElement(*t, off, elem)) {
          const btf::Type *et = btf_.tryType(elem);
          if (et && et->kind == btf::Kind::Int)
            return Walk::Scalar;
          if (et && et->isStructOrUnion() && et->size) {
            uint32_t moff = t->members.back().bitOffset / 8;
            off = int((uint32_t(off) - moff) % et->size);
            id = elem;
            continue;
          }
        }
        fail("access beyond struct %s at off %u size %u", tname.c_str(), uint32_t(off),
             uint32_t(size));
        return Walk::Error;
      }
      bool descended = false;
      for (const btf::Member &m : t->members) {
        uint32_t moff = m.bitOffset / 8;
        if (uint32_t(off) + uint32_t(size) <= moff)
          break; // the members that follow are further away
        if (m.bitfieldSize) {
          uint32_t endBit = m.bitOffset + m.bitfieldSize;
          if (uint32_t(off) <= moff && (endBit + 7) / 8 <= uint32_t(off) + uint32_t(size))
            return Walk::Scalar;
          continue; // a partial bitfield access: treated as not this member
        }
        if (uint32_t(off) < moff)
          break; // a hole in the struct
        std::string mname(m.name);
        Resolved r;
        if (!resolveSize(btf_, m.type, r)) {
          fail("field %s doesn't have size", mname.c_str());
          return Walk::Error;
        }
        uint64_t mtrueEnd = uint64_t(moff) + r.size;
        if (uint64_t(off) >= mtrueEnd)
          continue;
        const btf::Type *mtype = r.type;
        btf::TypeId mid = r.id;
        uint64_t msize = r.size;
        if (mtype->kind == btf::Kind::Array) {
          if (moff == mtrueEnd)
            continue; // an empty array
          msize /= r.totalNelems;
          uint64_t elemIdx = (uint64_t(off) - moff) / msize;
          moff += uint32_t(elemIdx * msize);
          mtype = r.elemType;
          mid = r.elemId;
        }
        if (mtype->isStructOrUnion()) {
          if (uint32_t(off) == moff) {
            out.nextBtfId = mid;
            return Walk::Struct;
          }
          off -= int(moff);
          id = mid;
          descended = true;
          break;
        }
        if (mtype->kind == btf::Kind::Ptr) {
          if (msize != uint64_t(size) || uint32_t(off) != moff) {
            fail("cannot access ptr member %s with moff %u in struct %s with off %u size %u",
                 mname.c_str(), moff, tname.c_str(), uint32_t(off), uint32_t(size));
            return Walk::Error;
          }
          uint32_t tagFlag = 0;
          if (const btf::Type *tag = btf_.tryType(mtype->type);
              tag && tag->kind == btf::Kind::TypeTag) {
            if (tag->name == "user")
              tagFlag = MEM_USER;
            if (tag->name == "percpu")
              tagFlag = MEM_PERCPU;
            if (tag->name == "rcu")
              tagFlag = MEM_RCU;
          }
          btf::TypeId sid = btf_.skipModifiersAndTypedefs(mtype->type);
          const btf::Type *st = btf_.tryType(sid);
          if (st && st->isStructOrUnion()) {
            out.nextBtfId = sid;
            out.flag |= tagFlag;
            out.fieldName = m.name;
            return Walk::Ptr;
          }
        }
        // An int (or an array of them, like skb->cb[]) may be read anywhere inside the member.
        if (uint64_t(off) + uint64_t(size) > mtrueEnd && !(out.flag & PTR_UNTRUSTED)) {
          fail("access beyond the end of member %s (mend:%u) in struct %s with off %u size "
               "%u",
               mname.c_str(), uint32_t(mtrueEnd), tname.c_str(), uint32_t(off), uint32_t(size));
          return Walk::Error;
        }
        return Walk::Scalar;
      }
      if (descended)
        continue;
      fail("struct %s doesn't have field at offset %d", tname.c_str(), off);
      return Walk::Error;
    }
    fail("Type nesting too deep");
    return Walk::Error;
  }

private:
  /// The element type of a flexible array member that `off` falls into.
  bool flexibleElement(const btf::Type &t, int off, btf::TypeId &elem) {
    if (t.members.empty())
      return false;
    const btf::Member &last = t.members.back();
    btf::TypeId aid = btf_.skipModifiersAndTypedefs(last.type);
    const btf::Type *a = btf_.tryType(aid);
    if (!a || a->kind != btf::Kind::Array || a->nelems != 0)
      return false;
    if (uint32_t(off) < last.bitOffset / 8)
      return false;
    elem = btf_.skipModifiersAndTypedefs(a->elemType);
    return true;
  }

  const btf::Btf &btf_;
  std::string error_;

  void fail(const char *fmt, ...) __attribute__((format(printf, 2, 3))) {
    char buf[512];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    error_ = buf;
  }
};

/// btf_nested_type_is_trusted(): `fieldName` of the struct `btfId` points to `targetId` and the
/// target BTF lists that member in "<struct><suffix>" (BTF_TYPE_SAFE_TRUSTED and friends).
bool nestedTypeIsTrusted(const btf::Btf &btf, btf::TypeId structId, std::string_view fieldName,
                         btf::TypeId targetId, std::string_view suffix) {
  const btf::Type *t = btf.tryType(structId);
  if (!t)
    return false;
  std::string safeName = std::string(t->name) + std::string(suffix);
  auto safeId = btf.findByNameKind(safeName, t->kind);
  if (!safeId)
    return false;
  for (const btf::Member &m : btf.type(*safeId).members) {
    const btf::Type *mt = btf.tryType(m.type);
    if (!mt || mt->kind != btf::Kind::Ptr)
      continue;
    if (btf.skipModifiersAndTypedefs(mt->type) == targetId && m.name == fieldName)
      return true;
  }
  return false;
}

} // namespace

bool btfStructAccess(Env &env, const btf::Btf &btf, btf::TypeId btfId, RegType regType, int off,
                     int size, BtfAccessResult &out) {
  StructWalker walker(btf);
  btf::TypeId id = btfId;
  BtfAccessResult tmp;
  for (int depth = 0; depth < kMaxWalkDepth; depth++) {
    switch (walker.walk(id, off, size, tmp)) {
    case Walk::Ptr:
      // Pointers read out of program-allocated objects are scalars.
      if (regType.has(MEM_ALLOC)) {
        out = BtfAccessResult{};
        return true;
      }
      out = tmp;
      out.isPtr = true;
      return true;
    case Walk::Scalar:
      out = BtfAccessResult{};
      return true;
    case Walk::Struct:
      id = tmp.nextBtfId;
      off = 0;
      break;
    case Walk::Error:
      return env.fail("%s", walker.error().c_str());
    }
  }
  return env.fail("Type nesting too deep");
}

/// btf_types_are_same(): the same type object (a module's split BTF shares its base's types).
static bool btfTypesAreSame(const btf::Btf &a, btf::TypeId ida, const btf::Btf &b,
                            btf::TypeId idb) {
  auto owner = [](const btf::Btf &btf, btf::TypeId id) {
    return btf.base() && id < btf.firstOwnId() ? btf.base() : &btf;
  };
  return ida == idb && owner(a, ida) == owner(b, idb);
}

bool btfStructIdsMatch(Env &env, const btf::Btf &btf, btf::TypeId id, int off,
                       const btf::Btf &needBtf, btf::TypeId needId, bool strict) {
  if (off == 0 && btfTypesAreSame(btf, id, needBtf, needId))
    return true;
  if (strict)
    return false;
  StructWalker walker(btf);
  for (int depth = 0; depth < kMaxWalkDepth; depth++) {
    BtfAccessResult tmp;
    Walk w = walker.walk(id, off, 1, tmp);
    if (w == Walk::Error)
      env.verbose("%s\n", walker.error().c_str());
    if (w != Walk::Struct)
      return false;
    id = tmp.nextBtfId;
    if (btfTypesAreSame(btf, id, needBtf, needId))
      return true;
    off = 0;
  }
  return false;
}

btf::TypeId vmlinuxStructId(const Env &env, std::string_view name) {
  if (!env.target || !env.target->vmlinux)
    return 0;
  auto id = env.target->vmlinux->findByNameKind(std::string(name), btf::Kind::Struct);
  return id ? *id : 0;
}

void markBtfLdReg(Env &env, RegState &reg, bool isPtr, const btf::Btf *btf, btf::TypeId btfId,
                  uint32_t flag) {
  if (!isPtr) {
    markRegUnknown(reg);
    return;
  }
  markRegKnownZero(reg);
  reg.type = RegType(RegBase::PtrToBtfId, flag);
  reg.btf = btf;
  reg.btfId = btfId;
  if (flag & PTR_MAYBE_NULL)
    reg.id = env.newId();
}

bool checkPtrToBtfAccess(Env &env, uint32_t regno, int off, int size, bool write, int valueRegno) {
  RegState &reg = env.curRegs()[regno];
  if (!reg.btf)
    return env.fail("verifier bug: BTF pointer without BTF");
  const btf::Btf &btf = *reg.btf;
  const btf::Type *t = btf.tryType(reg.btfId);
  std::string tname(t ? t->name : "");
  bool kernelBtf = env.obj.btf.get() != reg.btf;
  if (!env.gplCompatible && kernelBtf)
    return env.fail("Cannot access kernel 'struct %s' from non-GPL compatible program",
                    tname.c_str());
  if (off < 0)
    return env.fail("R%u is ptr_%s invalid negative access: off=%d", regno, tname.c_str(), off);
  if (!reg.bounds.varOff.isConst() || reg.bounds.varOff.value)
    return env.fail("R%u is ptr_%s invalid variable offset: off=%d, var_off=%s", regno,
                    tname.c_str(), off, domain::formatTnum(reg.bounds.varOff).c_str());
  if (reg.type.has(MEM_USER))
    return env.fail("R%u is ptr_%s access user memory: off=%d", regno, tname.c_str(), off);
  if (reg.type.has(MEM_PERCPU))
    return env.fail("R%u is ptr_%s access percpu memory: off=%d", regno, tname.c_str(), off);
  if (write && reg.type.has(PTR_UNTRUSTED))
    return env.fail("only read is supported");
  // Writes through kernel pointers need the program type's btf_struct_access (struct_ops);
  // objects the program allocated (MEM_ALLOC) are issue 5's kfunc work.
  if (write && reg.type.has(MEM_ALLOC))
    return env.notSupported("stores into program-allocated objects");
  if (write)
    return env.fail("only read is supported");

  BtfAccessResult res;
  if (!btfStructAccess(env, btf, reg.btfId, reg.type, off, size, res))
    return false;
  uint32_t flag = res.flag;
  if (res.isPtr) {
    if (reg.type.has(PTR_UNTRUSTED)) {
      // Everything reached from an untrusted pointer is untrusted.
      flag = PTR_UNTRUSTED;
    } else if (isTrustedReg(reg) || reg.type.has(MEM_RCU)) {
      auto listed = [&](std::string_view suffix) {
        return nestedTypeIsTrusted(btf, reg.btfId, res.fieldName, res.nextBtfId, suffix);
      };
      if (listed("__safe_trusted")) {
        flag |= PTR_TRUSTED;
      } else if (listed("__safe_trusted_or_null")) {
        flag |= PTR_TRUSTED | PTR_MAYBE_NULL;
      } else if (inRcuCs(*env.cur) && !typeMayBeNull(reg.type)) {
        if (listed("__safe_rcu")) {
          flag |= MEM_RCU; // the __rcu tag does not matter here
        } else if ((flag & MEM_RCU) || listed("__safe_rcu_or_null")) {
          flag |= MEM_RCU | PTR_MAYBE_NULL;
          if (listed("__safe_rcu_or_null") && (flag & PTR_UNTRUSTED))
            flag &= ~uint32_t(PTR_UNTRUSTED);
        } else if (flag & (MEM_PERCPU | MEM_USER)) {
          // kept as they are
        } else {
          // Walking an unknown pointer gives the old, deprecated PTR_TO_BTF_ID.
          flag &= ~(kTrustedModifiers | MEM_RCU); // clear_trusted_flags()
        }
      } else {
        flag = PTR_UNTRUSTED;
      }
    } else {
      flag &= ~(kTrustedModifiers | MEM_RCU); // clear_trusted_flags(): the old compat case
    }
  }
  if (valueRegno >= 0)
    markBtfLdReg(env, env.curRegs()[valueRegno], res.isPtr, reg.btf, res.nextBtfId, flag);
  return true;
}

} // namespace bpfverify::verifier
