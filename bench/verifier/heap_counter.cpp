// Replaced global allocation functions: with a HeapWindow open, every operator new/delete adjusts
// a live-byte count by malloc_usable_size(), so the peak during the window is exact for memory
// that goes through operator new (all std:: containers and strings of the verifier). llvm's
// SmallVector allocates with malloc and is not counted; the verifier uses none.
#include "bench/verifier/heap_counter.h"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <new>

namespace bpfverify::bench {
namespace {

// Plain globals: the window is used on one thread only (see heap_counter.h).
bool counting = false;
int64_t live = 0;
int64_t peak = 0;
uint64_t allocations = 0;
uint64_t allocatedBytes = 0;

void noteAllocation(void *p) {
  if (!counting || !p)
    return;
  int64_t n = int64_t(malloc_usable_size(p));
  live += n;
  if (live > peak)
    peak = live;
  allocations++;
  allocatedBytes += uint64_t(n);
}

void noteRelease(void *p) {
  // A block allocated before the window opened lowers `live` below zero: the peak is taken
  // relative to zero, so such frees can only hide growth, never invent it. verify() frees
  // nothing it did not allocate (the Object is const).
  if (counting && p)
    live -= int64_t(malloc_usable_size(p));
}

void *allocate(std::size_t size) {
  void *p = std::malloc(size ? size : 1);
  if (!p)
    throw std::bad_alloc();
  noteAllocation(p);
  return p;
}

void *allocateAligned(std::size_t size, std::align_val_t align) {
  void *p = nullptr;
  std::size_t a = std::max(std::size_t(align), sizeof(void *));
  if (posix_memalign(&p, a, size ? size : 1) != 0)
    throw std::bad_alloc();
  noteAllocation(p);
  return p;
}

void release(void *p) noexcept {
  noteRelease(p);
  std::free(p);
}

} // namespace

HeapWindow::HeapWindow() {
  live = peak = 0;
  allocations = allocatedBytes = 0;
  counting = true;
}

HeapWindow::~HeapWindow() {
  if (!stopped_)
    counting = false;
}

HeapFigures HeapWindow::stop() {
  counting = false;
  stopped_ = true;
  return {uint64_t(peak), allocations, allocatedBytes};
}

} // namespace bpfverify::bench

using bpfverify::bench::allocate;
using bpfverify::bench::allocateAligned;
using bpfverify::bench::release;

void *operator new(std::size_t size) {
  return allocate(size);
}
void *operator new[](std::size_t size) {
  return allocate(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void *operator new(std::size_t size, std::align_val_t align) {
  return allocateAligned(size, align);
}
void *operator new[](std::size_t size, std::align_val_t align) {
  return allocateAligned(size, align);
}
void *operator new(std::size_t size, std::align_val_t align, const std::nothrow_t &) noexcept {
  try {
    return allocateAligned(size, align);
  } catch (...) {
    return nullptr;
  }
}
void *operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t &) noexcept {
  try {
    return allocateAligned(size, align);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void *p) noexcept {
  release(p);
}
void operator delete[](void *p) noexcept {
  release(p);
}
void operator delete(void *p, std::size_t) noexcept {
  release(p);
}
void operator delete[](void *p, std::size_t) noexcept {
  release(p);
}
void operator delete(void *p, const std::nothrow_t &) noexcept {
  release(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept {
  release(p);
}
void operator delete(void *p, std::align_val_t) noexcept {
  release(p);
}
void operator delete[](void *p, std::align_val_t) noexcept {
  release(p);
}
void operator delete(void *p, std::size_t, std::align_val_t) noexcept {
  release(p);
}
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept {
  release(p);
}
void operator delete(void *p, std::align_val_t, const std::nothrow_t &) noexcept {
  release(p);
}
void operator delete[](void *p, std::align_val_t, const std::nothrow_t &) noexcept {
  release(p);
}
