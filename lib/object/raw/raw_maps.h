#pragma once
// The JSON list of maps that accompanies raw instruction input.

#include "lib/object/object.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <vector>

namespace bpfverify::object::raw {

/// Parses the map list: either a JSON array of map objects or {"maps": [...]}. Each object has
///   "name"          string, optional (default "map<index>")
///   "type"          "BPF_MAP_TYPE_HASH", "hash" or a number
///   "key_size", "value_size", "max_entries"   unsigned 32-bit integers
///   "flags"         unsigned 32-bit integer, optional (map_flags)
///   "map_extra"     unsigned 64-bit integer, optional
///   "fd"            the fd number instructions use with BPF_PSEUDO_MAP_FD / _VALUE, optional,
///                   unique in the list
///   "frozen"        bool, optional: read-only to programs with known contents (like .rodata)
///   "initial_value" hex string, optional: the value of entry 0, at most value_size bytes,
///                   zero-padded to value_size
/// Unknown fields are errors, so that a misspelt field is not silently ignored. Errors name
/// `sourceName`, the map's position and its name.
llvm::Expected<std::vector<Map>> parseRawMaps(llvm::StringRef jsonText, llvm::StringRef sourceName);

} // namespace bpfverify::object::raw
