// loadObject on the test programs: map definitions, global data, externs, section semantics,
// BTF rewrites, and malformed input (every problem an "<file>: <problem>" error, never a crash).

#include "shipped_target.h"

#include "btf/target.h"
#include "lib/object/object.h"
#include "lib/object/section_defs.h"
#include "lib/object/uapi_enums.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>
#include <llvm/Object/ELF.h>
#include <llvm/Support/Endian.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <cstring>

using namespace bpfverify;
using object::Map;
using object::Object;

namespace {

std::string progPath(const std::string &name) {
  return BPFVERIFY_BINARY_DIR "/testdata/progs/" + name + ".bpf.o";
}

Object load(const std::string &name, const btf::Target *t = &shippedTarget(),
            const object::LoadOptions &options = {}) {
  auto loaded = object::loadObject(progPath(name), t, options);
  if (!loaded)
    FAIL(errorMessage(loaded.takeError()));
  return std::move(*loaded);
}

const Map &mapNamed(const Object &object, const std::string &name) {
  auto it = std::find_if(object.maps.begin(), object.maps.end(),
                         [&](const Map &m) { return m.name == name; });
  REQUIRE(it != object.maps.end());
  return *it;
}
int32_t mapIndex(const Object &object, const std::string &name) {
  return static_cast<int32_t>(&mapNamed(object, name) - object.maps.data());
}
const object::Program &progNamed(const Object &object, const std::string &name) {
  auto it = std::find_if(object.programs.begin(), object.programs.end(),
                         [&](const object::Program &p) { return p.name == name; });
  REQUIRE(it != object.programs.end());
  return *it;
}
const object::ExternInfo &externNamed(const Object &object, const std::string &name) {
  auto it = std::find_if(object.externs.begin(), object.externs.end(),
                         [&](const object::ExternInfo &e) { return e.name == name; });
  REQUIRE(it != object.externs.end());
  return *it;
}

constexpr uint32_t BPF_F_NO_PREALLOC = 1, BPF_F_RDONLY_PROG = 0x80, BPF_F_MMAPABLE = 0x400;

} // namespace

TEST_CASE("BTF-defined maps: parse_btf_map_def fields") {
  Object object = load("maps_kinds");
  std::vector<std::string> names;
  for (const Map &map : object.maps)
    names.push_back(map.name);
  // .maps DATASEC order after libbpf sorts it by offset (clang's layout), the global data
  // (a .rodata.cst16 constant pool here), then the inner template libbpf keeps aside.
  CHECK(names == std::vector<std::string>{"inner_a", "inner_b", "outer", "jumps", "flows",
                                          "counters", "seen", "plain", "events", ".rodata.cst16",
                                          "outer.inner"});
  const Map &flows = mapNamed(object, "flows");
  CHECK(object::mapTypeName(flows.type) == "hash");
  CHECK(flows.keySize == 4);
  CHECK(flows.valueSize == 16);
  CHECK(flows.maxEntries == 1024);
  CHECK(flows.flags == BPF_F_NO_PREALLOC);
  CHECK(flows.keyTypeId != 0);
  CHECK(flows.valueTypeId != 0);
  const Map &counters = mapNamed(object, "counters");
  CHECK(counters.keyTypeId == 0); // key_size/value_size, not typed
  CHECK(counters.valueSize == 8);
  CHECK(mapNamed(object, "events").maxEntries == 8192); // adjust_ringbuf_sz(5000)
  CHECK(mapNamed(object, "seen").mapExtra == 3);
  CHECK(mapNamed(object, "seen").keySize == 0);

  const Map &outer = mapNamed(object, "outer");
  CHECK(outer.valueSize == 4);
  REQUIRE(outer.innerMap.has_value());
  const Map &inner = object.maps[*outer.innerMap];
  CHECK(inner.name == "outer.inner");
  CHECK(inner.innerTemplate);
  CHECK(object::mapTypeName(inner.type) == "array");
  CHECK(inner.maxEntries == 1);
  CHECK(inner.valueSize == 8);
  CHECK(outer.initialSlots ==
        std::vector<int32_t>{mapIndex(object, "inner_a"), -1, mapIndex(object, "inner_b")});

  const Map &jumps = mapNamed(object, "jumps");
  CHECK(object::mapTypeName(jumps.type) == "prog_array");
  CHECK(jumps.valueSize == 4);
  int32_t tailA = static_cast<int32_t>(&progNamed(object, "tail_a") - object.programs.data());
  CHECK(jumps.initialSlots == std::vector<int32_t>{-1, tailA});
}

