#pragma once
// Which helpers may take which map types: check_map_func_compatibility() of Linux 6.18.

#include <cstdint>

namespace bpfverify::verifier {

/// Whether helper `funcId` accepts a map of `mapType` from a program of `progType` with
/// `expectedAttachType` (the kernel says "cannot pass map_type %d into func %s#%d" otherwise).
bool mapFuncCompatible(uint32_t mapType, int32_t funcId, uint32_t progType,
                       uint32_t expectedAttachType);

} // namespace bpfverify::verifier
