#include "lib/report/json.h"

namespace bpfverify::report {

using nlohmann::ordered_json;

namespace {

ordered_json nullable(const std::string &s) {
  return s.empty() ? ordered_json() : ordered_json(s);
}

ordered_json sourceJson(const std::optional<SourceLocation> &src) {
  if (!src)
    return nullptr;
  return ordered_json{
      {"file", src->file}, {"line", src->line}, {"column", src->column}, {"text", src->text}};
}

} // namespace

ordered_json toJson(const ProgramReport &p, int logLevel) {
  ordered_json j;
  j["object"] = p.objectPath;
  j["section"] = p.section;
  j["name"] = p.name;
  j["prog_type"] = p.progTypeName;
  j["prog_type_id"] = p.progType;
  j["expected_attach_type"] = nullable(p.expectedAttachTypeName);
  j["expected_attach_type_id"] = p.expectedAttachType;
  j["insn_count"] = p.insnCount;
  j["verdict"] = verifier::verdictName(p.verdict);
  if (p.verdict == verifier::Verdict::Unverified)
    j["unverified_reason"] = p.unverifiedReason;
  if (p.error)
    j["error"] = ordered_json{{"insn_index", p.error->insnIndex},
                              {"message", p.error->message},
                              {"source", sourceJson(p.error->source)}};
  else
    j["error"] = nullptr;
  if (p.stats)
    j["stats"] = ordered_json{{"processed_insns", p.stats->processedInsns},
                              {"total_states", p.stats->totalStates},
                              {"peak_states", p.stats->peakStates},
                              {"max_states_per_insn", p.stats->maxStatesPerInsn},
                              {"verification_time_us", p.stats->verificationTimeUs}};
  else
    j["stats"] = nullptr;
  if (logLevel > 0) {
    ordered_json trace = ordered_json::array();
    for (const verifier::TraceEntry &e : p.trace)
      trace.push_back({{"insn_index", e.insnIndex}, {"kind", e.kind}, {"text", e.text}});
    j["trace"] = std::move(trace);
  }
  return j;
}

ordered_json toJson(const Report &report) {
  ordered_json j;
  j["schema_version"] = SchemaVersion;
  j["tool"] = {{"name", "bpfverify"}, {"version", report.toolVersion}};
  j["target"] = {{"btf", nullable(report.target.vmlinuxPath)},
                 {"origin", report.target.origin},
                 {"modules", report.target.modulePaths},
                 {"kernel_release", nullable(report.target.kernelRelease)}};
  j["log_level"] = report.logLevel;
  Summary s = summarize(report);
  j["summary"] = {{"programs", report.programs.size()},
                  {"accept", s.accepted},
                  {"reject", s.rejected},
                  {"unverified", s.unverified},
                  {"input_errors", report.problems.size()}};
  ordered_json programs = ordered_json::array();
  for (const ProgramReport &p : report.programs)
    programs.push_back(toJson(p, report.logLevel));
  j["programs"] = std::move(programs);
  ordered_json problems = ordered_json::array();
  for (const InputProblem &e : report.problems)
    problems.push_back({{"file", e.file}, {"message", e.message}});
  j["input_errors"] = std::move(problems);
  return j;
}

void renderJson(const Report &report, llvm::raw_ostream &os) {
  // Invalid UTF-8 (e.g. a corrupt source line in line_info) is replaced, never thrown on.
  os << toJson(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace bpfverify::report
