// The JSON map list of raw input.

#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::object;
using namespace bpfverify::object::raw;

namespace {

std::string failure(const char *json) {
  auto maps = parseRawMaps(json, "maps.json");
  REQUIRE(!maps);
  return errorMessage(maps.takeError());
}

} // namespace

TEST_CASE("map fields are read", "[raw_input][maps]") {
  auto maps = parseRawMaps(
      R"({"maps": [{"name": "m", "type": "BPF_MAP_TYPE_LRU_HASH", "key_size": 8,
                    "value_size": 16, "max_entries": 1024, "flags": 2, "map_extra": 5,
                    "fd": 12},
                   {"type": "array", "key_size": 4, "value_size": 4, "max_entries": 1,
                    "frozen": true, "initial_value": "0xa0b1"}]})",
      "maps.json");
  REQUIRE(!!maps);
  REQUIRE(maps->size() == 2);
  const Map &m = (*maps)[0];
  CHECK(m.name == "m");
  CHECK(m.type == 9); // BPF_MAP_TYPE_LRU_HASH
  CHECK(m.keySize == 8);
  CHECK(m.valueSize == 16);
  CHECK(m.maxEntries == 1024);
  CHECK(m.flags == 2);
  CHECK(m.mapExtra == 5);
  CHECK(m.rawFd == 12);
  CHECK(m.origin == MapOrigin::Raw);
  CHECK(!m.frozen);
  const Map &a = (*maps)[1];
  CHECK(a.name == "map1");
  CHECK(a.type == 2);
  CHECK(!a.rawFd);
  CHECK(a.frozen);
  CHECK(a.initialValue == std::vector<uint8_t>{0xa0, 0xb1, 0, 0}); // padded to value_size
}

TEST_CASE("map types by short name, kernel name or number", "[raw_input][maps]") {
  for (const char *type : {"\"ringbuf\"", "\"BPF_MAP_TYPE_RINGBUF\"", "27"}) {
    std::string json = std::string(R"([{"type": )") + type +
                       R"(, "key_size": 0, "value_size": 0, "max_entries": 4096}])";
    auto maps = parseRawMaps(json, "maps.json");
    REQUIRE(!!maps);
    CHECK((*maps)[0].type == 27);
  }
  CHECK(failure(R"([{"type": "hashish", "key_size": 4, "value_size": 4, "max_entries": 1}])") ==
        "maps.json: map 0: unknown map type \"hashish\"");
}

TEST_CASE("bad map lists are input errors with the map named", "[raw_input][maps]") {
  CHECK(llvm::StringRef(failure("[{")).starts_with("maps.json: invalid JSON: "));
  CHECK(failure(R"({"list": []})") ==
        "maps.json: expected a JSON array of maps or an object {\"maps\": [...]}");
  CHECK(failure("42") == "maps.json: expected a JSON array of maps, found number");
  CHECK(failure("[7]") == "maps.json: map 0: expected a JSON object, found number");
  CHECK(failure(R"([{"name": "c", "type": "hash", "value_size": 4, "max_entries": 1}])") ==
        "maps.json: map 0 ('c'): missing field \"key_size\"");
  CHECK(failure(R"([{"name": "c", "type": "hash", "key_size": -4, "value_size": 4,
                     "max_entries": 1}])") ==
        "maps.json: map 0 ('c'): key_size must be an unsigned 32-bit integer");
  CHECK(failure(R"([{"name": "c", "type": "hash", "key_size": 4294967296, "value_size": 4,
                     "max_entries": 1}])") ==
        "maps.json: map 0 ('c'): key_size must be an unsigned 32-bit integer");
  CHECK(failure(R"([{"name": "c", "type": "hash", "key_sz": 4}])") ==
        "maps.json: map 0 ('c'): unknown field \"key_sz\"");
  CHECK(failure(R"([{"type": "array", "key_size": 4, "value_size": 2, "max_entries": 1,
                     "initial_value": "010203"}])") ==
        "maps.json: map 0: initial_value has 3 bytes, more than value_size 2");
  CHECK(failure(R"([{"type": "array", "key_size": 4, "value_size": 2, "max_entries": 1,
                     "initial_value": "0g"}])") ==
        "maps.json: map 0: initial_value is not hex at digit 0");
  CHECK(failure(R"([{"type": "array", "key_size": 4, "value_size": 2, "max_entries": 1,
                     "initial_value": "012"}])") ==
        "maps.json: map 0: initial_value has an odd number of hex digits");
  CHECK(failure(R"([{"type": "array", "key_size": 4, "value_size": 4, "max_entries": 1,
                     "fd": 3},
                    {"name": "b", "type": "array", "key_size": 4, "value_size": 4,
                     "max_entries": 1, "fd": 3}])") ==
        "maps.json: map 1 ('b'): fd 3 is already used by an earlier map");
  CHECK(failure(R"([{"type": "array", "key_size": 4, "value_size": 4, "max_entries": 1,
                     "fd": -1}])") == "maps.json: map 0: fd must be a non-negative 32-bit integer");
  CHECK(failure(R"([{"type": "array", "key_size": 4, "value_size": 4, "max_entries": 1,
                     "frozen": 1}])") == "maps.json: map 0: frozen must be true or false");
}
