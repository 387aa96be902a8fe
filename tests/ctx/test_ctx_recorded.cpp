// isValidAccess against the answers of Linux 6.18.44 recorded in tests/ctx/data (see
// test_ctx_record.cpp): every probed offset, size and access kind of every program type must
// get the kernel's verdict and, for loads, the kernel's register type.

#include "model_answer.h"
#include "recording.h"

#include "verifier/target/ctx/sock_access.h"

#include <catch2/catch.hpp>

#include <cstdio>

using namespace bpfverify::verifier::ctx::testing;

TEST_CASE("context access rules agree with the recorded kernel answers", "[ctx][kernel-data]") {
  size_t totalCompared = 0, totalAgreed = 0, totalAllowed = 0;
  for (const ProbeConfig &config : probeConfigs()) {
    std::optional<nlohmann::json> recording = readRecording(config);
    INFO(config.name);
    REQUIRE(recording.has_value());
    REQUIRE((*recording)["prog_type"] == config.progType);
    REQUIRE((*recording)["expected_attach_type"] == config.attachType);
    if (!(*recording)["available"].get<bool>()) {
      // The type is not compiled into the recording kernel (lirc_mode2: CONFIG_BPF_LIRC_MODE2).
      std::printf("%-28s not loadable on the recording kernel: %s\n", config.name.c_str(),
                  (*recording)["unavailable_reason"].get<std::string>().c_str());
      continue;
    }
    std::vector<int> offsets = probedOffsets(config);
    size_t compared = 0, agreed = 0, allowed = 0, other = 0;
    for (const AccessKind &access : accessKinds()) {
      const nlohmann::json &answers = (*recording)["results"][access.key];
      REQUIRE(answers.size() == offsets.size());
      for (size_t i = 0; i < offsets.size(); i++) {
        std::string kernel = answers[i].get<std::string>();
        if (!kernel.empty() && kernel[0] == '!') {
          other++; // refused for another reason than the context access
          continue;
        }
        std::string model = modelAnswer(config, access, offsets[i]);
        compared++;
        allowed += kernel != "-";
        if (model == kernel) {
          agreed++;
        } else {
          INFO(access.key << " off=" << offsets[i] << " kernel=" << kernel << " model=" << model);
          CHECK(model == kernel);
        }
      }
    }
    std::printf("%-28s %5zu/%5zu agree (%zu allowed by the kernel, %zu other refusals)\n",
                config.name.c_str(), agreed, compared, allowed, other);
    totalCompared += compared;
    totalAgreed += agreed;
    totalAllowed += allowed;
  }
  std::printf("all program types: %zu/%zu agree (%zu allowed)\n", totalAgreed, totalCompared,
              totalAllowed);
  CHECK(totalCompared > 50000);
}

TEST_CASE("socket pointer access rules agree with the recorded kernel answers",
          "[ctx][kernel-data]") {
  std::optional<nlohmann::json> recording = readJson(sockPointerRecordingPath());
  REQUIRE(recording.has_value());
  std::vector<int> offsets = probedOffsets(sockPointerRanges());
  using bpfverify::verifier::RegBase;
  const std::pair<const char *, RegBase> kinds[] = {{"sock_common", RegBase::PtrToSockCommon},
                                                    {"sock", RegBase::PtrToSocket},
                                                    {"tcp_sock", RegBase::PtrToTcpSock},
                                                    {"xdp_sock", RegBase::PtrToXdpSock}};
  size_t totalCompared = 0, totalAgreed = 0;
  for (auto [key, base] : kinds) {
    INFO(key);
    REQUIRE((*recording)["results"].contains(key));
    size_t compared = 0, agreed = 0, allowed = 0, other = 0;
    for (const AccessKind &access : accessKinds()) {
      if (access.write || access.signExtend)
        continue;
      const nlohmann::json &answers = (*recording)["results"][key][access.key];
      REQUIRE(answers.size() == offsets.size());
      for (size_t i = 0; i < offsets.size(); i++) {
        std::string kernel = answers[i].get<std::string>();
        bpfverify::verifier::ctx::AccessInfo info;
        bool ok = bpfverify::verifier::ctx::sockPointerIsValidAccess(
            base, offsets[i], access.size, bpfverify::verifier::ctx::Access::Read, info);
        std::string model = ok ? "scalar" : "-";
        // Accepted by the verifier, then refused by convert_ctx_accesses.
        if (ok && info.conversionFails)
          model = "!scalar then verifier bug: error during ctx access conversion (0)";
        if (!kernel.empty() && kernel[0] == '!' && model != kernel) {
          other++;
          continue;
        }
        compared++;
        allowed += kernel != "-";
        if (model == kernel) {
          agreed++;
        } else {
          INFO(access.key << " off=" << offsets[i] << " kernel=" << kernel << " model=" << model);
          CHECK(model == kernel);
        }
      }
    }
    std::printf("%-28s %5zu/%5zu agree (%zu allowed by the kernel, %zu other refusals)\n", key,
                agreed, compared, allowed, other);
    CHECK(other == 0);
    totalCompared += compared;
    totalAgreed += agreed;
  }
  std::printf("all socket pointers: %zu/%zu agree\n", totalAgreed, totalCompared);
}
