// The data-driven runner: every testdata object against its expectations, which are the
// selftest-style annotations in its BTF and the verdicts recorded from a real kernel
// (testdata/expect/kernel/<stem>.json, by scripts/kernel-oracle --record).
#include "btf/target.h"
#include "lib/object/object.h"
#include "lib/object/uapi_enums.h"
#include "lib/report/expectations.h"
#include "lib/report/kernel_log.h"
#include "lib/report/program_report.h"
#include "verifier/result.h"

#include "verifier/verify.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace bpfverify;
namespace fs = std::filesystem;

namespace {

const btf::Target &shippedTarget() {
  static btf::Target target = [] {
    auto t = btf::Target::load(BPFVERIFY_BINARY_DIR "/testdata/vmlinux-6.18.btf", {});
    if (!t)
      FAIL(llvm::toString(t.takeError()));
    return std::move(*t);
  }();
  return target;
}

/// The verifier as the reference machine's kernel (6.18.44) behaves, with a level-2 log for the
/// annotations' message checks.
verifier::Result verify(const object::Object &object, const object::Program &program,
                        const btf::Target &target) {
  verifier::VerifyOptions opts = verifier::VerifyOptions::referenceMachine();
  opts.logLevel = 2;
  size_t index = size_t(&program - object.programs.data());
  return verifier::verify(object, index, &target, opts);
}

/// Every testdata/progs/*.bpf.c, as "stem" ("example_map_oob").
std::vector<std::string> testdataStems() {
  std::vector<std::string> stems;
  for (const auto &entry : fs::directory_iterator(BPFVERIFY_SOURCE_DIR "/testdata/progs")) {
    std::string name = entry.path().filename().string();
    if (name.size() > 6 && name.ends_with(".bpf.c"))
      stems.push_back(name.substr(0, name.size() - 6));
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

std::optional<nlohmann::json> recording(const std::string &stem) {
  std::ifstream in(std::string(BPFVERIFY_SOURCE_DIR) + "/testdata/expect/kernel/" + stem + ".json");
  if (!in)
    return std::nullopt;
  return nlohmann::json::parse(in);
}

bool libbpfRefusedAll(const nlohmann::json &rec) {
  return !rec["programs"].empty() &&
         std::all_of(rec["programs"].begin(), rec["programs"].end(), [](const auto &p) {
           return p["verdict"] == "env-refused" && p.value("refused_by", "") == "libbpf";
         });
}

std::string rerecordHint(const std::string &stem) {
  return "if the source changed on purpose, re-record: build/bin/kernel-oracle --record "
         "testdata/expect build/testdata/progs/" +
         stem + ".bpf.o";
}

/// Verdict checks: against the kernel's recorded verdict and the annotations.
void checkVerdict(const object::Object &object, const object::Program &program,
                  const nlohmann::json *kernel, const report::Expectation *annotations) {
  verifier::Result result = verify(object, program, shippedTarget());
  if (result.verdict == verifier::Verdict::Unverified) {
    WARN(program.name << ": verdict check skipped: " << result.unverifiedReason);
    return;
  }
  report::ProgramReport rep = report::buildProgramReport(object, program, result);
  if (kernel && (*kernel)["verdict"] != "env-refused") {
    CHECK(verifier::verdictName(result.verdict) == (*kernel)["verdict"].get<std::string>());
    if (result.rejection && !(*kernel)["error"].is_null()) {
      CHECK(result.rejection->message == (*kernel)["error"]["message"].get<std::string>());
      if ((*kernel)["error"]["insn_index"].is_number())
        CHECK(result.rejection->insnIndex == (*kernel)["error"]["insn_index"].get<uint32_t>());
    }
  }
  if (annotations && annotations->privileged.success) {
    CHECK((result.verdict == verifier::Verdict::Accept) == *annotations->privileged.success);
    std::string log, why;
    llvm::raw_string_ostream os(log);
    report::renderKernelLog(rep, annotations->logLevel.value_or(2), os);
    INFO(log);
    CHECK(report::logMatches(log, annotations->privileged.messages, &why));
    INFO(why);
  }
}

void runObject(const std::string &stem) {
  std::string path = std::string(BPFVERIFY_BINARY_DIR) + "/testdata/progs/" + stem + ".bpf.o";
  INFO(path);

  std::optional<nlohmann::json> rec = recording(stem);
  auto loaded = object::loadObject(path, &shippedTarget());

  // Expectations must always be readable: every test object is built with -g. The loaded
  // object's BTF is the one libbpf would upload (extern FUNCs fixed up); a raw .BTF is read
  // directly when the loader refuses the object.
  std::map<std::string, report::Expectation> annotationMap;
  if (loaded && loaded->btf) {
    annotationMap = report::readAllExpectations(*loaded->btf);
  } else {
    auto raw = report::readObjectExpectations(path);
    if (!raw) {
      // The raw .BTF is what clang emitted, before libbpf's fix-ups (e.g. FUNCs in a .ksyms
      // DATASEC), and the loader refused the object: there is nothing to read annotations from.
      std::string loadError = loaded ? "" : llvm::toString(loaded.takeError());
      if (rec && !libbpfRefusedAll(*rec))
        FAIL("the kernel recording has programs but neither the loader nor the raw BTF "
             "reader can read the object: "
             << loadError << "; " << llvm::toString(raw.takeError()));
      WARN(stem << ": nothing checkable: the loader refuses it (" << loadError
                << ") and its raw BTF is unreadable (" << llvm::toString(raw.takeError()) << ")");
      return;
    }
    annotationMap = std::move(*raw);
  }
  const auto *annotations = &annotationMap;

  if (rec && libbpfRefusedAll(*rec)) {
    // libbpf refused the object before any BPF_PROG_LOAD: so must our loader.
    INFO("libbpf said: " << (*rec)["programs"][0].value("libbpf_message", ""));
    CHECK_FALSE(bool(loaded));
    if (!loaded)
      llvm::consumeError(loaded.takeError());
    return;
  }
  if (!loaded) {
    std::string message = llvm::toString(loaded.takeError());
    if (rec)
      FAIL("libbpf loaded it on the recording kernel, bpfverify refuses: " << message);
    WARN(stem << ": no kernel recording, and the loader refuses it (nothing to compare): "
              << message);
    return;
  }
  const object::Object &object = *loaded;

  std::set<std::string> ours;
  for (const object::Program &p : object.programs)
    ours.insert(p.name);

  // Every annotated function that is a program's entry must be found as a program.
  for (const auto &[function, e] : *annotations) {
    if (e.privileged.success || !e.privileged.messages.empty())
      CHECK(ours.count(function) == 1);
  }

  if (!rec) {
    WARN(stem << ": no kernel recording in testdata/expect/kernel/: only loading and "
                 "annotations are checked");
    for (const object::Program &p : object.programs)
      checkVerdict(object, p, nullptr,
                   annotations->count(p.name) ? &annotations->at(p.name) : nullptr);
    return;
  }

  // Programs found, and their types, as libbpf had them.
  std::set<std::string> kernels;
  for (const auto &p : (*rec)["programs"])
    kernels.insert(p["name"].get<std::string>());
  INFO(rerecordHint(stem));
  CHECK(ours == kernels);
  for (const auto &kp : (*rec)["programs"]) {
    std::string name = kp["name"];
    INFO(name);
    auto it = std::find_if(object.programs.begin(), object.programs.end(),
                           [&](const object::Program &p) { return p.name == name; });
    if (it == object.programs.end())
      continue;
    CHECK(it->sectionName == kp["section"].get<std::string>());
    CHECK(std::string(object::progTypeName(it->progType)) == kp["prog_type"].get<std::string>());
    if (kp.contains("prog_type_id"))
      CHECK(it->progType == kp["prog_type_id"].get<uint32_t>());
    if (kp.contains("insn_cnt"))
      CHECK(it->insns.size() == kp["insn_cnt"].get<size_t>());
    // The annotations, where present, say what the kernel said.
    const report::Expectation *e = annotations->count(name) ? &annotations->at(name) : nullptr;
    if (e && e->privileged.success && kp["verdict"] != "env-refused") {
      CHECK(*e->privileged.success == (kp["verdict"] == "accept"));
      if (kp["verdict"] == "reject" && !e->privileged.messages.empty())
        CHECK(report::logMatches(kp["error"]["message"].get<std::string>(),
                                 {e->privileged.messages.back()}));
    }
    checkVerdict(object, *it, &kp, e);
  }
}

} // namespace

TEST_CASE("every testdata object meets its expectations") {
  std::vector<std::string> stems = testdataStems();
  REQUIRE(stems.size() >= 4);
  for (const std::string &stem : stems) {
    DYNAMIC_SECTION(stem) {
      runObject(stem);
    }
  }
}
