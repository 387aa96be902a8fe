#include "lib/report/program_report.h"

#include "lib/object/uapi_enums.h"

#include <algorithm>

namespace bpfverify::report {

std::optional<SourceLocation> sourceFor(const object::Program &program, uint32_t insnIndex) {
  const object::LineInfo *best = nullptr;
  for (const object::LineInfo &info : program.lineInfo)
    if (info.insnOffset <= insnIndex && (!best || info.insnOffset >= best->insnOffset))
      best = &info;
  if (!best)
    return std::nullopt;
  return SourceLocation{best->fileName, best->line, best->column, best->sourceText};
}

ProgramReport buildProgramReport(const object::Object &object, const object::Program &program,
                                 const verifier::Result &result) {
  ProgramReport r;
  r.objectPath = object.path;
  r.section = program.sectionName;
  r.name = program.name;
  r.progType = program.progType;
  r.progTypeName = std::string(object::progTypeName(program.progType));
  if (r.progTypeName.empty())
    r.progTypeName = "unknown(" + std::to_string(program.progType) + ")";
  r.expectedAttachType = program.expectedAttachType;
  r.expectedAttachTypeName = std::string(object::attachTypeName(program.expectedAttachType));
  r.insnCount = static_cast<uint32_t>(program.insns.size());
  r.verdict = result.verdict;
  if (result.verdict == verifier::Verdict::Unverified)
    r.unverifiedReason = result.unverifiedReason.empty()
                             ? "not modelled by bpfverify yet"
                             : "not modelled by bpfverify yet: " + result.unverifiedReason;
  if (result.rejection) {
    ErrorDiagnostic e;
    e.insnIndex = result.rejection->insnIndex;
    e.message = result.rejection->message;
    e.source = sourceFor(program, e.insnIndex);
    r.error = std::move(e);
  }
  if (result.verdict != verifier::Verdict::Unverified)
    r.stats = result.stats;
  r.trace = result.trace;
  r.kernelLog = result.log;
  return r;
}

Summary summarize(const Report &report) {
  Summary s;
  for (const ProgramReport &p : report.programs) {
    switch (p.verdict) {
    case verifier::Verdict::Accept:
      ++s.accepted;
      break;
    case verifier::Verdict::Reject:
      ++s.rejected;
      break;
    case verifier::Verdict::Unverified:
      ++s.unverified;
      break;
    }
  }
  return s;
}

} // namespace bpfverify::report
