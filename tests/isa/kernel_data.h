#pragma once
// Reads the kernel-recorded test data of tests/isa/data (lines "<hex slots> | <kernel text>").

#include "lib/isa/insn.h"

#include <string>
#include <vector>

namespace bpfverify::isa::test {

struct KernelCase {
  int line = 0;
  std::vector<Insn> insns; ///< the case's slots
  std::string expected;    ///< the kernel's text
};

/// All cases of tests/isa/data/<name>; fails the current test if the file is missing or bad.
std::vector<KernelCase> loadKernelCases(const std::string &name);

/// Instructions from a hex string of whole 8-byte slots.
std::vector<Insn> fromHex(const std::string &hex);

} // namespace bpfverify::isa::test
