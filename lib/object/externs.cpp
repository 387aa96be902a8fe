// Externs: bpf_object__collect_externs and bpf_object__resolve_externs of libbpf (kconfig values,
// typed and untyped __ksym variables, kfunc declarations).

#include "btf/core/core_match.h"
#include "lib/object/loader_state.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Support/Endian.h>

#include <algorithm>
#include <map>

namespace bpfverify::object::detail {

namespace ELF = llvm::ELF;
using btf::Kind;

namespace {

// bpf_core_essential_name_len(): drop a "___flavor" suffix.
std::string essentialName(llvm::StringRef name) {
  for (int i = static_cast<int>(name.size()) - 5; i >= 0; --i) {
    if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' && name[i + 3] == '_' &&
        name[i + 4] != '_')
      return name.take_front(i + 1).str();
  }
  return name.str();
}

// find_kcfg_type() of libbpf.
Extern::KcfgType kcfgTypeOf(const btf::Btf &btf, btf::TypeId id, bool *isSigned) {
  const btf::Type &t = btf.type(btf.skipModifiersAndTypedefs(id));
  if (isSigned)
    *isSigned = false;
  switch (t.kind) {
  case Kind::Int:
    if (t.intEncoding & btf::IntBool)
      return t.size == 1 ? Extern::KcfgType::Bool : Extern::KcfgType::Unknown;
    if (isSigned)
      *isSigned = t.intEncoding & btf::IntSigned;
    if (t.size == 1)
      return Extern::KcfgType::Char;
    if (t.size < 1 || t.size > 8 || (t.size & (t.size - 1)))
      return Extern::KcfgType::Unknown;
    return Extern::KcfgType::Int;
  case Kind::Enum:
    if (t.size != 4 || t.name != "libbpf_tristate")
      return Extern::KcfgType::Unknown;
    return Extern::KcfgType::Tristate;
  case Kind::Enum64:
    return t.name == "libbpf_tristate" ? Extern::KcfgType::Tristate : Extern::KcfgType::Unknown;
  case Kind::Array:
    if (t.nelems == 0 || kcfgTypeOf(btf, t.elemType, nullptr) != Extern::KcfgType::Char)
      return Extern::KcfgType::Unknown;
    return Extern::KcfgType::CharArr;
  default:
    return Extern::KcfgType::Unknown;
  }
}

bool symIsExtern(const ElfSymbol &sym) {
  return sym.shndx == ELF::SHN_UNDEF &&
         (sym.bind == ELF::STB_GLOBAL || sym.bind == ELF::STB_WEAK) && sym.type == ELF::STT_NOTYPE;
}

} // namespace

