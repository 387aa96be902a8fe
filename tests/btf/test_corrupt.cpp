// Hand-built corrupt blobs: each kernel btf_parse rule gives a one-line error with the kernel's
// wording, and nothing crashes.

#include "blob_builder.h"
#include "btf/btf.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::btf;
using namespace bpfverify::btf::test;

namespace {

// The error message of parsing blob, or "" if it parsed.
std::string parseError(const std::vector<uint8_t> &blob,
                       Strictness strictness = Strictness::Object) {
  auto parsed = Btf::parse(blob, "test.btf", nullptr, ParseOptions{strictness});
  if (parsed)
    return "";
  return errorMessage(parsed.takeError());
}

BlobBuilder withInt() {
  BlobBuilder b;
  b.intType("int", 4, 32, 1); // [1]
  return b;
}

} // namespace

TEST_CASE("a minimal blob parses", "[btf][corrupt]") {
  CHECK(parseError(withInt().build()) == "");
}

TEST_CASE("header problems", "[btf][corrupt]") {
  auto good = withInt().build();
  SECTION("truncated header") {
    std::vector<uint8_t> blob(good.begin(), good.begin() + 6);
    CHECK(parseError(blob) == "test.btf: BTF: hdr_len not found");
  }
  SECTION("hdr_len beyond the data") {
    auto blob = good;
    BlobBuilder::put32(blob, 4, 4096);
    CHECK(parseError(blob) == "test.btf: BTF: btf_header not found");
  }
  SECTION("bad magic") {
    auto blob = good;
    blob[0] = 0x12;
    CHECK(parseError(blob) == "test.btf: BTF: Invalid magic");
  }
  SECTION("big-endian magic") {
    auto blob = good;
    std::swap(blob[0], blob[1]);
    CHECK_THAT(parseError(blob), Catch::StartsWith("test.btf: BTF: Invalid magic"));
  }
  SECTION("version") {
    auto blob = good;
    blob[2] = 2;
    CHECK(parseError(blob) == "test.btf: BTF: Unsupported version");
  }
  SECTION("flags") {
    auto blob = good;
    blob[3] = 1;
    CHECK(parseError(blob) == "test.btf: BTF: Unsupported flags");
  }
  SECTION("longer header with non-zero unknown fields") {
    auto blob = good;
    blob.insert(blob.begin() + 24, {0, 0, 0, 1});
    BlobBuilder::put32(blob, 4, 28);
    CHECK(parseError(blob) == "test.btf: BTF: Unsupported btf_header");
  }
  SECTION("longer header with zero unknown fields is fine") {
    auto blob = good;
    blob.insert(blob.begin() + 24, {0, 0, 0, 0});
    BlobBuilder::put32(blob, 4, 28);
    CHECK(parseError(blob) == "");
  }
  SECTION("no data") {
    std::vector<uint8_t> blob(good.begin(), good.begin() + 24);
    CHECK(parseError(blob) == "test.btf: BTF: No data");
  }
}

