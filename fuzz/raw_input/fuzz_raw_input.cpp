// Fuzzes raw input: the input is "<JSON map list>\0<instruction bytes>". Checks that parsing
// never crashes and that what it accepts is consistent (unique fds, initial values of value_size
// bytes), and that every converted map reference names an existing map.

#include "lib/isa/decode.h"
#include "lib/object/raw/raw_input.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"

#include <cstdlib>
#include <cstring>
#include <set>

using namespace bpfverify;

namespace {

void check(bool ok) {
  if (!ok)
    abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const auto *nul = static_cast<const uint8_t *>(memchr(data, 0, size));
  const size_t jsonSize = nul ? static_cast<size_t>(nul - data) : size;
  llvm::StringRef json(reinterpret_cast<const char *>(data), jsonSize);
  auto maps = object::raw::parseRawMaps(json, "fuzz.json");
  if (!maps) {
    check(!errorMessage(maps.takeError()).empty());
    return 0;
  }
  std::set<int32_t> fds;
  for (const object::Map &map : *maps) {
    check(!map.name.empty());
    check(map.initialValue.empty() || map.initialValue.size() == map.valueSize);
    if (map.rawFd)
      check(fds.insert(*map.rawFd).second);
  }
  const uint8_t *code = nul ? nul + 1 : data + size;
  size_t codeSize = static_cast<size_t>(data + size - code);
  codeSize -= codeSize % isa::kInsnSize;
  auto insns = isa::decodeInstructions(llvm::ArrayRef<uint8_t>(code, codeSize), "fuzz.bin");
  check(static_cast<bool>(insns));
  const size_t mapCount = maps->size();
  auto object = object::raw::buildRawObject(std::move(*insns), "fuzz.bin", 6, 0, std::move(*maps),
                                            "fuzz.json");
  if (!object) {
    llvm::consumeError(object.takeError());
    return 0;
  }
  const auto &out = object->programs.at(0).insns;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (!isa::isLdImm64(out[i]))
      continue;
    check(out[i].src != isa::BPF_PSEUDO_MAP_IDX && out[i].src != isa::BPF_PSEUDO_MAP_IDX_VALUE);
    if (out[i].src == isa::BPF_PSEUDO_MAP_FD || out[i].src == isa::BPF_PSEUDO_MAP_VALUE)
      check(static_cast<uint32_t>(out[i].imm) < mapCount);
    ++i;
  }
  return 0;
}
