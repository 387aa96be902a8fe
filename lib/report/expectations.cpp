#include "lib/report/expectations.h"

#include "lib/support/error.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Object/ObjectFile.h>

#include <algorithm>
#include <regex>

namespace bpfverify::report {
namespace {

constexpr llvm::StringLiteral TagPrefix = "comment:";

/// "<counter>=<text>": the counter of __msg & co. orders tags the BTF keeps unordered. Objects
/// built before the counter existed have just "<text>".
std::pair<long, std::string> splitCounter(llvm::StringRef value, long fallback) {
  size_t eq = value.find('=');
  long counter = 0;
  if (eq == llvm::StringRef::npos || value.substr(0, eq).getAsInteger(10, counter) || counter < 0)
    return {fallback, value.str()};
  return {counter, value.substr(eq + 1).str()};
}

struct Collector {
  std::vector<std::pair<long, std::string>> msg, notMsg, xlated, msgU, notMsgU, xlatedU;

  static std::vector<std::string> ordered(std::vector<std::pair<long, std::string>> &v) {
    // __COUNTER__ numbers are unique within an object, so ordering by them is total.
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto &[n, s] : v)
      out.push_back(std::move(s));
    return out;
  }
};

/// Interprets one tag; the key names are test_loader.c's (parse_test_spec) of Linux 6.18.
void applyTag(llvm::StringRef tag, long order, Expectation &e, Collector &c) {
  if (!tag.consume_front(TagPrefix))
    return;
  auto [key, value] = tag.split('=');
  bool hasValue = tag.contains('=');
  auto withCounter = [&](auto &list) { list.push_back(splitCounter(value, order)); };
  if (key == "test_expect_success" && !hasValue)
    e.privileged.success = true;
  else if (key == "test_expect_failure" && !hasValue)
    e.privileged.success = false;
  else if (key == "test_expect_success_unpriv" && !hasValue)
    e.unprivileged.success = true;
  else if (key == "test_expect_failure_unpriv" && !hasValue)
    e.unprivileged.success = false;
  else if (key == "test_expect_msg" && hasValue)
    withCounter(c.msg);
  else if (key == "test_expect_not_msg" && hasValue)
    withCounter(c.notMsg);
  else if (key == "test_expect_xlated" && hasValue)
    withCounter(c.xlated);
  else if (key == "test_expect_msg_unpriv" && hasValue)
    withCounter(c.msgU);
  else if (key == "test_expect_not_msg_unpriv" && hasValue)
    withCounter(c.notMsgU);
  else if (key == "test_expect_xlated_unpriv" && hasValue)
    withCounter(c.xlatedU);
  else if (key == "test_retval" && hasValue)
    e.privileged.retval = value.str();
  else if (key == "test_retval_unpriv" && hasValue)
    e.unprivileged.retval = value.str();
  else if (key == "test_auxiliary" && !hasValue)
    e.privileged.auxiliary = true;
  else if (key == "test_auxiliary_unpriv" && !hasValue)
    e.unprivileged.auxiliary = true;
  else if (key == "test_description" && hasValue)
    e.description = value.str();
  else if (key == "test_log_level" && hasValue) {
    int level = 0;
    if (!value.trim().getAsInteger(0, level))
      e.logLevel = level;
    else
      e.otherTags.push_back((TagPrefix + tag).str());
  } else if (key == "test_prog_flags" && hasValue)
    e.flags.push_back(value.str());
  else if (key == "test_arch" && hasValue)
    e.arch.push_back(value.str());
  else
    e.otherTags.push_back((TagPrefix + tag).str());
}

Expectation collect(const btf::Btf &btf, btf::TypeId func) {
  Expectation e;
  Collector c;
  long order = 0;
  for (btf::TypeId tagId : btf.declTagsOf(func, -1))
    applyTag(btf.type(tagId).name, order++, e, c);
  e.privileged.messages = Collector::ordered(c.msg);
  e.privileged.notMessages = Collector::ordered(c.notMsg);
  e.privileged.xlated = Collector::ordered(c.xlated);
  e.unprivileged.messages = Collector::ordered(c.msgU);
  e.unprivileged.notMessages = Collector::ordered(c.notMsgU);
  e.unprivileged.xlated = Collector::ordered(c.xlatedU);
  return e;
}

/// One literal character in a POSIX extended regular expression. Bracket expressions quote
/// the special characters ("\\]" is undefined in ERE; "[]]" is the portable form).
void appendLiteral(std::string &out, char ch) {
  if (ch == '\\')
    out += "\\\\";
  else if (ch == '^')
    out += "\\^";
  else if (llvm::StringRef("$.|?*+()[]{}").contains(ch))
    out += std::string("[") + ch + "]";
  else
    out += ch;
}

/// A __msg pattern as a regular expression: "{{re}}" verbatim, everything else escaped.
std::string patternToRegex(llvm::StringRef pattern) {
  std::string out;
  while (!pattern.empty()) {
    size_t open = pattern.find("{{");
    llvm::StringRef literal = pattern.substr(0, open);
    for (char ch : literal)
      appendLiteral(out, ch);
    if (open == llvm::StringRef::npos)
      break;
    size_t close = pattern.find("}}", open + 2);
    if (close == llvm::StringRef::npos) { // unterminated: literal, as written
      for (char ch : pattern.substr(open))
        appendLiteral(out, ch);
      break;
    }
    out += "(" + pattern.substr(open + 2, close - open - 2).str() + ")";
    pattern = pattern.substr(close + 2);
  }
  return out;
}

} // namespace

