#pragma once
// Live-heap accounting for the benchmark binary: the global operator new/delete are replaced
// (heap_counter.cpp) so that the peak of live heap bytes during one call can be read.

#include <cstdint>

namespace bpfverify::bench {

/// What the counted operator new saw between start() and stop().
struct HeapFigures {
  uint64_t peakBytes = 0;   ///< highest live heap above the level at start()
  uint64_t allocations = 0; ///< operator new calls
  uint64_t allocatedBytes = 0;
};

/// Counting is off by default, so timed runs pay nothing but one flag test per allocation.
/// Only one window at a time, on one thread: the benchmark is single-threaded.
class HeapWindow {
public:
  HeapWindow();
  ~HeapWindow();
  HeapWindow(const HeapWindow &) = delete;
  HeapWindow &operator=(const HeapWindow &) = delete;
  HeapFigures stop();

private:
  bool stopped_ = false;
};

} // namespace bpfverify::bench
