// The report model and its renderings, on hand-built programs and results.
#include "lib/report/human.h"
#include "lib/report/json.h"
#include "lib/report/kernel_log.h"
#include "lib/report/program_report.h"
#include "lib/report/sarif.h"

#include <catch2/catch.hpp>

using namespace bpfverify;

namespace {

object::Program sampleProgram() {
  object::Program p;
  p.name = "read_slot_off_by_one";
  p.sectionName = "tc";
  p.progType = 3; // BPF_PROG_TYPE_SCHED_CLS
  p.insns.resize(16);
  // Three line_info entries, deliberately not sorted, as a report must not rely on order.
  p.lineInfo.push_back({10, 0, 0, 31, 6, "example_map_oob.bpf.c", "\tif (i > SLOTS)"});
  p.lineInfo.push_back({0, 0, 0, 24, 0, "example_map_oob.bpf.c", "int read_slot(void)"});
  p.lineInfo.push_back({13, 0, 0, 33, 9, "example_map_oob.bpf.c", "\treturn s->value[i];"});
  return p;
}

object::Object sampleObject() {
  object::Object o;
  o.path = "testdata/example_map_oob.bpf.o";
  o.programs.push_back(sampleProgram());
  return o;
}

verifier::Result rejection() {
  verifier::Result r;
  r.verdict = verifier::Verdict::Reject;
  r.rejection = verifier::Rejection{13, "R0 max value is outside of the allowed memory range"};
  r.stats = {13, 1, 1, 0, 136};
  return r;
}

} // namespace

TEST_CASE("sourceFor picks the line_info with the greatest insn_off not after the insn") {
  object::Program p = sampleProgram();
  // find_linfo() in kernel/bpf/verifier.c: the last entry whose insn_off <= insn.
  CHECK(report::sourceFor(p, 0)->line == 24);
  CHECK(report::sourceFor(p, 9)->line == 24);
  CHECK(report::sourceFor(p, 10)->line == 31);
  CHECK(report::sourceFor(p, 12)->line == 31);
  auto at13 = report::sourceFor(p, 13);
  REQUIRE(at13);
  CHECK(at13->line == 33);
  CHECK(at13->column == 9);
  CHECK(at13->file == "example_map_oob.bpf.c");
  CHECK(report::sourceFor(p, 15)->line == 33);
  object::Program none;
  CHECK_FALSE(report::sourceFor(none, 3));
}

TEST_CASE("a rejection is built with the kernel message placed in the source") {
  object::Object o = sampleObject();
  report::ProgramReport r = report::buildProgramReport(o, o.programs[0], rejection());
  CHECK(r.progTypeName == "sched_cls");
  CHECK(r.expectedAttachTypeName == "cgroup_inet_ingress"); // enum value 0
  CHECK(r.insnCount == 16);
  REQUIRE(r.error);
  CHECK(r.error->insnIndex == 13);
  REQUIRE(r.error->source);
  CHECK(r.error->source->text == "\treturn s->value[i];");
  REQUIRE(r.stats);
  CHECK(r.stats->processedInsns == 13);
}

TEST_CASE("an unverified program has no error, no stats and says why") {
  object::Object o = sampleObject();
  report::ProgramReport r = report::buildProgramReport(o, o.programs[0], verifier::Result{});
  CHECK(r.verdict == verifier::Verdict::Unverified);
  CHECK_FALSE(r.error);
  CHECK_FALSE(r.stats);
  CHECK_FALSE(r.unverifiedReason.empty());
}

TEST_CASE("human output: one line per program, then insn, message and source") {
  object::Object o = sampleObject();
  report::Report rep;
  rep.programs.push_back(report::buildProgramReport(o, o.programs[0], rejection()));
  rep.programs.push_back(report::buildProgramReport(o, o.programs[0], verifier::Result{}));
  std::string out;
  llvm::raw_string_ostream os(out);
  report::renderHuman(rep, os);
  CHECK(out == "testdata/example_map_oob.bpf.o: tc/read_slot_off_by_one: sched_cls: reject\n"
               "  insn 13: R0 max value is outside of the allowed memory range\n"
               "  example_map_oob.bpf.c:33:9: return s->value[i];\n"
               "testdata/example_map_oob.bpf.o: tc/read_slot_off_by_one: sched_cls: unverified "
               "(not modelled by bpfverify yet)\n"
               "2 programs: 0 accepted, 1 rejected, 1 unverified\n");
}