llvm::Expected<Expectation> readExpectation(const btf::Btf &btf, llvm::StringRef function) {
  auto func = btf.findByNameKind(function, btf::Kind::Func);
  if (!func)
    return inputError(btf.sourceName(), "no BTF FUNC named '" + function + "'");
  return collect(btf, *func);
}

std::map<std::string, Expectation> readAllExpectations(const btf::Btf &btf) {
  std::map<std::string, Expectation> out;
  for (btf::TypeId id = btf.firstOwnId(); id < btf.endId(); ++id) {
    const btf::Type &t = btf.type(id);
    if (t.kind == btf::Kind::Func && !t.name.empty())
      out.emplace(std::string(t.name), collect(btf, id));
  }
  return out;
}

llvm::Expected<std::map<std::string, Expectation>> readObjectExpectations(llvm::StringRef path) {
  auto buffer = readInputFile(path);
  if (!buffer)
    return buffer.takeError();
  auto objOrErr = llvm::object::ObjectFile::createObjectFile((*buffer)->getMemBufferRef());
  if (!objOrErr)
    return inputError(path, "not an ELF object: " + errorMessage(objOrErr.takeError()));
  for (const llvm::object::SectionRef &section : (*objOrErr)->sections()) {
    auto name = section.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (*name != ".BTF")
      continue;
    auto contents = section.getContents();
    if (!contents)
      return inputError(path, "cannot read .BTF: " + errorMessage(contents.takeError()));
    auto btf = btf::Btf::parse(llvm::arrayRefFromStringRef(*contents), path);
    if (!btf)
      return btf.takeError();
    return readAllExpectations(**btf);
  }
  return inputError(path, "no .BTF section (compile with -g)");
}

bool logMatches(llvm::StringRef log, const std::vector<std::string> &messages, std::string *why) {
  std::string text = log.str();
  auto from = text.cbegin();
  for (const std::string &message : messages) {
    std::regex re;
    try {
      re = std::regex(patternToRegex(message), std::regex::extended);
    } catch (const std::regex_error &) {
      if (why)
        *why = "invalid regular expression in expected message '" + message + "'";
      return false;
    }
    std::smatch match;
    if (!std::regex_search(from, text.cend(), match, re)) {
      if (why)
        *why = "expected message not found (in order): '" + message + "'";
      return false;
    }
    from = match[0].second;
  }
  return true;
}

} // namespace bpfverify::report
