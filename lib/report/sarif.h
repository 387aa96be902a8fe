#pragma once
// The SARIF 2.1.0 rendering of a report, for code-scanning tools: one result per rejected
// program, located at the failing instruction's source line.

#include "lib/report/program_report.h"

#include <llvm/Support/raw_ostream.h>
#include <nlohmann/json.hpp>

namespace bpfverify::report {

/// Rule ids: "BPF0001" a rejection (level error), "BPF0002" no verdict (level note).
nlohmann::ordered_json toSarif(const Report &report);

void renderSarif(const Report &report, llvm::raw_ostream &os);

} // namespace bpfverify::report