TEST_CASE("section layout problems", "[btf][corrupt]") {
  auto good = withInt().build();
  uint32_t typeLen = 16;
  SECTION("overlap") {
    auto blob = good;
    BlobBuilder::put32(blob, 16, typeLen - 4); // str_off inside the type section
    CHECK(parseError(blob) == "test.btf: BTF: Section overlap found");
  }
  SECTION("gap") {
    auto blob = good;
    blob.insert(blob.begin() + 24 + typeLen, {0, 0, 0, 0});
    BlobBuilder::put32(blob, 16, typeLen + 4);
    CHECK(parseError(blob) == "test.btf: BTF: Unsupported section found");
  }
  SECTION("trailing data") {
    auto blob = good;
    blob.push_back(0);
    CHECK(parseError(blob) == "test.btf: BTF: Unsupported section found");
  }
  SECTION("length too long") {
    auto blob = good;
    BlobBuilder::put32(blob, 20, 1000);
    CHECK(parseError(blob) == "test.btf: BTF: Total section length too long");
  }
  SECTION("offset beyond the data") {
    auto blob = good;
    BlobBuilder::put32(blob, 16, 0x7fffffff);
    CHECK(parseError(blob) == "test.btf: BTF: Invalid section offset");
  }
  SECTION("string section not at the end") {
    // Strings first, types after.
    BlobBuilder b = withInt();
    auto blob = b.build();
    std::vector<uint8_t> types(blob.begin() + 24, blob.begin() + 24 + typeLen);
    std::vector<uint8_t> strs(blob.begin() + 24 + typeLen, blob.end());
    std::vector<uint8_t> swapped(blob.begin(), blob.begin() + 24);
    swapped.insert(swapped.end(), strs.begin(), strs.end());
    swapped.insert(swapped.end(), types.begin(), types.end());
    BlobBuilder::put32(swapped, 8, static_cast<uint32_t>(strs.size()));
    BlobBuilder::put32(swapped, 16, 0);
    CHECK(parseError(swapped) == "test.btf: BTF: String section is not at the end");
  }
  SECTION("unaligned type section") {
    BlobBuilder b = withInt();
    auto blob = b.build();
    // Two string bytes, then the types at offset 2 and the rest of the strings after them.
    std::vector<uint8_t> strs(blob.begin() + 24 + typeLen, blob.end());
    std::vector<uint8_t> out(blob.begin(), blob.begin() + 24);
    (void)strs;
    out.push_back(0);
    out.push_back(0);
    out.insert(out.end(), blob.begin() + 24, blob.end());
    BlobBuilder::put32(out, 8, 2);
    BlobBuilder::put32(out, 16, 2 + typeLen);
    // The first two bytes now form a gap before the types.
    CHECK(parseError(out) == "test.btf: BTF: Unsupported section found");
  }
  SECTION("no types") {
    BlobBuilder b;
    CHECK(parseError(b.build()) == "test.btf: BTF: No type found");
  }
}

TEST_CASE("string section problems", "[btf][corrupt]") {
  SECTION("not NUL-terminated") {
    auto blob = withInt().build();
    blob.back() = 'x';
    CHECK(parseError(blob) == "test.btf: BTF: Invalid string section");
  }
  SECTION("first string not empty") {
    auto blob = withInt().build();
    blob[24 + 16] = 'x';
    CHECK(parseError(blob) == "test.btf: BTF: Invalid string section");
  }
  SECTION("name offset out of range") {
    BlobBuilder b;
    b.type(5000, KInt, 0, false, 4).word(32);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] Invalid name_offset:5000");
  }
  SECTION("member name offset out of range") {
    BlobBuilder b = withInt();
    b.type(0, KStruct, 1, false, 4).word(777).word(1).word(0);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] STRUCT Invalid member name_offset:777");
  }
  SECTION("enumerator name offset out of range") {
    BlobBuilder b;
    b.type(0, KEnum, 1, false, 4).word(999).word(1);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] ENUM Invalid name_offset:999");
  }
}

