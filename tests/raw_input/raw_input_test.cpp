// Raw instruction input: files, program types and the map-reference conversion to the object
// model's convention (lib/object/object.h).

#include "lib/object/raw/raw_input.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::isa;
using namespace bpfverify::object;
using namespace bpfverify::object::raw;

namespace {

std::string dataPath(const std::string &name) {
  return std::string(BPFVERIFY_SOURCE_DIR) + "/tests/raw_input/data/" + name;
}

RawInputOptions lookupOptions() {
  RawInputOptions options;
  options.instructionsPath = dataPath("lookup.bin");
  options.progType = "xdp";
  options.mapsPath = dataPath("maps.json");
  return options;
}

std::vector<Map> threeMaps() {
  auto maps = parseRawMaps(R"([{"type": "array", "key_size": 4, "value_size": 8,
                                "max_entries": 1, "fd": 3},
                               {"type": "array", "key_size": 4, "value_size": 8,
                                "max_entries": 1, "fd": 4},
                               {"type": "hash", "key_size": 4, "value_size": 8,
                                "max_entries": 8}])",
                           "maps.json");
  REQUIRE(!!maps);
  return std::move(*maps);
}

} // namespace

TEST_CASE("a raw program becomes one Program with its maps", "[raw_input]") {
  auto object = loadRawInput(lookupOptions());
  REQUIRE(!!object);
  CHECK(object->path == dataPath("lookup.bin"));
  CHECK(object->license == "GPL");
  REQUIRE(object->programs.size() == 1);
  const Program &prog = object->programs[0];
  CHECK(prog.name == "lookup");
  CHECK(prog.progType == 6); // BPF_PROG_TYPE_XDP
  CHECK(prog.expectedAttachType == 0);
  CHECK(prog.insns.size() == 14);
  REQUIRE(object->maps.size() == 3);
  CHECK(object->maps[0].name == "counters");
  CHECK(object->maps[1].frozen);
}

TEST_CASE("map references are rewritten to map indices", "[raw_input]") {
  auto object = loadRawInput(lookupOptions());
  REQUIRE(!!object);
  const auto &insns = object->programs[0].insns;
  // insn 1: BPF_PSEUDO_MAP_FD with fd 7 -> "counters", index 0.
  CHECK(insns[1] == makeInsn(0x18, 1, BPF_PSEUDO_MAP_FD, 0, 0));
  CHECK(insns[2] == makeInsn(0, 0, 0, 0, 0));
  // insn 6: BPF_PSEUDO_MAP_IDX_VALUE index 1, offset 4 -> BPF_PSEUDO_MAP_VALUE index 1.
  CHECK(insns[6] == makeInsn(0x18, 1, BPF_PSEUDO_MAP_VALUE, 0, 1));
  CHECK(insns[7].imm == 4);
  // insn 9: BPF_PSEUDO_MAP_IDX 0 -> BPF_PSEUDO_MAP_FD index 0.
  CHECK(insns[9] == makeInsn(0x18, 2, BPF_PSEUDO_MAP_FD, 0, 0));
  // insn 11: BPF_PSEUDO_MAP_VALUE with fd 9 -> "scratch", index 2; offset kept.
  CHECK(insns[11] == makeInsn(0x18, 3, BPF_PSEUDO_MAP_VALUE, 0, 2));
  CHECK(insns[12].imm == 8);
  // Everything else is untouched.
  CHECK(insns[5] == makeInsn(0x85, 0, 0, 0, 1));
  // Linux 6.18 loads lookup.bin (fds 7 and 9 patched to real map fds, fd_array = the three maps
  // in list order) and logs "6: ... R1=map_value(ks=4,vs=16,off=4)", "9: ... R2=map_ptr(ks=4,
  // vs=8)", "11: ... R3=map_value(ks=4,vs=32,off=8)": the maps the indices must name.
  const auto &maps = object->maps;
  CHECK(maps[insns[6].imm].valueSize == 16);
  CHECK(maps[insns[9].imm].valueSize == 8);
  CHECK(maps[insns[11].imm].valueSize == 32);
}

TEST_CASE("program and attach types by name or number", "[raw_input]") {
  for (const char *name : {"xdp", "BPF_PROG_TYPE_XDP", "6"}) {
    RawInputOptions options = lookupOptions();
    options.progType = name;
    auto object = loadRawInput(options);
    REQUIRE(!!object);
    CHECK(object->programs[0].progType == 6);
  }
  RawInputOptions options = lookupOptions();
  options.progType = "cgroup_skb";
  options.attachType = "BPF_CGROUP_INET_EGRESS";
  auto object = loadRawInput(options);
  REQUIRE(!!object);
  CHECK(object->programs[0].progType == 8);
  CHECK(object->programs[0].expectedAttachType == 1);

  options.progType = "no_such_type";
  auto bad = loadRawInput(options);
  REQUIRE(!bad);
  CHECK(errorMessage(bad.takeError()) ==
        dataPath("lookup.bin") + ": unknown program type 'no_such_type'");
  options.progType = "xdp";
  options.attachType = "sideways";
  bad = loadRawInput(options);
  REQUIRE(!bad);
  CHECK(errorMessage(bad.takeError()) ==
        dataPath("lookup.bin") + ": unknown attach type 'sideways'");
}

