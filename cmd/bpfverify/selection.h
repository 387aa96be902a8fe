#pragma once
// Which programs the user selected with --program and --section.

#include "lib/object/object.h"

#include <llvm/Support/GlobPattern.h>

#include <string>
#include <vector>

namespace bpfverify::cli {

class Selection {
public:
  Selection(std::vector<std::string> names, const std::vector<std::string> &sectionGlobs);
  /// A program is selected when it matches one --program name (if any were given) and one
  /// --section glob (if any were given).
  bool matches(const object::Program &program) const;
  bool empty() const { return names_.empty() && globs_.empty(); }
  /// "--program X --section Y" for messages.
  std::string describe() const;

private:
  std::vector<std::string> names_;
  std::vector<std::string> globTexts_;
  std::vector<llvm::GlobPattern> globs_;
};

} // namespace bpfverify::cli
