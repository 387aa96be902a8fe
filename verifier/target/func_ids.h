#pragma once
// BPF_FUNC_<name> constants of enum bpf_func_id (include/uapi/linux/bpf.h), from lib/isa's table.

#include <cstdint>

namespace bpfverify::target {

enum BpfFuncId : uint32_t {
#define BPF_HELPER(id, name) BPF_FUNC_##name = id,
#include "lib/isa/helper_ids.def"
#undef BPF_HELPER
  BPF_FUNC_MAX_ID
};

} // namespace bpfverify::target
