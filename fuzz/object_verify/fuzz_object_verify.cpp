// libFuzzer entry: the input is a .bpf.o, loaded with the shipped vmlinux BTF as the target and
// then verified program by program (at most 8, each within a small instruction budget so that
// one input stays fast). Every outcome must be a verdict or an input error; the sanitizers catch
// the rest. Seeds: the testdata objects.

#include "btf/target.h"
#include "lib/object/object.h"
#include "verifier/engine/verify_options.h"
#include "verifier/verify.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const bpfverify::btf::Target *shippedTarget() {
  static const bpfverify::btf::Target *target = [] {
    auto loaded = bpfverify::btf::Target::load(BPFVERIFY_SHIPPED_BTF, {});
    if (!loaded) {
      llvm::consumeError(loaded.takeError());
      abort(); // a broken fuzz set-up, not a finding
    }
    return new bpfverify::btf::Target(std::move(*loaded));
  }();
  return target;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const bpfverify::btf::Target *target = shippedTarget();
  auto object = bpfverify::object::loadObjectFromBuffer(llvm::ArrayRef<uint8_t>(data, size),
                                                        "fuzz.bpf.o", target, {});
  if (!object) {
    llvm::consumeError(object.takeError());
    return 0;
  }
  bpfverify::verifier::VerifyOptions opts = bpfverify::verifier::VerifyOptions::referenceMachine();
  size_t programs = std::min<size_t>(object->programs.size(), 8);
  for (size_t i = 0; i < programs; i++) {
    if (object->programs[i].insns.size() > 4096)
      continue; // keep one input fast; long programs are the raw fuzzer's
    bpfverify::verifier::Result result = bpfverify::verifier::verify(*object, i, target, opts);
    volatile bool sink = result.rejection.has_value();
    (void)sink;
  }
  return 0;
}
