#pragma once
// Per-program results of a benchmark run and their summary: bpfverify's median time and peak
// heap beside the kernel's verification time and load syscall time for the same program.

#include "bench/verifier/bench_inputs.h"
#include "bench/verifier/heap_counter.h"
#include "bench/verifier/kernel_times.h"
#include "verifier/result.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace bpfverify::bench {

/// One program's figures after all rounds.
struct Row {
  const BenchProgram *program = nullptr;
  std::vector<double> oursUs;    ///< wall time of one verify() per round
  std::vector<double> oursCpuUs; ///< this thread's CPU time for the same calls
  double oursMedianUs = 0;
  double oursCpuMedianUs = 0;
  verifier::Verdict verdict = verifier::Verdict::Unverified;
  uint64_t processedInsns = 0;
  HeapFigures heap;
  KernelTimes kernel; ///< median over live rounds, or the recording
  size_t kernelSamples = 0;

  /// Both sides gave a verdict and the kernel's times are known.
  bool compared() const { return kernel.usable() && verdict != verifier::Verdict::Unverified; }
};

struct GroupSummary {
  std::string group; ///< "corpus", "objects" or "all"
  size_t programs = 0, compared = 0, unverified = 0, kernelNoTimes = 0, verdictAgree = 0;
  double oursAllTotalMs = 0; ///< every program of the group, compared or not
  // Over the compared programs:
  double oursTotalMs = 0, oursMedianUs = 0, oursP90Us = 0, oursMaxUs = 0;
  double oursCpuTotalMs = 0, oursCpuMedianUs = 0;
  std::string oursMaxId;
  double kernelVerifTotalMs = 0, kernelVerifMedianUs = 0;
  double kernelLoadTotalMs = 0, kernelLoadMedianUs = 0;
  double geomeanVsVerif = 0, geomeanVsLoad = 0;   ///< geometric mean of ours / kernel
  double fasterThanVerif = 0, fasterThanLoad = 0; ///< share of programs where ours is faster
  uint64_t heapMedianBytes = 0, heapMaxBytes = 0;
  std::string heapMaxId;
  uint64_t allocationsMedian = 0;
};

double median(std::vector<double> values);

/// Summary over the rows whose program is in `group` ("all": every row).
GroupSummary summarize(const std::vector<Row> &rows, const std::string &group);

void printSummary(const GroupSummary &s, std::FILE *out);
void printTable(const std::vector<Row> &rows, std::FILE *out);

nlohmann::json summaryJson(const GroupSummary &s);
nlohmann::json rowJson(const Row &row);

} // namespace bpfverify::bench
