// The context struct layouts against the shipped Linux 6.18 vmlinux BTF: every member of the
// ctx_fields.h tables (built from the ctx_layout.h constants) by name, offset and size, every
// struct's size, and that exactly the bytes some BTF member covers have a name.

#include "verifier/target/ctx/ctx_fields.h"
#include "verifier/target/ctx/ctx_layout.h"

#include "btf/btf.h"
#include "lib/support/error.h"

#include <catch2/catch.hpp>

using namespace bpfverify;
using namespace bpfverify::verifier::ctx;

namespace {

// clang-format off
const std::pair<const char *, int> structSizes[] = {
    {"__sk_buff", skb::Size}, {"xdp_md", xdp::Size}, {"bpf_sock", sock::Size},
    {"bpf_sock_addr", sockAddr::Size}, {"bpf_sock_ops", sockOps::Size}, {"sk_msg_md", skMsg::Size},
    {"bpf_sk_lookup", skLookup::Size}, {"sk_reuseport_md", reuseport::Size},
    {"bpf_sysctl", sysctl::Size}, {"bpf_sockopt", sockopt::Size},
    {"bpf_cgroup_dev_ctx", cgroupDev::Size}, {"bpf_perf_event_data", perfEvent::Size},
    {"bpf_nf_ctx", nfCtx::Size}, {"pt_regs", PtRegsSize},
};
// clang-format on

const btf::Btf &shippedBtf() {
  static std::unique_ptr<btf::Btf> parsed = [] {
    auto b = btf::Btf::parseFile(BPFVERIFY_SHIPPED_BTF);
    if (!b)
      FAIL(errorMessage(b.takeError()));
    return std::move(*b);
  }();
  return *parsed;
}

int sizeOf(const btf::Btf &b, btf::TypeId id) {
  auto size = b.sizeOf(id);
  if (!size) {
    FAIL_CHECK(errorMessage(size.takeError()));
    return -1;
  }
  return int(*size);
}

} // namespace

TEST_CASE("context struct layouts match the Linux 6.18 BTF", "[ctx][btf]") {
  const btf::Btf &b = shippedBtf();
  for (const CtxStruct *ctx : allCtxStructs()) {
    INFO("struct " << ctx->name);
    auto id = b.findByNameKind(ctx->name, btf::Kind::Struct);
    REQUIRE(id);
    CHECK(sizeOf(b, *id) == ctx->size);
    for (const NamedField &field : ctx->members) {
      INFO("member " << field.name);
      std::vector<btf::MemberStep> path = b.memberByName(*id, field.name);
      REQUIRE(!path.empty());
      CHECK(int(path.back().bitOffset / 8) == field.field.off);
      CHECK(sizeOf(b, path.back().member->type) == field.field.size);
    }
    // Every byte some BTF member covers has a name in the table, and padding has none.
    for (int off = 0; off < ctx->size; off++) {
      INFO("offset " << off);
      bool covered = !b.memberAt(*id, uint32_t(off) * 8).empty();
      CHECK(covered == !ctxMemberAt(*ctx, off).empty());
    }
  }
  for (auto [name, expected] : structSizes) {
    INFO(name);
    auto id = b.findByNameKind(name, btf::Kind::Struct);
    REQUIRE(id);
    CHECK(sizeOf(b, *id) == expected);
  }
  // The two cb[] ends bpf_skb_is_valid_access uses.
  CHECK(skb::cb0.off == skb::cb.off);
  CHECK(skb::cb4.end() == skb::cb.end());
}
