#include "verifier/log/source_lines.h"

#include <string>

namespace bpfverify::verifier {

namespace {

constexpr size_t BPF_VERIFIER_TMP_LOG_SIZE = 1024;

// isspace() of the kernel's lib/ctype.c: the C locale's blanks plus Latin-1 NBSP (0xa0).
bool kernelIsSpace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

// One verbose() call goes through a BPF_VERIFIER_TMP_LOG_SIZE buffer: longer text is cut.
void writeBounded(VerifierLog &log, std::string_view text) {
  log.write(text.substr(0, BPF_VERIFIER_TMP_LOG_SIZE - 1));
}

} // namespace

const LineRecord *SourceLines::find(uint32_t insnOff) const {
  if (records_.empty() || insnOff >= progLen_)
    return nullptr;
  // Rightmost record with insnOff <= the instruction (find_linfo's binary search).
  size_t l = 0, r = records_.size() - 1;
  while (l < r) {
    size_t m = l + (r - l + 1) / 2;
    if (records_[m].insnOff <= insnOff)
      l = m;
    else
      r = m - 1;
  }
  return &records_[l];
}

void SourceLines::print(VerifierLog &log, uint32_t insnOff, std::string_view prefix) {
  if (!log.needed())
    return;
  const LineRecord *linfo = find(insnOff);
  if (!linfo || linfo == prev_)
    return;
  // Records differing only in column print the same text: skip them.
  if (prev_ && linfo->fileNameOff == prev_->fileNameOff &&
      (linfo->lineCol >> 10) == (prev_->lineCol >> 10))
    return;
  writeBounded(log, prefix);
  std::string_view line = strings_ ? strings_(linfo->lineOff) : std::string_view();
  while (!line.empty() && kernelIsSpace(static_cast<unsigned char>(line.front())))
    line.remove_prefix(1);
  writeBounded(log, line);
  std::string_view file = strings_ ? strings_(linfo->fileNameOff) : std::string_view();
  size_t slash = file.rfind('/');
  if (slash != std::string_view::npos)
    file.remove_prefix(slash + 1);
  writeBounded(log, " @ " + std::string(file) + ":" + std::to_string(linfo->lineCol >> 10) + "\n");
  prev_ = linfo;
}

} // namespace bpfverify::verifier
