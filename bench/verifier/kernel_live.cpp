#include "bench/verifier/kernel_live.h"

#include "lib/support/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace bpfverify::bench {
namespace {

std::string shellQuote(const std::string &s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

/// Runs `command` through the shell; stdout is returned, stderr kept for the failure message.
llvm::Expected<std::string> capture(const std::string &command, const std::string &what,
                                    OracleError &failure) {
  char errPath[] = "/tmp/bench_verifier_oracle_XXXXXX";
  int errFd = mkstemp(errPath);
  if (errFd < 0)
    return inputError(what, "cannot create a temporary file for kernel-oracle's stderr");
  close(errFd);
  std::string full = command + " 2>" + shellQuote(errPath);
  std::FILE *pipe = popen(full.c_str(), "r");
  if (!pipe) {
    unlink(errPath);
    return inputError(what, "cannot run kernel-oracle");
  }
  std::string out;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  int status = pclose(pipe);
  std::ifstream errIn(errPath);
  std::stringstream errText;
  errText << errIn.rdbuf();
  unlink(errPath);
  if (status != 0) {
    failure.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    failure.message = errText.str();
    while (!failure.message.empty() && failure.message.back() == '\n')
      failure.message.pop_back();
    return inputError(what, "kernel-oracle failed (exit status " +
                                std::to_string(failure.exitStatus) + "): " + failure.message);
  }
  return out;
}

} // namespace

llvm::Expected<KernelAnswers> measureCorpus(const std::string &oracle, const std::string &corpus,
                                            OracleError &failure) {
  auto out =
      capture(shellQuote(oracle) + " --stats-only --raw " + shellQuote(corpus), corpus, failure);
  if (!out)
    return out.takeError();
  KernelAnswers answers;
  std::istringstream lines(*out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty())
      continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string())
      return inputError(corpus,
                        "kernel-oracle printed a line that is not a result: " + line.substr(0, 80));
    answers[j["id"].get<std::string>()] = kernelTimesFromFlat(j);
  }
  return answers;
}

llvm::Expected<KernelAnswers> measureObject(const std::string &oracle, const std::string &object,
                                            OracleError &failure) {
  auto out =
      capture(shellQuote(oracle) + " --stats-only --no-insns --compact " + shellQuote(object),
              object, failure);
  if (!out)
    return out.takeError();
  nlohmann::json j = nlohmann::json::parse(*out, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("objects") || !j["objects"].is_array())
    return inputError(object, "kernel-oracle's output is not its JSON report");
  KernelAnswers answers;
  for (const nlohmann::json &o : j["objects"]) {
    if (!o.is_object() || !o.contains("programs") || !o["programs"].is_array())
      continue;
    for (const nlohmann::json &p : o["programs"])
      if (p.is_object() && p.contains("name") && p["name"].is_string())
        answers[object + ":" + p["name"].get<std::string>()] = kernelTimesFromProgram(p);
  }
  return answers;
}

} // namespace bpfverify::bench