llvm::Error collectExterns(State &state) {
  const btf::Btf *btf = state.btf.get();
  // find_extern_sec_btf_id(), indexed once: the first DATASEC listing each type.
  std::map<btf::TypeId, llvm::StringRef> datasecOf;
  for (btf::TypeId id = 1; btf && id < btf->endId(); ++id) {
    const btf::Type &sec = btf->type(id);
    if (sec.kind == Kind::DataSec)
      for (const btf::VarSecInfo &var : sec.vars)
        datasecOf.try_emplace(var.type, llvm::StringRef(sec.name.data(), sec.name.size()));
  }
  for (const ElfSymbol &sym : state.elf.symbols) {
    if (!symIsExtern(sym) || sym.name.empty())
      continue;
    if (!btf)
      return state.error("failed to find BTF for extern '" + sym.name +
                         "': the object has no .BTF");
    Extern ext;
    // find_extern_btf_id(): the first VAR or FUNC of that name, which must be extern.
    for (btf::TypeId id : btf->findByName(sym.name)) {
      const btf::Type &t = btf->type(id);
      if (t.kind != Kind::Var && t.kind != Kind::Func)
        continue;
      if (t.linkage != btf::LinkageExtern)
        return state.error("failed to find BTF for extern '" + sym.name + "': BTF " +
                           (t.kind == Kind::Var ? "VAR" : "FUNC") + " [" + llvm::Twine(id) +
                           "] is not extern");
      ext.btfId = id;
      break;
    }
    if (!ext.btfId)
      return state.error("failed to find BTF for extern '" + sym.name + "'");
    const btf::Type &t = btf->type(ext.btfId);
    ext.name = sym.name;
    ext.essentialName = essentialName(ext.name);
    ext.symIdx = sym.index;
    ext.weak = sym.bind == ELF::STB_WEAK;
    ext.isFunc = t.kind == Kind::Func;

    // find_extern_sec_btf_id(): the DATASEC listing this VAR/FUNC.
    llvm::StringRef secName;
    if (state.ksymFuncs.count(ext.btfId))
      secName = ".ksyms"; // listed there before the FUNC was replaced by libbpf's dummy VAR
    if (secName.empty())
      if (auto it = datasecOf.find(ext.btfId); it != datasecOf.end())
        secName = it->second;
    if (secName.empty())
      return state.error("failed to find BTF for extern '" + ext.name + "' [" +
                         llvm::Twine(ext.btfId) + "] section");
    if (secName == ".kconfig") {
      if (ext.isFunc)
        return state.error("extern function " + ext.name +
                           " is unsupported under .kconfig section");
      ext.type = Extern::Type::Kconfig;
      auto size = btf->sizeOf(t.type);
      if (!size || *size == 0 || *size > UINT32_MAX) {
        if (!size)
          llvm::consumeError(size.takeError());
        return state.error("failed to resolve size of extern (kcfg) '" + ext.name + "'");
      }
      ext.kcfgSize = static_cast<uint32_t>(*size);
      ext.kcfgAlign = btf->alignOf(t.type);
      if (ext.kcfgAlign == 0)
        return state.error("failed to determine alignment of extern (kcfg) '" + ext.name + "'");
      ext.kcfgType = kcfgTypeOf(*btf, t.type, &ext.kcfgSigned);
      if (ext.kcfgType == Extern::KcfgType::Unknown)
        return state.error("extern (kcfg) '" + ext.name + "': type is unsupported");
    } else if (secName == ".ksyms") {
      ext.type = Extern::Type::Ksym;
      // `extern const void sym __ksym`: untyped (its VAR got an int type for parsing only).
      ext.ksymTypeId =
          state.untypedKsymVars.count(ext.btfId) ? 0 : btf->skipModifiersAndTypedefs(t.type);
    } else {
      return state.error("unrecognized extern section '" + secName + "' of extern '" + ext.name +
                         "'");
    }
    state.externs.push_back(std::move(ext));
  }

  // cmp_externs: kconfig first, by descending alignment then ascending size; ties by name.
  std::sort(state.externs.begin(), state.externs.end(), [](const Extern &a, const Extern &b) {
    if (a.type != b.type)
      return a.type < b.type;
    if (a.type == Extern::Type::Kconfig) {
      if (a.kcfgAlign != b.kcfgAlign)
        return a.kcfgAlign > b.kcfgAlign;
      if (a.kcfgSize != b.kcfgSize)
        return a.kcfgSize < b.kcfgSize;
    }
    return a.name < b.name;
  });
  uint64_t offset = 0;
  for (Extern &ext : state.externs) {
    if (ext.type != Extern::Type::Kconfig)
      continue;
    offset = llvm::alignTo(offset, ext.kcfgAlign);
    if (offset + ext.kcfgSize > (1u << 20))
      return state.error(".kconfig externs need more than 1 MiB");
    ext.kcfgOffset = static_cast<uint32_t>(offset);
    offset += ext.kcfgSize;
  }
  return llvm::Error::success();
}

