#include "bench/verifier/bench_summary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace bpfverify::bench {
namespace {

double percentile(std::vector<double> values, double q) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  size_t i = size_t(std::ceil(q * double(values.size()))) - 1;
  return values[std::min(i, values.size() - 1)];
}

/// Geometric mean of ours / kernel over pairs with both sides positive.
double geomean(const std::vector<std::pair<double, double>> &pairs) {
  double logSum = 0;
  size_t n = 0;
  for (auto [ours, kernel] : pairs) {
    if (ours <= 0 || kernel <= 0)
      continue;
    logSum += std::log(ours / kernel);
    n++;
  }
  return n ? std::exp(logSum / double(n)) : 0;
}

double share(size_t part, size_t whole) {
  return whole ? double(part) / double(whole) : 0;
}

std::string kib(uint64_t bytes) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f KiB", double(bytes) / 1024);
  return b;
}

} // namespace

double median(std::vector<double> values) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

GroupSummary summarize(const std::vector<Row> &rows, const std::string &group) {
  GroupSummary s;
  s.group = group;
  std::vector<double> ours, oursCpu, verif, load, heap, allocations;
  std::vector<std::pair<double, double>> vsVerif, vsLoad;
  size_t fasterVerif = 0, fasterLoad = 0;
  for (const Row &r : rows) {
    if (group != "all" && r.program->group != group)
      continue;
    s.programs++;
    s.oursAllTotalMs += r.oursMedianUs / 1000;
    if (r.verdict == verifier::Verdict::Unverified)
      s.unverified++;
    if (!r.kernel.usable())
      s.kernelNoTimes++;
    if (!r.compared())
      continue;
    s.compared++;
    if (r.kernel.verdict == verifier::verdictName(r.verdict))
      s.verdictAgree++;
    double kv = *r.kernel.verificationUs, kl = *r.kernel.loadSyscallUs;
    ours.push_back(r.oursMedianUs);
    oursCpu.push_back(r.oursCpuMedianUs);
    s.oursCpuTotalMs += r.oursCpuMedianUs / 1000;
    verif.push_back(kv);
    load.push_back(kl);
    heap.push_back(double(r.heap.peakBytes));
    allocations.push_back(double(r.heap.allocations));
    s.oursTotalMs += r.oursMedianUs / 1000;
    s.kernelVerifTotalMs += kv / 1000;
    s.kernelLoadTotalMs += kl / 1000;
    vsVerif.push_back({r.oursMedianUs, kv});
    vsLoad.push_back({r.oursMedianUs, kl});
    fasterVerif += r.oursMedianUs < kv;
    fasterLoad += r.oursMedianUs < kl;
    if (r.oursMedianUs > s.oursMaxUs) {
      s.oursMaxUs = r.oursMedianUs;
      s.oursMaxId = r.program->id;
    }
    if (r.heap.peakBytes > s.heapMaxBytes) {
      s.heapMaxBytes = r.heap.peakBytes;
      s.heapMaxId = r.program->id;
    }
  }
  s.oursMedianUs = median(ours);
  s.oursCpuMedianUs = median(oursCpu);
  s.oursP90Us = percentile(ours, 0.9);
  s.kernelVerifMedianUs = median(verif);
  s.kernelLoadMedianUs = median(load);
  s.geomeanVsVerif = geomean(vsVerif);
  s.geomeanVsLoad = geomean(vsLoad);
  s.fasterThanVerif = share(fasterVerif, s.compared);
  s.fasterThanLoad = share(fasterLoad, s.compared);
  s.heapMedianBytes = uint64_t(median(heap));
  s.allocationsMedian = uint64_t(median(allocations));
  return s;
}

