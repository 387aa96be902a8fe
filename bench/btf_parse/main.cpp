// Parses a BTF file N times with bpfverify's parser and with libbpf's btf__new / btf__parse, in
// the same process and on the same bytes, and prints median times, peak RSS growth and ratios.
// Usage: bench_btf_parse [path=/sys/kernel/btf/vmlinux] [iterations=20]

#include "btf/btf.h"
#include "lib/support/error.h"

#include <bpf/btf.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
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

long maxRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Peak RSS growth (KiB) of one run of fn, measured in a forked child so runs do not mask each
// other's peaks.
long peakRssDeltaKb(const std::function<void()> &fn) {
  int fds[2];
  if (pipe(fds))
    return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    long before = maxRssKb();
    fn();
    long delta = maxRssKb() - before;
    if (write(fds[1], &delta, sizeof delta) != sizeof delta)
      _exit(1);
    _exit(0);
  }
  close(fds[1]);
  long delta = -1;
  if (read(fds[0], &delta, sizeof delta) != sizeof delta)
    delta = -1;
  close(fds[0]);
  waitpid(pid, nullptr, 0);
  return delta;
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
  long oursRss = peakRssDeltaKb(ours);
  long libbpfRss = peakRssDeltaKb(libbpf);

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
  std::printf("  peak RSS growth     bpfverify %8ld KiB  libbpf            %8ld KiB\n", oursRss,
              libbpfRss);
  return 0;
}
