#pragma once
// The loaded object: what libbpf would hand the kernel, program by program, before BPF_PROG_LOAD.

#include "lib/isa/insn.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::btf {
class Btf;
}

namespace bpfverify::object {

/// Where a map came from, which decides libbpf's naming and freezing.
enum class MapOrigin { BtfDefined, Data, Rodata, Bss, Kconfig, Raw };

/// One map as libbpf would create it (struct bpf_map_def plus what BTF adds).
struct Map {
  std::string name;        ///< libbpf's name: the variable, or e.g. "prog.rodata" for internal maps
  std::string sectionName; ///< ".maps", ".rodata", ".data.foo", ...
  MapOrigin origin = MapOrigin::BtfDefined;
  uint32_t type = 0; ///< enum bpf_map_type
  uint32_t keySize = 0;
  uint32_t valueSize = 0;
  uint32_t maxEntries = 0;
  uint32_t flags = 0;
  uint32_t numaNode = 0;
  uint32_t pinning = 0;
  uint64_t mapExtra = 0;
  uint32_t keyTypeId = 0;   ///< in the object's BTF; 0 when not typed
  uint32_t valueTypeId = 0; ///< in the object's BTF (for global data: the DATASEC)
  std::optional<uint32_t> innerMap;    ///< index in Object::maps of the inner map template
  std::vector<uint8_t> initialValue;   ///< global data contents and .kconfig values
  std::vector<int32_t> initialSlots;   ///< map-in-map / prog-array initial entries (-1: none)
  bool frozen = false;                 ///< .rodata and .kconfig: read-only to programs, contents known
  std::optional<int32_t> rawFd;        ///< raw input: the fd number instructions use for it
};

/// func_info record of a program (struct bpf_func_info), already rebased to the program.
struct FuncInfo {
  uint32_t insnOffset = 0; ///< instruction index within Program::insns
  uint32_t typeId = 0;     ///< BTF FUNC id in the object's BTF
};

/// line_info record (struct bpf_line_info), rebased, with its strings resolved.
struct LineInfo {
  uint32_t insnOffset = 0;
  uint32_t fileNameOffset = 0;
  uint32_t lineOffset = 0;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string fileName;
  std::string sourceText;
};

/// One entry point as BPF_PROG_LOAD receives it.
///
/// Instruction conventions after relocation (see docs/object-model.md):
///  - ld_imm64 with src BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_VALUE: imm is an index into
///    Object::maps (libbpf writes a map fd there; we write the map's index), next.imm the offset;
///  - BPF_PSEUDO_BTF_ID: imm is the target BTF type id, next.imm 0 for vmlinux or the 1-based
///    index of the module BTF in the target;
///  - kfunc calls (BPF_PSEUDO_KFUNC_CALL): imm the BTF FUNC id, off 0 or the 1-based module index.
struct Program {
  std::string name;        ///< the function's symbol name
  std::string sectionName; ///< without libbpf's '?' prefix
  uint32_t progType = 0;            ///< enum bpf_prog_type
  uint32_t expectedAttachType = 0;  ///< enum bpf_attach_type
  std::string attachTarget;         ///< the part after the prefix: "do_unlinkat", "xdp", ...
  bool sleepable = false;
  bool autoload = true;             ///< false for SEC("?...")
  uint32_t progFlags = 0;           ///< BPF_F_* load flags libbpf would set (e.g. XDP frags)
  std::vector<isa::Insn> insns;     ///< relocated, with used subprograms appended
  std::vector<FuncInfo> funcInfo;
  std::vector<LineInfo> lineInfo;
  uint32_t sectionInsnOffset = 0;   ///< where the entry function starts in its ELF section
};

/// A whole .bpf.o (or raw input) after libbpf-style preparation.
struct Object {
  std::string path;
  std::string license;
  uint32_t kernVersion = 0;
  std::shared_ptr<const btf::Btf> btf; ///< the object's own .BTF; may be null
  std::vector<Map> maps;
  std::vector<Program> programs;
};

} // namespace bpfverify::object
