#pragma once
// Choosing the kernel BTF to check against: --btf, the running kernel's, or the shipped one.

#include "btf/target.h"
#include "lib/report/program_report.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace bpfverify::cli {

struct ChosenTarget {
  btf::Target target;
  report::TargetDescription description;
};

/// --btf PATH when given; else /sys/kernel/btf/vmlinux when readable; else the shipped Linux
/// 6.18 BTF (the build tree's decompressed copy, or testdata/btf/vmlinux-6.18.btf.xz
/// decompressed with xz into ~/.cache/bpfverify/).
llvm::Expected<ChosenTarget> chooseTarget(const std::string &btfPath,
                                          const std::vector<std::string> &moduleBtf);

/// The shipped BTF as a plain file, decompressing it on first use.
llvm::Expected<std::string> shippedBtfPath();

} // namespace bpfverify::cli