TEST_CASE("global data maps: internal names, contents, flags") {
  Object object = load("globals_data");
  CHECK(object.name == "globals_data");
  std::vector<std::string> names;
  for (const Map &map : object.maps)
    names.push_back(map.name);
  // internal_map_name(): 8 characters of the object name + ".data"/".rodata"/".bss"; custom
  // sections keep their own name; in ELF section order.
  CHECK(names == std::vector<std::string>{"globals_.data", "globals_.rodata", ".data.custom",
                                          ".rodata.config", "globals_.bss", ".rodata.str1.1"});
  const Map &data = mapNamed(object, "globals_.data");
  CHECK(data.origin == object::MapOrigin::Data);
  CHECK(object::mapTypeName(data.type) == "array");
  CHECK(data.keySize == 4);
  CHECK(data.maxEntries == 1);
  CHECK(data.valueSize == 12);
  CHECK(data.flags == BPF_F_MMAPABLE);
  CHECK_FALSE(data.frozen);
  REQUIRE(data.initialValue.size() == 12);
  CHECK(llvm::support::endian::read64le(data.initialValue.data()) == 7);     // hits
  CHECK(llvm::support::endian::read32le(data.initialValue.data() + 8) == 3); // ratio
  const Map &rodata = mapNamed(object, "globals_.rodata");
  CHECK(rodata.frozen);
  CHECK(rodata.flags == (BPF_F_RDONLY_PROG | BPF_F_MMAPABLE));
  CHECK(rodata.valueTypeId != 0);
  const Map &strings = mapNamed(object, ".rodata.str1.1");
  CHECK(strings.flags == BPF_F_RDONLY_PROG); // no DATASEC: not mmapable
  CHECK(strings.valueTypeId == 0);
  const Map &bss = mapNamed(object, "globals_.bss");
  CHECK(bss.origin == object::MapOrigin::Bss);
  CHECK(bss.valueSize == 24);
  CHECK(std::all_of(bss.initialValue.begin(), bss.initialValue.end(),
                    [](uint8_t b) { return b == 0; }));
  CHECK(llvm::support::endian::read64le(mapNamed(object, ".data.custom").initialValue.data()) ==
        42);
  CHECK(object.license == "GPL");
}

TEST_CASE("kconfig externs: layout and values as libbpf writes them") {
  Object object = load("globals_kconfig", &shippedTarget(), referenceLoadOptions());
  const Map &kconfig = mapNamed(object, "globals.kconfig");
  CHECK(kconfig.origin == object::MapOrigin::Kconfig);
  CHECK(kconfig.frozen);
  CHECK(kconfig.flags == (BPF_F_RDONLY_PROG | BPF_F_MMAPABLE));
  // cmp_externs: alignment 8, then 4 (by size, then name), then 1.
  CHECK(externNamed(object, "CONFIG_NR_CPUS").kconfigOffset == 0);
  CHECK(externNamed(object, "CONFIG_BPFVERIFY_NOT_THERE").kconfigOffset == 8);
  CHECK(externNamed(object, "CONFIG_BPF_JIT").kconfigOffset == 12);
  CHECK(externNamed(object, "CONFIG_HZ").kconfigOffset == 16);
  CHECK(externNamed(object, "LINUX_KERNEL_VERSION").kconfigOffset == 20);
  CHECK(externNamed(object, "CONFIG_BPF_SYSCALL").kconfigOffset == 24);
  CHECK(externNamed(object, "LINUX_HAS_BPF_COOKIE").kconfigOffset == 25);
  CHECK(externNamed(object, "CONFIG_DEFAULT_HOSTNAME").kconfigOffset == 26);
  REQUIRE(kconfig.valueSize == 34);
  const uint8_t *v = kconfig.initialValue.data();
  using namespace llvm::support::endian;
  CHECK(read64le(v) == 256);
  CHECK(read32le(v + 8) == 0);  // weak, missing: zero
  CHECK(read32le(v + 12) == 1); // TRI_YES
  CHECK(read32le(v + 16) == 250);
  CHECK(read32le(v + 20) == ((6u << 16) | (18u << 8) | 44u));
  CHECK(v[24] == 1);
  CHECK(v[25] == 1);
  CHECK(std::memcmp(v + 26, "(none)\0\0", 8) == 0);
  CHECK_FALSE(externNamed(object, "CONFIG_BPFVERIFY_NOT_THERE").resolved);
  CHECK(externNamed(object, "CONFIG_HZ").resolved);

  // Without a value for a strong CONFIG_ extern: libbpf's "not resolved" error.
  auto missing = object::loadObject(progPath("globals_kconfig"), &shippedTarget(), {});
  REQUIRE_FALSE(static_cast<bool>(missing));
  std::string message = errorMessage(missing.takeError());
  CHECK_THAT(message, Catch::StartsWith(progPath("globals_kconfig") + ": "));
  CHECK_THAT(message, Catch::Contains("(strong): not resolved"));

  object::LoadOptions badBool = referenceLoadOptions();
  badBool.kconfig["CONFIG_BPF_SYSCALL"] = "m";
  auto bad = object::loadObject(progPath("globals_kconfig"), &shippedTarget(), badBool);
  REQUIRE_FALSE(static_cast<bool>(bad));
  CHECK_THAT(errorMessage(bad.takeError()),
             Catch::Contains("'CONFIG_BPF_SYSCALL': value 'm' implies tristate or char type"));
}

