// Split BTF: a module's BTF on top of vmlinux, as pahole encodes it and as Target loads it.

#include "blob_builder.h"
#include "btf/target.h"
#include "test_common.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <fstream>

using namespace bpfverify;
using namespace bpfverify::btf;
using namespace bpfverify::btf::test;

#ifdef BPFVERIFY_SPLIT_BTF
TEST_CASE("pahole split BTF parses on the shipped vmlinux", "[btf][split]") {
  auto base = shippedVmlinux();
  auto parsed = Btf::parseFile(BPFVERIFY_SPLIT_BTF, base, ParseOptions{Strictness::Kernel});
  if (!parsed)
    FAIL(errorMessage(parsed.takeError()));
  std::shared_ptr<const Btf> mod = std::move(*parsed);
  CHECK(mod->base() == base.get());
  CHECK(mod->firstOwnId() == base->endId());
  CHECK(mod->endId() > mod->firstOwnId());
  // Base types are reachable through the split BTF with the same ids.
  CHECK(&mod->type(114) == &base->type(114));
  CHECK(mod->type(0).kind == Kind::Void);
  CHECK(mod->findByNameKind("task_struct", Kind::Struct) == 114u);
  auto state = mod->findByNameKind("split_state", Kind::Struct);
  REQUIRE(state);
  CHECK(*state >= mod->firstOwnId());
  const Type &t = mod->type(*state);
  // pahole reuses base strings where it can; new ones sit after the base's strings.
  CHECK(mod->string(t.nameOffset) == "split_state");
  size_t ownStrings = 0;
  for (TypeId id = mod->firstOwnId(); id < mod->endId(); ++id)
    if (mod->type(id).nameOffset >= base->stringEnd()) {
      ++ownStrings;
      CHECK_FALSE(mod->type(id).name.empty());
    }
  CHECK(ownStrings > 0);
  CHECK(mod->stringEnd() > base->stringEnd());
  CHECK(mod->string(1) == base->string(1));
  auto size = mod->sizeOf(*state);
  REQUIRE(static_cast<bool>(size));
  CHECK(*size == 48);
  // 'last' points at the base's struct sk_buff; list_head was deduplicated into the base.
  auto last = mod->memberByName(*state, "last");
  REQUIRE(last.size() == 1);
  CHECK(last[0].bitOffset == 64);
  CHECK(mod->typeToC(last[0].member->type) == "struct sk_buff *");
  CHECK(mod->type(last[0].member->type).type < base->endId());
  auto link = mod->memberByName(*state, "link");
  REQUIRE(link.size() == 1);
  CHECK(link[0].member->type < base->endId());
  CHECK(mod->findByNameKind("list_head", Kind::Struct) ==
        base->findByNameKind("list_head", Kind::Struct));
  auto mode = mod->findByCName("enum split_mode");
  REQUIRE(mode);
  CHECK(mod->enumValue(*mode, "SPLIT_ON") == 7);
  auto fn = mod->findByNameKind("split_fn", Kind::Func);
  REQUIRE(fn);
  CHECK(mod->typeToC(*fn) == "int split_fn(struct split_state *state, int delta)");
}

TEST_CASE("Target loads vmlinux and module files or directories", "[btf][split][target]") {
  llvm::SmallString<128> dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("btf-target", dir));
  auto copy = [&](const char *from, const char *name) {
    llvm::SmallString<128> to(dir);
    llvm::sys::path::append(to, name);
    REQUIRE(!llvm::sys::fs::copy_file(from, to));
  };
  copy(BPFVERIFY_SHIPPED_BTF, "vmlinux");
  copy(BPFVERIFY_SPLIT_BTF, "zeta_mod");
  copy(BPFVERIFY_SPLIT_BTF, "alpha_mod");
  llvm::SmallString<128> vmlinux(dir);
  llvm::sys::path::append(vmlinux, "vmlinux");
  auto target = Target::load(vmlinux, {std::string(dir)});
  if (!target)
    FAIL(errorMessage(target.takeError()));
  REQUIRE(target->modules.size() == 2);
  CHECK(target->modules[0].name == "alpha_mod");
  CHECK(target->modules[1].name == "zeta_mod");
  CHECK(target->modules[0].btf->base() == target->vmlinux.get());
  REQUIRE(target->findModule("zeta_mod"));
  CHECK(target->findModule("zeta_mod")->btf->findByNameKind("split_fn", Kind::Func).has_value());
  CHECK(target->findModule("nope") == nullptr);
  // A single module file works too; a missing one is an error naming it.
  auto one = Target::load(vmlinux, {BPFVERIFY_SPLIT_BTF});
  REQUIRE(static_cast<bool>(one));
  CHECK(one->modules[0].name == "split_module.btf");
  auto missing = Target::load(vmlinux, {"/nonexistent/mod"});
  REQUIRE_FALSE(static_cast<bool>(missing));
  CHECK_THAT(errorMessage(missing.takeError()), Catch::StartsWith("/nonexistent/mod: "));
  llvm::sys::fs::remove_directories(dir);
}
#endif

