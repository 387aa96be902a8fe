// Raw .BTF rewriting, mirroring libbpf's in-memory BTF edits before BTF_LOAD. Works on bytes
// because the compiler's BTF is not always valid for the kernel (void extern VARs, unnamed
// kfunc parameters) until libbpf has edited it.

#include "lib/object/btf_fixup.h"

#include "lib/support/error.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Support/Endian.h>

#include <algorithm>

namespace bpfverify::object {

namespace {

namespace ELF = llvm::ELF;
using llvm::support::endian::read16le;
using llvm::support::endian::read32le;
using llvm::support::endian::write32le;

enum : uint32_t {
  KindInt = 1,
  KindArray = 3,
  KindTypedef = 8,
  KindVolatile = 9,
  KindConst = 10,
  KindRestrict = 11,
  KindTypeTag = 18,
  KindStruct = 4,
  KindUnion = 5,
  KindEnum = 6,
  KindFunc = 12,
  KindFuncProto = 13,
  KindVar = 14,
  KindDataSec = 15,
  KindDeclTag = 17,
  KindEnum64 = 19
};
constexpr uint32_t LinkageStatic = 0, LinkageGlobal = 1, LinkageExtern = 2;

/// A mutable view of one BTF blob: header, type records and strings kept apart.
class RawBtf {
public:
  static llvm::Expected<RawBtf> parse(llvm::ArrayRef<uint8_t> raw, llvm::StringRef path) {
    RawBtf btf;
    btf.path_ = path.str();
    if (raw.size() < 24 || read16le(raw.data()) != 0xeB9F)
      return inputError(path, ".BTF: bad magic or header");
    uint32_t hdrLen = read32le(raw.data() + 4);
    if (hdrLen < 24 || hdrLen > raw.size())
      return inputError(path, ".BTF: bad header length");
    uint32_t typeOff = read32le(raw.data() + 8), typeLen = read32le(raw.data() + 12);
    uint32_t strOff = read32le(raw.data() + 16), strLen = read32le(raw.data() + 20);
    uint64_t typeStart = uint64_t(hdrLen) + typeOff, strStart = uint64_t(hdrLen) + strOff;
    if (typeStart + typeLen > raw.size() || strStart + strLen > raw.size())
      return inputError(path, ".BTF: sections out of bounds");
    btf.header_.assign(raw.begin(), raw.begin() + hdrLen);
    btf.types_.assign(raw.begin() + typeStart, raw.begin() + typeStart + typeLen);
    btf.strings_.assign(raw.begin() + strStart, raw.begin() + strStart + strLen);
    btf.positions_.push_back(0); // id 0: void
    size_t pos = 0;
    while (pos < btf.types_.size()) {
      if (pos + 12 > btf.types_.size())
        return inputError(path, ".BTF: truncated type record");
      btf.positions_.push_back(static_cast<uint32_t>(pos));
      uint32_t info = read32le(&btf.types_[pos + 4]);
      uint32_t kind = (info >> 24) & 0x1f, vlen = info & 0xffff;
      size_t extra = 0;
      switch (kind) {
      case KindInt:
      case KindVar:
      case KindDeclTag:
        extra = 4;
        break;
      case KindArray:
        extra = 12;
        break;
      case KindStruct:
      case KindUnion:
      case KindDataSec:
      case KindEnum64:
        extra = 12ull * vlen;
        break;
      case KindEnum:
      case KindFuncProto:
        extra = 8ull * vlen;
        break;
      default:
        extra = 0;
      }
      pos += 12 + extra;
      if (pos > btf.types_.size())
        return inputError(path, ".BTF: truncated type record");
    }
    return btf;
  }

