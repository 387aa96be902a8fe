// Records the running kernel's context-access answers into tests/ctx/data/*.json (hidden: run
// `test_ctx "[record]"` as root on Linux 6.18). For every probed (program type, attach type),
// offset and access kind, one tiny program "r0 = *(uN *)(r1 + off); r0 = 1; exit" (or a store
// of r2 = 0, or a sign-extending load) is loaded with log_level 2; the answer is the type the
// verifier printed for r0, "ok" for a store, "-" for "invalid bpf_context access", or "!" and
// the verifier's message when the load failed for another reason.

#include "kernel_probe.h"
#include "recording.h"

#include <catch2/catch.hpp>

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>

using namespace bpfverify::verifier::ctx::testing;

TEST_CASE("record the kernel's context access answers", "[.][kernel][record]") {
  if (geteuid() != 0)
    FAIL("needs root (bpf(2) program loads)");
  utsname uts{};
  uname(&uts);
  for (const ProbeConfig &config : probeConfigs()) {
    nlohmann::ordered_json j;
    j["kernel"] = uts.release;
    j["prog_type"] = config.progType;
    j["expected_attach_type"] = config.attachType;
    j["sleepable"] = config.sleepable;
    j["ranges"] = config.ranges;
    std::string why;
    bool available = kernelLoadsType(config, why);
    j["available"] = available;
    if (!available)
      j["unavailable_reason"] = why;
    std::string text = "{\n";
    for (auto it = j.begin(); it != j.end(); ++it)
      text += "  \"" + it.key() + "\": " + it.value().dump() + ",\n";
    text += "  \"results\": {";
    bool first = true;
    for (const AccessKind &access : accessKinds()) {
      nlohmann::json answers = nlohmann::json::array();
      if (available)
        for (int off : probedOffsets(config))
          answers.push_back(probeKernel(config, access, off));
      text += std::string(first ? "\n" : ",\n") + "    \"" + access.key + "\": " + answers.dump();
      first = false;
    }
    text += "\n  }\n}\n";
    std::FILE *out = std::fopen(recordingPath(config).c_str(), "w");
    REQUIRE(out != nullptr);
    std::fputs(text.c_str(), out);
    std::fclose(out);
    std::printf("%-28s %s\n", config.name.c_str(), available ? "recorded" : why.c_str());
  }
}

TEST_CASE("record the kernel's socket pointer access answers", "[.][kernel][record]") {
  if (geteuid() != 0)
    FAIL("needs root (bpf(2) program loads)");
  utsname uts{};
  uname(&uts);
  using bpfverify::verifier::RegBase;
  const SockPointerKind kinds[] = {{"sock_common", uint8_t(RegBase::PtrToSockCommon)},
                                   {"sock", uint8_t(RegBase::PtrToSocket)},
                                   {"tcp_sock", uint8_t(RegBase::PtrToTcpSock)},
                                   {"xdp_sock", uint8_t(RegBase::PtrToXdpSock)}};
  std::string text = "{\n  \"kernel\": " + nlohmann::json(uts.release).dump() + ",\n";
  text += "  \"ranges\": " + nlohmann::json(sockPointerRanges()).dump() + ",\n";
  text += "  \"results\": {";
  bool firstKind = true;
  for (const SockPointerKind &kind : kinds) {
    text += std::string(firstKind ? "\n" : ",\n") + "    \"" + kind.key + "\": {";
    firstKind = false;
    bool first = true;
    for (const AccessKind &access : accessKinds()) {
      if (access.write || access.signExtend)
        continue; // writes are refused before check_sock_access ("cannot write into")
      nlohmann::json answers = nlohmann::json::array();
      for (int off : probedOffsets(sockPointerRanges()))
        answers.push_back(probeSockPointer(RegBase(kind.base), access, off));
      text += std::string(first ? "\n" : ",\n") + "      \"" + access.key + "\": " + answers.dump();
      first = false;
    }
    text += "\n    }";
  }
  text += "\n  }\n}\n";
  std::FILE *out = std::fopen(sockPointerRecordingPath().c_str(), "w");
  REQUIRE(out != nullptr);
  std::fputs(text.c_str(), out);
  std::fclose(out);
}
