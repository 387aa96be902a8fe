// Our relocated programs against what libbpf handed the kernel for the same objects: the
// BPF_PROG_LOAD attributes recorded by scripts/kernel-oracle (libbpf 1.1, Linux 6.18) into
// testdata/expect/libbpf-insns/<object>.json, with map fds replaced by map names.

#include "shipped_target.h"

#include "btf/target.h"
#include "lib/object/object.h"
#include "lib/object/uapi_enums.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace bpfverify;
using nlohmann::json;

namespace {

json readGolden(const std::string &object) {
  std::ifstream in(BPFVERIFY_SOURCE_DIR "/testdata/expect/libbpf-insns/" + object + ".json");
  REQUIRE(in.good());
  return json::parse(in);
}

object::Object loadTestObject(const std::string &name) {
  auto loaded = object::loadObject(BPFVERIFY_BINARY_DIR "/testdata/progs/" + name + ".bpf.o",
                                   &shippedTarget(), referenceLoadOptions());
  if (!loaded)
    FAIL(errorMessage(loaded.takeError()));
  return std::move(*loaded);
}

std::string describe(const isa::Insn &insn) {
  std::ostringstream out;
  out << "{code " << int(insn.code) << " dst " << int(insn.dst) << " src " << int(insn.src)
      << " off " << insn.off << " imm " << insn.imm << "}";
  return out.str();
}

/// Compares every program libbpf loaded; returns how many were compared.
size_t poisonedKfuncs = 0;

size_t compareWithGolden(const std::string &name) {
  object::Object object = loadTestObject(name);
  json golden = readGolden(name);
  size_t compared = 0;
  for (const json &expected : golden["programs"]) {
    if (!expected.value("loaded", false) || !expected.contains("insns"))
      continue; // libbpf 1.1 could not load it (e.g. a section name it does not know)
    std::string progName = expected["name"];
    INFO("object " << name << " program " << progName);
    auto it = std::find_if(object.programs.begin(), object.programs.end(),
                           [&](const object::Program &p) { return p.name == progName; });
    REQUIRE(it != object.programs.end());
    const object::Program &prog = *it;
    CHECK(object::progTypeName(prog.progType) == expected["prog_type"].get<std::string>());
    CHECK(prog.progFlags == expected["prog_flags"].get<uint32_t>());
    CHECK(prog.attachBtfId == expected["attach_btf_id"].get<uint32_t>());

    const json &insns = expected["insns"];
    REQUIRE(prog.insns.size() == insns.size());
    for (size_t i = 0; i < insns.size(); ++i) {
      const json &e = insns[i];
      const isa::Insn &ours = prog.insns[i];
      INFO("insn " << i << " ours " << describe(ours) << " libbpf " << e.dump());
      // Known divergence, we follow current libbpf: an unresolved weak kfunc call is poisoned
      // (poison_kfunc_call, libbpf >= 1.2: call helper 2002000000 + extern index) where
      // libbpf 1.1 left BPF_PSEUDO_KFUNC_CALL with imm 0.
      if (e["code"] == (isa::BPF_JMP | isa::BPF_CALL) && e["src"] == isa::BPF_PSEUDO_KFUNC_CALL &&
          e["imm"] == 0) {
        CHECK(ours.code == (isa::BPF_JMP | isa::BPF_CALL));
        CHECK(ours.src == 0);
        CHECK(ours.imm >= 2002000000);
        CHECK(ours.imm < 2002000000 + int32_t(object.externs.size()));
        ++poisonedKfuncs;
        continue;
      }
      CHECK(ours.code == e["code"].get<int>());
      CHECK(ours.dst == e["dst"].get<int>());
      CHECK(ours.src == e["src"].get<int>());
      CHECK(ours.off == e["off"].get<int>());
      if (e.contains("map")) {
        // libbpf wrote the map's fd; we write its index into Object::maps.
        REQUIRE(ours.imm >= 0);
        REQUIRE(size_t(ours.imm) < object.maps.size());
        CHECK(object.maps[ours.imm].name == e["map"].get<std::string>());
      } else {
        CHECK(ours.imm == e["imm"].get<int>());
      }
    }
    const json &funcInfo = expected["func_info"];
    REQUIRE(prog.funcInfo.size() == funcInfo.size());
    for (size_t i = 0; i < funcInfo.size(); ++i) {
      CHECK(prog.funcInfo[i].insnOffset == funcInfo[i]["insn_off"].get<uint32_t>());
      CHECK(prog.funcInfo[i].typeId == funcInfo[i]["type_id"].get<uint32_t>());
    }
    const json &lineInfo = expected["line_info"];
    REQUIRE(prog.lineInfo.size() == lineInfo.size());
    for (size_t i = 0; i < lineInfo.size(); ++i) {
      CHECK(prog.lineInfo[i].insnOffset == lineInfo[i]["insn_off"].get<uint32_t>());
      CHECK(prog.lineInfo[i].fileNameOffset == lineInfo[i]["file_name_off"].get<uint32_t>());
      CHECK(prog.lineInfo[i].lineOffset == lineInfo[i]["line_off"].get<uint32_t>());
      CHECK(prog.lineInfo[i].line == lineInfo[i]["line"].get<uint32_t>());
      CHECK(prog.lineInfo[i].column == lineInfo[i]["column"].get<uint32_t>());
    }
    ++compared;
  }
  return compared;
}

} // namespace

