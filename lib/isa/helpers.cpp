#include "lib/isa/helpers.h"

#include <array>

namespace bpfverify::isa {
namespace {

struct HelperEntry {
  int32_t id;
  const char *name;
};

constexpr HelperEntry kHelpers[] = {
#define BPF_HELPER(id, name) {id, "bpf_" #name},
#include "lib/isa/helper_ids.def"
#undef BPF_HELPER
};
static_assert(std::size(kHelpers) == kHelperCount, "helper_ids.def must list ids 0..211");

constexpr bool idsAreDense() {
  for (size_t i = 0; i < std::size(kHelpers); ++i)
    if (kHelpers[i].id != static_cast<int32_t>(i))
      return false;
  return true;
}
static_assert(idsAreDense(), "helper_ids.def must be sorted by id without gaps");

} // namespace

std::optional<llvm::StringRef> helperName(int32_t id) {
  if (id < 0 || id >= kHelperCount)
    return std::nullopt;
  return llvm::StringRef(kHelpers[id].name);
}

std::optional<int32_t> helperId(llvm::StringRef name) {
  llvm::StringRef bare = name;
  bare.consume_front("bpf_");
  for (const HelperEntry &entry : kHelpers)
    if (llvm::StringRef(entry.name).drop_front(4) == bare)
      return entry.id;
  return std::nullopt;
}

} // namespace bpfverify::isa
