#pragma once
// The reference machine as the object tests see it: the shipped Linux 6.18 vmlinux BTF as a load
// target (parsed once per test executable) and the kconfig values libbpf read there.

#include "btf/target.h"
#include "lib/object/object.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

inline const bpfverify::btf::Target &shippedTarget() {
  static bpfverify::btf::Target target = [] {
    auto loaded =
        bpfverify::btf::Target::load(BPFVERIFY_BINARY_DIR "/testdata/vmlinux-6.18.btf", {});
    if (!loaded)
      FAIL(bpfverify::errorMessage(loaded.takeError()));
    return std::move(*loaded);
  }();
  return target;
}

/// The reference machine's values (/proc/config.gz, uname 6.18.44) that libbpf read when the
/// goldens were recorded.
inline bpfverify::object::LoadOptions referenceLoadOptions() {
  bpfverify::object::LoadOptions options;
  options.kernelVersion = (6u << 16) | (18u << 8) | 44u;
  options.kconfig = {{"CONFIG_HZ", "250"},
                     {"CONFIG_BPF_SYSCALL", "y"},
                     {"CONFIG_BPF_JIT", "y"},
                     {"CONFIG_NR_CPUS", "256"},
                     {"CONFIG_DEFAULT_HOSTNAME", "\"(none)\""}};
  return options;
}
