#include "lib/report/human.h"

#include "lib/report/kernel_log.h"

namespace bpfverify::report {

std::string headline(const ProgramReport &p) {
  std::string line = p.objectPath + ": " + p.section + "/" + p.name + ": " + p.progTypeName + ": " +
                     verifier::verdictName(p.verdict);
  if (p.verdict == verifier::Verdict::Unverified && !p.unverifiedReason.empty())
    line += " (" + p.unverifiedReason + ")";
  else if (p.verdict == verifier::Verdict::Accept && p.stats)
    line += " (" + std::to_string(p.stats->processedInsns) + " insns processed, " +
            std::to_string(p.stats->totalStates) + " states, " +
            std::to_string(p.stats->verificationTimeUs) + " usec)";
  return line;
}

void renderHuman(const Report &report, llvm::raw_ostream &os, const HumanOptions &options) {
  for (const ProgramReport &p : report.programs) {
    os << headline(p) << "\n";
    if (p.error) {
      os << "  insn " << p.error->insnIndex << ": " << p.error->message << "\n";
      if (const auto &src = p.error->source) {
        os << "  " << src->file << ":" << src->line << ":" << src->column;
        if (!src->text.empty())
          os << ": " << llvm::StringRef(src->text).trim();
        os << "\n";
      }
    }
    if (report.logLevel > 0) {
      std::string log;
      llvm::raw_string_ostream logStream(log);
      renderKernelLog(p, report.logLevel, logStream);
      for (llvm::StringRef rest = log; !rest.empty();) {
        auto [line, tail] = rest.split('\n');
        os << "    " << line << "\n";
        rest = tail;
      }
    }
  }
  if (options.summary) {
    Summary s = summarize(report);
    os << report.programs.size() << (report.programs.size() == 1 ? " program" : " programs") << ": "
       << s.accepted << " accepted, " << s.rejected << " rejected, " << s.unverified
       << " unverified";
    if (!report.problems.empty())
      os << "; " << report.problems.size() << " input error"
         << (report.problems.size() == 1 ? "" : "s");
    os << "\n";
  }
}

} // namespace bpfverify::report
