#include "bench/verifier/kernel_times.h"

#include <nlohmann/json.hpp>

namespace bpfverify::bench {
namespace {

std::optional<double> number(const nlohmann::json &holder, const char *key) {
  if (!holder.is_object())
    return std::nullopt;
  auto it = holder.find(key);
  if (it == holder.end() || !it->is_number())
    return std::nullopt;
  return it->get<double>();
}

std::string text(const nlohmann::json &holder, const char *key) {
  if (!holder.is_object())
    return {};
  auto it = holder.find(key);
  return it != holder.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

KernelTimes kernelTimesFromFlat(const nlohmann::json &record) {
  KernelTimes k;
  k.verdict = text(record, "verdict");
  k.processedInsns = uint64_t(number(record, "processed_insns").value_or(0));
  k.verificationUs = number(record, "verification_time_us");
  k.loadSyscallUs = number(record, "load_syscall_us");
  return k;
}

KernelTimes kernelTimesFromProgram(const nlohmann::json &program) {
  KernelTimes k;
  k.verdict = text(program, "verdict");
  if (program.is_object() && program.contains("stats")) {
    const nlohmann::json &stats = program["stats"];
    k.processedInsns = uint64_t(number(stats, "processed_insns").value_or(0));
    k.verificationUs = number(stats, "verification_time_us");
  }
  k.loadSyscallUs = number(program, "load_syscall_us");
  return k;
}

} // namespace bpfverify::bench