namespace {

llvm::Error setKcfgNumber(State &state, Extern &ext, uint8_t *dest, uint64_t value) {
  using KT = Extern::KcfgType;
  if (ext.kcfgType != KT::Int && ext.kcfgType != KT::Char && ext.kcfgType != KT::Bool)
    return state.error("extern (kcfg) '" + ext.name + "': value '" + llvm::Twine(value) +
                       "' implies integer, char, or boolean type");
  if (ext.kcfgType == KT::Bool && value > 1)
    return state.error("extern (kcfg) '" + ext.name + "': value '" + llvm::Twine(value) +
                       "' isn't boolean compatible");
  // is_kcfg_value_in_range()
  unsigned bits = ext.kcfgSize * 8;
  bool inRange =
      ext.kcfgSize == 8 ||
      (ext.kcfgSigned ? value + (1ull << (bits - 1)) < (1ull << bits) : (value >> bits) == 0);
  if (!inRange)
    return state.error("extern (kcfg) '" + ext.name + "': value '" + llvm::Twine(value) +
                       "' doesn't fit in " + llvm::Twine(ext.kcfgSize) + " bytes");
  switch (ext.kcfgSize) {
  case 1:
    *dest = static_cast<uint8_t>(value);
    break;
  case 2:
    llvm::support::endian::write16le(dest, static_cast<uint16_t>(value));
    break;
  case 4:
    llvm::support::endian::write32le(dest, static_cast<uint32_t>(value));
    break;
  case 8:
    llvm::support::endian::write64le(dest, value);
    break;
  default:
    return state.error("extern (kcfg) '" + ext.name + "': unsupported size " +
                       llvm::Twine(ext.kcfgSize));
  }
  ext.isSet = true;
  return llvm::Error::success();
}

// bpf_object__process_kconfig_line() for one CONFIG_ value.
llvm::Error setKcfgFromText(State &state, Extern &ext, uint8_t *dest, llvm::StringRef value) {
  using KT = Extern::KcfgType;
  if (value.empty())
    return state.error("failed to parse '" + ext.name + "': no value");
  char first = value.front();
  if (value.size() == 1 && (first == 'y' || first == 'n' || first == 'm')) {
    switch (ext.kcfgType) {
    case KT::Bool:
      if (first == 'm')
        return state.error("extern (kcfg) '" + ext.name +
                           "': value 'm' implies tristate or char type");
      *dest = first == 'y';
      break;
    case KT::Tristate: // enum libbpf_tristate: TRI_NO 0, TRI_YES 1, TRI_MODULE 2
      llvm::support::endian::write32le(dest, first == 'y' ? 1 : first == 'm' ? 2 : 0);
      break;
    case KT::Char:
      *dest = static_cast<uint8_t>(first);
      break;
    default:
      return state.error("extern (kcfg) '" + ext.name + "': value '" + value +
                         "' implies bool, tristate, or char type");
    }
    ext.isSet = true;
    return llvm::Error::success();
  }
  if (first == '"') {
    if (ext.kcfgType != KT::CharArr)
      return state.error("extern (kcfg) '" + ext.name + "': value '" + value +
                         "' implies char array type");
    if (value.size() < 2 || value.back() != '"')
      return state.error("extern (kcfg) '" + ext.name + "': invalid string config '" + value + "'");
    llvm::StringRef text = value.drop_front().drop_back();
    size_t len = std::min<size_t>(text.size(), ext.kcfgSize - 1);
    std::copy_n(text.begin(), len, dest);
    dest[len] = 0;
    ext.isSet = true;
    return llvm::Error::success();
  }
  uint64_t number = 0;
  // strtoull(value, .., 0): decimal, 0x hex or 0 octal.
  if (llvm::StringRef(value).getAsInteger(0, number))
    return state.error("extern (kcfg) '" + ext.name + "': value '" + value +
                       "' isn't a valid integer");
  if (ext.kcfgType != KT::Int && ext.kcfgType != KT::Char)
    return state.error("extern (kcfg) '" + ext.name + "': value '" + value +
                       "' implies integer type");
  return setKcfgNumber(state, ext, dest, number);
}

// find_ksym_btf_id(): vmlinux first, then each module's own types.
std::optional<std::pair<btf::TypeId, uint32_t>> findKsym(const btf::Target &target,
                                                         llvm::StringRef name, Kind kind) {
  if (target.vmlinux)
    if (auto id = target.vmlinux->findByNameKind(name, kind))
      return std::make_pair(*id, 0u);
  for (size_t i = 0; i < target.modules.size(); ++i) {
    const btf::Btf &btf = *target.modules[i].btf;
    for (btf::TypeId id : btf.findByName(name))
      if (id >= btf.firstOwnId() && btf.type(id).kind == kind)
        return std::make_pair(id, static_cast<uint32_t>(i + 1));
  }
  return std::nullopt;
}

const btf::Btf &targetBtf(const btf::Target &target, uint32_t module) {
  return module ? *target.modules[module - 1].btf : *target.vmlinux;
}

llvm::Error resolveKsymVar(State &state, Extern &ext) {
  auto found = findKsym(*state.target, ext.name, Kind::Var);
  if (!found) {
    if (ext.weak)
      return llvm::Error::success();
    return state.error("extern (var ksym) '" + ext.name + "': not found in kernel BTF");
  }
  const btf::Btf &kernel = targetBtf(*state.target, found->second);
  btf::TypeId targetType = kernel.skipModifiersAndTypedefs(kernel.type(found->first).type);
  if (btf::core::typesAreCompat(*state.btf, ext.ksymTypeId, kernel, targetType) <= 0) {
    const btf::Type &local = state.btf->type(ext.ksymTypeId);
    const btf::Type &remote = kernel.type(targetType);
    return state.error("extern (var ksym) '" + ext.name + "': incompatible types, expected [" +
                       llvm::Twine(ext.ksymTypeId) + "] " + btf::kindName(local.kind).lower() +
                       " " + local.name + ", but kernel has [" + llvm::Twine(targetType) + "] " +
                       btf::kindName(remote.kind).lower() + " " + remote.name);
  }
  ext.isSet = true;
  ext.kernelBtfId = found->first;
  ext.module = found->second;
  return llvm::Error::success();
}

llvm::Error resolveKfunc(State &state, Extern &ext) {
  auto found = findKsym(*state.target, ext.essentialName, Kind::Func);
  if (!found) {
    if (ext.weak)
      return llvm::Error::success();
    return state.error("extern (func ksym) '" + ext.name + "': not found in kernel or module BTFs");
  }
  const btf::Btf &kernel = targetBtf(*state.target, found->second);
  btf::TypeId kernelProto = kernel.type(found->first).type;
  if (btf::core::typesAreCompat(*state.btf, ext.ksymTypeId, kernel, kernelProto) <= 0) {
    if (ext.weak)
      return llvm::Error::success();
    return state.error(
        "extern (func ksym) '" + ext.name + "': func_proto [" + llvm::Twine(ext.ksymTypeId) +
        "] incompatible with " +
        (found->second ? state.target->modules[found->second - 1].name : std::string("vmlinux")) +
        " [" + llvm::Twine(kernelProto) + "]");
  }
  ext.isSet = true;
  ext.kernelBtfId = found->first;
  ext.module = found->second;
  return llvm::Error::success();
}

} // namespace

