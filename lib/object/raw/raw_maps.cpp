#include "lib/object/raw/raw_maps.h"

#include "lib/object/uapi_enums.h"
#include "lib/support/error.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <set>

namespace bpfverify::object::raw {
namespace {

using nlohmann::json;

// Context for messages: "<file>: map 2 ('counters'): <problem>".
struct MapContext {
  llvm::StringRef source;
  size_t index;
  std::string name;

  llvm::Error error(const llvm::Twine &problem) const {
    std::string where = "map " + std::to_string(index);
    if (!name.empty())
      where += " ('" + name + "')";
    return inputError(source, where + ": " + problem);
  }
};

llvm::Expected<uint64_t> unsignedField(const json &entry, const char *field, uint64_t max,
                                       const MapContext &ctx) {
  const json &value = entry.at(field);
  if (!value.is_number_unsigned() || value.get<uint64_t>() > max)
    return ctx.error(llvm::Twine(field) + " must be an unsigned " +
                     (max == std::numeric_limits<uint32_t>::max() ? "32" : "64") + "-bit integer");
  return value.get<uint64_t>();
}

llvm::Expected<uint32_t> requiredU32(const json &entry, const char *field, const MapContext &ctx) {
  if (!entry.contains(field))
    return ctx.error(llvm::Twine("missing field \"") + field + "\"");
  auto value = unsignedField(entry, field, std::numeric_limits<uint32_t>::max(), ctx);
  if (!value)
    return value.takeError();
  return static_cast<uint32_t>(*value);
}

llvm::Expected<uint32_t> mapType(const json &entry, const MapContext &ctx) {
  if (!entry.contains("type"))
    return ctx.error("missing field \"type\"");
  const json &type = entry.at("type");
  std::optional<uint32_t> parsed;
  if (type.is_string())
    parsed = parseMapType(type.get<std::string>());
  else if (type.is_number_unsigned() &&
           type.get<uint64_t>() <= std::numeric_limits<uint32_t>::max())
    parsed = static_cast<uint32_t>(type.get<uint64_t>());
  if (!parsed)
    return ctx.error("unknown map type " + type.dump());
  return *parsed;
}

llvm::Expected<std::vector<uint8_t>> hexBytes(const json &value, uint32_t valueSize,
                                              const MapContext &ctx) {
  if (!value.is_string())
    return ctx.error("initial_value must be a string of hex digits");
  llvm::StringRef text = value.get_ref<const std::string &>();
  text.consume_front("0x");
  if (text.size() % 2 != 0)
    return ctx.error("initial_value has an odd number of hex digits");
  if (text.size() / 2 > valueSize)
    return ctx.error("initial_value has " + llvm::Twine(text.size() / 2) +
                     " bytes, more than value_size " + llvm::Twine(valueSize));
  std::vector<uint8_t> bytes;
  bytes.reserve(valueSize);
  for (size_t i = 0; i < text.size(); i += 2) {
    unsigned byte = 0;
    if (text.substr(i, 2).getAsInteger(16, byte))
      return ctx.error("initial_value is not hex at digit " + llvm::Twine(i));
    bytes.push_back(static_cast<uint8_t>(byte));
  }
  bytes.resize(valueSize, 0);
  return bytes;
}

llvm::Expected<Map> parseMap(const json &entry, size_t index, llvm::StringRef source) {
  MapContext ctx{source, index, {}};
  if (!entry.is_object())
    return ctx.error("expected a JSON object, found " + llvm::Twine(entry.type_name()));
  static const std::set<std::string> known = {
      "name",  "type",      "key_size", "value_size", "max_entries",
      "flags", "map_extra", "fd",       "frozen",     "initial_value"};
  if (entry.contains("name")) {
    if (!entry.at("name").is_string())
      return ctx.error("name must be a string");
    ctx.name = entry.at("name").get<std::string>();
  }
  for (const auto &item : entry.items())
    if (!known.count(item.key()))
      return ctx.error("unknown field \"" + item.key() + "\"");

  Map map;
  map.name = ctx.name.empty() ? "map" + std::to_string(index) : ctx.name;
  map.origin = MapOrigin::Raw;
  auto type = mapType(entry, ctx);
  if (!type)
    return type.takeError();
  map.type = *type;
  auto keySize = requiredU32(entry, "key_size", ctx);
  if (!keySize)
    return keySize.takeError();
  auto valueSize = requiredU32(entry, "value_size", ctx);
  if (!valueSize)
    return valueSize.takeError();
  auto maxEntries = requiredU32(entry, "max_entries", ctx);
  if (!maxEntries)
    return maxEntries.takeError();
  map.keySize = *keySize;
  map.valueSize = *valueSize;
  map.maxEntries = *maxEntries;
  if (entry.contains("flags")) {
    auto flags = unsignedField(entry, "flags", std::numeric_limits<uint32_t>::max(), ctx);
    if (!flags)
      return flags.takeError();
    map.flags = static_cast<uint32_t>(*flags);
  }
  if (entry.contains("map_extra")) {
    auto extra = unsignedField(entry, "map_extra", std::numeric_limits<uint64_t>::max(), ctx);
    if (!extra)
      return extra.takeError();
    map.mapExtra = *extra;
  }
  if (entry.contains("fd")) {
    const json &fd = entry.at("fd");
    if (!fd.is_number_integer() || fd.get<int64_t>() < 0 ||
        fd.get<int64_t>() > std::numeric_limits<int32_t>::max())
      return ctx.error("fd must be a non-negative 32-bit integer");
    map.rawFd = static_cast<int32_t>(fd.get<int64_t>());
  }
  if (entry.contains("frozen")) {
    if (!entry.at("frozen").is_boolean())
      return ctx.error("frozen must be true or false");
    map.frozen = entry.at("frozen").get<bool>();
  }
  if (entry.contains("initial_value")) {
    auto bytes = hexBytes(entry.at("initial_value"), map.valueSize, ctx);
    if (!bytes)
      return bytes.takeError();
    map.initialValue = std::move(*bytes);
  }
  return map;
}

} // namespace

llvm::Expected<std::vector<Map>> parseRawMaps(llvm::StringRef jsonText,
                                              llvm::StringRef sourceName) {
  json doc;
  try {
    doc = json::parse(jsonText.begin(), jsonText.end());
  } catch (const json::exception &e) {
    return inputError(sourceName, llvm::Twine("invalid JSON: ") + e.what());
  }
  const json *list = &doc;
  if (doc.is_object()) {
    if (!doc.contains("maps") || doc.size() != 1)
      return inputError(sourceName, "expected a JSON array of maps or an object {\"maps\": [...]}");
    list = &doc.at("maps");
  }
  if (!list->is_array())
    return inputError(sourceName,
                      "expected a JSON array of maps, found " + llvm::Twine(list->type_name()));
  std::vector<Map> maps;
  std::set<int32_t> fds;
  for (size_t i = 0; i < list->size(); ++i) {
    auto map = parseMap((*list)[i], i, sourceName);
    if (!map)
      return map.takeError();
    if (map->rawFd && !fds.insert(*map->rawFd).second)
      return inputError(sourceName, "map " + llvm::Twine(i) + " ('" + map->name + "'): fd " +
                                        llvm::Twine(*map->rawFd) +
                                        " is already used by an earlier map");
    maps.push_back(std::move(*map));
  }
  return maps;
}

} // namespace bpfverify::object::raw
