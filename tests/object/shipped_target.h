#pragma once
// The shipped Linux 6.18 vmlinux BTF as a load target, parsed once per test executable.

#include "btf/target.h"
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
