// libFuzzer entry: an object's .BTF and .BTF.ext, framed as [u32 btf_len][btf][ext]. The BTF
// is parsed as an object's; if it parses, .BTF.ext is parsed against it and every record's
// references are used. Must never crash or hang.
// Run: build-fuzz/fuzz/btf_ext/fuzz_btf_ext -max_len=262144 <corpus dir>.

#include "btf/btf_ext.h"
#include "lib/support/error.h"

#include <cstring>

using namespace bpfverify;
using namespace bpfverify::btf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 4)
    return 0;
  uint32_t btfLen;
  std::memcpy(&btfLen, data, 4);
  if (btfLen > size - 4)
    return 0;
  llvm::ArrayRef<uint8_t> btfBytes(data + 4, btfLen);
  llvm::ArrayRef<uint8_t> extBytes(data + 4 + btfLen, size - 4 - btfLen);
  auto btf = Btf::parse(btfBytes, "fuzz.o");
  if (!btf) {
    llvm::consumeError(btf.takeError());
    return 0;
  }
  auto ext = BtfExt::parse(extBytes, "fuzz.o", **btf);
  if (!ext) {
    std::string message = errorMessage(ext.takeError());
    if (message.find('\n') != std::string::npos)
      __builtin_trap();
    return 0;
  }
  // Every reference a record holds must be usable.
  for (const auto &sec : ext->funcInfo)
    for (const FuncInfoRecord &r : sec.records)
      (void)(*btf)->type(r.typeId).name.size();
  for (const auto &sec : ext->lineInfo)
    for (const LineInfoRecord &r : sec.records)
      (void)((*btf)->string(r.fileNameOffset).size() + (*btf)->string(r.lineOffset).size());
  for (const auto &sec : ext->coreRelos)
    for (const CoreReloRecord &r : sec.records) {
      (void)(*btf)->typeToC(r.typeId);
      (void)(*btf)->string(r.accessStrOffset);
      (void)coreReloKindName(r.kind);
    }
  return 0;
}
