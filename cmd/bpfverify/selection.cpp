#include "cmd/bpfverify/selection.h"

namespace bpfverify::cli {

Selection::Selection(std::vector<std::string> names, const std::vector<std::string> &sectionGlobs)
    : names_(std::move(names)) {
  for (const std::string &text : sectionGlobs) {
    auto pattern = llvm::GlobPattern::create(text);
    if (!pattern) {
      // An invalid glob (e.g. "[") matches its own text literally.
      llvm::consumeError(pattern.takeError());
      std::string escaped;
      for (char c : text) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '{' || c == '}')
          escaped += '\\';
        escaped += c;
      }
      pattern = llvm::GlobPattern::create(escaped);
      if (!pattern) {
        llvm::consumeError(pattern.takeError());
        continue;
      }
    }
    globTexts_.push_back(text);
    globs_.push_back(std::move(*pattern));
  }
}

bool Selection::matches(const object::Program &program) const {
  bool nameOk = names_.empty();
  for (const std::string &n : names_)
    nameOk = nameOk || n == program.name;
  bool sectionOk = globs_.empty();
  for (const llvm::GlobPattern &g : globs_)
    sectionOk = sectionOk || g.match(program.sectionName);
  return nameOk && sectionOk;
}

std::string Selection::describe() const {
  std::string out;
  for (const std::string &n : names_)
    out += (out.empty() ? "" : " ") + std::string("--program ") + n;
  for (const std::string &g : globTexts_)
    out += (out.empty() ? "" : " ") + std::string("--section ") + g;
  return out;
}

} // namespace bpfverify::cli
