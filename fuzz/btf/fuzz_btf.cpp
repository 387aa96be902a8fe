// libFuzzer entry: parse arbitrary bytes as BTF (first byte picks base/split and strictness),
// then run every query over every type of a blob that parses. Must never crash or hang.
// Run: build-fuzz/fuzz/btf/fuzz_btf -max_len=65536 <corpus dir> (seeds: fuzz/btf/make_seeds).

#include "btf/btf.h"
#include "lib/support/error.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace bpfverify;
using namespace bpfverify::btf;

namespace {

// A small valid base for split parsing: int, int *, struct pair { int a; int *p; }, a typedef.
std::shared_ptr<const Btf> smallBase() {
  static std::shared_ptr<const Btf> base = [] {
    const char strings[] = "\0int\0pair\0a\0p\0pair_t";
    std::vector<uint32_t> types = {
        1,  0x01000000, 4,  0x01000020,        // [1] int
        0,  0x02000000, 1,                     // [2] int *
        5,  0x04000002, 16,                    // [3] struct pair
        10, 1,          0,  12,         2, 64, //     a: int @0, p: int * @64
        14, 0x08000000, 3,                     // [4] typedef pair_t
    };
    std::vector<uint8_t> blob(24);
    uint32_t header[6] = {
        0x0001eB9F, 24, 0, uint32_t(types.size() * 4), uint32_t(types.size() * 4), sizeof(strings)};
    std::memcpy(blob.data(), header, 24);
    size_t at = blob.size();
    blob.resize(at + types.size() * 4);
    std::memcpy(blob.data() + at, types.data(), types.size() * 4);
    blob.insert(blob.end(), strings, strings + sizeof(strings));
    auto parsed = Btf::parse(blob, "base.btf");
    if (!parsed)
      __builtin_trap();
    return std::shared_ptr<const Btf>(std::move(*parsed));
  }();
  return base;
}

void exercise(const Btf &btf) {
  TypeId end = btf.endId();
  // Bound the work per input on big blobs: queries on up to 2000 types.
  TypeId step = end > 2000 ? end / 2000 : 1;
  for (TypeId id = 0; id < end; id += step) {
    const Type &t = btf.type(id);
    auto size = btf.sizeOf(id);
    if (!size)
      llvm::consumeError(size.takeError());
    (void)btf.alignOf(id);
    (void)btf.skipModifiersAndTypedefs(id);
    (void)btf.typeToC(id);
    (void)btf.declToC(id, "x");
    (void)btf.declTagsOf(id);
    if (!t.name.empty()) {
      llvm::StringRef name(t.name.data(), t.name.size());
      if (btf.findByName(name).empty())
        __builtin_trap(); // every named type must be indexed
      (void)btf.findByCName(name);
    }
    if (t.isStructOrUnion()) {
      (void)btf.memberAt(id, 0);
      (void)btf.memberAt(id, t.size * 4);
      if (!t.members.empty())
        (void)btf.memberByName(
            id, llvm::StringRef(t.members.back().name.data(), t.members.back().name.size()));
    }
    if (t.isEnum() && !t.enumerators.empty())
      (void)btf.enumValue(
          id, llvm::StringRef(t.enumerators[0].name.data(), t.enumerators[0].name.size()));
  }
  (void)btf.string(0);
  (void)btf.string(btf.stringEnd());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  uint8_t mode = data[0];
  llvm::ArrayRef<uint8_t> blob(data + 1, size - 1);
  ParseOptions options{(mode & 2) ? Strictness::Kernel : Strictness::Object};
  std::shared_ptr<const Btf> base = (mode & 1) ? smallBase() : nullptr;
  auto parsed = Btf::parse(blob, "fuzz.btf", base, options);
  if (!parsed) {
    std::string message = errorMessage(parsed.takeError());
    if (message.find('\n') != std::string::npos)
      __builtin_trap(); // messages are one line
    return 0;
  }
  exercise(**parsed);
  return 0;
}