TEST_CASE("type record problems", "[btf][corrupt]") {
  SECTION("unknown kind") {
    BlobBuilder b;
    b.type(0, 20, 0, false, 0);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] Invalid kind:20");
    BlobBuilder z;
    z.type(0, 0, 0, false, 0);
    CHECK(parseError(z.build()) == "test.btf: BTF: [1] Invalid kind:0");
  }
  SECTION("reserved info bits") {
    BlobBuilder b;
    b.word(0).word((KInt << 24) | (1 << 16)).word(4).word(32);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] Invalid btf_info:1010000");
  }
  SECTION("truncated record") {
    BlobBuilder b = withInt();
    b.word(0).word(KPtr << 24);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] meta_left:8 meta_needed:12");
  }
  SECTION("vlen larger than the remaining bytes") {
    BlobBuilder b = withInt();
    b.type(0, KStruct, 0xffff, false, 4).word(0).word(1).word(0);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] STRUCT meta_left:12 meta_needed:786420");
  }
  SECTION("int with vlen") {
    BlobBuilder b;
    b.type(0, KInt, 1, false, 4).word(32);
    CHECK_THAT(parseError(b.build()), Catch::EndsWith("vlen != 0"));
  }
  SECTION("int with kind_flag") {
    BlobBuilder b;
    b.type(0, KInt, 0, true, 4).word(32);
    CHECK_THAT(parseError(b.build()), Catch::EndsWith("Invalid btf_info kind_flag"));
  }
  SECTION("int bits") {
    BlobBuilder b;
    b.intType("big", 16, 129);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] INT big nr_bits exceeds 128");
    BlobBuilder c;
    c.intType("small", 2, 32);
    CHECK(parseError(c.build()) == "test.btf: BTF: [1] INT small nr_bits exceeds type_size");
    BlobBuilder d;
    d.intType("two", 4, 32, 3);
    CHECK(parseError(d.build()) == "test.btf: BTF: [1] INT two Unsupported encoding");
    BlobBuilder e;
    e.type(e.str("x"), KInt, 0, false, 4).word(0x10000020);
    CHECK(parseError(e.build()) == "test.btf: BTF: [1] INT x Invalid int_data:10000020");
  }
  SECTION("names") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "1bad", 4, {{"a", 1, 0}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] STRUCT 1bad Invalid name");
    BlobBuilder c = withInt();
    c.aggregate(KStruct, "s", 4, {{"a-b", 1, 0}});
    CHECK(parseError(c.build()) == "test.btf: BTF: [2] STRUCT s member a-b: Invalid name");
    BlobBuilder d = withInt();
    d.ref(KPtr, 1, "p");
    CHECK(parseError(d.build()) == "test.btf: BTF: [2] PTR p Invalid name");
    BlobBuilder e = withInt();
    e.ref(KTypedef, 1);
    CHECK(parseError(e.build()) == "test.btf: BTF: [2] TYPEDEF Invalid name");
    BlobBuilder f = withInt();
    f.ref(KTypeTag, 1);
    CHECK(parseError(f.build()) == "test.btf: BTF: [2] TYPE_TAG Invalid name");
    BlobBuilder g;
    g.type(0, KFwd, 0, false, 0);
    CHECK(parseError(g.build()) == "test.btf: BTF: [1] FWD Invalid name");
    BlobBuilder h = withInt();
    h.enumType("e", 4, {{"", 1}});
    CHECK(parseError(h.build()) == "test.btf: BTF: [2] ENUM e Invalid name");
    BlobBuilder i = withInt();
    i.datasec("", 4, {});
    CHECK(parseError(i.build()) == "test.btf: BTF: [2] DATASEC Invalid name");
    BlobBuilder j = withInt();
    j.declTag("", 1);
    CHECK(parseError(j.build()) == "test.btf: BTF: [2] DECL_TAG Invalid value");
  }
  SECTION("names in messages are escaped to keep them on one line") {
    BlobBuilder b;
    b.intType("bad\nname", 16, 129);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] INT bad\\x0aname nr_bits exceeds 128");
  }
  SECTION("datasec names may hold dots and any printable character") {
    BlobBuilder b = withInt();
    b.var("x", 1).datasec(".data..percpu", 4, {{2, 0, 4}});
    CHECK(parseError(b.build(), Strictness::Kernel) == "");
  }
  SECTION("array rules") {
    BlobBuilder b = withInt();
    b.array(0, 1, 4);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] ARRAY Invalid elem");
    BlobBuilder c = withInt();
    c.array(1, 0, 4);
    CHECK(parseError(c.build()) == "test.btf: BTF: [2] ARRAY Invalid index");
    BlobBuilder d = withInt();
    d.type(0, KArray, 0, false, 8).word(1).word(1).word(2);
    CHECK(parseError(d.build()) == "test.btf: BTF: [2] ARRAY size != 0");
  }
  SECTION("fwd with a type") {
    BlobBuilder b;
    b.type(b.str("f"), KFwd, 0, false, 1);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] FWD f type != 0");
  }
  SECTION("enum size") {
    BlobBuilder b;
    b.enumType("e", 3, {{"A", 1}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] ENUM e Unexpected size");
  }
  SECTION("float size") {
    BlobBuilder b;
    b.type(b.str("float"), KFloat, 0, false, 5);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] FLOAT float Invalid type_size");
  }
  SECTION("func linkage") {
    BlobBuilder b = withInt();
    b.proto(1, {}).func("f", 2, 3);
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] FUNC f Invalid func linkage");
    BlobBuilder c = withInt();
    c.proto(1, {}).func("f", 2, 2);
    CHECK(parseError(c.build(), Strictness::Object) == "");
    CHECK(parseError(c.build(), Strictness::Kernel) ==
          "test.btf: BTF: [3] FUNC f Invalid func linkage");
  }
  SECTION("var linkage") {
    BlobBuilder b = withInt();
    b.var("v", 1, 2);
    CHECK(parseError(b.build(), Strictness::Object) == "");
    CHECK(parseError(b.build(), Strictness::Kernel) ==
          "test.btf: BTF: [2] VAR v Linkage not supported");
    BlobBuilder c = withInt();
    c.var("v", 1, 7);
    CHECK(parseError(c.build()) == "test.btf: BTF: [2] VAR v Linkage not supported");
    BlobBuilder d = withInt();
    d.var("v", 0);
    CHECK(parseError(d.build()) == "test.btf: BTF: [2] VAR v Invalid type_id");
  }
  SECTION("datasec layout") {
    BlobBuilder b = withInt();
    b.var("v", 1).datasec(".data", 0, {{2, 0, 4}});
    CHECK(parseError(b.build(), Strictness::Object) == "");
    CHECK(parseError(b.build(), Strictness::Kernel) ==
          "test.btf: BTF: [3] DATASEC .data size == 0");
    BlobBuilder c = withInt();
    c.var("v", 1).var("w", 1).datasec(".data", 8, {{2, 4, 4}, {3, 2, 4}});
    CHECK_THAT(parseError(c.build()), Catch::EndsWith("Invalid offset"));
    BlobBuilder d = withInt();
    d.var("v", 1).datasec(".data", 8, {{2, 6, 4}});
    CHECK_THAT(parseError(d.build()), Catch::EndsWith("Invalid offset+size"));
    BlobBuilder e = withInt();
    e.var("v", 1).datasec(".data", 8, {{2, 0, 2}});
    CHECK_THAT(parseError(e.build()), Catch::EndsWith("Invalid size"));
    BlobBuilder f = withInt();
    f.var("v", 1).datasec(".data", 8, {{1, 0, 4}});
    CHECK_THAT(parseError(f.build()), Catch::EndsWith("Not a VAR kind member"));
  }
  SECTION("decl tag component") {
    BlobBuilder b = withInt();
    b.declTag("t", 1, -2);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] DECL_TAG t Invalid component_idx");
    BlobBuilder c = withInt();
    c.aggregate(KStruct, "s", 4, {{"a", 1, 0}}).declTag("t", 2, 1);
    CHECK(parseError(c.build()) == "test.btf: BTF: [3] DECL_TAG t Invalid component_idx");
    BlobBuilder d = withInt();
    d.declTag("t", 1);
    CHECK(parseError(d.build()) == "test.btf: BTF: [2] DECL_TAG t Invalid type_id");
  }
}

