#include "cmd/bpfverify/options.h"

#include <CLI/CLI.hpp>

#include <iostream>

#ifndef BPFVERIFY_VERSION
#define BPFVERIFY_VERSION "0.0.0"
#endif

namespace bpfverify::cli {

Options parseOptions(int argc, char **argv, std::optional<int> &exitNow) {
  Options o;
  CLI::App app{"bpfverify: would this kernel's verifier accept these BPF programs? Offline: "
               "loads each .bpf.o as libbpf does and checks it against a kernel's BTF.",
               "bpfverify"};
  app.set_version_flag("--version", std::string(BPFVERIFY_VERSION));
  app.add_option("files", o.files, "BPF ELF objects (clang -target bpf -g)");
  app.add_option("--btf", o.btfPath,
                 "vmlinux BTF to check against (default: /sys/kernel/btf/vmlinux when "
                 "readable, else the Linux 6.18 BTF shipped with bpfverify)");
  app.add_option("--module-btf", o.moduleBtf,
                 "module BTF file, or a directory such as /sys/kernel/btf (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--kconfig", o.kconfigPath,
                 "kernel .config (or .config.gz) giving __kconfig extern values (default with "
                 "the running kernel's BTF: /boot/config-$(uname -r), else /proc/config.gz)");
  app.add_option("--program", o.programNames,
                 "only the program with this function name "
                 "(repeatable)")
      ->allow_extra_args(false);
  app.add_option("--section", o.sectionGlobs,
                 "only programs whose ELF section matches this glob "
                 "(repeatable)")
      ->allow_extra_args(false);
  std::string format = "human";
  app.add_option("--format", format, "output: human (default), json, log (kernel format) or sarif")
      ->check(CLI::IsMember({"human", "json", "log", "sarif"}));
  app.add_option("--log-level", o.logLevel, "verifier log level as BPF_PROG_LOAD's: 0, 1 or 2")
      ->check(CLI::Range(0, 2));
  app.add_option("--kernel-variant", o.kernelVariant,
                 "target kernel behaviour: 6.18 (release) or 6.18.y (stable, with backported "
                 "bounds tracking); default 6.18.y for the running kernel, else 6.18")
      ->check(CLI::IsMember({"6.18", "6.18.y"}));
  app.add_flag("--list", o.list, "list the programs with their types; verify nothing");
  app.add_flag("--disasm", o.disasm,
               "print each program's relocated instructions in the kernel log's format");
  auto *raw = app.add_option("--raw", o.rawFile,
                             "raw input: a file of 8-byte BPF instructions instead of an ELF");
  app.add_option("--prog-type", o.progType, "raw input: program type (xdp, BPF_PROG_TYPE_XDP, 6)")
      ->needs(raw);
  app.add_option("--attach-type", o.attachType, "raw input: expected attach type")->needs(raw);
  app.add_option("--maps", o.mapsJson, "raw input: JSON file describing the maps the fds name")
      ->needs(raw);
  try {
    app.parse(argc, argv);
    o.format = format == "json"    ? Format::Json
               : format == "log"   ? Format::Log
               : format == "sarif" ? Format::Sarif
                                   : Format::Human;
    if (o.rawFile.empty() && o.files.empty())
      throw CLI::ValidationError("no input: give FILE... or --raw FILE (see --help)");
    if (!o.rawFile.empty() && !o.files.empty())
      throw CLI::ValidationError("--raw takes its one file; do not also give FILE arguments");
    if (!o.rawFile.empty() && o.progType.empty())
      throw CLI::ValidationError("--raw needs --prog-type");
  } catch (const CLI::CallForHelp &e) {
    exitNow = app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    exitNow = app.exit(e);
  } catch (const CLI::ParseError &e) {
    std::string what = e.what();
    std::cerr << "bpfverify: " << what.substr(0, what.find('\n')) << "\n";
    exitNow = ExitBadInput;
  }
  return o;
}

} // namespace bpfverify::cli
