#pragma once
// The kernel being targeted: vmlinux BTF plus the split BTF of its modules.

#include "btf/btf.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <memory>
#include <string>
#include <vector>

namespace bpfverify::btf {

struct ModuleBtf {
  std::string name; // the file name, e.g. "nf_conntrack"
  std::shared_ptr<const Btf> btf;
};

struct Target {
  std::shared_ptr<const Btf> vmlinux;
  std::vector<ModuleBtf> modules; // module k (1-based in instruction encodings) = modules[k-1]

  /// paths: files, or directories like /sys/kernel/btf (every file but "vmlinux" is a module,
  /// taken in name order). Each module is parsed as split BTF on vmlinux.
  static llvm::Expected<Target> load(llvm::StringRef vmlinuxPath,
                                     llvm::ArrayRef<std::string> modulePaths);

  /// The module with this name, or nullptr.
  const ModuleBtf *findModule(llvm::StringRef name) const;
};

} // namespace bpfverify::btf
