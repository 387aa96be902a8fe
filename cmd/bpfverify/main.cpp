// bpfverify: options -> target BTF -> load each object -> verify each program -> report -> exit.
#include "cmd/bpfverify/kconfig.h"
#include "cmd/bpfverify/listing.h"
#include "cmd/bpfverify/options.h"
#include "cmd/bpfverify/selection.h"
#include "cmd/bpfverify/target_choice.h"
#include "lib/object/object.h"
#ifdef BPFVERIFY_HAVE_RAW_INPUT
#include "lib/object/raw/raw_input.h"
#endif
#include "lib/report/human.h"
#include "lib/report/json.h"
#include "lib/report/kernel_log.h"
#include "lib/report/sarif.h"
#include "lib/support/error.h"
#include "verifier/verify.h"

#include <llvm/Support/raw_ostream.h>

namespace bpfverify::cli {
namespace {

/// One-line error on stderr; the message already names the file.
void complain(const std::string &message) {
  llvm::errs() << "bpfverify: " << message << "\n";
}

/// Whether a file's bytes contain "CONFIG_" (unreadable files say yes: the loader reports them).
bool mentionsKconfig(const std::string &file) {
  auto buffer = readInputFile(file);
  if (!buffer) {
    llvm::consumeError(buffer.takeError());
    return true;
  }
  return (*buffer)->getBuffer().contains("CONFIG_");
}

/// The options the verifier runs with: the log level asked for and the target kernel variant.
verifier::VerifyOptions verifyOptions(const Options &options, bool runningKernel) {
  verifier::VerifyOptions v =
      runningKernel ? verifier::VerifyOptions::referenceMachine() : verifier::VerifyOptions{};
  if (!options.kernelVariant.empty())
    v.setStable(options.kernelVariant == "6.18.y");
  // The kernel-format log is what BPF_PROG_LOAD writes with log_level = level | BPF_LOG_STATS.
  v.logLevel =
      options.format == Format::Log ? uint32_t(options.logLevel) | 4u : uint32_t(options.logLevel);
  return v;
}

int run(const Options &options) {
#ifndef BPFVERIFY_HAVE_RAW_INPUT
  if (!options.rawFile.empty()) {
    complain(options.rawFile + ": raw instruction input is not available in this build");
    return ExitBadInput;
  }
#endif
  auto chosen = chooseTarget(options.btfPath, options.moduleBtf);
  if (!chosen) {
    complain(errorMessage(chosen.takeError()));
    return ExitBadInput;
  }
  report::Report rep;
  rep.toolVersion = BPFVERIFY_VERSION;
  rep.target = chosen->description;
  rep.logLevel = options.logLevel;
  Selection selection(options.programNames, options.sectionGlobs);

  // __kconfig values, as libbpf reads them on the machine that loads the program.
  object::LoadOptions loadOptions;
  if (!options.kconfigPath.empty()) {
    auto values = readKconfigFile(options.kconfigPath);
    if (!values) {
      complain(errorMessage(values.takeError()));
      return ExitBadInput;
    }
    for (auto &[name, value] : *values)
      loadOptions.kconfig.insert_or_assign(name, value);
  }
  // The running kernel's config is read only for objects that may have CONFIG_ externs (libbpf
  // reads it only when it needs it too): their names are in the ELF string table.
  bool readRunningKconfig = options.kconfigPath.empty() && rep.target.origin == "running-kernel";
  auto optionsFor = [&](const std::string &file) -> const object::LoadOptions & {
    if (readRunningKconfig && mentionsKconfig(file)) {
      readRunningKconfig = false;
      for (auto &[name, value] : runningKernelKconfig())
        loadOptions.kconfig.insert_or_assign(name, value);
    }
    return loadOptions;
  };

  std::vector<object::Object> objects;
#ifdef BPFVERIFY_HAVE_RAW_INPUT
  if (!options.rawFile.empty()) {
    object::raw::RawInputOptions raw;
    raw.instructionsPath = options.rawFile;
    raw.progType = options.progType;
    raw.attachType = options.attachType;
    raw.mapsPath = options.mapsJson;
    auto object = object::raw::loadRawInput(raw);
    if (!object) {
      std::string message = errorMessage(object.takeError());
      complain(message);
      rep.problems.push_back({options.rawFile, message});
    } else {
      objects.push_back(std::move(*object));
    }
  }
#endif
  for (const std::string &file : options.files) {
    auto object = object::loadObject(file, &chosen->target, optionsFor(file));
    if (!object) {
      std::string message = errorMessage(object.takeError());
      complain(message);
      rep.problems.push_back({file, message});
      continue;
    }
    objects.push_back(std::move(*object));
  }

  verifier::VerifyOptions verifyOpts =
      verifyOptions(options, rep.target.origin == "running-kernel");
  size_t selected = 0;
  for (const object::Object &object : objects) {
    for (const object::Program &program : object.programs) {
      if (!selection.matches(program))
        continue;
      ++selected;
      if (options.list) {
        printListing(object, program, llvm::outs());
        continue;
      }
      if (options.disasm) {
        printDisassembly(object, program, &chosen->target, llvm::outs());
        continue;
      }
      size_t index = size_t(&program - object.programs.data());
      rep.programs.push_back(report::buildProgramReport(
          object, program, verifier::verify(object, index, &chosen->target, verifyOpts)));
    }
  }
  if (selected == 0 && !objects.empty() && !selection.empty()) {
    complain("no program matches " + selection.describe());
    return ExitBadInput;
  }
  if (!options.list && !options.disasm) {
    switch (options.format) {
    case Format::Human:
      report::renderHuman(rep, llvm::outs());
      break;
    case Format::Json:
      report::renderJson(rep, llvm::outs());
      break;
    case Format::Sarif:
      report::renderSarif(rep, llvm::outs());
      break;
    case Format::Log:
      for (const report::ProgramReport &p : rep.programs) {
        llvm::outs() << "; " << report::headline(p) << "\n";
        report::renderKernelLog(p, options.logLevel, llvm::outs());
      }
      break;
    }
  }
  llvm::outs().flush();
  if (!rep.problems.empty())
    return ExitBadInput;
  return report::summarize(rep).rejected > 0 ? ExitRejected : ExitAccepted;
}

} // namespace
} // namespace bpfverify::cli

int main(int argc, char **argv) {
  std::optional<int> exitNow;
  bpfverify::cli::Options options = bpfverify::cli::parseOptions(argc, argv, exitNow);
  if (exitNow)
    return *exitNow;
  return bpfverify::cli::run(options);
}
