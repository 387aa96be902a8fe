#pragma once
// The object's .BTF rewritten as libbpf rewrites it before loading it into the kernel
// (bpf_object__collect_externs, bpf_object_fixup_btf, bpf_object__sanitize_and_load_btf).

#include "lib/object/elf_reader.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace bpfverify::object {

struct BtfFixupOptions {
  /// false: only what parsing needs without losing information (untyped ksym VARs get an int
  /// type, unnamed kfunc parameters a name) plus DATASEC sizes/offsets/sorting and hidden VARs
  /// made static. true: everything libbpf does (ksym VARs become ints, .ksyms/.kconfig layouts,
  /// hidden global subprograms become static FUNCs).
  bool full = false;
  std::map<std::string, uint32_t, std::less<>> kconfigOffsets; ///< extern name -> .kconfig offset
  uint32_t kconfigSize = 0;
  std::set<std::string, std::less<>> staticFuncNames; ///< hidden global .text functions
};

struct BtfFixupResult {
  std::vector<uint8_t> data;
  std::set<uint32_t> untypedKsymVars; ///< ids of .ksyms VARs whose type was void
  std::set<uint32_t> ksymFuncs;       ///< ids of FUNCs listed in .ksyms (replaced by a dummy VAR)
};

/// Rewrites raw .BTF bytes; every offset and count is checked (errors name path).
llvm::Expected<BtfFixupResult> fixupObjectBtf(llvm::ArrayRef<uint8_t> raw, const ElfFile &elf,
                                              llvm::StringRef path, const BtfFixupOptions &options);

} // namespace bpfverify::object
