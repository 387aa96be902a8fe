#pragma once
// Whole-table BTF checks run after decoding: reference resolution, loops, sizes and members.

#include "btf/btf.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <string>

namespace bpfverify::btf {

/// btf_name_valid_identifier: [A-Za-z_.][A-Za-z0-9_.]*, shorter than KSYM_NAME_LEN.
bool isValidIdentifier(llvm::StringRef name);
/// btf_name_valid_section: non-empty, printable, shorter than KSYM_NAME_LEN.
bool isValidSectionName(llvm::StringRef name);

/// A name for a one-line message: control and non-ASCII bytes escaped as \xNN, long names cut.
std::string printableName(llvm::StringRef name);

/// Decodes and meta-checks the blob held by impl (parse.cpp).
llvm::Error parseRaw(Btf::Impl &impl, const ParseOptions &options);
/// Resolves every own type as btf_check_all_types and btf_check_type_tags do (resolve.cpp).
llvm::Error resolveTypes(Btf::Impl &impl, const ParseOptions &options);

} // namespace bpfverify::btf
