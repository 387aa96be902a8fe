#pragma once
// The human rendering of a report: one line per program, then the kernel's reason placed in the
// source for a rejection.

#include "lib/report/program_report.h"

#include <llvm/Support/raw_ostream.h>

namespace bpfverify::report {

struct HumanOptions {
  bool summary = true; ///< a last line counting the verdicts
};

/// `file: section/name: type: verdict`, and for a rejection the instruction, the kernel message
/// and the source line from line_info. With a log level, each program's kernel-format log follows.
void renderHuman(const Report &report, llvm::raw_ostream &os, const HumanOptions &options = {});

/// The first line of one program.
std::string headline(const ProgramReport &program);

} // namespace bpfverify::report