  uint32_t count() const { return static_cast<uint32_t>(positions_.size()); } // incl. void
  uint32_t kind(uint32_t id) const { return (info(id) >> 24) & 0x1f; }
  uint32_t vlen(uint32_t id) const { return info(id) & 0xffff; }
  uint32_t info(uint32_t id) const { return u32(id, 4); }
  void setInfo(uint32_t id, uint32_t value) { set(id, 4, value); }
  uint32_t nameOff(uint32_t id) const { return u32(id, 0); }
  llvm::StringRef name(uint32_t id) const { return string(nameOff(id)); }
  uint32_t sizeOrType(uint32_t id) const { return u32(id, 8); }
  void setSizeOrType(uint32_t id, uint32_t v) { set(id, 8, v); }
  /// The 32-bit word at byte `off` after the 12-byte common part.
  uint32_t extra(uint32_t id, size_t off) const { return u32(id, 12 + off); }
  void setExtra(uint32_t id, size_t off, uint32_t v) { set(id, 12 + off, v); }

  llvm::StringRef string(uint32_t offset) const {
    if (offset >= strings_.size())
      return {};
    const char *start = reinterpret_cast<const char *>(strings_.data()) + offset;
    size_t max = strings_.size() - offset;
    return llvm::StringRef(start, strnlen(start, max));
  }
  uint32_t addString(llvm::StringRef text) {
    uint32_t offset = static_cast<uint32_t>(strings_.size());
    strings_.insert(strings_.end(), text.begin(), text.end());
    strings_.push_back(0);
    return offset;
  }
  uint32_t addVar(uint32_t nameOffset, uint32_t type, uint32_t linkage) {
    uint32_t pos = static_cast<uint32_t>(types_.size());
    types_.resize(types_.size() + 16);
    write32le(&types_[pos], nameOffset);
    write32le(&types_[pos + 4], KindVar << 24);
    write32le(&types_[pos + 8], type);
    write32le(&types_[pos + 12], linkage);
    positions_.push_back(pos);
    return count() - 1;
  }

  /// Canonical layout: header, types, strings.
  std::vector<uint8_t> serialize() const {
    std::vector<uint8_t> out(header_);
    write32le(&out[8], 0);
    write32le(&out[12], static_cast<uint32_t>(types_.size()));
    write32le(&out[16], static_cast<uint32_t>(types_.size()));
    write32le(&out[20], static_cast<uint32_t>(strings_.size()));
    out.insert(out.end(), types_.begin(), types_.end());
    out.insert(out.end(), strings_.begin(), strings_.end());
    return out;
  }

private:
  uint32_t u32(uint32_t id, size_t off) const {
    size_t pos = positions_[id] + off;
    return pos + 4 <= types_.size() ? read32le(&types_[pos]) : 0;
  }
  void set(uint32_t id, size_t off, uint32_t v) {
    size_t pos = positions_[id] + off;
    if (pos + 4 <= types_.size())
      write32le(&types_[pos], v);
  }

