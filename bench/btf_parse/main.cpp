// Parses a BTF file N times with bpfverify's parser and with libbpf's btf__new / btf__parse, in
// the same process and on the same bytes, and prints median times, peak RSS growth and ratios.
// Usage: bench_btf_parse [path=/sys/kernel/btf/vmlinux] [iterations=20]

#include "btf/btf.h"
#include "lib/support/error.h"

#include <bpf/btf.h>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace bpfverify;

namespace {

double medianMs(const std::function<void()> &fn, int iterations) {
  std::vector<double> times;
  for (int i = 0; i < iterations; ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    auto end = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

long statusKb(const char *field) {
  std::FILE *f = std::fopen("/proc/self/status", "r");
  if (!f)
    return -1;
  char line[256];
  long value = -1;
  size_t len = std::strlen(field);
  while (std::fgets(line, sizeof line, f))
    if (!std::strncmp(line, field, len))
      value = std::atol(line + len);
  std::fclose(f);
  return value;
}

// Resident memory (KiB) held by what make() returns, while it is alive, and the peak growth
// during the call (VmHWM, reset through /proc/self/clear_refs). Freed heap is returned first so
// earlier runs do not hide the growth.
struct RssFigures {
  long held = -1, peak = -1;
};
template <class Make>
RssFigures measureRss(Make make) {
  malloc_trim(0);
  if (std::FILE *f = std::fopen("/proc/self/clear_refs", "w")) {
    std::fputs("5", f);
    std::fclose(f);
  }
  long before = statusKb("VmRSS:");
  auto object = make();
  RssFigures figures;
  figures.held = statusKb("VmRSS:") - before;
  figures.peak = statusKb("VmHWM:") - before;
  return figures;
}

} // namespace

int main(int argc, char **argv) {
  std::string path = argc > 1 ? argv[1] : "/sys/kernel/btf/vmlinux";
  int iterations = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;

  auto bufferOrErr = readInputFile(path);
  if (!bufferOrErr) {
    std::fprintf(stderr, "%s\n", errorMessage(bufferOrErr.takeError()).c_str());
    return 2;
  }
  llvm::ArrayRef<uint8_t> bytes(reinterpret_cast<const uint8_t *>((*bufferOrErr)->getBufferStart()),
                                (*bufferOrErr)->getBufferSize());

  size_t types = 0;
  auto ours = [&] {
    auto btf = btf::Btf::parse(bytes, path);
    if (!btf) {
      std::fprintf(stderr, "%s\n", errorMessage(btf.takeError()).c_str());
      std::exit(2);
    }
    types = (*btf)->endId();
  };
  auto oursWithIndex = [&] {
    auto btf = btf::Btf::parse(bytes, path);
    if (!btf)
      std::exit(2);
    if ((*btf)->findByName("task_struct").empty())
      std::exit(3);
  };
  auto oursFile = [&] {
    auto btf = btf::Btf::parseFile(path);
    if (!btf)
      std::exit(2);
  };
  size_t libbpfTypes = 0;
  auto libbpf = [&] {
    struct btf *btf = btf__new(bytes.data(), static_cast<uint32_t>(bytes.size()));
    if (!btf) {
      std::fprintf(stderr, "libbpf: btf__new failed\n");
      std::exit(2);
    }
    libbpfTypes = btf__type_cnt(btf);
    btf__free(btf);
  };
  auto libbpfFile = [&] {
    struct btf *btf = btf__parse(path.c_str(), nullptr);
    if (!btf)
      std::exit(2);
    btf__free(btf);
  };
  auto libbpfWithLookup = [&] {
    struct btf *btf = btf__new(bytes.data(), static_cast<uint32_t>(bytes.size()));
    if (!btf)
      std::exit(2);
    if (btf__find_by_name(btf, "task_struct") < 0)
      std::exit(3);
    btf__free(btf);
  };

  ours(); // warm up both, and check they agree on the type count
  libbpf();
  if (types != libbpfTypes) {
    std::fprintf(stderr, "type counts differ: ours %zu, libbpf %zu\n", types, libbpfTypes);
    return 1;
  }

  double oursMs = medianMs(ours, iterations);
  double libbpfMs = medianMs(libbpf, iterations);
  double oursIndexMs = medianMs(oursWithIndex, iterations);
  double libbpfLookupMs = medianMs(libbpfWithLookup, iterations);
  double oursFileMs = medianMs(oursFile, iterations);
  double libbpfFileMs = medianMs(libbpfFile, iterations);
  RssFigures oursRss = measureRss([&] {
    auto parsed = btf::Btf::parse(bytes, path);
    if (!parsed)
      std::exit(2);
    return std::move(*parsed);
  });
  RssFigures libbpfRss = measureRss([&] {
    return std::unique_ptr<struct btf, void (*)(struct btf *)>(
        btf__new(bytes.data(), static_cast<uint32_t>(bytes.size())), btf__free);
  });

  std::printf("file: %s (%zu bytes, %zu types), %d iterations, median times\n", path.c_str(),
              bytes.size(), types, iterations);
  std::printf(
      "  parse from memory   bpfverify %8.2f ms   libbpf btf__new   %8.2f ms   ratio %.2f\n",
      oursMs, libbpfMs, oursMs / libbpfMs);
  std::printf(
      "  + one name lookup   bpfverify %8.2f ms   libbpf            %8.2f ms   ratio %.2f\n",
      oursIndexMs, libbpfLookupMs, oursIndexMs / libbpfLookupMs);
  std::printf(
      "  parse from file     bpfverify %8.2f ms   libbpf btf__parse %8.2f ms   ratio %.2f\n",
      oursFileMs, libbpfFileMs, oursFileMs / libbpfFileMs);
  std::printf("  RSS held by result  bpfverify %8ld KiB  libbpf            %8ld KiB\n",
              oursRss.held, libbpfRss.held);
  std::printf("  peak RSS growth     bpfverify %8ld KiB  libbpf            %8ld KiB\n",
              oursRss.peak, libbpfRss.peak);
  return 0;
}
