// bench_verifier: bpfverify's time and peak heap per program beside the kernel's verification
// time and BPF_PROG_LOAD time for the same programs, measured in one run.
//
//   bench_verifier [--corpus FILE]... [OBJECT.bpf.o]... [--rounds N] [--live] [--json OUT]
//
// Each round verifies every program once (and, with --live, first asks the running kernel about
// every program through kernel-oracle); the figure per program is the median over the rounds.
// Peak heap is measured in a separate untimed pass, so counting costs no timed run anything.
#include "bench/verifier/bench_inputs.h"
#include "bench/verifier/bench_summary.h"
#include "bench/verifier/heap_counter.h"
#include "bench/verifier/kernel_live.h"
#include "btf/target.h"
#include "lib/support/error.h"
#include "verifier/verify.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

using namespace bpfverify;
using namespace bpfverify::bench;

namespace {

struct Settings {
  std::vector<std::string> corpora;
  std::vector<std::string> objects;
  std::vector<std::string> moduleBtf;
  std::vector<std::string> only; ///< --program: keep only these names / corpus ids
  std::string btfPath;
  std::string recordedDir = BPFVERIFY_SOURCE_DIR "/testdata/expect/kernel";
  std::string oracle;
  std::string jsonOut;
  size_t rounds = 5;
  size_t limit = 0;
  uint32_t logLevel = 4;
  bool live = false;
  bool table = false;
};

long maxRssKib() {
  struct rusage u {};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string utcNow() {
  std::time_t t = std::time(nullptr);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return b;
}

std::string kernelRelease() {
  struct utsname u;
  return uname(&u) == 0 ? u.release : "";
}

std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos)
      return line.substr(line.find(':') + 2);
  return "";
}

/// kernel-oracle next to this executable (both build into <build>/bin).
std::string defaultOracle() {
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0)
    return "kernel-oracle";
  std::string path(self, size_t(n));
  return path.substr(0, path.rfind('/') + 1) + "kernel-oracle";
}

bool readable(const std::string &path) {
  return access(path.c_str(), R_OK) == 0;
}

double usSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
      .count();
}

