#include "cmd/bpfverify/target_choice.h"

#include "lib/support/error.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>

#include <cstdlib>
#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace bpfverify::cli {
namespace {

constexpr const char *RunningKernelBtf = "/sys/kernel/btf/vmlinux";

/// Where the running kernel's BTF is; BPFVERIFY_SYSFS_BTF overrides it so tests can take the
/// machine without one.
std::string runningKernelBtf() {
  if (const char *path = std::getenv("BPFVERIFY_SYSFS_BTF"); path && *path)
    return path;
  return RunningKernelBtf;
}

bool readable(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  char byte;
  bool ok = ::read(fd, &byte, 1) == 1;
  ::close(fd);
  return ok;
}

std::string runningRelease() {
  struct utsname u;
  return uname(&u) == 0 ? std::string(u.release) : std::string();
}

std::string shippedRelease() {
  auto buffer = llvm::MemoryBuffer::getFile(BPFVERIFY_SHIPPED_BTF_RELEASE);
  if (!buffer)
    return {};
  return (*buffer)->getBuffer().trim().str();
}

std::string cacheDirectory() {
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/bpfverify";
  if (const char *home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/bpfverify";
  return "/tmp/bpfverify-cache-" + std::to_string(getuid());
}

} // namespace

llvm::Expected<std::string> shippedBtfPath() {
  // The build tree decompresses it for the test programs: use that copy when present.
  // BPFVERIFY_NO_BUILD_BTF=1 skips it (tests of the decompression path).
  const char *noBuild = std::getenv("BPFVERIFY_NO_BUILD_BTF");
  if (!(noBuild && *noBuild == '1') && readable(BPFVERIFY_SHIPPED_BTF_BUILD))
    return std::string(BPFVERIFY_SHIPPED_BTF_BUILD);
  std::string dir = cacheDirectory();
  std::string cached = dir + "/" + llvm::sys::path::stem(BPFVERIFY_SHIPPED_BTF_XZ).str();
  if (readable(cached))
    return cached;
  if (!readable(BPFVERIFY_SHIPPED_BTF_XZ))
    return inputError(BPFVERIFY_SHIPPED_BTF_XZ,
                      "shipped BTF not found (and /sys/kernel/btf/vmlinux is not readable); "
                      "pass --btf PATH");
  auto xz = llvm::sys::findProgramByName("xz");
  if (!xz)
    return inputError(BPFVERIFY_SHIPPED_BTF_XZ,
                      "cannot decompress the shipped BTF: xz is not installed; pass --btf PATH");
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return inputError(dir, "cannot create cache directory: " + ec.message());
  // Decompress into a temporary file, then rename: concurrent runs never see half a file.
  std::string partial = cached + ".partial." + std::to_string(getpid());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(partial),
                                                std::nullopt};
  std::string errorText;
  int rc = llvm::sys::ExecuteAndWait(*xz, {*xz, "-dc", BPFVERIFY_SHIPPED_BTF_XZ}, std::nullopt,
                                     redirects, 0, 0, &errorText);
  if (rc != 0) {
    llvm::sys::fs::remove(partial);
    return inputError(BPFVERIFY_SHIPPED_BTF_XZ,
                      "xz failed to decompress the shipped BTF" +
                          (errorText.empty() ? std::string() : ": " + errorText));
  }
  if (std::error_code ec = llvm::sys::fs::rename(partial, cached)) {
    llvm::sys::fs::remove(partial);
    return inputError(cached, "cannot write the decompressed BTF: " + ec.message());
  }
  return cached;
}

llvm::Expected<ChosenTarget> chooseTarget(const std::string &btfPath,
                                          const std::vector<std::string> &moduleBtf) {
  ChosenTarget chosen;
  report::TargetDescription &d = chosen.description;
  if (!btfPath.empty()) {
    d.vmlinuxPath = btfPath;
    d.origin = "file";
    if (btfPath == RunningKernelBtf)
      d.kernelRelease = runningRelease();
  } else if (readable(runningKernelBtf())) {
    d.vmlinuxPath = runningKernelBtf();
    d.origin = "running-kernel";
    d.kernelRelease = runningRelease();
  } else {
    auto shipped = shippedBtfPath();
    if (!shipped)
      return shipped.takeError();
    d.vmlinuxPath = *shipped;
    d.origin = "shipped";
    d.kernelRelease = shippedRelease();
  }
  d.modulePaths = moduleBtf;
  auto target = btf::Target::load(d.vmlinuxPath, moduleBtf);
  if (!target)
    return target.takeError();
  chosen.target = std::move(*target);
  return chosen;
}

} // namespace bpfverify::cli