TEST_CASE("libbpf golden: maps of every kind") {
  CHECK(compareWithGolden("maps_kinds") == 3);
}
TEST_CASE("libbpf golden: global data sections") {
  CHECK(compareWithGolden("globals_data") == 2);
}
TEST_CASE("libbpf golden: kconfig externs") {
  CHECK(compareWithGolden("globals_kconfig") == 1);
}
TEST_CASE("libbpf golden: subprograms and callbacks") {
  CHECK(compareWithGolden("reloc_calls") == 4);
}
TEST_CASE("libbpf golden: ksym variables") {
  CHECK(compareWithGolden("ksym_vars") == 1);
}
TEST_CASE("libbpf golden: kfunc calls") {
  CHECK(compareWithGolden("kfunc_calls") == 1);
}
TEST_CASE("libbpf golden: section names") {
  CHECK(compareWithGolden("sec_names") == 13);
}
TEST_CASE("libbpf golden: example programs") {
  CHECK(compareWithGolden("example_map_oob") >= 1);
  CHECK(compareWithGolden("example_socket_filter") >= 1);
  CHECK(compareWithGolden("example_xdp_parser") >= 1);
  CHECK(compareWithGolden("example_kprobe_ringbuf") >= 1);
}

// CO-RE objects of the core helper, end to end through loadObject (CO-RE applied to section
// instructions before subprogram linking, as bpf_object__relocate does).
TEST_CASE("libbpf golden: CO-RE objects") {
  for (const char *name : {"core_bitfields", "core_direct", "core_enums", "core_fields",
                           "core_pruned", "core_types"}) {
    INFO(name);
    CHECK(compareWithGolden(name) >= 1);
  }
  // libbpf refuses the whole object ("relocation decision ambiguity"), and so do we.
  auto ambiguous = object::loadObject(BPFVERIFY_BINARY_DIR "/testdata/progs/core_ambiguous.bpf.o",
                                      &shippedTarget(), referenceLoadOptions());
  REQUIRE_FALSE(static_cast<bool>(ambiguous));
  CHECK_THAT(errorMessage(ambiguous.takeError()), Catch::Contains("ambiguity"));
  // Keep the document alive: a range-for over a member of a temporary would dangle.
  const json ambiguousGolden = readGolden("core_ambiguous");
  for (const json &program : ambiguousGolden["programs"])
    CHECK_FALSE(program["loaded"].get<bool>());
}