TEST_CASE("reference problems", "[btf][corrupt]") {
  SECTION("id out of range") {
    BlobBuilder b = withInt();
    b.ref(KPtr, 99);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] PTR Invalid type_id");
    BlobBuilder c = withInt();
    c.aggregate(KStruct, "s", 4, {{"a", 42, 0}});
    CHECK(parseError(c.build()) == "test.btf: BTF: [2] STRUCT s member a: Invalid member");
    BlobBuilder d = withInt();
    d.array(1, 50, 2);
    CHECK(parseError(d.build()) == "test.btf: BTF: [2] ARRAY Invalid index");
    BlobBuilder e = withInt();
    e.proto(77, {});
    CHECK(parseError(e.build()) == "test.btf: BTF: [2] FUNC_PROTO Invalid return type");
    BlobBuilder f = withInt();
    f.proto(1, {{"a", 77}});
    CHECK(parseError(f.build()) == "test.btf: BTF: [2] FUNC_PROTO Invalid arg#1");
    BlobBuilder g = withInt();
    g.ref(KConst, 0x100000);
    CHECK(parseError(g.build()) == "test.btf: BTF: [2] CONST Invalid type_id");
  }
  SECTION("modifier loop") {
    BlobBuilder b = withInt();
    b.ref(KConst, 3).ref(KVolatile, 2);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] CONST Loop detected");
  }
  SECTION("typedef loop") {
    BlobBuilder b;
    b.ref(KTypedef, 2, "a").ref(KTypedef, 1, "b");
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] TYPEDEF a Loop detected");
  }
  SECTION("pointer loop") {
    BlobBuilder b;
    b.ref(KPtr, 1);
    CHECK(parseError(b.build()) == "test.btf: BTF: [1] PTR Loop detected");
  }
  SECTION("pointer to a struct containing it is fine") {
    BlobBuilder b;
    b.ref(KPtr, 2).aggregate(KStruct, "node", 8, {{"next", 1, 0}});
    CHECK(parseError(b.build()) == "");
  }
  SECTION("struct containing itself by value") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "s", 8, {{"a", 1, 0}, {"self", 2, 32}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] STRUCT s Loop detected");
  }
  SECTION("struct containing itself through a typedef and an array") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "s", 8, {{"arr", 3, 0}}).array(4, 1, 1).ref(KTypedef, 2, "s_t");
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] STRUCT s Loop detected");
  }
  SECTION("array of void through a typedef") {
    BlobBuilder b = withInt();
    b.ref(KTypedef, 0, "v_t").array(2, 1, 4);
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] ARRAY Invalid elem");
  }
  SECTION("array of a forward declaration") {
    BlobBuilder b = withInt();
    b.type(b.str("f"), KFwd, 0, false, 0).array(2, 1, 4);
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] ARRAY Invalid elem");
  }
  SECTION("array indexed by a struct") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "s", 4, {{"a", 1, 0}}).array(1, 2, 4);
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] ARRAY Invalid index");
  }
  SECTION("array size overflow") {
    BlobBuilder b = withInt();
    b.array(1, 1, 0x40000001);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] ARRAY Array size overflows U32_MAX");
  }
  SECTION("modifier to a func") {
    BlobBuilder b = withInt();
    b.proto(1, {}).func("f", 2).ref(KConst, 3);
    CHECK(parseError(b.build()) == "test.btf: BTF: [4] CONST Invalid type_id");
  }
  SECTION("modifier to a var") {
    BlobBuilder b = withInt();
    b.var("v", 1).ref(KConst, 2);
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] CONST Invalid type_id");
  }
  SECTION("func whose type is not a prototype") {
    BlobBuilder b = withInt();
    b.func("f", 1);
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] FUNC f Invalid type_id");
  }
  SECTION("func prototype parameter without a name") {
    BlobBuilder b = withInt();
    b.proto(1, {{"", 1}}).func("f", 2);
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] FUNC f Invalid arg#1");
  }
  SECTION("vararg with a name") {
    BlobBuilder b = withInt();
    b.proto(1, {{"a", 1}, {"rest", 0}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] FUNC_PROTO Invalid arg#2");
  }
  SECTION("void parameter before the last") {
    BlobBuilder b = withInt();
    b.proto(1, {{"", 0}, {"a", 1}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [2] FUNC_PROTO Invalid arg#1");
  }
  SECTION("type tag after a modifier") {
    BlobBuilder b = withInt();
    b.ref(KConst, 3).ref(KTypeTag, 1, "user");
    CHECK(parseError(b.build()) == "test.btf: BTF: Type tags don't precede modifiers");
    BlobBuilder c = withInt();
    c.ref(KTypeTag, 3, "user").ref(KConst, 1);
    CHECK(parseError(c.build()) == "");
  }
  SECTION("modifier chain longer than 32") {
    BlobBuilder b = withInt();
    for (uint32_t i = 0; i < 40; ++i)
      b.ref(KConst, i + 1);
    CHECK(parseError(b.build()) == "");
    BlobBuilder c = withInt();
    // Declared outermost first so no prefix of the chain has been checked already.
    for (uint32_t i = 0; i < 40; ++i)
      c.ref(KVolatile, i < 39 ? i + 3 : 1);
    CHECK(parseError(c.build()) == "test.btf: BTF: Max chain length or cycle detected");
  }
}

TEST_CASE("member problems", "[btf][corrupt]") {
  SECTION("member past the struct end") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "s", 4, {{"a", 1, 0}, {"b", 1, 64}});
    CHECK(parseError(b.build()) ==
          "test.btf: BTF: [2] STRUCT s member b: Member bits_offset exceeds its struct size");
  }
  SECTION("member overlapping the struct end") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "s", 6, {{"a", 1, 0}, {"b", 1, 32}});
    CHECK(parseError(b.build()) ==
          "test.btf: BTF: [2] STRUCT s member b: Member exceeds struct_size");
  }
  SECTION("decreasing offsets") {
    BlobBuilder b = withInt();
    b.aggregate(KStruct, "s", 8, {{"a", 1, 32}, {"b", 1, 0}});
    CHECK(parseError(b.build()) ==
          "test.btf: BTF: [2] STRUCT s member b: Invalid member bits_offset");
  }
  SECTION("union member at an offset") {
    BlobBuilder b = withInt();
    b.aggregate(KUnion, "u", 8, {{"a", 1, 32}});
    CHECK(parseError(b.build()) ==
          "test.btf: BTF: [2] UNION u member a: Invalid member bits_offset");
  }
  SECTION("unaligned pointer member") {
    BlobBuilder b = withInt();
    b.ref(KPtr, 1).aggregate(KStruct, "s", 16, {{"p", 2, 4}});
    CHECK(parseError(b.build()) ==
          "test.btf: BTF: [3] STRUCT s member p: Member is not byte aligned");
  }
  SECTION("kind_flag bitfields") {
    BlobBuilder ok = withInt();
    ok.aggregate(KStruct, "s", 4, {{"a", 1, (3u << 24) | 0}, {"b", 1, (29u << 24) | 3}}, true);
    CHECK(parseError(ok.build()) == "");
    BlobBuilder wide = withInt();
    wide.aggregate(KStruct, "s", 8, {{"a", 1, (33u << 24) | 0}}, true);
    CHECK(parseError(wide.build()) ==
          "test.btf: BTF: [2] STRUCT s member a: Invalid member bitfield_size");
    BlobBuilder ptr = withInt();
    ptr.ref(KPtr, 1).aggregate(KStruct, "s", 8, {{"p", 2, (3u << 24) | 0}}, true);
    CHECK(parseError(ptr.build()) ==
          "test.btf: BTF: [3] STRUCT s member p: Invalid member bitfield_size");
    BlobBuilder irregular;
    irregular.intType("odd", 4, 20).aggregate(KStruct, "s", 4, {{"a", 1, (3u << 24) | 0}}, true);
    CHECK(parseError(irregular.build()) ==
          "test.btf: BTF: [2] STRUCT s member a: Invalid member base type");
  }
  SECTION("member through a typedef to void") {
    BlobBuilder b = withInt();
    b.ref(KTypedef, 0, "v_t").aggregate(KStruct, "s", 4, {{"a", 2, 0}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] STRUCT s member a: Invalid member");
  }
  SECTION("member of func prototype type") {
    BlobBuilder b = withInt();
    b.proto(1, {}).aggregate(KStruct, "s", 4, {{"a", 2, 0}});
    CHECK(parseError(b.build()) == "test.btf: BTF: [3] STRUCT s member a: Invalid member");
  }
}

TEST_CASE("every truncation and byte flip of a valid blob is handled", "[btf][corrupt]") {
  BlobBuilder b = withInt();
  b.ref(KPtr, 3)
      .aggregate(KStruct, "node", 16, {{"next", 2, 0}, {"val", 1, 64}})
      .array(1, 1, 4)
      .enumType("e", 4, {{"A", 1}, {"B", -1}}, true)
      .proto(1, {{"ctx", 2}})
      .func("f", 6)
      .var("v", 4)
      .datasec(".data", 16, {{8, 0, 16}})
      .declTag("tag", 3, 1)
      .ref(KConst, 3)
      .ref(KTypeTag, 11, "user");
  auto good = b.build();
  REQUIRE(parseError(good) == "");
  size_t errors = 0;
  for (size_t len = 0; len < good.size(); ++len) {
    std::vector<uint8_t> cut(good.begin(), good.begin() + len);
    errors += !parseError(cut).empty();
  }
  CHECK(errors == good.size()); // every strict prefix is rejected
  for (size_t i = 0; i < good.size(); ++i)
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      auto blob = good;
      blob[i] ^= flip;
      (void)parseError(blob); // must not crash or hang
    }
}
