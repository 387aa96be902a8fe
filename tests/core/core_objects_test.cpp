// CO-RE on real clang-built objects (testdata/progs/core_*.bpf.c) against the shipped 6.18
// BTF: resolved values checked against facts of that BTF (bpftool btf dump), and the patched
// programs compared instruction by instruction with what libbpf 1.1 handed the kernel
// (testdata/expect/libbpf-insns/core_*.json, recorded by scripts/kernel-oracle).
#include "btf/btf.h"
#include "btf/btf_ext.h"
#include "btf/core/core_explain.h"
#include "btf/core/core_relo.h"
#include "btf/target.h"
#include "lib/object/core_apply.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Object/ObjectFile.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

using namespace bpfverify;

namespace {

const std::string kProgDir = std::string(BPFVERIFY_BINARY_DIR) + "/testdata/progs/";
const std::string kExpectDir = std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/expect/";

const btf::Target &shippedTarget() {
  static btf::Target target = [] {
    auto vmlinux =
        btf::Btf::parseFile(std::string(BPFVERIFY_BINARY_DIR) + "/testdata/vmlinux-6.18.btf");
    if (!vmlinux)
      FAIL(errorMessage(vmlinux.takeError()));
    return btf::Target{std::shared_ptr<const btf::Btf>(std::move(*vmlinux)), {}};
  }();
  return target;
}

template <class T>
T take(llvm::Expected<T> value) {
  if (!value)
    FAIL(errorMessage(value.takeError()));
  return std::move(*value);
}

struct Function {
  std::string section;
  uint64_t offset = 0; // bytes into the section
};

// The parts of a BPF object CO-RE needs, read with LLVM's ELF reader.
struct BpfObject {
  std::string path;
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  std::unique_ptr<llvm::object::ObjectFile> elf;
  std::shared_ptr<const btf::Btf> btf;
  btf::BtfExt ext;
  std::map<std::string, std::vector<isa::Insn>> sections;
  std::map<std::string, Function> functions;

  explicit BpfObject(const std::string &stem) : path(kProgDir + stem + ".bpf.o") {
    auto buf = readInputFile(path);
    if (!buf)
      FAIL(errorMessage(buf.takeError()));
    buffer = std::move(*buf);
    auto obj = llvm::object::ObjectFile::createObjectFile(buffer->getMemBufferRef());
    if (!obj)
      FAIL(errorMessage(obj.takeError()));
    elf = std::move(*obj);
    llvm::StringRef btfData, extData;
    std::map<uint64_t, std::string> sectionNames;
    for (const auto &sec : elf->sections()) {
      llvm::StringRef name = take(sec.getName());
      llvm::StringRef contents = take(sec.getContents());
      sectionNames[sec.getIndex()] = name.str();
      if (name == ".BTF")
        btfData = contents;
      else if (name == ".BTF.ext")
        extData = contents;
      else if (sec.isText() && !contents.empty()) {
        std::vector<isa::Insn> insns(contents.size() / sizeof(isa::Insn));
        std::memcpy(insns.data(), contents.data(), insns.size() * sizeof(isa::Insn));
        sections[name.str()] = std::move(insns);
      }
    }
    auto parsed = btf::Btf::parse(llvm::arrayRefFromStringRef(btfData), path + ": .BTF");
    if (!parsed)
      FAIL(errorMessage(parsed.takeError()));
    btf = std::move(*parsed);
    auto e = btf::BtfExt::parse(llvm::arrayRefFromStringRef(extData), path, *btf);
    if (!e)
      FAIL(errorMessage(e.takeError()));
    ext = std::move(*e);
    for (const auto &sym : elf->symbols()) {
      auto type = take(sym.getType());
      llvm::StringRef name = take(sym.getName());
      auto sec = take(sym.getSection());
      uint64_t value = take(sym.getValue());
      if (type != llvm::object::SymbolRef::ST_Function || sec == elf->section_end())
        continue;
      functions[name.str()] = {sectionNames[sec->getIndex()], value};
    }
  }

