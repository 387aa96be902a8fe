// Name rules of kernel/bpf/btf.c: __btf_name_char_ok, btf_name_valid_identifier,
// btf_name_valid_section.

#include "btf/format.h"
#include "btf/validate.h"

namespace bpfverify::btf {

namespace {
// Character classes as a table: bit 0 may start an identifier, bit 1 may continue one.
struct CharTable {
  uint8_t bits[256] = {};
  constexpr CharTable() {
    for (int c = 0; c < 256; ++c) {
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      bool digit = c >= '0' && c <= '9';
      bool extra = c == '_' || c == '.';
      bits[c] = ((alpha || extra) ? 1 : 0) | ((alpha || digit || extra) ? 2 : 0);
    }
  }
};
constexpr CharTable table;
} // namespace

bool isValidIdentifier(llvm::StringRef name) {
  if (name.empty() || name.size() >= format::KsymNameLen)
    return false;
  const auto *p = reinterpret_cast<const uint8_t *>(name.data());
  if (!(table.bits[p[0]] & 1))
    return false;
  uint8_t all = 2;
  for (size_t i = 1; i < name.size(); ++i)
    all &= table.bits[p[i]];
  return all & 2;
}

bool isValidSectionName(llvm::StringRef name) {
  if (name.empty() || name.size() >= format::KsymNameLen)
    return false;
  for (char c : name)
    if (c < 0x20 || c > 0x7e)
      return false;
  return true;
}

std::string printableName(llvm::StringRef name) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  size_t limit = 128;
  for (size_t i = 0; i < name.size() && i < limit; ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (name.size() > limit)
    out += "...";
  return out;
}

} // namespace bpfverify::btf