TEST_CASE("running kernel module BTF, if any, parses as split BTF", "[btf][split]") {
  std::vector<std::string> modules;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it("/sys/kernel/btf", ec), end; it != end && !ec;
       it.increment(ec))
    if (llvm::sys::path::filename(it->path()) != "vmlinux")
      modules.push_back(it->path());
  if (modules.empty()) {
    SUCCEED("no module BTF on this machine");
    return;
  }
  auto target = Target::load("/sys/kernel/btf/vmlinux", {"/sys/kernel/btf"});
  if (!target)
    FAIL(errorMessage(target.takeError()));
  CHECK(target->modules.size() == modules.size());
}

TEST_CASE("hand-built split BTF", "[btf][split]") {
  BlobBuilder baseBuilder;
  baseBuilder.intType("int", 4, 32, 1).ref(KPtr, 1); // [1] int, [2] int *
  auto baseBlob = baseBuilder.build();
  auto baseParsed = Btf::parse(baseBlob, "base.btf");
  REQUIRE(static_cast<bool>(baseParsed));
  std::shared_ptr<const Btf> base = std::move(*baseParsed);
  REQUIRE(base->endId() == 3);

  SECTION("ids and strings continue after the base") {
    BlobBuilder b(base->stringEnd());
    b.aggregate(KStruct, "pair", 16, {{"a", 1, 0}, {"p", 2, 64}}).ref(KPtr, 3);
    auto blob = b.build();
    auto split = Btf::parse(blob, "mod.btf", base);
    if (!split)
      FAIL(errorMessage(split.takeError()));
    CHECK((*split)->firstOwnId() == 3);
    CHECK((*split)->endId() == 5);
    CHECK((*split)->type(3).name == "pair");
    CHECK((*split)->typeToC(4) == "struct pair *");
    CHECK((*split)->typeToC(2) == "int *");
    CHECK((*split)->findByName("int").size() == 1);
  }
  SECTION("an empty string section is allowed for split BTF") {
    BlobBuilder b(base->stringEnd());
    b.ref(KConst, 1);
    auto blob = b.build();
    CHECK(static_cast<bool>(Btf::parse(blob, "mod.btf", base)));
  }
  SECTION("no types is allowed for split BTF") {
    BlobBuilder b(base->stringEnd());
    b.str("x");
    auto blob = b.build();
    auto split = Btf::parse(blob, "mod.btf", base);
    REQUIRE(static_cast<bool>(split));
    CHECK((*split)->endId() == 3);
  }
  SECTION("a reference past the split's last id") {
    BlobBuilder b(base->stringEnd());
    b.ref(KPtr, 9);
    CHECK(errorMessage(Btf::parse(b.build(), "mod.btf", base).takeError()) ==
          "mod.btf: BTF: [3] PTR Invalid type_id");
  }
  SECTION("a name offset past the split's strings") {
    BlobBuilder b(base->stringEnd());
    b.type(base->stringEnd() + 100, KTypedef, 0, false, 1);
    CHECK(errorMessage(Btf::parse(b.build(), "mod.btf", base).takeError()) ==
          "mod.btf: BTF: [3] Invalid name_offset:" + std::to_string(base->stringEnd() + 100));
  }
  SECTION("a split name may point into the base's strings") {
    BlobBuilder b(base->stringEnd());
    b.type(base->findByName("int").empty() ? 0 : base->type(1).nameOffset, KTypedef, 0, false, 1);
    auto split = Btf::parse(b.build(), "mod.btf", base);
    REQUIRE(static_cast<bool>(split));
    CHECK((*split)->type(3).name == "int");
    CHECK((*split)->findByName("int").size() == 2);
    CHECK((*split)->findByNameKind("int", Kind::Typedef) == 3u);
  }
}
