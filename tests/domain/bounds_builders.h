#pragma once
// Short constructors for hand-traced domain tests: an unsigned range and a known constant.

#include "verifier/domain/scalar_bounds.h"

#include <cstdint>

namespace bpfverify::domain::testing {

/// A scalar whose only fact is umin <= x <= umax, synced as the kernel would.
inline ScalarBounds range(uint64_t umin, uint64_t umax) {
  ScalarBounds r;
  r.umin = umin;
  r.umax = umax;
  r.sync();
  return r;
}

inline ScalarBounds k(uint64_t v) {
  return ScalarBounds::known(v);
}

} // namespace bpfverify::domain::testing
