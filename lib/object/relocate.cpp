// Program relocations: bpf_program__record_reloc, bpf_object__reloc_code (subprogram appending
// and call fix-ups), bpf_object__relocate_data, and func/line info rebasing
// (adjust_prog_btf_ext_info / reloc_prog_func_and_line_info) of libbpf.

#include "lib/object/loader_state.h"

#include <llvm/BinaryFormat/ELF.h>

#include <algorithm>

namespace bpfverify::object::detail {

namespace ELF = llvm::ELF;
using isa::Insn;

namespace {

constexpr int32_t PoisonCallKfuncBase = 2002000000; // POISON_CALL_KFUNC_BASE

bool isCall(const Insn &insn) {
  return insn.code == (isa::BPF_JMP | isa::BPF_CALL);
}

// insn_is_subprog_call()
bool isSubprogCall(const Insn &insn) {
  return isCall(insn) && insn.src == isa::BPF_PSEUDO_CALL && insn.dst == 0 && insn.off == 0;
}

bool isPseudoFuncLoad(const Insn &insn) {
  return isa::isLdImm64(insn) && insn.src == isa::BPF_PSEUDO_FUNC;
}

// sym_is_subprog()
bool symIsSubprog(const ElfSymbol &sym, int textShndx) {
  if (static_cast<int>(sym.shndx) != textShndx)
    return false;
  if (sym.bind == ELF::STB_LOCAL && sym.type == ELF::STT_SECTION)
    return true;
  return (sym.bind == ELF::STB_GLOBAL || sym.bind == ELF::STB_WEAK) && sym.type == ELF::STT_FUNC;
}

} // namespace

Unit *findUnitBySecInsn(State &state, uint32_t secIdx, uint64_t insnIdx) {
  auto it = std::upper_bound(
      state.units.begin(), state.units.end(), std::make_pair(secIdx, insnIdx),
      [](const std::pair<uint32_t, uint64_t> &key, const Unit &unit) {
        return key.first != unit.secIdx ? key.first < unit.secIdx : key.second < unit.secInsnOff;
      });
  if (it == state.units.begin())
    return nullptr;
  Unit &unit = *std::prev(it);
  if (unit.secIdx == secIdx && insnIdx >= unit.secInsnOff &&
      insnIdx < uint64_t(unit.secInsnOff) + unit.secInsnCnt)
    return &unit;
  return nullptr;
}

namespace {

// bpf_program__record_reloc()
llvm::Error recordReloc(State &state, Unit &unit, uint32_t insnIdx, const std::string &symName,
                        const ElfSymbol &sym) {
  const Insn &insn = state.sectionInsns[unit.secIdx][unit.secInsnOff + insnIdx];
  std::string prog = "prog '" + unit.name + "': ";
  if (!isCall(insn) && !isa::isLdImm64(insn))
    return state.error(prog + "invalid relo against '" + symName + "' for insns[" +
                       llvm::Twine(insnIdx) + "].code 0x" + llvm::Twine::utohexstr(insn.code));
  if (isa::isLdImm64(insn) && insnIdx + 1 >= unit.secInsnCnt)
    return state.error(prog + "relocation against '" + symName +
                       "' on a truncated ld_imm64 at insns[" + llvm::Twine(insnIdx) + "]");
  Reloc reloc;
  reloc.insnIdx = insnIdx;

  bool isExtern = sym.shndx == ELF::SHN_UNDEF &&
                  (sym.bind == ELF::STB_GLOBAL || sym.bind == ELF::STB_WEAK) &&
                  sym.type == ELF::STT_NOTYPE;
  if (isExtern) {
    auto it = std::find_if(state.externs.begin(), state.externs.end(),
                           [&](const Extern &ext) { return ext.symIdx == sym.index; });
    if (it == state.externs.end())
      return state.error(prog + "extern relo failed to find extern for '" + symName + "' (" +
                         llvm::Twine(sym.index) + ")");
    reloc.type = isCall(insn) ? Reloc::Type::ExternCall : Reloc::Type::ExternLd64;
    reloc.extIdx = static_cast<uint32_t>(it - state.externs.begin());
    unit.relocs.push_back(reloc);
    return llvm::Error::success();
  }

  if (isCall(insn)) {
    if (insn.src != isa::BPF_PSEUDO_CALL)
      return state.error(prog + "incorrect bpf_call opcode");
    if (!sym.shndx || static_cast<int>(sym.shndx) != state.textShndx) {
      std::string secName = sym.shndx < state.elf.sections.size()
                                ? state.elf.sections[sym.shndx].name
                                : std::string("<?>");
      return state.error(prog + "bad call relo against '" + symName + "' in section '" + secName +
                         "'");
    }
    if (sym.value % 8)
      return state.error(prog + "bad call relo against '" + symName + "' at offset " +
                         llvm::Twine(sym.value));
    reloc.type = Reloc::Type::Call;
    reloc.symOff = static_cast<int64_t>(sym.value);
    unit.relocs.push_back(reloc);
    return llvm::Error::success();
  }

  if (!sym.shndx || sym.shndx >= ELF::SHN_LORESERVE)
    return state.error(prog + "invalid relo against '" + symName + "' in special section 0x" +
                       llvm::Twine::utohexstr(sym.shndx) + "; forgot to initialize global var?..");

  if (symIsSubprog(sym, state.textShndx)) {
    if (sym.value % 8 || insn.imm % 8)
      return state.error(prog + "bad subprog addr relo against '" + symName + "' at offset " +
                         llvm::Twine(sym.value) + "+" + llvm::Twine(insn.imm));
    reloc.type = Reloc::Type::SubprogAddr;
    reloc.symOff = static_cast<int64_t>(sym.value);
    unit.relocs.push_back(reloc);
    return llvm::Error::success();
  }

  const std::string &secName = state.elf.sections[sym.shndx].name;
  SecType secType = state.secTypes[sym.shndx];
  bool isData = secType == SecType::Data || secType == SecType::Rodata || secType == SecType::Bss;
  if (!isData) {
    if (static_cast<int>(sym.shndx) != state.mapsShndx)
      return state.error(prog + "bad map relo against '" + symName + "' in section '" + secName +
                         "'");
    for (size_t i = 0; i < state.mapOrigins.size(); ++i) {
      const State::MapOrigin &origin = state.mapOrigins[i];
      if (!origin.internal && origin.secIdx == state.mapsShndx && origin.secOffset == sym.value) {
        reloc.type = Reloc::Type::Ld64;
        reloc.mapIdx = static_cast<uint32_t>(i);
        unit.relocs.push_back(reloc);
        return llvm::Error::success();
      }
    }
    return state.error(prog + "map relo failed to find map for section '" + secName + "', off " +
                       llvm::Twine(sym.value));
  }
  for (size_t i = 0; i < state.mapOrigins.size(); ++i) {
    const State::MapOrigin &origin = state.mapOrigins[i];
    if (origin.internal && origin.secIdx == static_cast<int>(sym.shndx)) {
      reloc.type = Reloc::Type::Data;
      reloc.mapIdx = static_cast<uint32_t>(i);
      reloc.symOff = static_cast<int64_t>(sym.value);
      unit.relocs.push_back(reloc);
      return llvm::Error::success();
    }
  }
  return state.error(prog + "data relo failed to find map for section '" + secName + "'");
}

} // namespace

// bpf_object__collect_prog_relos() for every relocation section of an executable section.
llvm::Error collectProgRelos(State &state) {
  for (const ElfSection &relSection : state.elf.sections) {
    if (relSection.index == 0 || state.secTypes[relSection.index] != SecType::Relo)
      continue;
    const ElfSection &target = state.elf.sections[relSection.info];
    if (!target.executable())
      continue;
    for (size_t r = 0; r < relSection.rels.size(); ++r) {
      const ElfRel &rel = relSection.rels[r];
      const ElfSymbol &sym = state.elf.symbols[rel.symbol];
      if (sym.shndx >= state.elf.sections.size())
        return state.error("sec '" + relSection.name + "': corrupted symbol #" +
                           llvm::Twine(sym.index) + " pointing to invalid section #" +
                           llvm::Twine(sym.shndx) + " for relo #" + llvm::Twine(r));
      if (rel.offset % 8 || rel.offset >= target.data.size())
        return state.error("sec '" + relSection.name + "': invalid offset 0x" +
                           llvm::Twine::utohexstr(rel.offset) + " for relo #" + llvm::Twine(r));
      uint64_t insnIdx = rel.offset / 8;
      std::string symName = sym.type == ELF::STT_SECTION && sym.name.empty()
                                ? state.elf.sections[sym.shndx].name
                                : sym.name;
      Unit *unit = findUnitBySecInsn(state, target.index, insnIdx);
      if (!unit)
        continue; // libbpf: "probably overridden weak function, skipping"
      if (auto err = recordReloc(state, *unit, static_cast<uint32_t>(insnIdx - unit->secInsnOff),
                                 symName, sym))
        return err;
    }
  }
  for (Unit &unit : state.units)
    std::sort(unit.relocs.begin(), unit.relocs.end(), [](const Reloc &a, const Reloc &b) {
      return a.insnIdx != b.insnIdx ? a.insnIdx < b.insnIdx : a.type < b.type;
    });
  return llvm::Error::success();
}

namespace {

/// The main program being assembled (libbpf grows main_prog->insns and reloc_desc in place).
struct MainProgram {
  Unit &entry;
  std::vector<Insn> insns;
  std::vector<Reloc> relocs;
  std::vector<FuncInfo> funcInfo;
  std::vector<LineInfo> lineInfo;
  bool hasFuncInfo = false, hasLineInfo = false;
  std::vector<std::pair<std::string, uint32_t>> subprograms;
  std::vector<uint32_t> rawMapFdInsns;
};

template <class Record>
const btf::ExtSection<Record> *findExtSection(const std::vector<btf::ExtSection<Record>> &sections,
                                              const std::string &name) {
  for (const auto &section : sections)
    if (section.sectionName == name)
      return &section;
  return nullptr;
}

// adjust_prog_btf_ext_info(): copy the records of unit's instruction range, rebased. Returns
// false when there are none (-ENOENT).
template <class Record, class Out, class Convert>
bool adjustExtInfo(const std::vector<btf::ExtSection<Record>> &sections, const Unit &unit,
                   std::vector<Out> &out, Convert convert) {
  const btf::ExtSection<Record> *section = findExtSection(sections, unit.rawSecName);
  if (!section)
    return false;
  bool found = false;
  int64_t adjust = int64_t(unit.subInsnOff) - unit.secInsnOff;
  for (const Record &record : section->records) {
    uint32_t insnOff = record.insnOffset / 8;
    if (insnOff < unit.secInsnOff)
      continue;
    if (insnOff >= uint64_t(unit.secInsnOff) + unit.secInsnCnt)
      break;
    found = true;
    out.push_back(convert(record, static_cast<uint32_t>(insnOff + adjust)));
  }
  return found;
}

// reloc_prog_func_and_line_info()
llvm::Error relocFuncAndLineInfo(State &state, MainProgram &main, const Unit &unit) {
  if (!state.btfExt)
    return llvm::Error::success();
  const btf::BtfExt &ext = *state.btfExt;
  bool isMain = &unit == &main.entry;
  if (isMain || main.hasFuncInfo) {
    bool found = adjustExtInfo(ext.funcInfo, unit, main.funcInfo,
                               [](const btf::FuncInfoRecord &r, uint32_t off) {
                                 return FuncInfo{off, r.typeId};
                               });
    if (found)
      main.hasFuncInfo = true;
    else if (main.hasFuncInfo)
      return state.error("prog '" + unit.name + "': missing .BTF.ext function info.");
    else
      state.object.notes.push_back("prog '" + unit.name +
                                   "': missing .BTF.ext function info for the main program, "
                                   "skipping all of .BTF.ext func info.");
  }
  if (isMain || main.hasLineInfo) {
    const btf::Btf &btf = *state.btf;
    bool found = adjustExtInfo(ext.lineInfo, unit, main.lineInfo,
                               [&](const btf::LineInfoRecord &r, uint32_t off) {
                                 LineInfo info;
                                 info.insnOffset = off;
                                 info.fileNameOffset = r.fileNameOffset;
                                 info.lineOffset = r.lineOffset;
                                 info.line = r.line;
                                 info.column = r.column;
                                 info.fileName = btf.string(r.fileNameOffset).str();
                                 info.sourceText = btf.string(r.lineOffset).str();
                                 return info;
                               });
    if (found)
      main.hasLineInfo = true;
    else if (main.hasLineInfo)
      return state.error("prog '" + unit.name + "': missing .BTF.ext line info.");
    else
      state.object.notes.push_back("prog '" + unit.name +
                                   "': missing .BTF.ext line info for the main program, "
                                   "skipping all of .BTF.ext line info.");
  }
  return llvm::Error::success();
}

// bpf_object__append_subprog_code() + append_subprog_relos()
llvm::Error appendSubprog(State &state, MainProgram &main, Unit &subprog) {
  if (main.insns.size() + subprog.insns.size() > (1u << 24))
    return state.error("prog '" + main.entry.name + "': more than 16M instructions after linking");
  subprog.subInsnOff = main.insns.size();
  main.insns.insert(main.insns.end(), subprog.insns.begin(), subprog.insns.end());
  for (Reloc reloc : subprog.relocs) {
    reloc.insnIdx += static_cast<uint32_t>(subprog.subInsnOff);
    main.relocs.push_back(reloc);
  }
  main.subprograms.emplace_back(subprog.name, static_cast<uint32_t>(subprog.subInsnOff));
  return relocFuncAndLineInfo(state, main, subprog);
}

const Reloc *findReloc(const Unit &unit, uint32_t insnIdx) {
  auto it = std::lower_bound(unit.relocs.begin(), unit.relocs.end(), insnIdx,
                             [](const Reloc &r, uint32_t idx) { return r.insnIdx < idx; });
  return it != unit.relocs.end() && it->insnIdx == insnIdx ? &*it : nullptr;
}

// bpf_object__reloc_code(), with an explicit stack instead of recursion: a subprogram is
// processed right after it is appended, before its caller continues, as libbpf's recursion does.
llvm::Error relocCode(State &state, MainProgram &main, Unit &start) {
  struct Frame {
    Unit *unit;
    uint32_t next;
  };
  std::vector<Frame> stack{{&start, 0}};
  while (!stack.empty()) {
    Frame &frame = stack.back();
    Unit &prog = *frame.unit;
    if (frame.next >= prog.secInsnCnt) {
      stack.pop_back();
      continue;
    }
    uint32_t insnIdx = frame.next++;
    size_t pos = prog.subInsnOff + insnIdx;
    Insn &insn = main.insns[pos];
    if (!isSubprogCall(insn) && !isPseudoFuncLoad(insn))
      continue;
    const Reloc *reloc = findReloc(prog, insnIdx);
    if (reloc && reloc->type == Reloc::Type::ExternCall)
      continue; // kfunc calls are handled by relocateData
    if (reloc && reloc->type != Reloc::Type::Call && reloc->type != Reloc::Type::SubprogAddr)
      return state.error("prog '" + prog.name + "': unexpected relo for insn #" +
                         llvm::Twine(insnIdx) + ", type " + llvm::Twine(int(reloc->type)));
    int64_t subInsnIdx;
    if (reloc) {
      if (reloc->type == Reloc::Type::Call)
        subInsnIdx = reloc->symOff / 8 + int64_t(insn.imm) + 1;
      else
        subInsnIdx = (reloc->symOff + int64_t(insn.imm)) / 8;
    } else if (isPseudoFuncLoad(insn)) {
      return state.error("prog '" + prog.name + "': missing subprog addr relo for insn #" +
                         llvm::Twine(insnIdx));
    } else {
      // A call to a static function of the same section carries no relocation.
      subInsnIdx = int64_t(prog.secInsnOff) + insnIdx + insn.imm + 1;
    }
    // libbpf enforces that subprograms live in .text.
    Unit *subprog = subInsnIdx < 0 || state.textShndx < 0
                        ? nullptr
                        : findUnitBySecInsn(state, static_cast<uint32_t>(state.textShndx),
                                            static_cast<uint64_t>(subInsnIdx));
    if (!subprog)
      return state.error("prog '" + prog.name +
                         "': no .text section found yet sub-program call "
                         "exists (insn #" +
                         llvm::Twine(insnIdx) + ")");
    bool appendNow = subprog->subInsnOff == 0;
    if (appendNow)
      if (auto err = appendSubprog(state, main, *subprog))
        return err;
    // main.insns may have grown: index again.
    main.insns[pos].imm = static_cast<int32_t>(int64_t(subprog->subInsnOff) - int64_t(pos) - 1);
    if (appendNow)
      stack.push_back({subprog, 0});
  }
  return llvm::Error::success();
}

// bpf_prog_assign_exc_cb(): the subprogram named by an "exception_callback:<name>" decl tag on
// the main program's FUNC.
llvm::Expected<Unit *> exceptionCallback(State &state, const Unit &entry) {
  if (!state.btf)
    return nullptr;
  const btf::Btf &btf = *state.btf;
  constexpr llvm::StringLiteral prefix = "exception_callback:";
  Unit *callback = nullptr;
  bool seen = false;
  if (!state.exceptionTags) {
    state.exceptionTags.emplace();
    for (btf::TypeId id = 1; id < btf.endId(); ++id) {
      const btf::Type &tag = btf.type(id);
      if (tag.kind == btf::Kind::DeclTag && tag.componentIdx == -1 &&
          llvm::StringRef(tag.name.data(), tag.name.size()).starts_with(prefix))
        state.exceptionTags->push_back(id);
    }
  }
  for (btf::TypeId id : *state.exceptionTags) {
    const btf::Type &tag = btf.type(id);
    llvm::StringRef name(tag.name.data(), tag.name.size());
    if (!name.consume_front(prefix))
      continue;
    const btf::Type &func = btf.type(tag.type);
    if (func.kind != btf::Kind::Func || func.linkage != btf::LinkageGlobal)
      return state.error("prog '" + entry.name +
                         "': exception_callback:<value> decl tag not applied to the main program");
    if (func.name != entry.name)
      continue;
    if (seen) // several callbacks: the verifier rejects it; libbpf appends none
      return nullptr;
    seen = true;
    if (name.empty())
      return state.error("prog '" + entry.name +
                         "': exception_callback:<value> decl tag contains empty value");
    for (Unit &unit : state.units) {
      if (!unit.isSubprog || unit.name != name)
        continue;
      if (!unit.symGlobal || unit.markBtfStatic)
        return state.error("prog '" + entry.name + "': exception callback " + unit.name +
                           " must be a global non-hidden function");
      if (callback)
        return state.error("prog '" + entry.name +
                           "': multiple subprogs with same name as exception callback '" +
                           unit.name + "'");
      callback = &unit;
    }
    if (!callback)
      return state.error("prog '" + entry.name + "': cannot find exception callback '" + name +
                         "'");
  }
  return callback;
}

/// ld_imm64 map references that no relocation wrote: libbpf hands them to the kernel as they are,
/// so their imm is a file descriptor number of the loading process, not one of our maps.
void findRawMapFds(MainProgram &main) {
  std::vector<bool> relocated(main.insns.size(), false);
  for (const Reloc &reloc : main.relocs)
    if (reloc.insnIdx < relocated.size())
      relocated[reloc.insnIdx] = true;
  for (uint32_t i = 0; i + 1 < main.insns.size(); i++) {
    const Insn &insn = main.insns[i];
    if (insn.code != (isa::BPF_LD | isa::BPF_IMM | isa::BPF_DW))
      continue;
    if ((insn.src == isa::BPF_PSEUDO_MAP_FD || insn.src == isa::BPF_PSEUDO_MAP_VALUE) &&
        !relocated[i])
      main.rawMapFdInsns.push_back(i);
    i++;
  }
}

// bpf_object__relocate_data()
llvm::Error relocateData(State &state, MainProgram &main) {
  findRawMapFds(main);
  for (const Reloc &reloc : main.relocs) {
    Insn *insn = &main.insns[reloc.insnIdx];
    switch (reloc.type) {
    case Reloc::Type::Ld64:
      insn[0].src = isa::BPF_PSEUDO_MAP_FD;
      insn[0].imm = static_cast<int32_t>(reloc.mapIdx);
      break;
    case Reloc::Type::Data:
      insn[1].imm = static_cast<int32_t>(static_cast<uint32_t>(insn[0].imm) +
                                         static_cast<uint32_t>(reloc.symOff));
      insn[0].src = isa::BPF_PSEUDO_MAP_VALUE;
      insn[0].imm = static_cast<int32_t>(reloc.mapIdx);
      break;
    case Reloc::Type::ExternLd64: {
      const Extern &ext = state.externs[reloc.extIdx];
      if (ext.type == Extern::Type::Kconfig) {
        insn[0].src = isa::BPF_PSEUDO_MAP_VALUE;
        insn[0].imm = state.kconfigMapIdx;
        insn[1].imm = static_cast<int32_t>(ext.kcfgOffset);
      } else if (ext.ksymTypeId && ext.isSet) {
        insn[0].src = isa::BPF_PSEUDO_BTF_ID;
        insn[0].imm = static_cast<int32_t>(ext.kernelBtfId);
        insn[1].imm = static_cast<int32_t>(ext.module);
      } else {
        // Untyped ksym (kallsyms address; none offline) or missing weak typed ksym: address 0.
        insn[0].imm = 0;
        insn[1].imm = 0;
      }
      break;
    }
    case Reloc::Type::ExternCall: {
      const Extern &ext = state.externs[reloc.extIdx];
      insn[0].src = isa::BPF_PSEUDO_KFUNC_CALL;
      if (ext.isSet) {
        insn[0].imm = static_cast<int32_t>(ext.kernelBtfId);
        insn[0].off = static_cast<int16_t>(ext.module);
      } else {
        // poison_kfunc_call(): an invalid helper call naming the extern.
        insn[0].code = isa::BPF_JMP | isa::BPF_CALL;
        insn[0].dst = 0;
        insn[0].src = 0;
        insn[0].off = 0;
        insn[0].imm = PoisonCallKfuncBase + static_cast<int32_t>(reloc.extIdx);
      }
      break;
    }
    case Reloc::Type::SubprogAddr:
      if (insn[0].src != isa::BPF_PSEUDO_FUNC)
        return state.error("prog '" + main.entry.name + "': relo at insn #" +
                           llvm::Twine(reloc.insnIdx) + ": bad insn");
      break;
    case Reloc::Type::Call:
      break;
    }
  }
  return llvm::Error::success();
}

} // namespace

// bpf_object__relocate() after CO-RE: calls, then data, for every entry program.
llvm::Error relocatePrograms(State &state) {
  for (Unit &unit : state.units)
    unit.insns.assign(state.sectionInsns[unit.secIdx].begin() + unit.secInsnOff,
                      state.sectionInsns[unit.secIdx].begin() + unit.secInsnOff + unit.secInsnCnt);
  // Mark ld_imm64 of subprogram addresses so insn_is_pseudo_func() recognizes them.
  for (Unit &unit : state.units)
    for (const Reloc &reloc : unit.relocs)
      if (reloc.type == Reloc::Type::SubprogAddr)
        unit.insns[reloc.insnIdx].src = isa::BPF_PSEUDO_FUNC;

  for (Unit &entry : state.units) {
    if (entry.isSubprog)
      continue;
    for (Unit &unit : state.units)
      if (unit.isSubprog)
        unit.subInsnOff = 0;
    MainProgram main{entry, entry.insns, entry.relocs, {}, {}, false, false, {}, {}};
    entry.subInsnOff = 0;
    if (auto err = relocFuncAndLineInfo(state, main, entry))
      return err;
    if (auto err = relocCode(state, main, entry))
      return err;
    auto callback = exceptionCallback(state, entry);
    if (!callback)
      return callback.takeError();
    if (*callback && (*callback)->subInsnOff == 0) {
      if (auto err = appendSubprog(state, main, **callback))
        return err;
      if (auto err = relocCode(state, main, **callback))
        return err;
    }
    if (auto err = relocateData(state, main))
      return err;

    Program &program = state.object.programs[entry.programIndex];
    program.insns = std::move(main.insns);
    program.funcInfo = std::move(main.funcInfo);
    program.lineInfo = std::move(main.lineInfo);
    program.subprograms = std::move(main.subprograms);
    program.rawMapFdInsns = std::move(main.rawMapFdInsns);
  }
  return llvm::Error::success();
}

} // namespace bpfverify::object::detail