llvm::Error resolveExterns(State &state) {
  Object &object = state.object;
  uint8_t *kcfgData = nullptr;
  if (state.kconfigMapIdx >= 0)
    kcfgData = object.maps[state.kconfigMapIdx].initialValue.data();

  for (Extern &ext : state.externs) {
    if (ext.type == Extern::Type::Kconfig) {
      uint8_t *dest = kcfgData + ext.kcfgOffset;
      llvm::StringRef name = ext.name;
      if (name.starts_with("CONFIG_")) {
        auto it = state.options.kconfig.find(name);
        if (it != state.options.kconfig.end())
          if (auto err = setKcfgFromText(state, ext, dest, it->second))
            return err;
        continue;
      }
      uint64_t value = 0;
      if (name == "LINUX_KERNEL_VERSION")
        value = state.options.kernelVersion;
      else if (name == "LINUX_HAS_BPF_COOKIE")
        value = state.options.hasBpfCookie;
      else if (name == "LINUX_HAS_SYSCALL_WRAPPER")
        value = state.options.hasSyscallWrapper;
      else if (!name.starts_with("LINUX_") || !ext.weak)
        return state.error("extern (kcfg) '" + ext.name + "': unrecognized virtual extern");
      if (auto err = setKcfgNumber(state, ext, dest, value))
        return err;
      continue;
    }
    if (ext.ksymTypeId == 0) {
      // Untyped ksym: libbpf writes the kallsyms address; offline we have none.
      ext.isSet = true;
      object.notes.push_back("extern (ksym) '" + ext.name +
                             "': untyped, no kallsyms offline: its ld_imm64 keeps address 0");
      continue;
    }
    if (!state.target) {
      if (ext.weak)
        continue;
      return state.error("extern (" + std::string(ext.isFunc ? "func" : "var") + " ksym) '" +
                         ext.name + "': needs a target kernel BTF to resolve");
    }
    if (auto err = ext.isFunc ? resolveKfunc(state, ext) : resolveKsymVar(state, ext))
      return err;
  }

  for (const Extern &ext : state.externs) {
    if (!ext.isSet && !ext.weak)
      return state.error("extern '" + ext.name + "' (strong): not resolved");
    if (!ext.isSet)
      object.notes.push_back("extern '" + ext.name + "' (weak): not resolved, defaulting to zero");
    ExternInfo info;
    info.name = ext.name;
    info.kind = ext.type == Extern::Type::Kconfig ? ExternInfo::Kind::Kconfig
                : ext.isFunc                      ? ExternInfo::Kind::Kfunc
                : ext.ksymTypeId                  ? ExternInfo::Kind::KsymVar
                                                  : ExternInfo::Kind::KsymUntyped;
    info.weak = ext.weak;
    info.resolved = ext.isSet;
    info.targetBtfId = ext.kernelBtfId;
    info.module = ext.module;
    info.kconfigOffset = ext.kcfgOffset;
    object.externs.push_back(std::move(info));
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail
