#include "verifier/engine/env.h"

#include "verifier/engine/verify_options.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

namespace bpfverify::verifier {

Env::Env(const object::Object &obj, const object::Program &prog, const btf::Target *target,
         const VerifyOptions &opts)
    : obj(obj), prog(prog), target(target), opts(opts), dom(opts.domain), insns(prog.insns),
      aux(prog.insns.size()), log(opts.logLevel), explored(prog.insns.size()) {}

namespace {
std::string vformat(const char *fmt, va_list args) {
  char buf[1024];
  int n = std::vsnprintf(buf, sizeof(buf), fmt, args);
  if (n < 0)
    return {};
  return std::string(buf, size_t(n) < sizeof(buf) ? size_t(n) : sizeof(buf) - 1);
}
} // namespace

void Env::verbose(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::string text = vformat(fmt, args);
  va_end(args);
  log.write(text);
  // Keep the unfinished line: a rejection message continues it.
  size_t nl = text.rfind('\n');
  if (nl != std::string::npos)
    partialLine_ = text.substr(nl + 1);
  else if (partialLinePos_ == log.pos() - (log.needed() ? text.size() : 0))
    partialLine_ += text;
  else
    partialLine_ = text;
  partialLinePos_ = log.pos();
}

bool Env::fail(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::string text = vformat(fmt, args);
  va_end(args);
  // The message is the last line of the log, as the kernel's user sees it: the unfinished line
  // verbose() left (e.g. "R1 type=scalar " + "expected=fp") and the last line of `text`.
  std::string line = partialLinePos_ == log.pos() ? partialLine_ + text : text;
  if (size_t nl = line.rfind('\n'); nl != std::string::npos)
    line = line.substr(nl + 1);
  log.write(text);
  log.write("\n");
  partialLine_.clear();
  partialLinePos_ = log.pos();
  if (!rejection)
    rejection = Rejection{insnIdx, line};
  return false;
}

bool Env::failUnterminated(const std::string &text) {
  std::string line = partialLinePos_ == log.pos() ? partialLine_ + text : text;
  log.write(text);
  partialLine_ = line;
  partialLinePos_ = log.pos();
  if (!rejection)
    rejection = Rejection{insnIdx, line};
  return false;
}

bool Env::notSupported(std::string what) {
  if (!unsupported) {
    unsupported = true;
    unsupportedWhat = std::move(what);
  }
  return false;
}

int Env::findSubprog(uint32_t insnIdx) const {
  auto it = std::lower_bound(subprogs.begin(), subprogs.end(), insnIdx,
                             [](const SubprogInfo &s, uint32_t v) { return s.start < v; });
  if (it == subprogs.end() || it->start != insnIdx)
    return -1;
  return int(it - subprogs.begin());
}

VerifierState *Env::pushBranch(BranchElem elem, const char *limitWhat) {
  elem.logPos = log.pos();
  branchStack.push_back(std::move(elem));
  if (branchStack.size() > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
    fail("The sequence of %zu jumps is too complex%s.", branchStack.size(), limitWhat);
    return nullptr;
  }
  return &branchStack.back().st;
}

VerifierState *Env::pushStack(uint32_t insnIdx, int32_t prevInsnIdx, bool speculative) {
  BranchElem elem;
  elem.st = *cur;
  elem.st.speculative |= speculative;
  elem.insnIdx = insnIdx;
  elem.prevInsnIdx = prevInsnIdx;
  VerifierState *st = pushBranch(std::move(elem), "");
  if (st && st->parent)
    st->parent->branches++;
  return st;
}

VerifierState *Env::pushAsyncState(uint32_t insnIdx, int32_t prevInsnIdx) {
  BranchElem elem;
  elem.insnIdx = insnIdx;
  elem.prevInsnIdx = prevInsnIdx;
  elem.st.branches = 1;
  elem.st.frames.resize(1);
  return pushBranch(std::move(elem), " for async cb");
}

bool Env::pushInsnHistory(VerifierState &st, uint32_t flags, uint64_t linkedRegs) {
  // push_insn_history(): one entry per instruction; a second push for the same instruction
  // (atomics, or a jump point that is also a stack access) merges the flags.
  if (curHistEntValid && !st.jmpHistory.empty() && st.jmpHistory.back().idx == insnIdx) {
    JmpHistoryEntry &e = st.jmpHistory.back();
    e.flags |= flags;
    if (linkedRegs)
      e.linkedRegs = linkedRegs;
    return true;
  }
  JmpHistoryEntry e;
  e.idx = insnIdx;
  e.prevIdx = uint32_t(prevInsnIdx);
  e.flags = flags;
  e.linkedRegs = linkedRegs;
  st.jmpHistory.push_back(e);
  curHistEntValid = true;
  return true;
}

} // namespace bpfverify::verifier
