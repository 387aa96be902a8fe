// .BTF.ext: the records of a clang-built object, and hand-built corrupt sections.

#include "blob_builder.h"
#include "btf/btf_ext.h"
#include "test_common.h"

#include <llvm/Object/ObjectFile.h>

#include <map>
#include <set>

using namespace bpfverify;
using namespace bpfverify::btf;
using namespace bpfverify::btf::test;

namespace {

struct ObjectSections {
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  llvm::ArrayRef<uint8_t> btf, ext;
};

ObjectSections readObject(const char *path) {
  ObjectSections out;
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  out.buffer = std::move(*buffer);
  auto object = llvm::object::ObjectFile::createObjectFile(out.buffer->getMemBufferRef());
  if (!object)
    FAIL(errorMessage(object.takeError()));
  for (const llvm::object::SectionRef &section : (*object)->sections()) {
    auto name = section.getName();
    auto contents = section.getContents();
    if (!name || !contents) {
      llvm::consumeError(name.takeError());
      llvm::consumeError(contents.takeError());
      continue;
    }
    llvm::ArrayRef<uint8_t> bytes(reinterpret_cast<const uint8_t *>(contents->data()),
                                  contents->size());
    if (*name == ".BTF")
      out.btf = bytes;
    else if (*name == ".BTF.ext")
      out.ext = bytes;
  }
  return out;
}

} // namespace

TEST_CASE("clang's .BTF and .BTF.ext of a BPF object", "[btf][ext]") {
  ObjectSections obj = readObject(BPFVERIFY_BTF_EXT_SAMPLE);
  REQUIRE_FALSE(obj.btf.empty());
  REQUIRE_FALSE(obj.ext.empty());
  // Object BTF has DATASEC size 0 until libbpf fixes it up: fine as an object, not for the kernel.
  auto strict = Btf::parse(obj.btf, "sample.o", nullptr, ParseOptions{Strictness::Kernel});
  REQUIRE_FALSE(static_cast<bool>(strict));
  CHECK_THAT(errorMessage(strict.takeError()), Catch::EndsWith("DATASEC license size == 0"));
  auto parsed = Btf::parse(obj.btf, "sample.o");
  if (!parsed)
    FAIL(errorMessage(parsed.takeError()));
  const Btf &btf = **parsed;
  auto ext = BtfExt::parse(obj.ext, "sample.o", btf);
  if (!ext)
    FAIL(errorMessage(ext.takeError()));

  CHECK(ext->funcInfoRecordSize == 8);
  CHECK(ext->lineInfoRecordSize == 16);
  CHECK(ext->coreReloRecordSize == 16);

  std::map<std::string, std::set<std::string>> funcs;
  for (const auto &sec : ext->funcInfo)
    for (const FuncInfoRecord &r : sec.records) {
      CHECK(r.insnOffset % 8 == 0);
      funcs[sec.sectionName].insert(std::string(btf.type(r.typeId).name));
    }
  CHECK(funcs["tc"] == std::set<std::string>{"btf_ext_main"});
  CHECK(funcs[".text"] == std::set<std::string>{"btf_ext_helper", "btf_ext_static"});

  size_t lines = 0;
  for (const auto &sec : ext->lineInfo)
    for (const LineInfoRecord &r : sec.records) {
      CHECK(btf.string(r.fileNameOffset).ends_with("btf_ext_sample.bpf.c"));
      CHECK(r.line > 0);
      CHECK(r.line < 40);
      ++lines;
    }
  CHECK(lines >= 5);

  std::set<std::pair<CoreReloKind, std::string>> relos;
  std::set<std::string> reloSections;
  for (const auto &sec : ext->coreRelos) {
    reloSections.insert(sec.sectionName);
    for (const CoreReloRecord &r : sec.records)
      relos.insert({r.kind, std::string(btf.type(r.typeId).name)});
  }
  // vmlinux.h marks every struct preserve_access_index, so skb->len in .text relocates too.
  CHECK(reloSections == std::set<std::string>{".text", "tc"});
  CHECK(relos.count({CoreReloKind::FieldByteOffset, "__sk_buff"}));
  CHECK(relos.count({CoreReloKind::FieldByteOffset, "task_struct"}));
  CHECK(relos.count({CoreReloKind::TypeSize, "sk_buff"}));
  CHECK(relos.count({CoreReloKind::EnumvalValue, "bpf_prog_type"}));
  CHECK(coreReloKindName(CoreReloKind::TypeIdTarget) == "target_type_id");
}

