#pragma once
// Names of the kernel's helper functions by id (Linux 6.18 __BPF_FUNC_MAPPER, data in
// helper_ids.def).

#include <llvm/ADT/StringRef.h>

#include <cstdint>
#include <optional>

namespace bpfverify::isa {

/// __BPF_FUNC_MAX_ID of Linux 6.18: helper ids are 0 .. kHelperCount - 1.
inline constexpr int32_t kHelperCount = 212;

/// The helper's name as the kernel prints it ("bpf_map_lookup_elem" for 1, "bpf_unspec" for 0),
/// or nullopt for ids outside the table.
std::optional<llvm::StringRef> helperName(int32_t id);

/// The id of a helper by its name, with or without the "bpf_" prefix.
std::optional<int32_t> helperId(llvm::StringRef name);

} // namespace bpfverify::isa