TEST_CASE("JSON output carries the schema's fields") {
  object::Object o = sampleObject();
  report::Report rep;
  rep.toolVersion = "0.1.0";
  rep.target = {"/sys/kernel/btf/vmlinux", "running-kernel", {}, "6.18.0"};
  rep.programs.push_back(report::buildProgramReport(o, o.programs[0], rejection()));
  rep.problems.push_back({"bad.o", "bad.o: not an ELF object"});
  auto j = report::toJson(rep);
  CHECK(j["schema_version"] == 1);
  CHECK(j["summary"]["reject"] == 1);
  CHECK(j["summary"]["input_errors"] == 1);
  const auto &p = j["programs"][0];
  CHECK(p["verdict"] == "reject");
  CHECK(p["error"]["insn_index"] == 13);
  CHECK(p["error"]["source"]["line"] == 33);
  CHECK(p["stats"]["verification_time_us"] == 136);
  CHECK_FALSE(p.contains("trace")); // only with a log level
  CHECK_FALSE(p.contains("unverified_reason"));
  rep.logLevel = 2;
  rep.programs[0].trace.push_back({13, "insn", "13: (61) r6 = *(u32 *)(r0 +0)"});
  auto j2 = report::toJson(rep);
  CHECK(j2["programs"][0]["trace"][0]["kind"] == "insn");
}

TEST_CASE("kernel-format log ends like print_verification_stats()") {
  object::Object o = sampleObject();
  report::ProgramReport r = report::buildProgramReport(o, o.programs[0], rejection());
  r.trace.push_back({13, "insn", "13: (61) r6 = *(u32 *)(r0 +0)"});
  std::string out;
  llvm::raw_string_ostream os(out);
  report::renderKernelLog(r, 2, os);
  // The statistics line exactly as Linux 6.18 printed it for this program (kernel-oracle
  // recording testdata/expect/kernel/example_map_oob.json).
  CHECK(out == "13: (61) r6 = *(u32 *)(r0 +0)\n"
               "R0 max value is outside of the allowed memory range\n"
               "verification time 136 usec\n"
               "processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 1 "
               "peak_states 1 mark_read 0\n");
  out.clear();
  report::renderKernelLog(r, 0, os); // level 0: no trace
  CHECK(llvm::StringRef(out).starts_with("R0 max value"));
}

TEST_CASE("SARIF: a rejection is an error result at its source line, no verdict a note") {
  object::Object o = sampleObject();
  report::Report rep;
  rep.toolVersion = "0.1.0";
  rep.programs.push_back(report::buildProgramReport(o, o.programs[0], rejection()));
  rep.programs.push_back(report::buildProgramReport(o, o.programs[0], verifier::Result{}));
  auto s = report::toSarif(rep);
  CHECK(s["version"] == "2.1.0");
  const auto &run = s["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "bpfverify");
  REQUIRE(run["results"].size() == 2);
  const auto &reject = run["results"][0];
  CHECK(reject["ruleId"] == "BPF0001");
  CHECK(reject["level"] == "error");
  const auto &where = reject["locations"][0]["physicalLocation"];
  CHECK(where["artifactLocation"]["uri"] == "example_map_oob.bpf.c");
  CHECK(where["region"]["startLine"] == 33);
  CHECK(where["region"]["startColumn"] == 9);
  CHECK(reject["message"]["text"] ==
        "tc/read_slot_off_by_one: insn 13: R0 max value is outside of the allowed memory range");
  CHECK(run["results"][1]["level"] == "note");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}
