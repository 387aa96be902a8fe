// Relocation values and instruction patching, mirroring libbpf relo_core.c:
// bpf_core_calc_field_relo, bpf_core_calc_type_relo, bpf_core_calc_enumval_relo,
// bpf_core_calc_relo, bpf_core_calc_relo_insn, bpf_core_poison_insn and bpf_core_patch_insn.
#include "btf/core/core_relo.h"

#include "btf/core/core_btf.h"
#include "btf/core/core_match.h"

#include <llvm/ADT/Twine.h>

#include <cerrno>
#include <climits>
#include <cstdio>

namespace bpfverify::btf::core {

namespace {

std::string insnNo(const CoreReloRecord &relo) {
  return std::to_string(relo.insnOffset / 8);
}

// bpf_core_calc_field_relo. spec is nullptr when no candidate matched.
int calcFieldRelo(const CoreReloRecord &relo, const CoreSpec *spec, uint64_t &val,
                  uint32_t &fieldSize, TypeId &typeId, bool *validate, CoreDiag &diag) {
  fieldSize = 0;
  if (relo.kind == CoreReloKind::FieldExists) {
    val = spec ? 1 : 0;
    return 0;
  }
  if (!spec)
    return -EUCLEAN; // request instruction poisoning
  if (spec->accessors.empty())
    return -EINVAL;

  const Btf &btf = *spec->btf;
  const CoreAccessor &acc = spec->accessors.back();
  const Type *t = typeById(btf, acc.typeId);
  if (!t)
    return -EINVAL;

  // The last step is an array index (or the root itself).
  if (!acc.named) {
    if (relo.kind == CoreReloKind::FieldByteOffset) {
      val = spec->bitOffset / 8;
      int64_t size = resolveSize(btf, acc.typeId);
      if (size < 0)
        return -EINVAL;
      fieldSize = static_cast<uint32_t>(size);
      typeId = acc.typeId;
    } else if (relo.kind == CoreReloKind::FieldByteSize) {
      int64_t size = resolveSize(btf, acc.typeId);
      if (size < 0)
        return -EINVAL;
      val = static_cast<uint64_t>(size);
    } else {
      diag.warning = "relo " + std::to_string(static_cast<uint32_t>(relo.kind)) + " at insn #" +
                     insnNo(relo) + " can't be applied to array access";
      return -EINVAL;
    }
    if (validate)
      *validate = true;
    return 0;
  }

  if (acc.idx >= t->members.size())
    return -EINVAL;
  const Member &m = t->members[acc.idx];
  TypeId fieldTypeId = 0;
  const Type *mt = skipModsAndTypedefs(btf, m.type, &fieldTypeId);
  if (!mt)
    return -EINVAL;
  uint32_t bitOff = spec->bitOffset;
  uint32_t bitSize = m.bitfieldSize;
  uint32_t byteOff = 0, byteSize = 0;

  bool bitfield = bitSize > 0;
  if (bitfield) {
    byteSize = mt->size;
    // A bitfield of a sizeless type cannot come from a kernel-valid BTF; libbpf divides by 0.
    if (byteSize == 0)
      return -EINVAL;
    byteOff = bitOff / 8 / byteSize * byteSize;
    // The smallest load size that covers the whole bitfield.
    while (bitOff + bitSize - byteOff * 8 > byteSize * 8) {
      if (byteSize >= 8) {
        diag.warning = "relo " + std::to_string(static_cast<uint32_t>(relo.kind)) + " at insn #" +
                       insnNo(relo) + " can't be satisfied for bitfield";
        return -E2BIG;
      }
      byteSize *= 2;
      byteOff = bitOff / 8 / byteSize * byteSize;
    }
  } else {
    int64_t size = resolveSize(btf, fieldTypeId);
    if (size < 0)
      return -EINVAL;
    byteSize = static_cast<uint32_t>(size);
    byteOff = spec->bitOffset / 8;
    bitSize = byteSize * 8;
  }

  // For bitfields every aspect but signedness and right shift may legitimately disagree with
  // the compiler's choice, so the instruction's original value is not checked.
  if (validate)
    *validate = !bitfield;

  switch (relo.kind) {
  case CoreReloKind::FieldByteOffset:
    val = byteOff;
    if (!bitfield) {
      fieldSize = byteSize;
      typeId = fieldTypeId;
    }
    break;
  case CoreReloKind::FieldByteSize:
    val = byteSize;
    break;
  case CoreReloKind::FieldSigned:
    val =
        (mt->isEnum() && mt->kindFlag) || (mt->kind == Kind::Int && (mt->intEncoding & IntSigned));
    if (validate)
      *validate = true;
    break;
  case CoreReloKind::FieldLShiftU64:
    // Little-endian layout: libbpf uses the host's byte order, and BPF objects it loads match
    // the host (x86-64, arm64, ...).
    val = static_cast<uint32_t>(64u - (bitOff + bitSize - byteOff * 8));
    break;
  case CoreReloKind::FieldRShiftU64:
    val = static_cast<uint32_t>(64u - bitSize);
    if (validate)
      *validate = true;
    break;
  default:
    return -EOPNOTSUPP;
  }
  return 0;
}

// bpf_core_calc_type_relo.
int calcTypeRelo(const CoreReloRecord &relo, const CoreSpec *spec, uint64_t &val, bool *validate) {
  if (validate)
    *validate = true;
  if (!spec) {
    val = 0; // type-based relocations yield 0 when the type is not found
    return 0;
  }
  switch (relo.kind) {
  case CoreReloKind::TypeIdTarget:
    val = spec->rootTypeId;
    // Type ids change during static linking: checking the compiler's value is pointless.
    if (validate)
      *validate = false;
    break;
  case CoreReloKind::TypeExists:
  case CoreReloKind::TypeMatches:
    val = 1;
    break;
  case CoreReloKind::TypeSize: {
    int64_t size = resolveSize(*spec->btf, spec->rootTypeId);
    if (size < 0)
      return -EINVAL;
    val = static_cast<uint64_t>(size);
    break;
  }
  default: // TYPE_ID_LOCAL is handled before candidates are searched
    return -EOPNOTSUPP;
  }
  return 0;
}

// bpf_core_calc_enumval_relo.
int calcEnumvalRelo(const CoreReloRecord &relo, const CoreSpec *spec, uint64_t &val) {
  switch (relo.kind) {
  case CoreReloKind::EnumvalExists:
    val = spec ? 1 : 0;
    return 0;
  case CoreReloKind::EnumvalValue: {
    if (!spec)
      return -EUCLEAN; // request instruction poisoning
    if (spec->accessors.empty())
      return -EINVAL;
    const Type *t = typeById(*spec->btf, spec->accessors[0].typeId);
    if (!t || !t->isEnum() || spec->accessors[0].idx >= t->enumerators.size())
      return -EINVAL;
    val = enumeratorValue(*t, spec->accessors[0].idx);
    return 0;
  }
  default:
    return -EOPNOTSUPP;
  }
}

bool isSignedInt(const Type &t) {
  return t.kind == Kind::Int && t.intEncoding == IntSigned;
}

// bpf_core_calc_relo: original and new value for one candidate (targSpec nullptr: none).
int calcRelo(const CoreReloRecord &relo, int reloIdx, const CoreSpec &localSpec,
             const CoreSpec *targSpec, CoreReloResult &res, CoreDiag &diag) {
  res = CoreReloResult();
  int err = -EOPNOTSUPP;

  if (isFieldBased(relo.kind)) {
    err = calcFieldRelo(relo, &localSpec, res.origVal, res.origSize, res.origTypeId, &res.validate,
                        diag);
    if (!err)
      err = calcFieldRelo(relo, targSpec, res.newVal, res.newSize, res.newTypeId, nullptr, diag);
    if (!err && res.origSize != res.newSize) {
      // Changing a load/store's size is only safe for pointers (a 32-bit kernel pointer read
      // zero-extended) and unsigned integers; anything else is poisoned when patched.
      const Type *origT = typeById(*localSpec.btf, res.origTypeId);
      const Type *newT = typeById(*targSpec->btf, res.newTypeId);
      bool safe = origT && newT &&
                  ((origT->kind == Kind::Ptr && newT->kind == Kind::Ptr) ||
                   (origT->kind == Kind::Int && newT->kind == Kind::Int && !isSignedInt(*origT) &&
                    !isSignedInt(*newT)));
      // libbpf compares the encoding with BTF_INT_SIGNED exactly, so a "signed char"
      // (SIGNED|CHAR) counts as unsigned here; isSignedInt keeps that.
      res.failMemszAdjust = !safe;
    }
  } else if (isTypeBased(relo.kind)) {
    err = calcTypeRelo(relo, &localSpec, res.origVal, &res.validate);
    if (!err)
      err = calcTypeRelo(relo, targSpec, res.newVal, nullptr);
  } else if (isEnumvalBased(relo.kind)) {
    err = calcEnumvalRelo(relo, &localSpec, res.origVal);
    if (!err)
      err = calcEnumvalRelo(relo, targSpec, res.newVal);
  }

  if (err == -EUCLEAN) {
    res.poison = true;
    err = 0;
  } else if (err == -EOPNOTSUPP) {
    diag.warning = "relo #" + std::to_string(reloIdx) + ": unrecognized CO-RE relocation " +
                   coreReloKindName(relo.kind).str() + " (" +
                   std::to_string(static_cast<uint32_t>(relo.kind)) + ") at insn #" + insnNo(relo);
  }
  return err;
}

} // namespace

int calcReloInsn(const CoreReloRecord &relo, int reloIdx, const Btf &localBtf,
                 std::vector<CoreCandidate> *cands, CoreReloResult &res, CoreDiag &diag,
                 CoreReloTrace *trace) {
  const Type *localType = typeById(localBtf, relo.typeId);
  if (!localType)
    return -EINVAL;
  llvm::StringRef localName(localType->name.data(), localType->name.size());

  CoreSpec localSpec;
  std::string parseWarning;
  int err = parseSpec(localBtf, relo, localSpec, &parseWarning);
  if (err) {
    llvm::StringRef specStr = localBtf.string(relo.accessStrOffset);
    diag.warning = (parseWarning.empty() ? "" : parseWarning + "; ") + "relo #" +
                   std::to_string(reloIdx) + ": parsing [" + std::to_string(relo.typeId) + "] " +
                   kindString(localType->kind).str() + " " +
                   (localName.empty() ? "<anon>" : localName.str()) + " + " + specStr.str() +
                   " failed: " + std::to_string(err);
    return -EINVAL;
  }
  if (trace)
    trace->localSpec = formatSpec(localSpec);

  // TYPE_ID_LOCAL needs no candidates; its value may legitimately change during linking.
  if (relo.kind == CoreReloKind::TypeIdLocal) {
    res = CoreReloResult();
    res.validate = false;
    res.origVal = res.newVal = localSpec.rootTypeId;
    return 0;
  }

  if (localName.empty()) {
    diag.warning = "relo #" + std::to_string(reloIdx) + ": <" + coreReloKindName(relo.kind).str() +
                   "> (" + std::to_string(static_cast<uint32_t>(relo.kind)) +
                   ") relocation doesn't support anonymous types";
    return -EOPNOTSUPP;
  }
  if (!cands)
    return -EINVAL;

  CoreSpec candSpec, targSpec;
  CoreReloResult candRes;
  size_t kept = 0;
  for (size_t i = 0; i < cands->size(); ++i) {
    const CoreCandidate cand = (*cands)[i];
    err = specMatch(localSpec, *cand.btf, cand.id, candSpec);
    if (trace)
      trace->candidates.push_back({cand, err > 0 ? 1 : 0, formatSpec(candSpec)});
    if (err < 0) {
      diag.warning = "relo #" + std::to_string(reloIdx) + ": error matching candidate #" +
                     std::to_string(i) + " " + formatSpec(candSpec) + ": " + std::to_string(err);
      return err;
    }
    if (err == 0)
      continue;

    err = calcRelo(relo, reloIdx, localSpec, &candSpec, candRes, diag);
    if (err)
      return err;

    if (kept == 0) {
      res = candRes;
      targSpec = candSpec;
      if (trace)
        trace->targetSpec = candSpec;
    } else if (candSpec.bitOffset != targSpec.bitOffset) {
      // All field candidates must resolve to the same bit offset.
      diag.warning = "relo #" + std::to_string(reloIdx) +
                     ": field offset ambiguity: " + std::to_string(candSpec.bitOffset) +
                     " != " + std::to_string(targSpec.bitOffset);
      return -EINVAL;
    } else if (candRes.poison != res.poison || candRes.newVal != res.newVal) {
      // All candidates must agree on the decision and the value.
      diag.warning =
          "relo #" + std::to_string(reloIdx) +
          ": relocation decision ambiguity: " + (candRes.poison ? "failure" : "success") + " " +
          std::to_string(candRes.newVal) + " != " + (res.poison ? "failure" : "success") + " " +
          std::to_string(res.newVal);
      return -EINVAL;
    }
    (*cands)[kept++] = cand;
  }

  // Prune the shared list only when something matched: existence checks expect misses.
  if (kept > 0)
    cands->resize(kept);

  // No candidate: the relocation's "not found" value, or poisoning of the instruction, which
  // the verifier ignores in dead code and reports otherwise.
  if (kept == 0) {
    err = calcRelo(relo, reloIdx, localSpec, nullptr, res, diag);
    if (err)
      return err;
  }
  return 0;
}

void poisonInsn(isa::Insn &insn) {
  insn.code = isa::BPF_JMP | isa::BPF_CALL;
  insn.dst = 0;
  insn.src = 0;
  insn.off = 0;
  insn.imm = PoisonHelperId;
}

namespace {

int sizeToBytes(uint8_t code) {
  switch (isa::opSize(code)) {
  case isa::BPF_DW:
    return 8;
  case isa::BPF_W:
    return 4;
  case isa::BPF_H:
    return 2;
  case isa::BPF_B:
    return 1;
  default:
    return -1;
  }
}

int bytesToSize(uint32_t bytes) {
  switch (bytes) {
  case 8:
    return isa::BPF_DW;
  case 4:
    return isa::BPF_W;
  case 2:
    return isa::BPF_H;
  case 1:
    return isa::BPF_B;
  default:
    return -1;
  }
}

// The instruction's value compared as libbpf does: the signed field converted to u64.
uint64_t widen(int64_t v) {
  return static_cast<uint64_t>(v);
}

} // namespace

int patchInsn(std::span<isa::Insn> insns, size_t insnIdx, const CoreReloRecord &relo, int reloIdx,
              const CoreReloResult &res, CoreDiag &diag) {
  (void)relo;
  if (insnIdx >= insns.size())
    return -EINVAL;
  isa::Insn &insn = insns[insnIdx];
  std::string prefix = "relo #" + std::to_string(reloIdx) + ": ";
  std::string at = "insn #" + std::to_string(insnIdx);

  auto poison = [&]() -> int {
    // The second half of an ld_imm64 is poisoned too, so the verifier does not stop at an
    // "unknown opcode 00" first.
    if (isa::isLdImm64(insn)) {
      if (insnIdx + 1 >= insns.size()) {
        diag.warning = prefix + at + " (LDIMM64) is truncated";
        return -EINVAL;
      }
      poisonInsn(insns[insnIdx + 1]);
    }
    poisonInsn(insn);
    return 0;
  };
  if (res.poison)
    return poison();

  uint64_t origVal = res.origVal, newVal = res.newVal;
  switch (insn.cls()) {
  case isa::BPF_ALU:
  case isa::BPF_ALU64:
    if (isa::opSrc(insn.code) != isa::BPF_K)
      return -EINVAL;
    if (res.validate && widen(insn.imm) != origVal) {
      diag.warning = prefix + "unexpected " + at + " (ALU/ALU64) value: got " +
                     std::to_string(static_cast<uint32_t>(insn.imm)) + ", exp " +
                     std::to_string(origVal) + " -> " + std::to_string(newVal);
      return -EINVAL;
    }
    insn.imm = static_cast<int32_t>(static_cast<uint32_t>(newVal));
    return 0;
  case isa::BPF_LDX:
  case isa::BPF_ST:
  case isa::BPF_STX: {
    if (res.validate && widen(insn.off) != origVal) {
      diag.warning = prefix + "unexpected " + at + " (LDX/ST/STX) value: got " +
                     std::to_string(static_cast<uint32_t>(static_cast<int32_t>(insn.off))) +
                     ", exp " + std::to_string(origVal) + " -> " + std::to_string(newVal);
      return -EINVAL;
    }
    if (newVal > SHRT_MAX) {
      diag.warning = prefix + at + " (LDX/ST/STX) value too big: " + std::to_string(newVal);
      return -ERANGE;
    }
    if (res.failMemszAdjust) {
      diag.warning = prefix + at +
                     " (LDX/ST/STX) accesses field incorrectly. Make sure you are accessing "
                     "pointers, unsigned integers, or fields of matching type and size.";
      return poison();
    }
    insn.off = static_cast<int16_t>(newVal);
    if (res.newSize != res.origSize) {
      int bytes = sizeToBytes(insn.code);
      if (bytes < 0 || static_cast<uint32_t>(bytes) != res.origSize) {
        diag.warning = prefix + at + " (LDX/ST/STX) unexpected mem size: got " +
                       std::to_string(bytes) + ", exp " + std::to_string(res.origSize);
        return -EINVAL;
      }
      int size = bytesToSize(res.newSize);
      if (size < 0) {
        diag.warning =
            prefix + at + " (LDX/ST/STX) invalid new mem size: " + std::to_string(res.newSize);
        return -EINVAL;
      }
      insn.code = static_cast<uint8_t>(isa::opMode(insn.code) | size | insn.cls());
    }
    return 0;
  }
  case isa::BPF_LD: {
    if (!isa::isLdImm64(insn) || insn.src != 0 || insn.off != 0 || insnIdx + 1 >= insns.size() ||
        insns[insnIdx + 1].code != 0 || insns[insnIdx + 1].dst != 0 ||
        insns[insnIdx + 1].src != 0 || insns[insnIdx + 1].off != 0) {
      diag.warning = prefix + at + " (LDIMM64) has unexpected form";
      return -EINVAL;
    }
    isa::Insn &next = insns[insnIdx + 1];
    uint64_t imm = static_cast<uint32_t>(insn.imm) | (static_cast<uint64_t>(next.imm) << 32);
    if (res.validate && imm != origVal) {
      diag.warning = prefix + "unexpected " + at + " (LDIMM64) value: got " + std::to_string(imm) +
                     ", exp " + std::to_string(origVal) + " -> " + std::to_string(newVal);
      return -EINVAL;
    }
    insn.imm = static_cast<int32_t>(static_cast<uint32_t>(newVal));
    next.imm = static_cast<int32_t>(static_cast<uint32_t>(newVal >> 32));
    return 0;
  }
  default: {
    char buf[160];
    snprintf(buf, sizeof(buf),
             "trying to relocate unrecognized insn #%zu, code:0x%x, src:0x%x, dst:0x%x, "
             "off:0x%x, imm:0x%x",
             insnIdx, insn.code, insn.src, insn.dst, static_cast<uint16_t>(insn.off),
             static_cast<uint32_t>(insn.imm));
    diag.warning = prefix + buf;
    return -EINVAL;
  }
  }
}

} // namespace bpfverify::btf::core