/// CPU time of this thread: unlike wall time, not inflated when other work takes the CPU.
double threadCpuUs() {
  struct timespec ts {};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

std::string loadAverage() {
  double avg[3] = {0, 0, 0};
  if (getloadavg(avg, 3) != 3)
    return "?";
  char b[64];
  std::snprintf(b, sizeof b, "%.2f %.2f %.2f", avg[0], avg[1], avg[2]);
  return b;
}

/// Asks the kernel about every program once; false (with `why`) when it cannot answer at all.
bool measureKernelRound(const Settings &settings, const BenchInputs &inputs,
                        std::vector<std::vector<KernelTimes>> &samples, std::string &why) {
  KernelAnswers answers;
  auto absorb = [&](llvm::Expected<KernelAnswers> got, const OracleError &failure) {
    if (!got) {
      std::string message = errorMessage(got.takeError());
      if (failure.exitStatus == OracleNoKernel || failure.exitStatus == 127 ||
          failure.exitStatus < 0) {
        why = message;
        return false;
      }
      std::fprintf(stderr, "bench_verifier: %s\n", message.c_str());
      return true;
    }
    answers.merge(*got);
    return true;
  };
  for (const std::string &corpus : settings.corpora) {
    OracleError failure;
    if (!absorb(measureCorpus(settings.oracle, corpus, failure), failure))
      return false;
  }
  for (const std::string &object : settings.objects) {
    OracleError failure;
    if (!absorb(measureObject(settings.oracle, object, failure), failure))
      return false;
  }
  for (size_t i = 0; i < inputs.programs.size(); i++) {
    const BenchProgram &p = inputs.programs[i];
    std::string key = p.group == "corpus" ? p.id : p.sourcePath + ":" + p.programName;
    if (auto it = answers.find(key); it != answers.end())
      samples[i].push_back(it->second);
  }
  return true;
}

/// The median of the live samples (the first sample's verdict and count).
KernelTimes medianKernel(const std::vector<KernelTimes> &samples) {
  KernelTimes k = samples.front();
  std::vector<double> verif, load;
  for (const KernelTimes &s : samples) {
    if (s.verificationUs)
      verif.push_back(*s.verificationUs);
    if (s.loadSyscallUs)
      load.push_back(*s.loadSyscallUs);
  }
  k.verificationUs = verif.empty() ? std::nullopt : std::optional<double>(median(verif));
  k.loadSyscallUs = load.empty() ? std::nullopt : std::optional<double>(median(load));
  return k;
}

int run(const Settings &settings) {
  nlohmann::json report;
  report["date"] = utcNow();
  report["kernel_release"] = kernelRelease();
  report["cpus_online"] = sysconf(_SC_NPROCESSORS_ONLN);
  report["cpu_model"] = cpuModel();
  report["rounds"] = settings.rounds;
  report["log_level"] = settings.logLevel;
  report["load_average_start"] = loadAverage();

  // The target BTF: parsed once, as bpfverify would for a run over many objects.
  std::optional<btf::Target> target;
  double btfLoadMs = 0;
  long rssStartKib = maxRssKib();
  if (!settings.objects.empty()) {
    std::string vmlinux = settings.btfPath;
    if (vmlinux.empty())
      vmlinux =
          readable("/sys/kernel/btf/vmlinux") ? "/sys/kernel/btf/vmlinux" : BPFVERIFY_SHIPPED_BTF;
    auto start = std::chrono::steady_clock::now();
    auto loaded = btf::Target::load(vmlinux, settings.moduleBtf);
    btfLoadMs = usSince(start) / 1000;
    if (!loaded) {
      std::fprintf(stderr, "bench_verifier: %s\n", errorMessage(loaded.takeError()).c_str());
      return 2;
    }
    target = std::move(*loaded);
    report["btf"] = vmlinux;
  }

  BenchInputs inputs;
  for (const std::string &corpus : settings.corpora)
    if (llvm::Error e = addCorpus(inputs, corpus, settings.limit)) {
      std::fprintf(stderr, "bench_verifier: %s\n", errorMessage(std::move(e)).c_str());
      return 2;
    }
  for (const std::string &object : settings.objects)
    addObject(inputs, object, target ? &*target : nullptr, settings.recordedDir);
  if (!settings.only.empty())
    std::erase_if(inputs.programs, [&](const BenchProgram &p) {
      return std::find(settings.only.begin(), settings.only.end(), p.programName) ==
             settings.only.end();
    });
  for (const std::string &why : inputs.skipped)
    std::fprintf(stderr, "bench_verifier: skipped (bpfverify cannot load it): %s\n", why.c_str());
  if (inputs.programs.empty()) {
    std::fprintf(stderr, "bench_verifier: no programs to measure\n");
    return 2;
  }
  long rssLoadedKib = maxRssKib();

  verifier::VerifyOptions opts = verifier::VerifyOptions::referenceMachine();
  opts.logLevel = settings.logLevel;
  auto verifyOne = [&](const BenchProgram &p) {
    return verifier::verify(inputs.objects[p.objectIndex], p.programIndex,
                            target ? &*target : nullptr, opts);
  };

  std::vector<Row> rows(inputs.programs.size());
  // Warm-up (first-use initialisation, caches) and the verdicts.
  for (size_t i = 0; i < rows.size(); i++) {
    rows[i].program = &inputs.programs[i];
    verifier::Result r = verifyOne(inputs.programs[i]);
    rows[i].verdict = r.verdict;
    rows[i].processedInsns = r.stats.processedInsns;
  }
  // Peak heap, untimed: the Result is part of what verify() hands back, so it is counted.
  for (size_t i = 0; i < rows.size(); i++) {
    HeapWindow window;
    {
      verifier::Result r = verifyOne(inputs.programs[i]);
      rows[i].heap = window.stop();
    }
  }

  bool live = settings.live;
  std::string liveWhy;
  std::vector<std::vector<KernelTimes>> kernelSamples(rows.size());
  double oursRoundsMs = 0;
  for (size_t round = 0; round < settings.rounds; round++) {
    if (live && !measureKernelRound(settings, inputs, kernelSamples, liveWhy)) {
      live = false;
      for (auto &s : kernelSamples)
        s.clear();
    }
    // kernel-oracle just ran: one untimed call brings verify()'s code back into the caches, so
    // the first program of the round does not pay for it alone.
    verifyOne(inputs.programs.front());
    auto roundStart = std::chrono::steady_clock::now();
    for (size_t i = 0; i < rows.size(); i++) {
      double cpuStart = threadCpuUs();
      auto start = std::chrono::steady_clock::now();
      verifier::Result r = verifyOne(inputs.programs[i]);
      rows[i].oursUs.push_back(usSince(start));
      rows[i].oursCpuUs.push_back(threadCpuUs() - cpuStart);
    }
    oursRoundsMs += usSince(roundStart) / 1000;
  }
  for (size_t i = 0; i < rows.size(); i++) {
    rows[i].oursMedianUs = median(rows[i].oursUs);
    rows[i].oursCpuMedianUs = median(rows[i].oursCpuUs);
    if (live && !kernelSamples[i].empty()) {
      rows[i].kernel = medianKernel(kernelSamples[i]);
      rows[i].kernelSamples = kernelSamples[i].size();
    } else if (!live) {
      rows[i].kernel = inputs.programs[i].recorded;
      rows[i].kernelSamples = rows[i].kernel.verdict.empty() ? 0 : 1;
    }
  }
  long rssEndKib = maxRssKib();
  report["load_average_end"] = loadAverage();

  std::string kernelSource =
      live ? "live: kernel-oracle in this run, median of " + std::to_string(settings.rounds) +
                 " loads per program on " + kernelRelease()
           : "recorded (testdata)" + (settings.live
                                          ? " because the live measurement failed: " + liveWhy
                                          : std::string(", --live not given"));
  report["kernel_source"] = live ? "live" : "recorded";
  report["kernel_source_detail"] = kernelSource;

  if (settings.table)
    printTable(rows, stdout);
  std::printf("bench_verifier %s, kernel %s, %ld CPUs (%s), %zu rounds, log_level %u\n",
              report["date"].get<std::string>().c_str(), kernelRelease().c_str(),
              sysconf(_SC_NPROCESSORS_ONLN), cpuModel().c_str(), settings.rounds,
              settings.logLevel);
  std::printf("kernel figures: %s\n", kernelSource.c_str());
  std::printf("load average (1/5/15 min): %s at start, %s at the end\n",
              report["load_average_start"].get<std::string>().c_str(),
              report["load_average_end"].get<std::string>().c_str());
  std::printf("inputs: %zu programs from %zu objects/corpus lines, loaded in %.1f ms%s\n",
              rows.size(), inputs.objects.size(), inputs.loadMs,
              inputs.skipped.empty()
                  ? ""
                  : (", " + std::to_string(inputs.skipped.size()) + " objects skipped").c_str());
  if (target)
    std::printf("target BTF parsed in %.1f ms (once per run; not in the per-program times)\n",
                btfLoadMs);
  std::vector<std::string> groups;
  if (!settings.corpora.empty())
    groups.push_back("corpus");
  if (!inputs.objects.empty() && !settings.objects.empty())
    groups.push_back("objects");
  if (groups.size() > 1)
    groups.push_back("all");
  for (const std::string &g : groups) {
    GroupSummary s = summarize(rows, g);
    printSummary(s, stdout);
    report["summary"][g] = summaryJson(s);
  }
  std::printf("bpfverify, all rounds: %.1f ms per round on average for %zu programs\n",
              oursRoundsMs / double(settings.rounds), rows.size());
  std::printf("process max RSS: %ld KiB at start, %ld KiB with BTF and inputs loaded, %ld KiB at "
              "the end (growth during verification %ld KiB)\n",
              rssStartKib, rssLoadedKib, rssEndKib, rssEndKib - rssLoadedKib);
  report["memory"] = {{"max_rss_start_kib", rssStartKib},
                      {"max_rss_loaded_kib", rssLoadedKib},
                      {"max_rss_end_kib", rssEndKib},
                      {"btf_load_ms", btfLoadMs},
                      {"inputs_load_ms", inputs.loadMs}};
  report["skipped"] = inputs.skipped;
  if (!settings.jsonOut.empty()) {
    nlohmann::json programs = nlohmann::json::array();
    for (const Row &r : rows)
      programs.push_back(rowJson(r));
    report["programs"] = std::move(programs);
    std::ofstream out(settings.jsonOut);
    out << report.dump(1) << "\n";
    if (!out) {
      std::fprintf(stderr, "bench_verifier: %s: cannot write\n", settings.jsonOut.c_str());
      return 2;
    }
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Settings settings;
  CLI::App app{"bpfverify's time and peak heap beside the kernel's load time, per program"};
  app.add_option("objects", settings.objects, "BPF ELF objects (.bpf.o)");
  app.add_option("--corpus", settings.corpora, "raw-program corpus (testdata/raw/*.jsonl)")
      ->allow_extra_args(false);
  app.add_option("--rounds", settings.rounds, "timed runs per program (median)")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--live", settings.live,
               "measure the running kernel in the same run with kernel-oracle (root)");
  app.add_option("--oracle", settings.oracle, "kernel-oracle executable (default: beside this)");
  app.add_option("--recorded-dir", settings.recordedDir,
                 "recorded kernel answers of objects (<stem>.json)");
  app.add_option("--btf", settings.btfPath, "target vmlinux BTF (default: the running kernel's)");
  app.add_option("--module-btf", settings.moduleBtf, "module BTF files or directories")
      ->allow_extra_args(false);
  app.add_option("--log-level", settings.logLevel,
                 "log_level for verify() (kernel-oracle's "
                 "timed pass uses 4)");
  app.add_option("--program", settings.only,
                 "only programs with this function name or corpus id (profiling)")
      ->allow_extra_args(false);
  app.add_option("--limit", settings.limit, "at most this many programs per corpus file");
  app.add_option("--json", settings.jsonOut, "write every figure to this JSON file");
  app.add_flag("--table", settings.table, "print one row per program");
  CLI11_PARSE(app, argc, argv);
  if (settings.corpora.empty() && settings.objects.empty()) {
    std::fprintf(stderr, "bench_verifier: give --corpus FILE and/or objects\n");
    return 2;
  }
  if (settings.oracle.empty())
    settings.oracle = defaultOracle();
  return run(settings);
}
