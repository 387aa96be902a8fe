// libFuzzer entry: the input is a .bpf.o. Its first byte's low bit chooses whether the shipped
// vmlinux BTF is the target (ksyms, kfuncs, CO-RE, attach targets) or none. Every outcome must be
// an Object or an error; the sanitizers catch the rest. Every program's instructions are read
// back so that bad indices into them would be caught.

#include "btf/target.h"
#include "lib/object/object.h"

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
  if (size == 0)
    return 0;
  const bpfverify::btf::Target *target = (data[0] & 1) ? shippedTarget() : nullptr;
  bpfverify::object::LoadOptions options;
  options.kconfig["CONFIG_HZ"] = "250";
  auto object = bpfverify::object::loadObjectFromBuffer(llvm::ArrayRef<uint8_t>(data, size),
                                                        "fuzz.bpf.o", target, options);
  if (!object) {
    llvm::consumeError(object.takeError());
    return 0;
  }
  volatile uint64_t sink = 0;
  for (const auto &program : object->programs) {
    for (const auto &insn : program.insns)
      sink = sink + insn.code + uint32_t(insn.imm);
    for (const auto &info : program.lineInfo)
      sink = sink + info.fileName.size() + info.insnOffset;
  }
  for (const auto &map : object->maps)
    sink = sink + map.initialValue.size() + map.initialSlots.size();
  return 0;
}
