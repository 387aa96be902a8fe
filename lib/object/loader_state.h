#pragma once
// Internal state shared by the loader's passes (libbpf's struct bpf_object while it is opened).

#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/target.h"
#include "lib/object/elf_reader.h"
#include "lib/object/object.h"
#include "lib/object/section_defs.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bpfverify::object::detail {

/// reloc_desc of libbpf.
struct Reloc {
  enum class Type { Ld64, Call, Data, ExternLd64, ExternCall, SubprogAddr };
  Type type = Type::Ld64;
  uint32_t insnIdx = 0; ///< local to the owning unit (then to the main program once appended)
  uint32_t mapIdx = 0;
  int64_t symOff = 0;
  uint32_t extIdx = 0;
};

/// One function of an executable section (libbpf's struct bpf_program, subprograms included).
struct Unit {
  std::string name;
  uint32_t secIdx = 0;
  std::string rawSecName; ///< with a '?' prefix if present
  uint32_t secInsnOff = 0, secInsnCnt = 0;
  bool isSubprog = false; ///< in .text
  bool symGlobal = false;
  bool markBtfStatic = false;
  std::vector<isa::Insn> insns; ///< this function's instructions (after CO-RE)
  std::vector<Reloc> relocs;    ///< sorted by insnIdx
  size_t subInsnOff = 0;        ///< position within the current main program (0: not appended)
  int programIndex = -1;        ///< index in Object::programs for entry programs
};

/// extern_desc of libbpf.
struct Extern {
  enum class Type { Kconfig, Ksym };
  enum class KcfgType { Unknown, Char, Bool, Int, Tristate, CharArr };
  Type type = Type::Kconfig;
  std::string name;
  std::string essentialName; ///< name without a ___flavor suffix
  uint32_t symIdx = 0;
  uint32_t btfId = 0;
  bool weak = false;
  bool isSet = false;
  bool isFunc = false;
  // Kconfig
  KcfgType kcfgType = KcfgType::Unknown;
  uint32_t kcfgSize = 0, kcfgAlign = 0, kcfgOffset = 0;
  bool kcfgSigned = false;
  // Ksym
  uint32_t ksymTypeId = 0; ///< local type after modifiers/typedefs; 0: untyped (`extern void`)
  uint32_t kernelBtfId = 0;
  uint32_t module = 0; ///< 0 vmlinux, else 1-based
};

/// Where each kind of section is (libbpf's efile.secs[].sec_type).
enum class SecType { None, Data, Rodata, Bss, Relo };

struct State {
  State(const ElfFile &elf, const btf::Target *target, const LoadOptions &options, Object &object)
      : elf(elf), target(target), options(options), object(object) {}

  const ElfFile &elf;
  const btf::Target *target;
  const LoadOptions &options;
  Object &object;

  /// The object's BTF with the edits parsing needs (see btf_fixup.h); type ids are those of the
  /// file. Object::btf becomes the fully rewritten BTF (finalizeBtf).
  std::shared_ptr<const btf::Btf> btf;
  llvm::ArrayRef<uint8_t> rawBtf;
  std::set<uint32_t> untypedKsymVars;
  std::set<uint32_t> ksymFuncs;
  std::optional<btf::BtfExt> btfExt;
  std::vector<SecType> secTypes;
  int textShndx = -1;
  int mapsShndx = -1;
  uint32_t mapsSecBtfId = 0;
  /// Per ELF section: its instructions, for executable sections (CO-RE is applied here).
  std::vector<std::vector<isa::Insn>> sectionInsns;
  std::vector<Unit> units; ///< sorted by (secIdx, secInsnOff)
  std::vector<Extern> externs;
  int kconfigMapIdx = -1;
  /// Per map: (section index, offset in it, BTF var index) for matching relocations.
  struct MapOrigin {
    int secIdx = -1;
    uint64_t secOffset = 0;
    uint32_t btfVarIdx = 0;
    bool internal = false;
  };
  std::vector<MapOrigin> mapOrigins;
  std::optional<std::vector<uint32_t>> exceptionTags; ///< "exception_callback:" DECL_TAGs

  llvm::Error error(const llvm::Twine &problem) const;
};

llvm::Error collectPrograms(State &state);      // programs.cpp
llvm::Error collectExterns(State &state);       // externs.cpp
llvm::Error initMaps(State &state);             // maps.cpp
llvm::Error collectMapRelos(State &state);      // maps.cpp
llvm::Error collectProgRelos(State &state);     // relocate.cpp
llvm::Error resolveExterns(State &state);       // externs.cpp
llvm::Error applyCore(State &state);            // core.cpp
llvm::Error relocatePrograms(State &state);     // relocate.cpp
llvm::Error resolveAttachTargets(State &state); // attach.cpp
llvm::Error finalizeBtf(State &state);          // programs.cpp: libbpf's final BTF edits

/// find_prog_by_sec_insn(): the unit of a section containing an instruction index.
Unit *findUnitBySecInsn(State &state, uint32_t secIdx, uint64_t insnIdx);

} // namespace bpfverify::object::detail