TEST_CASE("ksyms: typed, untyped, weak missing; null target") {
  Object object = load("ksym_vars");
  const object::ExternInfo &runqueues = externNamed(object, "runqueues");
  CHECK(runqueues.kind == object::ExternInfo::Kind::KsymVar);
  CHECK(runqueues.resolved);
  CHECK(runqueues.module == 0);
  CHECK(runqueues.targetBtfId ==
        shippedTarget().vmlinux->findByNameKind("runqueues", btf::Kind::Var));
  CHECK(externNamed(object, "init_task").kind == object::ExternInfo::Kind::KsymUntyped);
  CHECK_FALSE(externNamed(object, "bpfverify_no_such_var").resolved);
  CHECK(std::any_of(object.notes.begin(), object.notes.end(), [](const std::string &n) {
    return n.find("'init_task': untyped") != std::string::npos;
  }));
  // libbpf rewrites ksym VARs to ints before loading the BTF: so do we.
  const btf::Btf &btf = *object.btf;
  auto var = btf.findByNameKind("runqueues", btf::Kind::Var);
  REQUIRE(var);
  CHECK(btf.type(btf.type(*var).type).kind == btf::Kind::Int);
  CHECK(btf.type(*var).linkage == btf::LinkageGlobal);

  auto noTarget = object::loadObject(progPath("ksym_vars"), nullptr, {});
  REQUIRE_FALSE(static_cast<bool>(noTarget));
  CHECK_THAT(errorMessage(noTarget.takeError()),
             Catch::Contains("'bpf_prog_active': needs a target kernel BTF"));
}

TEST_CASE("kfuncs and BTF attach targets") {
  Object object = load("kfunc_calls");
  const object::ExternInfo &acquire = externNamed(object, "bpf_task_acquire");
  CHECK(acquire.kind == object::ExternInfo::Kind::Kfunc);
  CHECK(acquire.targetBtfId ==
        shippedTarget().vmlinux->findByNameKind("bpf_task_acquire", btf::Kind::Func));
  CHECK_FALSE(externNamed(object, "bpfverify_no_such_kfunc").resolved);
  const object::Program &prog = progNamed(object, "on_newtask");
  CHECK(object::progTypeName(prog.progType) == "tracing");
  CHECK(prog.attachBtfId ==
        shippedTarget().vmlinux->findByNameKind("btf_trace_task_newtask", btf::Kind::Typedef));
}

