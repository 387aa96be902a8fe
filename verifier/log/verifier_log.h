#pragma once
// The verifier's text log as the kernel writes it (struct bpf_verifier_log, kernel/bpf/log.c):
// the level mask, verbose() appends, and the position bookkeeping print_insn_state uses.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace bpfverify::verifier {

/// BPF_LOG_LEVEL1, BPF_LOG_LEVEL2, BPF_LOG_STATS of include/linux/bpf_verifier.h.
inline constexpr uint32_t BPF_LOG_LEVEL1 = 1, BPF_LOG_LEVEL2 = 2, BPF_LOG_STATS = 4;

class VerifierLog {
public:
  explicit VerifierLog(uint32_t level = 0) : level_(level) {}

  uint32_t level() const { return level_; }
  /// bpf_verifier_log_needed: anything at all is written.
  bool needed() const { return level_ != 0; }
  /// Level 1 or 2 text (the kernel's `env->log.level & BPF_LOG_LEVEL`). Once the log is full
  /// nothing more is kept, so the trace is not even formatted.
  bool verboseEnabled() const {
    return (level_ & (BPF_LOG_LEVEL1 | BPF_LOG_LEVEL2)) != 0 && !truncated_;
  }
  bool level2() const { return (level_ & BPF_LOG_LEVEL2) != 0; }

  /// verbose(): appends when level 1/2 or stats is on (the kernel writes every verbose() call
  /// whenever the log is needed; error messages appear even at BPF_LOG_STATS).
  void write(std::string_view text) {
    if (!needed())
      return;
    if (text_.size() + text.size() > limit_) {
      // Like a full BPF_LOG_FIXED buffer: what does not fit is dropped. The verdict and the
      // rejection never depend on the log text.
      truncated_ = true;
      text.remove_suffix(text.size() -
                         std::min(text.size(), limit_ - std::min(limit_, text_.size())));
    }
    text_.append(text);
  }
  /// The most bytes the log keeps (the user buffer's size).
  void setLimit(size_t bytes) { limit_ = bytes; }
  bool truncated() const { return truncated_; }
  /// printf-style verbose().
  void writef(const char *fmt, ...) __attribute__((format(printf, 2, 3)));

  /// The log position (env->log.end_pos).
  size_t pos() const { return text_.size(); }
  /// bpf_vlog_reset: drop everything written after `pos`.
  void resetTo(size_t pos) {
    if (pos < text_.size())
      text_.resize(pos);
  }
  /// Column of the current line (for print_insn_state's alignment).
  size_t column() const;

  const std::string &text() const { return text_; }

  /// Length of the last instruction line (env->prev_insn_print_pos), for print_insn_state's
  /// alignment of the state after it.
  size_t prevInsnPrintPos = 0;
  /// The log position right after the last instruction line (env->prev_log_pos):
  /// print_insn_state continues that line when nothing was written since.
  size_t prevLogPos = 0;

private:
  uint32_t level_;
  std::string text_;
  size_t limit_ = size_t(64) << 20;
  bool truncated_ = false;
};

} // namespace bpfverify::verifier