  std::string path_;
  std::vector<uint8_t> header_, types_, strings_;
  std::vector<uint32_t> positions_;
};

std::optional<uint32_t> findDataSec(const RawBtf &btf, llvm::StringRef name) {
  for (uint32_t id = 1; id < btf.count(); ++id)
    if (btf.kind(id) == KindDataSec && btf.name(id) == name)
      return id;
  return std::nullopt;
}

// find_int_btf_id(): the first 32-bit INT.
uint32_t findInt32(const RawBtf &btf) {
  for (uint32_t id = 1; id < btf.count(); ++id)
    if (btf.kind(id) == KindInt && (btf.extra(id, 0) & 0xff) == 32)
      return id;
  return 0;
}

struct SecInfo {
  uint32_t type, offset, size;
};

std::vector<SecInfo> readVars(const RawBtf &btf, uint32_t sec) {
  std::vector<SecInfo> vars;
  for (uint32_t i = 0; i < btf.vlen(sec); ++i)
    vars.push_back(
        {btf.extra(sec, 12 * i), btf.extra(sec, 12 * i + 4), btf.extra(sec, 12 * i + 8)});
  return vars;
}

void writeVars(RawBtf &btf, uint32_t sec, const std::vector<SecInfo> &vars) {
  for (uint32_t i = 0; i < vars.size(); ++i) {
    btf.setExtra(sec, 12 * i, vars[i].type);
    btf.setExtra(sec, 12 * i + 4, vars[i].offset);
    btf.setExtra(sec, 12 * i + 8, vars[i].size);
  }
}

// skip_mods_and_typedefs() reaching void: `extern const void sym __ksym` is untyped.
bool resolvesToVoid(const RawBtf &btf, uint32_t id) {
  for (int depth = 0; depth < 32 && id != 0; ++depth) {
    if (id >= btf.count())
      return false;
    uint32_t kind = btf.kind(id);
    if (kind != KindTypedef && kind != KindVolatile && kind != KindConst && kind != KindRestrict &&
        kind != KindTypeTag)
      return false;
    id = btf.sizeOrType(id);
  }
  return id == 0;
}

// The .ksyms part of bpf_object__collect_externs() (and add_dummy_ksym_var()).
void fixupKsyms(RawBtf &btf, const BtfFixupOptions &options, BtfFixupResult &result) {
  auto sec = findDataSec(btf, ".ksyms");
  if (!sec)
    return;
  std::vector<SecInfo> vars = readVars(btf, *sec);
  uint32_t intId = findInt32(btf);
  bool hasFunc = false;
  for (const SecInfo &var : vars)
    if (var.type < btf.count() && btf.kind(var.type) == KindFunc)
      hasFunc = true;
  uint32_t dummyName = 0, dummyVar = 0;
  if (hasFunc) {
    dummyName = btf.addString("dummy_ksym");
    dummyVar = btf.addVar(dummyName, intId, LinkageGlobal);
  }
  uint32_t offset = 0;
  for (SecInfo &var : vars) {
    if (var.type == 0 || var.type >= btf.count())
      continue;
    uint32_t id = var.type;
    if (btf.kind(id) == KindFunc) {
      uint32_t proto = btf.sizeOrType(id);
      if (proto && proto < btf.count() && btf.kind(proto) == KindFuncProto)
        for (uint32_t p = 0; p < btf.vlen(proto); ++p)
          if (btf.extra(proto, 8 * p + 4) && !btf.extra(proto, 8 * p))
            btf.setExtra(proto, 8 * p, dummyName);
      // A DATASEC may only list VARs: the FUNC is replaced by the dummy VAR (in both modes,
      // parsing needs it; the FUNC ids are reported so externs still find their section).
      result.ksymFuncs.insert(id);
      var.type = dummyVar;
      if (options.full)
        btf.setInfo(id, (btf.info(id) & ~0xffffu) | LinkageGlobal);
    } else if (btf.kind(id) == KindVar) {
      if (resolvesToVoid(btf, btf.sizeOrType(id))) {
        result.untypedKsymVars.insert(id);
        btf.setSizeOrType(id, intId);
      }
      if (options.full) {
        btf.setExtra(id, 0, LinkageGlobal);
        btf.setSizeOrType(id, intId);
      }
    }
    if (options.full) {
      var.offset = offset;
      var.size = 4;
    }
    offset += 4;
  }
  if (options.full)
    btf.setSizeOrType(*sec, offset);
  writeVars(btf, *sec, vars);
}

// The .kconfig part of bpf_object__collect_externs().
void fixupKconfig(RawBtf &btf, const BtfFixupOptions &options) {
  auto sec = findDataSec(btf, ".kconfig");
  if (!sec || !options.full)
    return;
  std::vector<SecInfo> vars = readVars(btf, *sec);
  for (SecInfo &var : vars) {
    if (var.type == 0 || var.type >= btf.count())
      continue;
    auto it = options.kconfigOffsets.find(btf.name(var.type));
    if (it == options.kconfigOffsets.end())
      continue;
    btf.setExtra(var.type, 0, LinkageGlobal);
    var.offset = it->second;
  }
  writeVars(btf, *sec, vars);
  btf.setSizeOrType(*sec, options.kconfigSize);
}

// find_elf_var_sym(), indexed: the first global/weak STT_OBJECT symbol of each name.
using VarSymbols = std::map<llvm::StringRef, const ElfSymbol *>;
VarSymbols indexVarSymbols(const ElfFile &elf) {
  VarSymbols index;
  for (const ElfSymbol &sym : elf.symbols)
    if (sym.type == ELF::STT_OBJECT && (sym.bind == ELF::STB_GLOBAL || sym.bind == ELF::STB_WEAK))
      index.try_emplace(sym.name, &sym);
  return index;
}

// btf_fixup_datasec()
llvm::Error fixupDataSec(RawBtf &btf, uint32_t sec, const ElfFile &elf, const VarSymbols &varSyms,
                         llvm::StringRef path) {
  llvm::StringRef secName = btf.name(sec);
  std::vector<SecInfo> vars = readVars(btf, sec);
  if (secName != ".kconfig" && secName != ".ksyms") {
    bool fixOffsets = false;
    if (btf.sizeOrType(sec) == 0) {
      const ElfSection *section = elf.findSection(secName);
      if (!section || section->size == 0)
        return inputError(path, "sec '" + secName +
                                    "': failed to determine size from ELF for its DATASEC");
      if (section->size > UINT32_MAX)
        return inputError(path, "sec '" + secName + "': too large");
      btf.setSizeOrType(sec, static_cast<uint32_t>(section->size));
      fixOffsets = true;
    }
    for (SecInfo &var : vars) {
      if (var.type == 0 || var.type >= btf.count() || btf.kind(var.type) != KindVar)
        return inputError(path, "sec '" + secName + "': unexpected non-VAR type found");
      uint32_t linkage = btf.extra(var.type, 0);
      if (linkage == LinkageStatic || linkage == LinkageExtern)
        continue;
      auto found = varSyms.find(btf.name(var.type));
      const ElfSymbol *sym = found == varSyms.end() ? nullptr : found->second;
      if (!sym)
        return inputError(path, "sec '" + secName + "': failed to find ELF symbol for VAR '" +
                                    btf.name(var.type) + "'");
      if (fixOffsets)
        var.offset = static_cast<uint32_t>(sym->value);
      if (sym->visibility == ELF::STV_HIDDEN || sym->visibility == ELF::STV_INTERNAL)
        btf.setExtra(var.type, 0, LinkageStatic);
    }
  }
  // compare_vsi_off (qsort, so equal offsets have no defined order; we break ties by type id).
  std::sort(vars.begin(), vars.end(), [](const SecInfo &a, const SecInfo &b) {
    return a.offset != b.offset ? a.offset < b.offset : a.type < b.type;
  });
  writeVars(btf, sec, vars);
  return llvm::Error::success();
}

} // namespace

llvm::Expected<BtfFixupResult> fixupObjectBtf(llvm::ArrayRef<uint8_t> raw, const ElfFile &elf,
                                              llvm::StringRef path,
                                              const BtfFixupOptions &options) {
  auto btf = RawBtf::parse(raw, path);
  if (!btf)
    return btf.takeError();
  BtfFixupResult result;
  fixupKsyms(*btf, options, result);
  fixupKconfig(*btf, options);
  VarSymbols varSyms = indexVarSymbols(elf);
  for (uint32_t id = 1; id < btf->count(); ++id)
    if (btf->kind(id) == KindDataSec)
      if (auto err = fixupDataSec(*btf, id, elf, varSyms, path))
        return err;
  if (options.full) {
    // bpf_object__sanitize_and_load_btf(): hidden global subprograms become static.
    for (const std::string &name : options.staticFuncNames)
      for (uint32_t id = 1; id < btf->count(); ++id)
        if (btf->kind(id) == KindFunc && btf->vlen(id) == LinkageGlobal && btf->name(id) == name) {
          btf->setInfo(id, KindFunc << 24 | LinkageStatic);
          break;
        }
  }
  result.data = btf->serialize();
  return result;
}

} // namespace bpfverify::object
