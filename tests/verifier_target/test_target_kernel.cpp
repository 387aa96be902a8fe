// The target kernel's BTF changes verdicts: a kernel whose `enum bpf_func_id` ends earlier does
// not have the later helpers (get_helper_proto's -ERANGE: "invalid func unknown#N").
#include "tests/core/btf_builder.h"

#include "btf/target.h"
#include "verifier/engine/verify_options.h"
#include "verifier/verify.h"

#include <catch2/catch.hpp>

using namespace bpfverify;

namespace {

/// A one-program socket filter: r0 = helper(); r0 = 0; exit.
object::Object callProgram(int32_t helperId) {
  object::Object obj;
  object::Program prog;
  prog.name = "calls_helper";
  prog.progType = 1; // BPF_PROG_TYPE_SOCKET_FILTER
  prog.insns = {isa::Insn{0x85, 0, 0, 0, helperId}, isa::Insn{0xb7, 0, 0, 0, 0},
                isa::Insn{0x95, 0, 0, 0, 0}};
  obj.license = "GPL";
  obj.programs.push_back(std::move(prog));
  return obj;
}

/// A target whose vmlinux BTF has only `enum bpf_func_id` ending at `maxId`.
btf::Target targetWithHelpers(int64_t maxId) {
  testing::BtfBuilder b;
  b.addEnum("bpf_func_id", 4, {{"BPF_FUNC_unspec", 0}, {"__BPF_FUNC_MAX_ID", maxId}});
  btf::Target t;
  t.vmlinux = b.build("vmlinux");
  return t;
}

} // namespace

TEST_CASE("a helper past the target's __BPF_FUNC_MAX_ID does not exist there") {
  object::Object obj = callProgram(7); // bpf_get_prandom_u32
  verifier::VerifyOptions opts = verifier::VerifyOptions::referenceMachine();

  btf::Target old = targetWithHelpers(5);
  verifier::Result onOld = verifier::verify(obj, 0, &old, opts);
  REQUIRE(onOld.verdict == verifier::Verdict::Reject);
  REQUIRE(onOld.rejection);
  CHECK(onOld.rejection->message == "invalid func unknown#7");
  CHECK(onOld.rejection->insnIndex == 0);

  btf::Target recent = targetWithHelpers(212);
  CHECK(verifier::verify(obj, 0, &recent, opts).verdict == verifier::Verdict::Accept);
  CHECK(verifier::verify(obj, 0, nullptr, opts).verdict == verifier::Verdict::Accept);
}
