#include "lib/report/sarif.h"

namespace bpfverify::report {

using nlohmann::ordered_json;

namespace {

constexpr const char *RuleReject = "BPF0001";
constexpr const char *RuleUnverified = "BPF0002";

ordered_json location(const ProgramReport &p) {
  ordered_json physical;
  if (p.error && p.error->source && !p.error->source->file.empty()) {
    const SourceLocation &src = *p.error->source;
    ordered_json region{{"startLine", src.line}};
    if (src.column > 0)
      region["startColumn"] = src.column;
    if (!src.text.empty())
      region["snippet"] = {{"text", src.text}};
    physical = {{"artifactLocation", {{"uri", src.file}}}, {"region", region}};
  } else {
    physical = {{"artifactLocation", {{"uri", p.objectPath}}}};
  }
  return {
      {"physicalLocation", physical},
      {"logicalLocations", ordered_json::array({{{"name", p.name},
                                                 {"fullyQualifiedName", p.section + "/" + p.name},
                                                 {"kind", "function"}}})}};
}

} // namespace

ordered_json toSarif(const Report &report) {
  ordered_json rules = ordered_json::array(
      {{{"id", RuleReject},
        {"name", "VerifierRejection"},
        {"shortDescription", {{"text", "The kernel's BPF verifier would reject this program"}}},
        {"defaultConfiguration", {{"level", "error"}}}},
       {{"id", RuleUnverified},
        {"name", "NoVerdict"},
        {"shortDescription", {{"text", "bpfverify computed no verdict for this program"}}},
        {"defaultConfiguration", {{"level", "note"}}}}});
  ordered_json results = ordered_json::array();
  for (const ProgramReport &p : report.programs) {
    if (p.verdict == verifier::Verdict::Reject && p.error) {
      results.push_back(
          {{"ruleId", RuleReject},
           {"level", "error"},
           {"message",
            {{"text", p.section + "/" + p.name + ": insn " + std::to_string(p.error->insnIndex) +
                          ": " + p.error->message}}},
           {"locations", ordered_json::array({location(p)})},
           {"properties",
            {{"object", p.objectPath},
             {"progType", p.progTypeName},
             {"insnIndex", p.error->insnIndex}}}});
    } else if (p.verdict == verifier::Verdict::Unverified) {
      results.push_back(
          {{"ruleId", RuleUnverified},
           {"level", "note"},
           {"message",
            {{"text", p.section + "/" + p.name + ": unverified: " + p.unverifiedReason}}},
           {"locations", ordered_json::array({location(p)})},
           {"properties", {{"object", p.objectPath}, {"progType", p.progTypeName}}}});
    }
  }
  ordered_json notifications = ordered_json::array();
  for (const InputProblem &problem : report.problems)
    notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", problem.message}}},
         {"locations",
          ordered_json::array(
              {{{"physicalLocation", {{"artifactLocation", {{"uri", problem.file}}}}}}})}});
  ordered_json run{
      {"tool",
       {{"driver", {{"name", "bpfverify"}, {"version", report.toolVersion}, {"rules", rules}}}}},
      {"invocations", ordered_json::array({{{"executionSuccessful", report.problems.empty()},
                                            {"toolExecutionNotifications", notifications}}})},
      {"results", results}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", ordered_json::array({run})}};
}

void renderSarif(const Report &report, llvm::raw_ostream &os) {
  os << toSarif(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace bpfverify::report
