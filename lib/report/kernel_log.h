#pragma once
// The kernel-format text log of one program: the trace lines, the error message and the
// statistics lines, as BPF_PROG_LOAD with log_level = level | 4 would write them.

#include "lib/report/program_report.h"

#include <llvm/Support/raw_ostream.h>

namespace bpfverify::report {

/// Level 1 and 2 print the trace; the error and the statistics are printed at every level.
void renderKernelLog(const ProgramReport &program, int logLevel, llvm::raw_ostream &os);

/// The "processed N insns (limit 1000000) ..." line of print_verification_stats().
std::string processedLine(const verifier::Stats &stats);

} // namespace bpfverify::report
