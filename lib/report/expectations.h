#pragma once
// Reading the kernel selftests' expectation annotations (__success, __failure, __msg, ...) back
// from an object's BTF, where they are DECL_TAGs "comment:test_..." on each program's FUNC.

#include "btf/btf.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/Error.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::report {

/// What the annotations of one mode (privileged or unprivileged) expect.
struct ModeExpectation {
  std::optional<bool> success;          ///< __success: true, __failure: false, neither: nullopt
  std::vector<std::string> messages;    ///< __msg in __COUNTER__ order (must appear in order)
  std::vector<std::string> notMessages; ///< __not_msg
  std::vector<std::string> xlated;      ///< __xlated
  std::optional<std::string> retval;    ///< __retval text as written (e.g. "2", "0xbadcafe")
  bool auxiliary = false;               ///< __auxiliary

  bool empty() const {
    return !success && messages.empty() && notMessages.empty() && xlated.empty() && !retval &&
           !auxiliary;
  }
};

/// Every annotation of one program (one BTF FUNC).
struct Expectation {
  ModeExpectation privileged;
  ModeExpectation unprivileged;
  std::optional<std::string> description; ///< __description
  std::optional<int> logLevel;            ///< __log_level
  std::vector<std::string> flags;         ///< __flag, as written ("BPF_F_STRICT_ALIGNMENT", "1")
  std::vector<std::string> arch;          ///< __arch_*
  std::vector<std::string> otherTags;     ///< "comment:..." tags this reader does not interpret

  /// No annotation at all: selftest_loader then implies a privileged load expecting success.
  bool empty() const {
    return privileged.empty() && unprivileged.empty() && !description && !logLevel &&
           flags.empty() && arch.empty() && otherTags.empty();
  }
};

/// The annotations on the FUNC named `function` (a program's symbol name). A function without
/// tags gives an empty Expectation; a function absent from the BTF is an error.
llvm::Expected<Expectation> readExpectation(const btf::Btf &btf, llvm::StringRef function);

/// Every annotated or not FUNC with global linkage in an object's BTF, by function name.
std::map<std::string, Expectation> readAllExpectations(const btf::Btf &btf);

/// Reads the .BTF section of an ELF object and every FUNC's expectations.
llvm::Expected<std::map<std::string, Expectation>> readObjectExpectations(llvm::StringRef path);

/// Whether a verifier log satisfies the messages, as the selftests' test_loader matches them:
/// each __msg must be found after the previous match; "{{...}}" parts are POSIX extended regular
/// expressions, the rest literal. On failure `why` names the first message not found.
bool logMatches(llvm::StringRef log, const std::vector<std::string> &messages,
                std::string *why = nullptr);

} // namespace bpfverify::report
