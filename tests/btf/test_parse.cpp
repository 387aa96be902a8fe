// Parsing real kernel BTF: the shipped vmlinux BTF and the running kernel's.

#include "btf/btf.h"
#include "lib/support/error.h"
#include "test_common.h"

#include <catch2/catch.hpp>

#include <llvm/Support/FileSystem.h>

using namespace bpfverify;
using namespace bpfverify::btf;

using bpfverify::btf::test::shippedVmlinux;

TEST_CASE("shipped vmlinux BTF parses and validates", "[btf]") {
  auto btf = shippedVmlinux();
  REQUIRE(btf);
  CHECK(btf->firstOwnId() == 1);
  CHECK(btf->endId() > 1000);
  CHECK(btf->type(0).kind == Kind::Void);
  auto task = btf->findByNameKind("task_struct", Kind::Struct);
  REQUIRE(task);
  CHECK(btf->typeToC(*task) == "struct task_struct");
}

TEST_CASE("shipped vmlinux BTF passes kernel strictness and the type count matches bpftool",
          "[btf]") {
  auto parsed = Btf::parseFile(BPFVERIFY_SHIPPED_BTF, nullptr, ParseOptions{Strictness::Kernel});
  if (!parsed)
    FAIL(errorMessage(parsed.takeError()));
  // bpftool's raw dump of this file ends with [126610] DATASEC '.data..percpu'.
  CHECK((*parsed)->endId() == 126611);
  const Type &last = (*parsed)->type(126610);
  CHECK(last.kind == Kind::DataSec);
  CHECK(last.name == ".data..percpu");
  CHECK(last.size == 185560);
  CHECK(last.vars.size() == 352);
}

TEST_CASE("running kernel vmlinux BTF parses in kernel strictness", "[btf]") {
  if (!llvm::sys::fs::exists("/sys/kernel/btf/vmlinux"))
    SUCCEED("no /sys/kernel/btf/vmlinux");
  else {
    auto parsed =
        Btf::parseFile("/sys/kernel/btf/vmlinux", nullptr, ParseOptions{Strictness::Kernel});
    if (!parsed)
      FAIL(errorMessage(parsed.takeError()));
    CHECK((*parsed)->findByNameKind("sk_buff", Kind::Struct).has_value());
  }
}