  /// libbpf's order: .BTF.ext sections in order, one candidate cache for the object.
  llvm::Error relocate(std::vector<btf::core::CoreDecision> *decisions = nullptr) {
    btf::core::CandidateCache cache(shippedTarget());
    for (const auto &sec : ext.coreRelos) {
      auto it = sections.find(sec.sectionName);
      REQUIRE(it != sections.end());
      if (auto err = object::applyCoreRelocations(path, sec.sectionName, it->second, sec.records,
                                                  *btf, cache, decisions))
        return err;
    }
    return llvm::Error::success();
  }
};

nlohmann::json loadGolden(const std::string &stem) {
  std::ifstream in(kExpectDir + "libbpf-insns/" + stem + ".json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

std::string show(const isa::Insn &i) {
  char buf[96];
  snprintf(buf, sizeof(buf), "{code 0x%02x dst %u src %u off %d imm %d}", i.code, i.dst, i.src,
           i.off, i.imm);
  return buf;
}

// Every program in the golden must equal our relocated section slice. The test programs have
// no subprograms, maps or globals, so libbpf's final instructions are the CO-RE-patched
// function body exactly.
size_t compareWithLibbpf(const std::string &stem) {
  BpfObject obj(stem);
  auto err = obj.relocate();
  INFO(stem);
  REQUIRE(errorMessage(std::move(err)).empty());
  nlohmann::json golden = loadGolden(stem);
  CHECK(golden["libbpf_version"] == "v1.1");
  size_t compared = 0;
  for (const auto &prog : golden["programs"]) {
    std::string name = prog["name"];
    INFO("program " << name);
    REQUIRE(prog["loaded"] == true);
    auto fn = obj.functions.find(name);
    REQUIRE(fn != obj.functions.end());
    CHECK(fn->second.section == prog["section"]);
    const auto &insns = obj.sections[fn->second.section];
    size_t start = fn->second.offset / sizeof(isa::Insn);
    const auto &expect = prog["insns"];
    REQUIRE(start + expect.size() <= insns.size());
    for (size_t i = 0; i < expect.size(); ++i) {
      isa::Insn want;
      want.code = expect[i]["code"];
      want.dst = static_cast<uint8_t>(expect[i]["dst"].get<int>());
      want.src = static_cast<uint8_t>(expect[i]["src"].get<int>());
      want.off = expect[i]["off"];
      want.imm = expect[i]["imm"];
      INFO("insn #" << i);
      CHECK(show(insns[start + i]) == show(want));
    }
    ++compared;
  }
  return compared;
}

std::set<uint64_t> newValues(const std::vector<btf::core::CoreDecision> &decisions) {
  std::set<uint64_t> out;
  for (const auto &d : decisions)
    if (!d.result.poison)
      out.insert(d.result.newVal);
  return out;
}

size_t poisoned(const std::vector<btf::core::CoreDecision> &decisions) {
  // Poisoned by the result, or by a refused load/store size change while patching.
  return std::count_if(decisions.begin(), decisions.end(), [](const auto &d) {
    return d.after[0].code == (isa::BPF_JMP | isa::BPF_CALL) && d.after[0].imm == 0xbad2310;
  });
}

} // namespace

TEST_CASE("CO-RE objects patch exactly as libbpf 1.1 does", "[core][libbpf]") {
  CHECK(compareWithLibbpf("core_fields") == 3);
  CHECK(compareWithLibbpf("core_bitfields") == 1);
  CHECK(compareWithLibbpf("core_enums") == 1);
  CHECK(compareWithLibbpf("core_types") == 1);
  CHECK(compareWithLibbpf("core_direct") == 2);
  CHECK(compareWithLibbpf("core_pruned") == 1);
}

// Offsets below are from `bpftool btf dump file vmlinux-6.18.btf` (bits_offset / 8):
// task_struct [114] size 3264: flags 44, pid 1264, tgid 1268, real_parent 1280, comm 1752
// (char[16]); sched_reset_on_fork bit 9504, sched_contributes_to_load bit 9505,
// in_execve bit 9539 (unsigned int :1 each).
TEST_CASE("resolved field values are the shipped BTF's", "[core]") {
  BpfObject obj("core_fields");
  std::vector<btf::core::CoreDecision> decisions;
  REQUIRE(errorMessage(obj.relocate(&decisions)).empty());
  auto values = newValues(decisions);
  for (uint64_t v : {1264, 1268, 1280, 1755}) // pid, tgid, real_parent, &comm[3]
    CHECK(values.count(v));
  // core_guarded_missing: task_struct___old.state and not_in_kernel___x.b are poisoned.
  CHECK(poisoned(decisions) == 2);
  for (const auto &d : decisions) {
    if (d.result.poison) {
      CHECK(d.after[0].code == (isa::BPF_JMP | isa::BPF_CALL));
      CHECK(d.after[0].imm == 0xbad2310);
    }
    if (d.record.kind == btf::CoreReloKind::FieldExists && d.accessString == "0:0")
      CHECK(d.result.newVal == 0); // task_struct___old.state
  }
}

TEST_CASE("bitfield relocations follow the kernel's layout", "[core]") {
  BpfObject obj("core_bitfields");
  std::vector<btf::core::CoreDecision> decisions;
  REQUIRE(errorMessage(obj.relocate(&decisions)).empty());
  std::map<btf::CoreReloKind, std::set<uint64_t>> byKind;
  for (const auto &d : decisions)
    byKind[d.record.kind].insert(d.result.newVal);
  // Both bits live in the 4-byte word at 1188 (bits 9504..9535) or 1192 (9536..9567).
  CHECK(byKind[btf::CoreReloKind::FieldByteOffset] == std::set<uint64_t>{1188, 1192});
  CHECK(byKind[btf::CoreReloKind::FieldByteSize] == std::set<uint64_t>{4});
  // lshift = 64 - (bit - byte_off*8 + 1): 64 - 1 = 63 for bit 9504, 64 - 4 = 60 for bit 9539.
  CHECK(byKind[btf::CoreReloKind::FieldLShiftU64] == std::set<uint64_t>{63, 60});
  CHECK(byKind[btf::CoreReloKind::FieldRShiftU64] == std::set<uint64_t>{63});
  // The kernel's bits are unsigned, although the local in_execve is signed.
  CHECK(byKind[btf::CoreReloKind::FieldSigned] == std::set<uint64_t>{0});
}

TEST_CASE("enum and type relocations resolve to the shipped BTF's facts", "[core]") {
  BpfObject enums("core_enums");
  std::vector<btf::core::CoreDecision> decisions;
  REQUIRE(errorMessage(enums.relocate(&decisions)).empty());
  auto values = newValues(decisions);
  CHECK(values.count(2));                       // BPF_MAP_TYPE_ARRAY (uapi)
  CHECK(values.count(18446744073709551104ull)); // PERF_CONTEXT_USER, an ENUM64 value
  CHECK(poisoned(decisions) == 1);              // BPF_MAP_TYPE_NOPE___x's value

  BpfObject types("core_types");
  decisions.clear();
  REQUIRE(errorMessage(types.relocate(&decisions)).empty());
  std::map<std::pair<btf::CoreReloKind, std::string>, uint64_t> byType;
  for (const auto &d : decisions) {
    const auto &t = types.btf->type(d.record.typeId);
    byType[{d.record.kind, std::string(t.name)}] = d.result.newVal;
  }
  using K = btf::CoreReloKind;
  CHECK(byType[{K::TypeExists, "task_struct"}] == 1);
  CHECK(byType[{K::TypeExists, "not_in_kernel___x"}] == 0);
  CHECK(byType[{K::TypeSize, "task_struct"}] == 3264);
  CHECK(byType[{K::TypeIdTarget, "task_struct"}] == 114);
  CHECK(byType[{K::TypeIdTarget, "not_in_kernel___x"}] == 0);
  CHECK(byType[{K::TypeMatches, "task_struct___match"}] == 1);
  CHECK(byType[{K::TypeMatches, "task_struct___nomatch"}] == 0);
  CHECK(byType[{K::TypeSize, "pid_t"}] == 4);
  CHECK(byType[{K::TypeSize, "perf_callchain_context"}] == 8);
}

TEST_CASE("ambiguous candidates fail like libbpf", "[core]") {
  // libbpf 1.1 on this object: "prog 'core_ambiguous': relo #0: relocation decision
  // ambiguity: success 48 != success 40" (testdata/expect/kernel/core_ambiguous.json).
  BpfObject obj("core_ambiguous");
  std::string msg = errorMessage(obj.relocate());
  CHECK(msg == obj.path + ": section 'kprobe/do_nanosleep': CO-RE relo #0: relocation "
                          "decision ambiguity: success 48 != success 40");
  nlohmann::json golden = loadGolden("core_ambiguous");
  CHECK(golden["programs"][0]["loaded"] == false);
}

TEST_CASE("direct loads: widened and poisoned size changes", "[core]") {
  BpfObject obj("core_direct");
  std::vector<btf::core::CoreDecision> decisions;
  REQUIRE(errorMessage(obj.relocate(&decisions)).empty());
  bool widened = false;
  for (const auto &d : decisions) {
    if (d.result.newVal == 44 && d.result.origSize == 2 && d.result.newSize == 4) {
      widened = true;
      CHECK(d.after[0].code == (isa::BPF_LDX | isa::BPF_MEM | isa::BPF_W));
      CHECK(d.after[0].off == 44);
    }
  }
  CHECK(widened);
  CHECK(poisoned(decisions) == 1); // the signed 2-byte view of pid
}

TEST_CASE("decisions explain themselves in libbpf's words", "[core]") {
  BpfObject obj("core_fields");
  std::vector<btf::core::CoreDecision> decisions;
  REQUIRE(errorMessage(obj.relocate(&decisions)).empty());
  bool sawPid = false, sawPoison = false;
  for (const auto &d : decisions) {
    auto lines = btf::core::explainDecision(d);
    std::string all;
    for (const auto &l : lines)
      all += l + "\n";
    INFO(all);
    if (all.find("matching candidate #0 <byte_off> [114] struct task_struct.pid (") !=
        std::string::npos) {
      sawPid = true;
      CHECK(all.find(" @ offset 1264)") != std::string::npos);
      CHECK(all.find("(ALU/ALU64) imm 1264 -> 1264") != std::string::npos);
    }
    if (d.result.poison && d.record.kind == btf::CoreReloKind::FieldByteOffset &&
        std::string(obj.btf->type(d.record.typeId).name) == "task_struct___old") {
      sawPoison = true;
      CHECK(lines.back() == "relo #" + std::to_string(d.reloIndex) + ": substituting insn #" +
                                std::to_string(d.insnIndex) + " w/ invalid insn");
      CHECK(all.find("no matching targets found") != std::string::npos);
      CHECK(btf::core::failedRelocationLogText(7, *obj.btf, d.record) ==
            "7: <invalid CO-RE relocation>\nfailed to resolve CO-RE relocation <byte_off> [" +
                std::to_string(d.record.typeId) +
                "] struct task_struct___old.state (0:0 @ offset 0)\n");
    }
  }
  CHECK(sawPid);
  CHECK(sawPoison);
}

TEST_CASE("the test objects exercise every relocation kind and instruction form", "[core]") {
  std::set<uint32_t> kinds;
  std::set<uint8_t> classes;
  bool poisonedLdImm64 = false;
  for (const char *stem : {"core_fields", "core_bitfields", "core_enums", "core_types",
                           "core_direct", "core_pruned"}) {
    BpfObject obj(stem);
    std::vector<btf::core::CoreDecision> decisions;
    REQUIRE(errorMessage(obj.relocate(&decisions)).empty());
    for (const auto &d : decisions) {
      kinds.insert(static_cast<uint32_t>(d.record.kind));
      classes.insert(d.before[0].cls());
      poisonedLdImm64 |= isa::isLdImm64(d.before[0]) && d.after[1].imm == 0xbad2310;
    }
  }
  CHECK(kinds.size() == 13); // FIELD_BYTE_OFFSET (0) .. TYPE_MATCHES (12)
  CHECK(classes.count(isa::BPF_ALU64));
  CHECK(classes.count(isa::BPF_LDX));
  CHECK(classes.count(isa::BPF_LD)); // ld_imm64: enum values
  CHECK(poisonedLdImm64);            // both slots of a poisoned ld_imm64
}

TEST_CASE("a refused size change reads as in libbpf 1.1's warning and log fixup", "[core]") {
  // libbpf 1.1 loading core_direct_signed alone printed:
  //   prog 'core_direct_signed': relo #8: insn #1 (LDX/ST/STX) accesses field incorrectly. ...
  // and rewrote the verifier log's poisoned call to:
  //   1: <invalid CO-RE relocation>
  //   failed to resolve CO-RE relocation <byte_off> [331] struct task_struct___narrow_signed.pid
  //   (0:0 @ offset 0)
  BpfObject obj("core_direct");
  std::vector<btf::core::CoreDecision> decisions;
  REQUIRE(errorMessage(obj.relocate(&decisions)).empty());
  const btf::core::CoreDecision *refused = nullptr;
  for (const auto &d : decisions)
    if (d.result.failMemszAdjust)
      refused = &d;
  REQUIRE(refused);
  uint32_t progStart = obj.functions["core_direct_signed"].offset / sizeof(isa::Insn);
  CHECK(refused->reloIndex == 8);
  CHECK(refused->insnIndex - progStart == 1);
  CHECK(refused->note == "relo #8: insn #" + std::to_string(refused->insnIndex) +
                             " (LDX/ST/STX) accesses field incorrectly. Make sure you are "
                             "accessing pointers, unsigned integers, or fields of matching type "
                             "and size.");
  CHECK(btf::core::failedRelocationLogText(1, *obj.btf, refused->record) ==
        "1: <invalid CO-RE relocation>\nfailed to resolve CO-RE relocation <byte_off> [331] "
        "struct task_struct___narrow_signed.pid (0:0 @ offset 0)\n");
}
