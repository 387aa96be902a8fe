#pragma once
// Reading and writing the kernel recordings in tests/ctx/data/<config>.json.

#include "probe_configs.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <string>

namespace bpfverify::verifier::ctx::testing {

inline std::string recordingPath(const ProbeConfig &config) {
  return std::string(BPFVERIFY_SOURCE_DIR) + "/tests/ctx/data/" + config.name + ".json";
}

/// The probed offsets of inclusive ranges, in recording order.
inline std::vector<int> probedOffsets(const std::vector<std::pair<int, int>> &ranges) {
  std::vector<int> offsets;
  for (auto [lo, hi] : ranges)
    for (int off = lo; off <= hi; off++)
      offsets.push_back(off);
  return offsets;
}
inline std::vector<int> probedOffsets(const ProbeConfig &config) {
  return probedOffsets(config.ranges);
}

inline std::string sockPointerRecordingPath() {
  return std::string(BPFVERIFY_SOURCE_DIR) + "/tests/ctx/data/sock_pointers.json";
}

inline std::optional<nlohmann::json> readJson(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return std::nullopt;
  return j;
}

inline std::optional<nlohmann::json> readRecording(const ProbeConfig &config) {
  return readJson(recordingPath(config));
}

} // namespace bpfverify::verifier::ctx::testing
