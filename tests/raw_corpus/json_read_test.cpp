// kernel-oracle's JSON reader (scripts/kernel-oracle/json_read.c), which reads the raw corpus:
// values, escapes, and refusal of malformed or hostile input without crashing.

#include <catch2/catch.hpp>

#include <string>

extern "C" {
#include "scripts/kernel-oracle/json_read.h"
}

namespace {

struct Parsed {
  jr_value *value = nullptr;
  char err[256] = "";
  explicit Parsed(const std::string &text) { value = jr_parse(text.c_str(), err, sizeof(err)); }
  ~Parsed() { jr_free(value); }
};

} // namespace

TEST_CASE("json_read: a corpus line") {
  Parsed p(R"({"id": "s1-0001", "prog_type": 1, "maps": [{"type": "array", "key_size": 4,
              "frozen": true, "initial_value": "00ff"}], "insns": "b700000000000000",
              "neg": -5, "real": 1.5e3, "none": null})");
  REQUIRE(p.value != nullptr);
  REQUIRE(p.value->kind == JR_OBJECT);
  const jr_value *id = jr_get(p.value, "id");
  REQUIRE(id != nullptr);
  CHECK(std::string(id->string) == "s1-0001");
  const jr_value *type = jr_get(p.value, "prog_type");
  REQUIRE(type != nullptr);
  CHECK(type->is_integer);
  CHECK(type->integer == 1);
  const jr_value *maps = jr_get(p.value, "maps");
  REQUIRE(maps != nullptr);
  REQUIRE(maps->kind == JR_ARRAY);
  REQUIRE(maps->count == 1);
  const jr_value *frozen = jr_get(&maps->items[0], "frozen");
  REQUIRE(frozen != nullptr);
  CHECK(frozen->kind == JR_BOOL);
  CHECK(frozen->boolean);
  CHECK(jr_get(p.value, "neg")->integer == -5);
  CHECK(!jr_get(p.value, "real")->is_integer);
  CHECK(jr_get(p.value, "real")->number == 1500.0);
  CHECK(jr_get(p.value, "none")->kind == JR_NULL);
  CHECK(jr_get(p.value, "missing") == nullptr);
  CHECK(jr_get(id, "x") == nullptr); // not an object
}

TEST_CASE("json_read: string escapes") {
  Parsed p(R"(["a\"b\\c\n\t", "\u0041\u00e9", "\u20ac"])");
  REQUIRE(p.value != nullptr);
  REQUIRE(p.value->count == 3);
  CHECK(std::string(p.value->items[0].string) == "a\"b\\c\n\t");
  // \u00XX is one byte (kernel-oracle's writer escapes raw bytes that way), larger code
  // points are UTF-8
  CHECK(std::string(p.value->items[1].string) == "A\xe9");
  CHECK(std::string(p.value->items[2].string) == "\xe2\x82\xac");
}

TEST_CASE("json_read: malformed input is refused with a reason") {
  const char *bad[] = {
      "",           "{",         "{\"a\" 1}",    "{\"a\": 1,}", "[1 2]", "\"open",
      "\"bad\\q\"", "\"\\u12\"", "{\"a\": 1} x", "tru",         "-",     "{1: 2}",
  };
  for (const char *text : bad) {
    INFO(text);
    Parsed p(text);
    CHECK(p.value == nullptr);
    CHECK(std::string(p.err).size() > 0);
  }
}

TEST_CASE("json_read: nesting beyond 64 levels is refused, not recursed into") {
  Parsed deep(std::string(100000, '['));
  CHECK(deep.value == nullptr);
  CHECK(std::string(deep.err) == "nesting deeper than 64");
  Parsed ok(std::string(60, '[') + std::string(60, ']'));
  CHECK(ok.value != nullptr);
}