TEST_CASE("section semantics on programs") {
  Object object = load("sec_names");
  CHECK(object.programs.size() == 14);
  CHECK_FALSE(progNamed(object, "xdp_optional").autoload);
  CHECK(progNamed(object, "xdp_optional").sectionName == "xdp");
  CHECK(progNamed(object, "xdp_frags").progFlags == object::BPF_F_XDP_HAS_FRAGS);
  const object::Program &sleepy = progNamed(object, "sleepy_fentry");
  CHECK(sleepy.sleepable);
  CHECK(sleepy.progFlags == object::BPF_F_SLEEPABLE);
  CHECK(sleepy.attachBtfId ==
        shippedTarget().vmlinux->findByNameKind("do_unlinkat", btf::Kind::Func));
  CHECK(progNamed(object, "lsm_open").attachBtfId ==
        shippedTarget().vmlinux->findByNameKind("bpf_lsm_file_open", btf::Kind::Func));
  const object::Program &tcx = progNamed(object, "tcx_in");
  CHECK(object::progTypeName(tcx.progType) == "sched_cls");
  CHECK(object::attachTypeName(tcx.expectedAttachType) == "tcx_ingress");
  // Without a target, BTF attach targets stay 0 with a note.
  Object offline = load("sec_names", nullptr);
  CHECK(progNamed(offline, "sleepy_fentry").attachBtfId == 0);
  CHECK_FALSE(offline.notes.empty());
}

TEST_CASE("CO-RE relocations need a target") {
  // vmlinux.h marks context structs preserve_access_index: skb->len is a CO-RE access.
  auto loaded = object::loadObject(progPath("reloc_calls"), nullptr, {});
  REQUIRE_FALSE(static_cast<bool>(loaded));
  CHECK_THAT(errorMessage(loaded.takeError()),
             Catch::Contains("CO-RE relocations (5, first in section 'tc') need a target"));
}

TEST_CASE("subprogram order and hidden functions made static") {
  Object object = load("reloc_calls");
  auto names = [&](const std::string &prog) {
    std::vector<std::string> out;
    for (const auto &[name, offset] : progNamed(object, prog).subprograms)
      out.push_back(name);
    return out;
  };
  CHECK(names("main_a") == std::vector<std::string>{"sub_a", "sub_b", "global_helper"});
  CHECK(names("main_c") == std::vector<std::string>{"sub_c", "sub_b", "hidden_helper"});
  CHECK(names("with_callbacks") == std::vector<std::string>{"loop_body", "sum_elem"});
  auto hidden = object.btf->findByNameKind("hidden_helper", btf::Kind::Func);
  REQUIRE(hidden);
  CHECK(object.btf->type(*hidden).linkage == btf::LinkageStatic);
  CHECK(object.staticFuncIds == std::vector<uint32_t>{*hidden});
  auto global = object.btf->findByNameKind("global_helper", btf::Kind::Func);
  REQUIRE(global);
  CHECK(object.btf->type(*global).linkage == btf::LinkageGlobal);
  // Every program's func_info starts at instruction 0 and covers each appended subprogram.
  for (const object::Program &prog : object.programs) {
    REQUIRE(prog.funcInfo.size() == prog.subprograms.size() + 1);
    CHECK(prog.funcInfo[0].insnOffset == 0);
    for (size_t i = 0; i < prog.subprograms.size(); ++i)
      CHECK(prog.funcInfo[i + 1].insnOffset == prog.subprograms[i].second);
  }
}

// ---- malformed input -------------------------------------------------------------------