TEST_CASE("unknown map fds and indices name the file and the instruction", "[raw_input]") {
  // r1 = map fd 5; exit -- no map has fd 5.
  std::vector<Insn> byFd = {makeInsn(0x18, 1, BPF_PSEUDO_MAP_FD, 0, 5), makeInsn(0, 0, 0, 0, 0),
                            makeInsn(0x95, 0, 0, 0, 0)};
  auto object = buildRawObject(byFd, "p.bin", 6, 0, threeMaps(), "maps.json");
  REQUIRE(!object);
  CHECK(errorMessage(object.takeError()) ==
        "p.bin: instruction 0: ld_imm64 refers to map fd 5, which is not in maps.json");
  std::vector<Insn> byIndex = {makeInsn(0x95, 0, 0, 0, 0),
                               makeInsn(0x18, 1, BPF_PSEUDO_MAP_IDX_VALUE, 0, 3),
                               makeInsn(0, 0, 0, 0, 0), makeInsn(0x95, 0, 0, 0, 0)};
  object = buildRawObject(byIndex, "p.bin", 6, 0, threeMaps(), "maps.json");
  REQUIRE(!object);
  CHECK(errorMessage(object.takeError()) ==
        "p.bin: instruction 1: ld_imm64 refers to map index 3, which is not in maps.json");
  object = buildRawObject(byIndex, "p.bin", 6, 0, {}, "");
  REQUIRE(!object);
  CHECK(errorMessage(object.takeError()) ==
        "p.bin: instruction 1: ld_imm64 refers to map index 3, but no map list was given");
  // Index 2 exists; the map without an fd is reachable by index only.
  byIndex[1].imm = 2;
  object = buildRawObject(byIndex, "p.bin", 6, 0, threeMaps(), "maps.json");
  REQUIRE(!!object);
  CHECK(object->programs[0].insns[1] == makeInsn(0x18, 1, BPF_PSEUDO_MAP_VALUE, 0, 2));
}

TEST_CASE("attach type 0 of cgroup_sock and sk_reuseport is their first attach type",
          "[raw_input]") {
  // bpf_prog_load_fixup_attach_type(): 0 means BPF_CGROUP_INET_SOCK_CREATE (2) and
  // BPF_SK_REUSEPORT_SELECT (39); other types keep 0, explicit attach types are kept.
  std::vector<Insn> insns = {makeInsn(0xb7, 0, 0, 0, 1), makeInsn(0x95, 0, 0, 0, 0)};
  auto attachOf = [&](uint32_t progType, uint32_t attach) {
    auto object = buildRawObject(insns, "p.bin", progType, attach, {}, "");
    REQUIRE(!!object);
    return object->programs[0].expectedAttachType;
  };
  CHECK(attachOf(9, 0) == 2);
  CHECK(attachOf(9, 12) == 12);
  CHECK(attachOf(21, 0) == 39);
  CHECK(attachOf(21, 40) == 40);
  CHECK(attachOf(8, 0) == 0);
}

TEST_CASE("malformed encodings are left for the verifier", "[raw_input]") {
  // A trailing ld_imm64 without its second half, and an ld_imm64 kind that is not a map: the
  // kernel rejects both during verification, so they are not input errors.
  std::vector<Insn> insns = {makeInsn(0x18, 1, BPF_PSEUDO_BTF_ID, 0, 77), makeInsn(0, 0, 0, 0, 0),
                             makeInsn(0x18, 1, BPF_PSEUDO_MAP_FD, 0, 99)};
  auto object = buildRawObject(insns, "p.bin", 6, 0, {}, "");
  REQUIRE(!!object);
  CHECK(object->programs[0].insns == insns);
}

TEST_CASE("bad instruction files are input errors", "[raw_input]") {
  RawInputOptions options = lookupOptions();
  options.instructionsPath = dataPath("truncated.bin");
  auto object = loadRawInput(options);
  REQUIRE(!object);
  CHECK(errorMessage(object.takeError()) ==
        dataPath("truncated.bin") +
            ": size 13 is not a multiple of 8 (the size of struct bpf_insn)");
  auto empty = buildRawObject({}, "empty.bin", 6, 0, {}, "");
  REQUIRE(!empty);
  CHECK(errorMessage(empty.takeError()) == "empty.bin: contains no instructions");
  options.instructionsPath = dataPath("missing.bin");
  object = loadRawInput(options);
  REQUIRE(!object);
  CHECK(llvm::StringRef(errorMessage(object.takeError())).starts_with(dataPath("missing.bin")));
}
