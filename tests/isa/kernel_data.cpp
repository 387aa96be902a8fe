#include "tests/isa/kernel_data.h"

#include "lib/isa/decode.h"

#include <catch2/catch.hpp>

#include <fstream>

namespace bpfverify::isa::test {

std::vector<Insn> fromHex(const std::string &hex) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  REQUIRE(bytes.size() % 8 == 0);
  std::vector<Insn> insns;
  for (size_t i = 0; i < bytes.size(); i += 8)
    insns.push_back(decodeInstruction(bytes.data() + i));
  return insns;
}

std::vector<KernelCase> loadKernelCases(const std::string &name) {
  const std::string path = std::string(BPFVERIFY_SOURCE_DIR) + "/tests/isa/data/" + name;
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<KernelCase> cases;
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty() || line[0] == '#')
      continue;
    const size_t sep = line.find(" | ");
    REQUIRE(sep != std::string::npos);
    cases.push_back({lineNo, fromHex(line.substr(0, sep)), line.substr(sep + 3)});
  }
  REQUIRE(!cases.empty());
  return cases;
}

} // namespace bpfverify::isa::test
