// Loading a target kernel's BTF: vmlinux plus module BTF files parsed as split BTF on it.

#include "btf/target.h"
#include "lib/support/error.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <algorithm>

namespace bpfverify::btf {

llvm::Expected<Target> Target::load(llvm::StringRef vmlinuxPath,
                                    llvm::ArrayRef<std::string> modulePaths) {
  Target target;
  auto vmlinux = Btf::parseFile(vmlinuxPath);
  if (!vmlinux)
    return vmlinux.takeError();
  target.vmlinux = std::move(*vmlinux);

  std::vector<std::string> files;
  for (const std::string &path : modulePaths) {
    if (!llvm::sys::fs::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    // A directory like /sys/kernel/btf: every regular file but vmlinux is a module.
    std::vector<std::string> entries;
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(path, ec), end; it != end && !ec; it.increment(ec)) {
      llvm::StringRef name = llvm::sys::path::filename(it->path());
      if (name == "vmlinux")
        continue;
      if (llvm::sys::fs::is_directory(it->path()))
        continue;
      entries.push_back(it->path());
    }
    if (ec)
      return inputError(path, "cannot list directory: " + ec.message());
    std::sort(entries.begin(), entries.end());
    files.insert(files.end(), entries.begin(), entries.end());
  }

  for (const std::string &file : files) {
    auto module = Btf::parseFile(file, target.vmlinux);
    if (!module)
      return module.takeError();
    target.modules.push_back({llvm::sys::path::filename(file).str(), std::move(*module)});
  }
  return target;
}

const ModuleBtf *Target::findModule(llvm::StringRef name) const {
  for (const ModuleBtf &module : modules)
    if (module.name == name)
      return &module;
  return nullptr;
}

} // namespace bpfverify::btf
