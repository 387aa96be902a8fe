// Re-checks the kernel facts the pruning unit tests rely on (hidden: run
// `test_pruning "[kernel]"` as root on Linux 6.18): every program of kernel_cases.h is loaded
// as a socket filter with log_level 2 and the expected lines must appear in the kernel's log.

#include "kernel_cases.h"

#include <catch2/catch.hpp>

#include <linux/bpf.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

using namespace bpfverify::pruning_testing;

namespace {

/// Loads the program; returns the verifier log, or nothing when the kernel refused to run the
/// verifier at all (no privileges).
std::optional<std::string> kernelLog(const std::vector<bpfverify::isa::Insn> &insns, int &error) {
  static_assert(sizeof(bpf_insn) == sizeof(bpfverify::isa::Insn));
  std::vector<bpf_insn> raw(insns.size());
  std::memcpy(raw.data(), insns.data(), insns.size() * sizeof(bpf_insn));
  std::string log(1 << 20, '\0');
  union bpf_attr attr;
  std::memset(&attr, 0, sizeof(attr));
  attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
  attr.insns = uint64_t(uintptr_t(raw.data()));
  attr.insn_cnt = uint32_t(raw.size());
  attr.license = uint64_t(uintptr_t("GPL"));
  attr.log_level = 2;
  attr.log_buf = uint64_t(uintptr_t(log.data()));
  attr.log_size = uint32_t(log.size());
  long fd = syscall(__NR_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
  error = fd < 0 ? errno : 0;
  if (fd >= 0)
    close(int(fd));
  log.resize(std::strlen(log.c_str()));
  if (fd < 0 && log.empty())
    return std::nullopt;
  return log;
}

} // namespace

TEST_CASE("the running kernel prints the expected precision and liveness lines", "[.][kernel]") {
  for (const KernelCase &c : allKernelCases()) {
    INFO(c.name);
    int error = 0;
    auto log = kernelLog(c.insns, error);
    if (!log)
      FAIL("BPF_PROG_LOAD refused (" << std::strerror(error) << "): run as root");
    CHECK(error == 0);
    INFO(*log);
    CHECK(log->find(c.expected) != std::string::npos);
  }
  int error = 0;
  auto log = kernelLog(calleeWritesCallerStack().insns, error);
  REQUIRE(log);
  CHECK(log->find(calleeWritesCallerStackFinal()) != std::string::npos);
}
