#pragma once
// The report model: one ProgramReport per verified program, built once from (Object, Program,
// Result) and rendered as human text, JSON or the kernel's log format.

#include "lib/object/object.h"
#include "verifier/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::report {

inline constexpr int SchemaVersion = 1; ///< docs/json-schema/report-v1.schema.json

/// Where an instruction came from, from the program's line_info (struct bpf_line_info).
struct SourceLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string text; ///< the source line as the BTF string table keeps it
};

/// The kernel's reason for rejecting, placed in the source.
struct ErrorDiagnostic {
  uint32_t insnIndex = 0;
  std::string message; ///< kernel wording
  std::optional<SourceLocation> source;
};

/// One program's outcome, with everything a renderer needs (renderers never look elsewhere).
struct ProgramReport {
  std::string objectPath;
  std::string section;
  std::string name;
  uint32_t progType = 0;
  std::string progTypeName; ///< libbpf/bpftool short name ("xdp", "sched_cls")
  uint32_t expectedAttachType = 0;
  std::string expectedAttachTypeName;
  uint32_t insnCount = 0;
  verifier::Verdict verdict = verifier::Verdict::Unverified;
  std::string unverifiedReason; ///< why there is no verdict (Unverified only)
  std::optional<ErrorDiagnostic> error;
  std::optional<verifier::Stats> stats; ///< absent when nothing was explored
  std::vector<verifier::TraceEntry> trace;
  /// The verifier's own kernel-format log (levels 1/2), when one was asked for.
  std::string kernelLog;
};

/// The BTF the programs were checked against.
struct TargetDescription {
  std::string vmlinuxPath;
  std::string origin; ///< "running-kernel", "shipped", "file" or "none"
  std::vector<std::string> modulePaths;
  std::string kernelRelease; ///< when known (the running kernel, or the shipped BTF's release)
};

/// An input that could not be read: reported, never a program.
struct InputProblem {
  std::string file;
  std::string message; ///< one line, naming the file
};

/// A whole run.
struct Report {
  std::string toolVersion;
  TargetDescription target;
  int logLevel = 0;
  std::vector<ProgramReport> programs;
  std::vector<InputProblem> problems;
};

/// The line_info entry covering an instruction: the one with the greatest insn_off not after it
/// (what the kernel's find_linfo() picks for verbose_linfo()).
std::optional<SourceLocation> sourceFor(const object::Program &program, uint32_t insnIndex);

/// Builds the report of one program from what the verifier said about it.
ProgramReport buildProgramReport(const object::Object &object, const object::Program &program,
                                 const verifier::Result &result);

/// The verdict's counts over a run.
struct Summary {
  size_t accepted = 0, rejected = 0, unverified = 0;
};
Summary summarize(const Report &report);

} // namespace bpfverify::report