void printSummary(const GroupSummary &s, std::FILE *out) {
  std::fprintf(out,
               "== %s: %zu programs, %zu compared (unverified by bpfverify %zu, no kernel "
               "times %zu), verdicts agree %zu/%zu\n",
               s.group.c_str(), s.programs, s.compared, s.unverified, s.kernelNoTimes,
               s.verdictAgree, s.compared);
  if (!s.compared)
    return;
  std::fprintf(out, "  %-26s %12s %14s %10s\n", "", "total ms", "median µs", "ratio");
  std::fprintf(out, "  %-26s %12.2f %14.1f\n", "bpfverify verify()", s.oursTotalMs, s.oursMedianUs);
  std::fprintf(out, "  %-26s %12.2f %14.1f\n", "  (its thread CPU time)", s.oursCpuTotalMs,
               s.oursCpuMedianUs);
  std::fprintf(out, "  %-26s %12.2f %14.1f %9.2fx\n", "kernel verification time",
               s.kernelVerifTotalMs, s.kernelVerifMedianUs, s.geomeanVsVerif);
  std::fprintf(out, "  %-26s %12.2f %14.1f %9.2fx\n", "kernel BPF_PROG_LOAD", s.kernelLoadTotalMs,
               s.kernelLoadMedianUs, s.geomeanVsLoad);
  std::fprintf(out,
               "  ratio = geometric mean of bpfverify/kernel per program (<1: bpfverify faster); "
               "ratio of totals %.2fx (verification), %.2fx (load)\n",
               s.kernelVerifTotalMs > 0 ? s.oursTotalMs / s.kernelVerifTotalMs : 0,
               s.kernelLoadTotalMs > 0 ? s.oursTotalMs / s.kernelLoadTotalMs : 0);
  std::fprintf(out,
               "  bpfverify faster on %.1f%% of programs than the verification time, %.1f%% "
               "than the load syscall; p90 %.1f µs, slowest %.1f µs (%s)\n",
               100 * s.fasterThanVerif, 100 * s.fasterThanLoad, s.oursP90Us, s.oursMaxUs,
               s.oursMaxId.c_str());
  std::fprintf(out,
               "  bpfverify peak heap per program: median %s, max %s (%s); median %llu "
               "allocations\n",
               kib(s.heapMedianBytes).c_str(), kib(s.heapMaxBytes).c_str(), s.heapMaxId.c_str(),
               (unsigned long long)s.allocationsMedian);
}

void printTable(const std::vector<Row> &rows, std::FILE *out) {
  std::fprintf(out, "%-44s %6s %-10s %-11s %10s %10s %10s %8s %10s\n", "program", "insns", "ours",
               "kernel", "ours µs", "verif µs", "load µs", "ratio", "heap KiB");
  for (const Row &r : rows) {
    double kv = r.kernel.verificationUs.value_or(0), kl = r.kernel.loadSyscallUs.value_or(0);
    std::fprintf(out, "%-44s %6zu %-10s %-11s %10.1f %10.0f %10.1f %7.2fx %10.1f\n",
                 r.program->id.c_str(), r.program->insnCount, verifier::verdictName(r.verdict),
                 r.kernel.verdict.empty() ? "-" : r.kernel.verdict.c_str(), r.oursMedianUs, kv, kl,
                 kv > 0 ? r.oursMedianUs / kv : 0, double(r.heap.peakBytes) / 1024);
  }
}

nlohmann::json summaryJson(const GroupSummary &s) {
  return {{"programs", s.programs},
          {"compared", s.compared},
          {"unverified", s.unverified},
          {"kernel_no_times", s.kernelNoTimes},
          {"verdict_agree", s.verdictAgree},
          {"bpfverify_all_total_ms", s.oursAllTotalMs},
          {"bpfverify_total_ms", s.oursTotalMs},
          {"bpfverify_median_us", s.oursMedianUs},
          {"bpfverify_cpu_total_ms", s.oursCpuTotalMs},
          {"bpfverify_cpu_median_us", s.oursCpuMedianUs},
          {"bpfverify_p90_us", s.oursP90Us},
          {"bpfverify_max_us", s.oursMaxUs},
          {"bpfverify_max_program", s.oursMaxId},
          {"kernel_verification_total_ms", s.kernelVerifTotalMs},
          {"kernel_verification_median_us", s.kernelVerifMedianUs},
          {"kernel_load_syscall_total_ms", s.kernelLoadTotalMs},
          {"kernel_load_syscall_median_us", s.kernelLoadMedianUs},
          {"geomean_ratio_vs_verification", s.geomeanVsVerif},
          {"geomean_ratio_vs_load_syscall", s.geomeanVsLoad},
          {"share_faster_than_verification", s.fasterThanVerif},
          {"share_faster_than_load_syscall", s.fasterThanLoad},
          {"peak_heap_median_bytes", s.heapMedianBytes},
          {"peak_heap_max_bytes", s.heapMaxBytes},
          {"peak_heap_max_program", s.heapMaxId},
          {"allocations_median", s.allocationsMedian}};
}

nlohmann::json rowJson(const Row &r) {
  auto opt = [](const std::optional<double> &v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"id", r.program->id},
          {"group", r.program->group},
          {"insns", r.program->insnCount},
          {"bpfverify",
           {{"verdict", verifier::verdictName(r.verdict)},
            {"processed_insns", r.processedInsns},
            {"median_us", r.oursMedianUs},
            {"times_us", r.oursUs},
            {"cpu_median_us", r.oursCpuMedianUs},
            {"peak_heap_bytes", r.heap.peakBytes},
            {"allocations", r.heap.allocations},
            {"allocated_bytes", r.heap.allocatedBytes}}},
          {"kernel",
           {{"verdict", r.kernel.verdict},
            {"processed_insns", r.kernel.processedInsns},
            {"verification_time_us", opt(r.kernel.verificationUs)},
            {"load_syscall_us", opt(r.kernel.loadSyscallUs)},
            {"samples", r.kernelSamples}}}};
}

} // namespace bpfverify::bench
