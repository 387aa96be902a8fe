#pragma once
// The loaded object: what libbpf would hand the kernel, program by program, before BPF_PROG_LOAD.

#include "lib/isa/insn.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::btf {
class Btf;
struct Target;
} // namespace bpfverify::btf

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
  uint32_t keyTypeId = 0;            ///< in the object's BTF; 0 when not typed
  uint32_t valueTypeId = 0;          ///< in the object's BTF (for global data: the DATASEC)
  std::optional<uint32_t> innerMap;  ///< index in Object::maps of the inner map template
  std::vector<uint8_t> initialValue; ///< global data contents and .kconfig values
  /// Initial entries from `.values = {...}`: for map-in-map an index into Object::maps, for a
  /// prog array an index into Object::programs; -1 where the slot is empty.
  std::vector<int32_t> initialSlots;
  bool frozen = false;          ///< .rodata and .kconfig: read-only to programs, contents known
  std::optional<int32_t> rawFd; ///< raw input: the fd number instructions use for it
  /// The inner map definition of a map-in-map ("outer.inner"): libbpf keeps it outside obj->maps,
  /// we append such templates after all real maps so real map indices match libbpf's.
  bool innerTemplate = false;
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
/// Instruction conventions after relocation (see lib/object/README.md):
///  - ld_imm64 with src BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_VALUE: imm is an index into
///    Object::maps (libbpf writes a map fd there; we write the map's index), next.imm the offset;
///  - BPF_PSEUDO_BTF_ID: imm is the target BTF type id, next.imm 0 for vmlinux or the 1-based
///    index of the module BTF in the target;
///  - kfunc calls (BPF_PSEUDO_KFUNC_CALL): imm the BTF FUNC id, off 0 or the 1-based module index.
struct Program {
  std::string name;                ///< the function's symbol name
  std::string sectionName;         ///< without libbpf's '?' prefix
  uint32_t progType = 0;           ///< enum bpf_prog_type
  uint32_t expectedAttachType = 0; ///< enum bpf_attach_type
  std::string attachTarget;        ///< the part after the prefix: "do_unlinkat", "xdp", ...
  bool sleepable = false;
  bool autoload = true;         ///< false for SEC("?...")
  uint32_t progFlags = 0;       ///< BPF_F_* load flags libbpf would set (e.g. XDP frags)
  std::vector<isa::Insn> insns; ///< relocated, with used subprograms appended
  std::vector<FuncInfo> funcInfo;
  std::vector<LineInfo> lineInfo;
  uint32_t sectionInsnOffset = 0; ///< where the entry function starts in its ELF section
  /// attach_btf_id for SEC_ATTACH_BTF sections (fentry/, lsm/, tp_btf/, iter/, ...), resolved in
  /// the target as libbpf's find_kernel_btf_id does; 0 when there is no target or no match.
  uint32_t attachBtfId = 0;
  uint32_t attachBtfModule = 0; ///< 0: vmlinux, else 1-based index into Target::modules
  /// Subprograms appended to insns: (name, first instruction index), in append order.
  std::vector<std::pair<std::string, uint32_t>> subprograms;
  /// ld_imm64 map references (BPF_PSEUDO_MAP_FD/VALUE) written in the program itself rather
  /// than by a relocation: their imm is a raw file descriptor number, which names no map here.
  std::vector<uint32_t> rawMapFdInsns;
};

/// What happened to an extern (`__ksym`, `__kconfig`, kfunc declarations).
struct ExternInfo {
  enum class Kind { Kconfig, KsymVar, KsymUntyped, Kfunc };
  std::string name;
  Kind kind = Kind::Kconfig;
  bool weak = false;
  bool resolved = false;      ///< false: weak and missing (zeroed / poisoned as libbpf does)
  uint32_t targetBtfId = 0;   ///< KsymVar / Kfunc: the id in the target BTF
  uint32_t module = 0;        ///< 0 vmlinux, else 1-based module index
  uint32_t kconfigOffset = 0; ///< Kconfig: offset within the .kconfig map
};

/// Choices libbpf would take from the running system, given explicitly for an offline load.
struct LoadOptions {
  /// Name used for internal map prefixes; default: the file name up to its first '.'.
  std::string objectName;
  /// Kconfig values for CONFIG_* externs, as in a .config: "y", "m", "n", "42", "\"str\"".
  std::map<std::string, std::string, std::less<>> kconfig;
  /// LINUX_KERNEL_VERSION; default KERNEL_VERSION(6, 18, 0), the kernel this project mirrors.
  uint32_t kernelVersion = (6u << 16) | (18u << 8);
  bool hasBpfCookie = true;      ///< LINUX_HAS_BPF_COOKIE
  bool hasSyscallWrapper = true; ///< LINUX_HAS_SYSCALL_WRAPPER
};

/// A whole .bpf.o (or raw input) after libbpf-style preparation.
struct Object {
  std::string path;
  std::string name; ///< libbpf's object name (internal map prefix)
  std::string license;
  uint32_t kernVersion = 0;
  /// The object's .BTF as libbpf loads it into the kernel (DATASEC sizes and offsets, hidden
  /// symbols static, .ksyms/.kconfig rewritten, "dummy_ksym" appended); ids are the file's.
  /// May be null.
  std::shared_ptr<const btf::Btf> btf;
  std::vector<Map> maps;
  std::vector<Program> programs;
  std::vector<ExternInfo> externs; ///< in libbpf's order (sorted by kind, then name)
  /// BTF FUNC ids (object BTF) of hidden global subprograms whose linkage libbpf rewrites to
  /// static before loading the BTF (bpf_object__sanitize_and_load_btf): verify them as static.
  std::vector<uint32_t> staticFuncIds;
  /// Things a reader should know: untyped ksyms left at address 0, weak externs missing, ...
  std::vector<std::string> notes;
};

/// Loads a .bpf.o and prepares every program as libbpf 1.x does before BPF_PROG_LOAD: maps,
/// relocations, subprogram linking, externs, CO-RE and func/line info. With target null, typed
/// ksyms, kfuncs, CO-RE relocations and BTF attach targets cannot be resolved: strong ones are
/// errors naming the symbol, weak ones stay unresolved (recorded in Object::externs and notes).
/// Programs are prepared whatever their autoload flag (libbpf skips non-autoload ones).
llvm::Expected<Object> loadObject(llvm::StringRef path, const btf::Target *target,
                                  const LoadOptions &options = {});

/// The same from bytes in memory; path is only used in messages and for the object name.
llvm::Expected<Object> loadObjectFromBuffer(llvm::ArrayRef<uint8_t> bytes, llvm::StringRef path,
                                            const btf::Target *target,
                                            const LoadOptions &options = {});

} // namespace bpfverify::object