namespace {

using ElfImpl = llvm::object::ELFFile<llvm::object::ELF64LE>;

std::vector<uint8_t> readBytes(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  return std::vector<uint8_t>((*buffer)->getBufferStart(), (*buffer)->getBufferEnd());
}

/// The file offset of a section header and of its contents.
struct SectionLoc {
  uint64_t headerOffset, contentOffset;
};
SectionLoc locate(const std::vector<uint8_t> &bytes, llvm::StringRef name) {
  auto elf =
      ElfImpl::create(llvm::StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
  REQUIRE(static_cast<bool>(elf));
  auto sections = elf->sections();
  REQUIRE(static_cast<bool>(sections));
  auto strtab = elf->getSectionStringTable(*sections);
  REQUIRE(static_cast<bool>(strtab));
  for (size_t i = 0; i < sections->size(); ++i) {
    auto secName = elf->getSectionName((*sections)[i], *strtab);
    if (secName && *secName == name)
      return {elf->getHeader().e_shoff + i * sizeof(ElfImpl::Elf_Shdr), (*sections)[i].sh_offset};
  }
  FAIL("no section " << name.str());
  return {};
}

uint64_t symbolOffset(const std::vector<uint8_t> &bytes, llvm::StringRef name) {
  SectionLoc symtab = locate(bytes, ".symtab");
  auto elf =
      ElfImpl::create(llvm::StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
  auto sections = elf->sections();
  for (const auto &sec : *sections) {
    if (sec.sh_type != llvm::ELF::SHT_SYMTAB)
      continue;
    auto syms = elf->symbols(&sec);
    auto strtab = elf->getStringTableForSymtab(sec, *sections);
    for (size_t i = 0; i < syms->size(); ++i) {
      auto symName = (*syms)[i].getName(*strtab);
      if (symName && *symName == name)
        return symtab.contentOffset + i * sizeof(ElfImpl::Elf_Sym);
    }
  }
  FAIL("no symbol " << name.str());
  return 0;
}

std::string loadError(const std::vector<uint8_t> &bytes) {
  auto loaded = object::loadObjectFromBuffer(bytes, "mutant.bpf.o", &shippedTarget(), {});
  REQUIRE_FALSE(static_cast<bool>(loaded));
  std::string message = errorMessage(loaded.takeError());
  CHECK_THAT(message, Catch::StartsWith("mutant.bpf.o"));
  return message;
}

} // namespace

TEST_CASE("malformed ELF input is an error naming the file") {
  using namespace llvm::support::endian;
  const std::vector<uint8_t> original = readBytes(progPath("reloc_calls"));
  auto ok = object::loadObjectFromBuffer(original, "ok.bpf.o", &shippedTarget(), {});
  REQUIRE(static_cast<bool>(ok));

  SECTION("not ELF") {
    CHECK_THAT(loadError({'h', 'e', 'l', 'l', 'o'}), Catch::Contains("not an ELF file"));
  }
  SECTION("wrong machine") {
    std::vector<uint8_t> bytes = original;
    write16le(&bytes[18], 62); // EM_X86_64
    CHECK_THAT(loadError(bytes), Catch::Contains("not a BPF object"));
  }
  SECTION("truncated") {
    std::vector<uint8_t> bytes(original.begin(), original.begin() + original.size() / 2);
    loadError(bytes);
  }
  SECTION("section contents out of the file") {
    std::vector<uint8_t> bytes = original;
    SectionLoc tc = locate(bytes, "tc");
    write64le(&bytes[tc.headerOffset + 24], uint64_t(1) << 40); // sh_offset
    CHECK_THAT(loadError(bytes), Catch::Contains("section 'tc'"));
  }
  SECTION("relocation offset not on an instruction") {
    std::vector<uint8_t> bytes = original;
    SectionLoc rel = locate(bytes, ".reltc");
    write64le(&bytes[rel.contentOffset], read64le(&bytes[rel.contentOffset]) + 4);
    CHECK_THAT(loadError(bytes), Catch::Contains("invalid offset"));
  }
  SECTION("relocation offset past its section") {
    std::vector<uint8_t> bytes = original;
    SectionLoc rel = locate(bytes, ".reltc");
    write64le(&bytes[rel.contentOffset], 0x100000);
    CHECK_THAT(loadError(bytes), Catch::Contains("invalid offset"));
  }
  SECTION("relocation symbol out of range") {
    std::vector<uint8_t> bytes = original;
    SectionLoc rel = locate(bytes, ".reltc");
    uint64_t info = read64le(&bytes[rel.contentOffset + 8]);
    write64le(&bytes[rel.contentOffset + 8], (uint64_t(0xffff) << 32) | (info & 0xffffffff));
    CHECK_THAT(loadError(bytes), Catch::Contains("out of range"));
  }
  SECTION("program size not a multiple of 8") {
    std::vector<uint8_t> bytes = original;
    uint64_t sym = symbolOffset(bytes, "main_a");
    write64le(&bytes[sym + 16], 12); // st_size
    CHECK_THAT(loadError(bytes), Catch::Contains("corrupted program 'main_a'"));
  }
  SECTION("program crossing its section") {
    std::vector<uint8_t> bytes = original;
    uint64_t sym = symbolOffset(bytes, "main_a");
    write64le(&bytes[sym + 16], 0x10000);
    CHECK_THAT(loadError(bytes), Catch::Contains("crosses section boundary"));
  }
  SECTION("symbol pointing to a missing section") {
    std::vector<uint8_t> bytes = original;
    uint64_t sym = symbolOffset(bytes, "main_a");
    write16le(&bytes[sym + 6], 200); // st_shndx
    CHECK_THAT(loadError(bytes), Catch::Contains("points to section #200"));
  }
}

TEST_CASE("exception callback appended after the called subprograms") {
  Object object = load("reloc_exception");
  const object::Program &prog = progNamed(object, "may_throw");
  REQUIRE(prog.subprograms.size() == 2);
  CHECK(prog.subprograms[0].first == "helper");
  CHECK(prog.subprograms[1].first == "on_exception");
  // Appended code ends the program, and its func_info record points at its first instruction.
  REQUIRE(prog.funcInfo.size() == 3);
  CHECK(prog.funcInfo[2].insnOffset == prog.subprograms[1].second);
  CHECK(externNamed(object, "bpf_throw").resolved);
}

namespace {

// A split BTF on the shipped vmlinux defining `void bpfverify_mod_kfunc(void)`.
std::string writeModuleBtf(const btf::Btf &vmlinux) {
  using namespace llvm::support::endian;
  const std::string name = "bpfverify_mod_kfunc";
  std::vector<uint8_t> strings(1, 0);
  strings.insert(strings.end(), name.begin(), name.end());
  strings.push_back(0);
  uint32_t protoId = vmlinux.endId();
  std::vector<uint8_t> types(24);
  write32le(&types[0], 0);
  write32le(&types[4], 13u << 24); // FUNC_PROTO, no parameters
  write32le(&types[8], 0);         // returns void
  write32le(&types[12], vmlinux.stringEnd() + 1);
  write32le(&types[16], 12u << 24 | 1); // FUNC, global
  write32le(&types[20], protoId);
  std::vector<uint8_t> blob(24);
  write16le(&blob[0], 0xeB9F);
  blob[2] = 1;
  write32le(&blob[4], 24);
  write32le(&blob[8], 0);
  write32le(&blob[12], static_cast<uint32_t>(types.size()));
  write32le(&blob[16], static_cast<uint32_t>(types.size()));
  write32le(&blob[20], static_cast<uint32_t>(strings.size()));
  blob.insert(blob.end(), types.begin(), types.end());
  blob.insert(blob.end(), strings.begin(), strings.end());
  std::string path = BPFVERIFY_BINARY_DIR "/tests/object/bpfverify_mod.btf";
  std::FILE *file = std::fopen(path.c_str(), "wb");
  REQUIRE(file);
  std::fwrite(blob.data(), 1, blob.size(), file);
  std::fclose(file);
  return path;
}

} // namespace

TEST_CASE("kfunc defined by a module: off is the 1-based module index") {
  std::string modulePath = writeModuleBtf(*shippedTarget().vmlinux);
  auto withModule =
      btf::Target::load(BPFVERIFY_BINARY_DIR "/testdata/vmlinux-6.18.btf", {modulePath});
  if (!withModule)
    FAIL(errorMessage(withModule.takeError()));
  REQUIRE(withModule->modules.size() == 1);
  auto funcId = withModule->modules[0].btf->findByNameKind("bpfverify_mod_kfunc", btf::Kind::Func);
  REQUIRE(funcId);

  Object object = load("kfunc_module", &*withModule);
  const object::ExternInfo &ext = externNamed(object, "bpfverify_mod_kfunc");
  CHECK(ext.resolved);
  CHECK(ext.module == 1);
  CHECK(ext.targetBtfId == *funcId);
  const object::Program &prog = progNamed(object, "call_module_kfunc");
  auto call = std::find_if(prog.insns.begin(), prog.insns.end(), [](const isa::Insn &insn) {
    return insn.code == (isa::BPF_JMP | isa::BPF_CALL) && insn.src == isa::BPF_PSEUDO_KFUNC_CALL;
  });
  REQUIRE(call != prog.insns.end());
  CHECK(call->imm == static_cast<int32_t>(*funcId));
  CHECK(call->off == 1);

  // vmlinux alone does not have it: a strong kfunc is an error naming it.
  auto missing = object::loadObject(progPath("kfunc_module"), &shippedTarget(), {});
  REQUIRE_FALSE(static_cast<bool>(missing));
  CHECK_THAT(errorMessage(missing.takeError()),
             Catch::Contains("'bpfverify_mod_kfunc': not found in kernel or module BTFs"));
}
