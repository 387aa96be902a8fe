// Name rules of kernel/bpf/btf.c: __btf_name_char_ok, btf_name_valid_identifier,
// btf_name_valid_section.

#include "btf/format.h"
#include "btf/validate.h"

namespace bpfverify::btf {

namespace {
bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
} // namespace

bool isValidIdentifier(llvm::StringRef name) {
  if (name.empty() || name.size() >= format::KsymNameLen)
    return false;
  char first = name[0];
  if (!isAlpha(first) && first != '_' && first != '.')
    return false;
  for (char c : name.drop_front())
    if (!isAlpha(c) && !isDigit(c) && c != '_' && c != '.')
      return false;
  return true;
}

bool isValidSectionName(llvm::StringRef name) {
  if (name.empty() || name.size() >= format::KsymNameLen)
    return false;
  for (char c : name)
    if (c < 0x20 || c > 0x7e)
      return false;
  return true;
}

} // namespace bpfverify::btf
