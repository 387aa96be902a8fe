#include "cmd/bpfverify/kconfig.h"

#include "lib/support/error.h"

#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

namespace bpfverify::cli {

KconfigValues parseKconfig(llvm::StringRef text) {
  KconfigValues values;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    line = line.rtrim("\r");
    if (!line.starts_with("CONFIG_"))
      continue;
    auto [name, value] = line.split('=');
    if (value.empty() || name.empty())
      continue;
    values.insert_or_assign(name.str(), value.str());
  }
  return values;
}

namespace {

/// gunzip through zlib (windowBits 15 + 16 selects the gzip wrapper), bounded in size.
llvm::Expected<std::string> gunzip(const std::string &path) {
  constexpr size_t MaxBytes = 64u << 20;
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file)
    return inputError(path, "cannot open");
  std::string out;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file, buffer, sizeof(buffer))) > 0) {
    out.append(buffer, n);
    if (out.size() > MaxBytes) {
      gzclose(file);
      return inputError(path, "decompressed kernel config is larger than 64 MiB");
    }
  }
  int err = 0;
  std::string message = n < 0 ? gzerror(file, &err) : "";
  gzclose(file);
  if (n < 0)
    return inputError(path, "cannot decompress: " + message);
  return out;
}

} // namespace

llvm::Expected<KconfigValues> readKconfigFile(const std::string &path) {
  if (llvm::StringRef(path).ends_with(".gz")) {
    auto text = gunzip(path);
    if (!text)
      return text.takeError();
    return parseKconfig(*text);
  }
  auto buffer = readInputFile(path, 64u << 20);
  if (!buffer)
    return buffer.takeError();
  return parseKconfig((*buffer)->getBuffer());
}

KconfigValues runningKernelKconfig(std::string *pathUsed) {
  struct utsname u;
  std::vector<std::string> candidates;
  if (uname(&u) == 0)
    candidates.push_back(std::string("/boot/config-") + u.release);
  candidates.push_back("/proc/config.gz");
  for (const std::string &path : candidates) {
    if (access(path.c_str(), R_OK) != 0)
      continue;
    auto values = readKconfigFile(path);
    if (!values) {
      llvm::consumeError(values.takeError());
      continue;
    }
    if (pathUsed)
      *pathUsed = path;
    return std::move(*values);
  }
  return {};
}

} // namespace bpfverify::cli
