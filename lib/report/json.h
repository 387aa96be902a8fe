#pragma once
// The JSON rendering of a report, schema docs/json-schema/report-v1.schema.json.

#include "lib/report/program_report.h"

#include <llvm/Support/raw_ostream.h>
#include <nlohmann/json.hpp>

namespace bpfverify::report {

/// The whole run as one JSON document (keys in the schema's order).
nlohmann::ordered_json toJson(const Report &report);
nlohmann::ordered_json toJson(const ProgramReport &program, int logLevel);

/// Pretty-printed, newline-terminated.
void renderJson(const Report &report, llvm::raw_ostream &os);

} // namespace bpfverify::report
