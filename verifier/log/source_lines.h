#pragma once
// The "; <source line> @ <file>:<line>" lines of the Linux 6.18 verifier log: find_linfo and
// verbose_linfo of kernel/bpf/log.c, with the env->prev_linfo de-duplication.

#include "verifier/log/verifier_log.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace bpfverify::verifier {

/// struct bpf_line_info as the kernel holds it for the program being verified.
struct LineRecord {
  uint32_t insnOff = 0;
  uint32_t fileNameOff = 0;
  uint32_t lineOff = 0;
  uint32_t lineCol = 0; ///< line << 10 | column (BPF_LINE_INFO_LINE_NUM / _LINE_COL)
};

class SourceLines {
public:
  /// A string of the program's BTF by offset (btf_name_by_offset).
  using StringAt = std::function<std::string_view(uint32_t offset)>;

  SourceLines() = default;
  /// records sorted by insnOff, the first at 0 (check_btf_line guarantees both);
  /// progLen is the program's instruction count (prog->len).
  SourceLines(std::vector<LineRecord> records, uint32_t progLen, StringAt strings)
      : records_(std::move(records)), progLen_(progLen), strings_(std::move(strings)) {}

  /// find_linfo: the record covering instruction insnOff, or nullptr.
  const LineRecord *find(uint32_t insnOff) const;

  /// verbose_linfo: unless the record covering insnOff is the one printed last, or names the
  /// same file and line, writes prefix, the source line without leading blanks, and
  /// " @ <file name after its last '/'>:<line>\n". Nothing without line info.
  void print(VerifierLog &log, uint32_t insnOff, std::string_view prefix);

  /// env->prev_linfo = NULL: do_check_common does it before each (sub)program's pass.
  void reset() { prev_ = nullptr; }

private:
  std::vector<LineRecord> records_;
  uint32_t progLen_ = 0;
  StringAt strings_;
  const LineRecord *prev_ = nullptr;
};

} // namespace bpfverify::verifier