namespace {

// A .BTF.ext with one func_info section of the given record size and records.
struct ExtBuilder {
  std::vector<uint32_t> funcInfo, lineInfo, coreRelo;
  uint32_t hdrLen = 32;

  std::vector<uint8_t> build() const {
    std::vector<uint8_t> out(hdrLen, 0);
    BlobBuilder::put16(out, 0, 0xeB9F);
    out[2] = 1;
    BlobBuilder::put32(out, 4, hdrLen);
    uint32_t off = 0;
    auto place = [&](const std::vector<uint32_t> &words, size_t field) {
      uint32_t len = static_cast<uint32_t>(words.size() * 4);
      if (field + 8 <= hdrLen) {
        BlobBuilder::put32(out, field, len ? off : 0);
        BlobBuilder::put32(out, field + 4, len);
      }
      off += len;
    };
    place(funcInfo, 8);
    place(lineInfo, 16);
    place(coreRelo, 24);
    for (const auto *words : {&funcInfo, &lineInfo, &coreRelo})
      for (uint32_t w : *words) {
        size_t at = out.size();
        out.resize(at + 4);
        BlobBuilder::put32(out, at, w);
      }
    return out;
  }
};

} // namespace

TEST_CASE("hand-built .BTF.ext", "[btf][ext]") {
  BlobBuilder b;
  uint32_t secName = b.str("xdp");
  uint32_t fileName = b.str("prog.c");
  uint32_t access = b.str("0:1");
  b.intType("int", 4, 32, 1).proto(1, {}).func("prog", 2); // [1] [2] [3]
  auto btfBlob = b.build();
  auto parsed = Btf::parse(btfBlob, "obj.o");
  REQUIRE(static_cast<bool>(parsed));
  const Btf &btf = **parsed;
  auto parseError = [&](const ExtBuilder &e) -> std::string {
    auto ext = BtfExt::parse(e.build(), "obj.o", btf);
    return ext ? "" : errorMessage(ext.takeError());
  };

  ExtBuilder good;
  good.funcInfo = {8, secName, 1, 0, 3};
  good.lineInfo = {16,       secName,        2, 0, fileName, fileName, (12u << 10) | 5, 8, fileName,
                   fileName, (13u << 10) | 1};
  good.coreRelo = {16, secName, 1, 8, 1, access, 11};
  {
    auto ext = BtfExt::parse(good.build(), "obj.o", btf);
    if (!ext)
      FAIL(errorMessage(ext.takeError()));
    REQUIRE(ext->funcInfo.size() == 1);
    CHECK(ext->funcInfo[0].sectionName == "xdp");
    CHECK(ext->funcInfo[0].records[0].typeId == 3);
    REQUIRE(ext->lineInfo[0].records.size() == 2);
    CHECK(ext->lineInfo[0].records[0].line == 12);
    CHECK(ext->lineInfo[0].records[0].column == 5);
    CHECK(ext->lineInfo[0].records[1].insnOffset == 8);
    REQUIRE(ext->coreRelos[0].records.size() == 1);
    CHECK(ext->coreRelos[0].records[0].kind == CoreReloKind::EnumvalValue);
    CHECK(btf.string(ext->coreRelos[0].records[0].accessStrOffset) == "0:1");
  }
  SECTION("larger records than ours are read by their size") {
    ExtBuilder e = good;
    e.funcInfo = {12, secName, 2, 0, 3, 0xdead, 16, 3, 0xbeef};
    auto ext = BtfExt::parse(e.build(), "obj.o", btf);
    REQUIRE(static_cast<bool>(ext));
    CHECK(ext->funcInfoRecordSize == 12);
    REQUIRE(ext->funcInfo[0].records.size() == 2);
    CHECK(ext->funcInfo[0].records[1].insnOffset == 16);
    CHECK(ext->funcInfo[0].records[1].typeId == 3);
  }
  SECTION("a header without core_relo fields") {
    ExtBuilder e = good;
    e.hdrLen = 24;
    e.coreRelo.clear();
    auto ext = BtfExt::parse(e.build(), "obj.o", btf);
    REQUIRE(static_cast<bool>(ext));
    CHECK(ext->coreRelos.empty());
  }
  SECTION("header problems") {
    auto blob = good.build();
    blob[0] = 0;
    CHECK(errorMessage(BtfExt::parse(blob, "obj.o", btf).takeError()) ==
          "obj.o: .BTF.ext: Invalid BTF.ext magic:eb00");
    blob = good.build();
    blob[2] = 9;
    CHECK(errorMessage(BtfExt::parse(blob, "obj.o", btf).takeError()) ==
          "obj.o: .BTF.ext: Unsupported BTF.ext version:9");
    blob.resize(6);
    CHECK(errorMessage(BtfExt::parse(blob, "obj.o", btf).takeError()) ==
          "obj.o: .BTF.ext: BTF.ext header not found");
  }
  SECTION("record size too small or unaligned") {
    ExtBuilder e = good;
    e.funcInfo[0] = 4;
    CHECK(parseError(e) == "obj.o: .BTF.ext: func_info section has invalid record size 4");
    e.funcInfo[0] = 10;
    CHECK(parseError(e) == "obj.o: .BTF.ext: func_info section has invalid record size 10");
  }
  SECTION("zero or too many records") {
    ExtBuilder e = good;
    e.funcInfo = {8, secName, 0};
    CHECK(parseError(e) == "obj.o: .BTF.ext: func_info section has incorrect num_records");
    e.funcInfo = {8, secName, 0x40000000, 0, 3};
    CHECK(parseError(e) == "obj.o: .BTF.ext: func_info section has incorrect num_records");
    e.funcInfo = {8};
    CHECK(parseError(e) == "obj.o: .BTF.ext: func_info section has no records");
  }
  SECTION("section beyond the data") {
    auto blob = good.build();
    BlobBuilder::put32(blob, 12, 4096);
    CHECK_THAT(errorMessage(BtfExt::parse(blob, "obj.o", btf).takeError()),
               Catch::Contains("is beyond the end of the ELF section .BTF.ext"));
  }
  SECTION("bad references") {
    ExtBuilder e = good;
    e.funcInfo = {8, 999, 1, 0, 3};
    CHECK(parseError(e) ==
          "obj.o: .BTF.ext: func_info section name offset 999 is not in the BTF string table");
    e = good;
    e.funcInfo = {8, secName, 1, 0, 1};
    CHECK(parseError(e) ==
          "obj.o: .BTF.ext: func_info record type_id 1 is not a FUNC in the object's BTF");
    e = good;
    e.funcInfo = {8, secName, 1, 4, 3};
    CHECK(parseError(e) == "obj.o: .BTF.ext: func_info record insn_off 4 is not a multiple of 8");
    e = good;
    e.lineInfo = {16, secName, 1, 0, 5000, fileName, 1};
    CHECK_THAT(parseError(e), Catch::Contains("line_info record string offset out of range"));
    e = good;
    e.coreRelo = {16, secName, 1, 8, 1, access, 13};
    CHECK(parseError(e) == "obj.o: .BTF.ext: core_relo record has unknown kind 13");
    e = good;
    e.coreRelo = {16, secName, 1, 8, 77, access, 0};
    CHECK(parseError(e) == "obj.o: .BTF.ext: core_relo record type_id 77 out of range");
  }
  SECTION("every truncation is rejected or parsed, never a crash") {
    auto blob = good.build();
    for (size_t len = 0; len < blob.size(); ++len) {
      std::vector<uint8_t> cut(blob.begin(), blob.begin() + len);
      auto ext = BtfExt::parse(cut, "obj.o", btf);
      if (!ext)
        llvm::consumeError(ext.takeError());
    }
  }
}
