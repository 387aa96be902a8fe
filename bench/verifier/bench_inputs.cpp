#include "bench/verifier/bench_inputs.h"

#include "lib/object/raw/raw_input.h"
#include "lib/object/raw/raw_maps.h"
#include "lib/support/error.h"

#include <llvm/Support/Path.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <optional>

namespace bpfverify::bench {
namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/// The corpus's "insns": struct bpf_insn as little-endian hex, 16 digits per instruction.
std::optional<std::vector<isa::Insn>> decodeInsns(const std::string &hex) {
  if (hex.size() % 16 != 0)
    return std::nullopt;
  std::vector<isa::Insn> insns;
  insns.reserve(hex.size() / 16);
  for (size_t i = 0; i < hex.size(); i += 16) {
    uint8_t b[8];
    for (int k = 0; k < 8; k++) {
      int hi = hexDigit(hex[i + 2 * k]), lo = hexDigit(hex[i + 2 * k + 1]);
      if (hi < 0 || lo < 0)
        return std::nullopt;
      b[k] = uint8_t(hi << 4 | lo);
    }
    isa::Insn insn;
    insn.code = b[0];
    insn.dst = b[1] & 0xf;
    insn.src = b[1] >> 4;
    insn.off = int16_t(uint16_t(b[2] | b[3] << 8));
    insn.imm =
        int32_t(uint32_t(b[4]) | uint32_t(b[5]) << 8 | uint32_t(b[6]) << 16 | uint32_t(b[7]) << 24);
    insns.push_back(insn);
  }
  return insns;
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

/// testdata/expect/kernel/<stem>.json: name -> the kernel's answer.
std::map<std::string, KernelTimes> readRecorded(const std::string &recordedDir,
                                                const std::string &objectPath) {
  std::map<std::string, KernelTimes> out;
  std::string file = llvm::sys::path::filename(objectPath).str();
  std::string stem = file.substr(0, file.find('.'));
  std::ifstream in(recordedDir + "/" + stem + ".json");
  if (!in)
    return out;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("programs") || !j["programs"].is_array())
    return out;
  for (const nlohmann::json &p : j["programs"])
    if (p.is_object() && p.contains("name") && p["name"].is_string())
      out[p["name"].get<std::string>()] = kernelTimesFromProgram(p);
  return out;
}

} // namespace

llvm::Error addCorpus(BenchInputs &inputs, const std::string &path, size_t limit) {
  std::ifstream in(path);
  if (!in)
    return inputError(path, "cannot open the corpus");
  auto start = std::chrono::steady_clock::now();
  std::string line;
  size_t lineNo = 0, added = 0;
  while (std::getline(in, line) && (limit == 0 || added < limit)) {
    lineNo++;
    if (line.empty())
      continue;
    std::string where = "line " + std::to_string(lineNo);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return inputError(path, where + " is not a JSON object");
    if (!j.contains("insns") || !j["insns"].is_string())
      continue; // the oracle skips such lines too
    auto insns = decodeInsns(j["insns"].get<std::string>());
    if (!insns)
      return inputError(path, where + ": \"insns\" is not hex of whole instructions");
    BenchProgram p;
    p.id = j.value("id", path + ":" + std::to_string(lineNo));
    p.group = "corpus";
    p.sourcePath = path;
    p.programName = p.id;
    p.insnCount = insns->size();
    if (j.contains("kernel"))
      p.recorded = kernelTimesFromFlat(j["kernel"]);
    std::string source = path + ":" + p.id;
    auto maps = object::raw::parseRawMaps(j.contains("maps") ? j["maps"].dump() : "[]", source);
    if (!maps)
      return maps.takeError();
    auto obj =
        object::raw::buildRawObject(std::move(*insns), source, j.value("prog_type", 0u),
                                    j.value("expected_attach_type", 0u), std::move(*maps), source);
    if (!obj)
      return obj.takeError();
    p.objectIndex = inputs.objects.size();
    p.programIndex = 0;
    inputs.objects.push_back(std::move(*obj));
    inputs.programs.push_back(std::move(p));
    added++;
  }
  inputs.loadMs += msSince(start);
  return llvm::Error::success();
}

void addObject(BenchInputs &inputs, const std::string &path, const btf::Target *target,
               const std::string &recordedDir) {
  auto start = std::chrono::steady_clock::now();
  auto obj = object::loadObject(path, target);
  inputs.loadMs += msSince(start);
  if (!obj) {
    inputs.skipped.push_back(errorMessage(obj.takeError()));
    return;
  }
  std::map<std::string, KernelTimes> recorded = readRecorded(recordedDir, path);
  std::string file = llvm::sys::path::filename(path).str();
  size_t objectIndex = inputs.objects.size();
  for (size_t i = 0; i < obj->programs.size(); i++) {
    const object::Program &prog = obj->programs[i];
    BenchProgram p;
    p.id = file + ":" + prog.name;
    p.group = "objects";
    p.objectIndex = objectIndex;
    p.programIndex = i;
    p.sourcePath = path;
    p.programName = prog.name;
    p.insnCount = prog.insns.size();
    if (auto it = recorded.find(prog.name); it != recorded.end())
      p.recorded = it->second;
    inputs.programs.push_back(std::move(p));
  }
  inputs.objects.push_back(std::move(*obj));
}

} // namespace bpfverify::bench
