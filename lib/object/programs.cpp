// Section classification and program discovery: bpf_object__elf_collect and
// bpf_object__add_programs of libbpf.

#include "lib/object/loader_state.h"

#include "lib/object/btf_fixup.h"
#include "lib/support/error.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Support/Endian.h>

#include <algorithm>
#include <tuple>

namespace bpfverify::object::detail {

namespace ELF = llvm::ELF;

llvm::Error State::error(const llvm::Twine &problem) const {
  return inputError(elf.path, problem);
}

namespace {

bool isDwarfSection(llvm::StringRef name) {
  return name.starts_with(".debug_");
}

// ignore_elf_section() of libbpf.
bool ignoredSection(const ElfSection &section) {
  if (section.type == ELF::SHT_STRTAB || section.type == ELF::SHT_LLVM_ADDRSIG)
    return true;
  if (section.type == ELF::SHT_PROGBITS && section.size == 0 && section.name == ".text")
    return true;
  llvm::StringRef name = section.name;
  if (isDwarfSection(name))
    return true;
  if (name.consume_front(".rel"))
    return isDwarfSection(name) || name == ".BTF" || name == ".BTF.ext";
  return false;
}

bool hasPrefixOrIs(llvm::StringRef name, llvm::StringRef base) {
  return name == base || name.starts_with((base + ".").str());
}

isa::Insn decodeInsn(const uint8_t *bytes) {
  isa::Insn insn;
  insn.code = bytes[0];
  insn.dst = bytes[1] & 0x0f;
  insn.src = bytes[1] >> 4;
  insn.off = static_cast<int16_t>(llvm::support::endian::read16le(bytes + 2));
  insn.imm = static_cast<int32_t>(llvm::support::endian::read32le(bytes + 4));
  return insn;
}

llvm::Error addPrograms(State &state, const ElfSection &section) {
  if (section.data.size() % sizeof(isa::Insn))
    return state.error("section '" + section.name + "': size " + llvm::Twine(section.data.size()) +
                       " is not a multiple of the 8-byte instruction size");
  std::vector<isa::Insn> &insns = state.sectionInsns[section.index];
  insns.reserve(section.data.size() / 8);
  for (size_t off = 0; off < section.data.size(); off += 8)
    insns.push_back(decodeInsn(section.data.data() + off));

  for (const ElfSymbol &sym : state.elf.symbols) {
    if (sym.shndx != section.index || sym.type != ELF::STT_FUNC)
      continue;
    uint64_t end = sym.value + sym.size;
    if (end < sym.value || end > section.data.size())
      return state.error("section '" + section.name + "': program at offset " +
                         llvm::Twine(sym.value) + " crosses section boundary");
    if (state.textShndx != static_cast<int>(section.index) && sym.bind == ELF::STB_LOCAL)
      return state.error("section '" + section.name + "': program '" + sym.name +
                         "' is static and not supported");
    // bpf_object__init_prog's corruption check.
    if (sym.size == 0 || sym.size % 8 || sym.value % 8)
      return state.error("section '" + section.name + "': corrupted program '" + sym.name +
                         "', offset " + llvm::Twine(sym.value) + ", size " + llvm::Twine(sym.size));
    Unit unit;
    unit.name = sym.name;
    unit.secIdx = section.index;
    unit.rawSecName = section.name;
    unit.secInsnOff = static_cast<uint32_t>(sym.value / 8);
    unit.secInsnCnt = static_cast<uint32_t>(sym.size / 8);
    unit.isSubprog = state.textShndx == static_cast<int>(section.index);
    unit.symGlobal = sym.bind != ELF::STB_LOCAL;
    unit.markBtfStatic = unit.symGlobal &&
                         (sym.visibility == ELF::STV_HIDDEN || sym.visibility == ELF::STV_INTERNAL);
    state.units.push_back(std::move(unit));
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error collectPrograms(State &state) {
  const ElfFile &elf = state.elf;
  state.secTypes.assign(elf.sections.size(), SecType::None);
  state.sectionInsns.resize(elf.sections.size());
  // .text is known before programs are added so that static functions there are allowed.
  for (const ElfSection &section : elf.sections)
    if (section.index && section.name == ".text" && section.executable() && section.size)
      state.textShndx = static_cast<int>(section.index);

  const ElfSection *btfSection = nullptr, *btfExtSection = nullptr;
  for (const ElfSection &section : elf.sections) {
    if (section.index == 0 || ignoredSection(section))
      continue;
    llvm::StringRef name = section.name;
    if (name == "license") {
      // bpf_object__init_license: a C string, at most 63 characters kept.
      llvm::StringRef text(reinterpret_cast<const char *>(section.data.data()),
                           section.data.size());
      state.object.license = text.take_until([](char c) { return c == '\0'; }).take_front(63).str();
    } else if (name == "version") {
      if (section.data.size() != 4)
        return state.error("invalid kver section (size " + llvm::Twine(section.data.size()) +
                           ", expected 4)");
      state.object.kernVersion = llvm::support::endian::read32le(section.data.data());
    } else if (name == "maps") {
      return state.error("legacy map definitions in 'maps' section are not supported by "
                         "libbpf v1.0+");
    } else if (name == ".maps") {
      state.mapsShndx = static_cast<int>(section.index);
    } else if (name == ".BTF" || name == ".BTF.ext") {
      if (section.type != ELF::SHT_PROGBITS)
        return state.error("section '" + section.name + "' is not SHT_PROGBITS");
      (name == ".BTF" ? btfSection : btfExtSection) = &section;
    } else if (section.type == ELF::SHT_SYMTAB) {
      // read by readElf
    } else if (section.type == ELF::SHT_PROGBITS && section.size > 0) {
      if (section.flags & ELF::SHF_EXECINSTR) {
        if (auto err = addPrograms(state, section))
          return err;
      } else if (hasPrefixOrIs(name, ".data")) {
        state.secTypes[section.index] = SecType::Data;
      } else if (hasPrefixOrIs(name, ".rodata")) {
        state.secTypes[section.index] = SecType::Rodata;
      } else if (name == ".struct_ops" || name == ".struct_ops.link" || name == "?.struct_ops" ||
                 name == "?.struct_ops.link") {
        state.object.notes.push_back("section '" + section.name +
                                     "': struct_ops maps are not prepared (not supported yet)");
      } else if (name == ".addr_space.1") {
        state.object.notes.push_back(
            "section '.addr_space.1': arena globals are not supported yet");
      }
    } else if (section.type == ELF::SHT_REL) {
      const ElfSection &target = elf.sections[section.info];
      if (!target.executable() && target.name != ".maps")
        continue; // libbpf skips relocations of other sections (and struct_ops ones here)
      state.secTypes[section.index] = SecType::Relo;
    } else if (section.type == ELF::SHT_NOBITS && hasPrefixOrIs(name, ".bss")) {
      state.secTypes[section.index] = SecType::Bss;
    }
  }

  // cmp_progs: by section index, then by offset within it.
  // (qsort in libbpf: ties, i.e. aliases at one offset, are broken by name here.)
  std::sort(state.units.begin(), state.units.end(), [](const Unit &a, const Unit &b) {
    return std::tie(a.secIdx, a.secInsnOff, a.name) < std::tie(b.secIdx, b.secInsnOff, b.name);
  });
  // Entry programs (everything outside .text) in libbpf's order, with their SEC() meaning.
  for (Unit &unit : state.units) {
    if (unit.isSubprog)
      continue;
    unit.programIndex = static_cast<int>(state.object.programs.size());
    SectionInfo info = classifySection(unit.rawSecName);
    Program program;
    program.name = unit.name;
    program.sectionName = info.sectionName;
    program.progType = info.progType;
    program.expectedAttachType = info.expectedAttachType;
    program.attachTarget = info.attachTarget;
    program.sleepable = info.sleepable;
    program.autoload = info.autoload;
    program.progFlags = info.progFlags;
    program.sectionInsnOffset = unit.secInsnOff;
    if (!info.def)
      state.object.notes.push_back("prog '" + unit.name + "': unrecognized ELF section name '" +
                                   info.sectionName + "' (program type left UNSPEC)");
    state.object.programs.push_back(std::move(program));
  }

  if (btfSection) {
    // First the edits parsing needs (libbpf makes them before BTF_LOAD); the full rewrite
    // comes once externs are laid out (finalizeBtf).
    auto fixed = fixupObjectBtf(btfSection->data, elf, elf.path, BtfFixupOptions{});
    if (!fixed)
      return fixed.takeError();
    state.untypedKsymVars = std::move(fixed->untypedKsymVars);
    state.ksymFuncs = std::move(fixed->ksymFuncs);
    auto btf = btf::Btf::parse(fixed->data, elf.path + ":.BTF");
    if (!btf)
      return btf.takeError();
    state.btf = std::move(*btf);
    state.object.btf = state.btf;
    state.rawBtf = btfSection->data;
    if (btfExtSection) {
      auto ext = btf::BtfExt::parse(btfExtSection->data, elf.path + ":.BTF.ext", *state.btf);
      if (!ext)
        return ext.takeError();
      state.btfExt = std::move(*ext);
    }
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail

namespace bpfverify::object::detail {

llvm::Error finalizeBtf(State &state) {
  if (!state.btf)
    return llvm::Error::success();
  BtfFixupOptions options;
  options.full = true;
  for (const Extern &ext : state.externs)
    if (ext.type == Extern::Type::Kconfig) {
      options.kconfigOffsets[ext.name] = ext.kcfgOffset;
      options.kconfigSize = ext.kcfgOffset + ext.kcfgSize;
    }
  for (const Unit &unit : state.units)
    if (unit.isSubprog && unit.markBtfStatic)
      options.staticFuncNames.insert(unit.name);
  auto fixed = fixupObjectBtf(state.rawBtf, state.elf, state.elf.path, options);
  if (!fixed)
    return fixed.takeError();
  auto btf = btf::Btf::parse(fixed->data, state.elf.path + ":.BTF");
  if (!btf)
    return btf.takeError();
  state.object.btf = std::move(*btf);
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail
