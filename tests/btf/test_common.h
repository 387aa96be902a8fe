#pragma once
// Shared fixtures for btf tests: the shipped vmlinux BTF, parsed once.

#include "btf/btf.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

#include <memory>

namespace bpfverify::btf::test {

inline std::shared_ptr<const Btf> shippedVmlinux() {
  static std::shared_ptr<const Btf> btf = []() -> std::shared_ptr<const Btf> {
    auto parsed = Btf::parseFile(BPFVERIFY_SHIPPED_BTF);
    if (!parsed) {
      FAIL(errorMessage(parsed.takeError()));
      return nullptr;
    }
    return std::shared_ptr<const Btf>(std::move(*parsed));
  }();
  return btf;
}

/// The id of a C type name like "struct sk_buff"; fails the test if missing.
inline TypeId idOf(const Btf &btf, llvm::StringRef cname) {
  auto id = btf.findByCName(cname);
  if (!id)
    FAIL("no type " << cname.str());
  return *id;
}

} // namespace bpfverify::btf::test
