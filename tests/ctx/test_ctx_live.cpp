// Live differential check over the whole s16 offset range (hidden: run `test_ctx "[live]"` as
// root on Linux 6.18): for every probed program type, random offsets anywhere in [-32768, 32767]
// with random sizes and access kinds, loaded into the running kernel and compared with
// isValidAccess. The recordings cover the interesting offsets densely; this samples the rest.

#include "kernel_probe.h"
#include "model_answer.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <random>

using namespace bpfverify::verifier::ctx::testing;

TEST_CASE("random context accesses agree with the running kernel", "[.][kernel][live]") {
  if (geteuid() != 0)
    FAIL("needs root (bpf(2) program loads)");
  std::mt19937 rng(20251122);
  std::uniform_int_distribution<int> offset(-32768, 32767);
  std::uniform_int_distribution<size_t> kind(0, accessKinds().size() - 1);
  size_t compared = 0, agreed = 0, allowed = 0;
  for (const ProbeConfig &config : probeConfigs()) {
    std::string why;
    if (!kernelLoadsType(config, why))
      continue;
    for (int i = 0; i < 400; i++) {
      // Half anywhere, half within 256 bytes of the struct (aligned offsets are rarer there).
      int off = i % 2 ? offset(rng) : offset(rng) % 256;
      const AccessKind &access = accessKinds()[kind(rng)];
      std::string kernel = probeKernel(config, access, off);
      if (!kernel.empty() && kernel[0] == '!')
        continue;
      std::string model = modelAnswer(config, access, off);
      compared++;
      allowed += kernel != "-";
      if (model == kernel) {
        agreed++;
      } else {
        INFO(config.name << " " << access.key << " off=" << off << " kernel=" << kernel
                         << " model=" << model);
        CHECK(model == kernel);
      }
    }
  }
  std::printf("random probes: %zu/%zu agree (%zu allowed by the kernel)\n", agreed, compared,
              allowed);
}
