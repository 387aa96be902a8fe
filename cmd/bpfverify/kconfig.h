#pragma once
// Kernel configuration values for __kconfig externs, read as libbpf does
// (bpf_object__read_kconfig_file: /boot/config-$(uname -r), else /proc/config.gz).

#include <llvm/Support/Error.h>

#include <map>
#include <string>

namespace bpfverify::cli {

using KconfigValues = std::map<std::string, std::string, std::less<>>;

/// Parses a .config text: every "CONFIG_NAME=value" line gives NAME -> value as written
/// ("y", "m", "42", "\"text\""); comments and other lines are ignored, as libbpf ignores them.
KconfigValues parseKconfig(llvm::StringRef text);

/// Reads a .config file, gzip-compressed when its name ends in ".gz".
llvm::Expected<KconfigValues> readKconfigFile(const std::string &path);

/// The running kernel's configuration where libbpf looks for it; empty when neither exists.
KconfigValues runningKernelKconfig(std::string *pathUsed = nullptr);

} // namespace bpfverify::cli
