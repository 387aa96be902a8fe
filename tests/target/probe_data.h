#pragma once
// Reading the kernel's recorded answers (data/*.tsv, written by tools/helper_oracle.c) and the
// program facts each probe target stands for.

#include "verifier/target/func_proto.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bpfverify::target::testing {

struct Probe {
  std::string target; ///< the recorder's label: "sock_addr.connect4", "tracing.iter.s", ...
  ProgramFacts facts;
  uint32_t helperId = 0;
  std::string message; ///< last log line; "CANNOT_USE" for "program of this type cannot use helper"
  std::vector<std::string> fields; ///< all columns of the line
};

/// The probes of one data file, minus targets the kernel refused to verify at all.
inline std::vector<Probe> readProbes(const std::string &fileName) {
  std::ifstream in(std::string(BPFVERIFY_SOURCE_DIR "/tests/target/data/") + fileName);
  REQUIRE(in.good());
  std::vector<Probe> probes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '\t'))
      fields.push_back(field);
    REQUIRE(fields.size() >= 5);
    if (fields[3] == "*") // REFUSED: no verifier log at all for this target
      continue;
    Probe probe;
    probe.target = fields[0];
    probe.facts.progType = uint32_t(std::stoul(fields[1]));
    probe.facts.expectedAttachType = uint32_t(std::stoul(fields[2]));
    probe.helperId = uint32_t(std::stoul(fields[3]));
    probe.message = fields.size() > 5 ? fields[5] : "";
    probe.fields = fields;
    // The facts the recorder loaded each target with.
    probe.facts.sleepable = probe.target == "tracing.iter.s" || probe.target == "syscall";
    if (probe.target == "tracing.tp_btf")
      probe.facts.attachBtfName = "btf_trace_sched_switch";
    else if (probe.target == "tracing.iter.tcp")
      probe.facts.attachBtfName = "bpf_iter_tcp";
    else if (probe.target.rfind("tracing.iter", 0) == 0)
      probe.facts.attachBtfName = "bpf_iter_task";
    probes.push_back(probe);
  }
  return probes;
}

} // namespace bpfverify::target::testing
