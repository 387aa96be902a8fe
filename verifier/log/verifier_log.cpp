#include "verifier/log/verifier_log.h"

#include <cstdarg>
#include <cstdio>

namespace bpfverify::verifier {

void VerifierLog::writef(const char *fmt, ...) {
  if (!needed())
    return;
  char buf[1024]; // BPF_VERIFIER_TMP_LOG_SIZE
  va_list args;
  va_start(args, fmt);
  int n = std::vsnprintf(buf, sizeof(buf), fmt, args);
  va_end(args);
  if (n < 0)
    return;
  write(std::string_view(buf, size_t(n) < sizeof(buf) ? size_t(n) : sizeof(buf) - 1));
}

size_t VerifierLog::column() const {
  size_t nl = text_.rfind('\n');
  return nl == std::string::npos ? text_.size() : text_.size() - nl - 1;
}

} // namespace bpfverify::verifier
