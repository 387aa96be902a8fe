#include "verifier/engine/stack_depth.h"

#include "verifier/engine/uapi.h"

namespace bpfverify::verifier {

namespace {

constexpr int BPF_PRIV_STACK_MIN_SIZE = 64;

/// round_up_stack_depth() with the JIT on (x86-64 always JITs).
int roundUpStackDepth(int depth) {
  return (depth + 15) / 16 * 16;
}

/// bpf_enable_priv_stack(): tracing-like programs get per-subprogram private stacks on x86-64.
bool privStackSupported(const Env &env) {
  switch (env.prog.progType) {
  case uapi::BPF_PROG_TYPE_KPROBE:
  case uapi::BPF_PROG_TYPE_TRACEPOINT:
  case uapi::BPF_PROG_TYPE_PERF_EVENT:
  case uapi::BPF_PROG_TYPE_RAW_TRACEPOINT:
    break;
  case uapi::BPF_PROG_TYPE_TRACING:
    if (env.prog.expectedAttachType != 28 /* BPF_TRACE_ITER */)
      break;
    return false;
  default:
    return false;
  }
  for (const SubprogInfo &s : env.subprogs)
    if (s.hasTailCall)
      return false;
  return true;
}

} // namespace

/// check_max_stack_depth_subprog(): the deepest call chain from `root`.
static bool checkMaxStackDepthFrom(Env &env, uint32_t root, bool priv) {
  const auto &sub = env.subprogs;
  const auto &insns = env.insns;
  std::vector<bool> privMode(sub.size(), false);
  int depth = 0, frame = 0;
  uint32_t idx = root;
  uint32_t i = sub[root].start;
  uint32_t retInsn[MAX_CALL_FRAMES];
  uint32_t retProg[MAX_CALL_FRAMES];
  auto end = [&](uint32_t s) {
    return s + 1 < sub.size() ? sub[s + 1].start : uint32_t(insns.size());
  };
  for (;;) {
    // process_func:
    if (idx && sub[idx].hasTailCall && depth >= 256)
      return env.fail("tail_calls are not allowed when call stack of previous frames is %d "
                      "bytes. Too large",
                      depth);
    int subDepth = roundUpStackDepth(sub[idx].stackDepth);
    if (priv && subDepth >= BPF_PRIV_STACK_MIN_SIZE)
      privMode[idx] = true;
    if (privMode[idx]) {
      if (subDepth > MAX_BPF_STACK)
        return env.fail("stack size of subprog %u is %d. Too large", idx, subDepth);
    } else {
      depth += subDepth;
      if (depth > MAX_BPF_STACK)
        return env.fail("combined stack size of %d calls is %d. Too large", frame + 1, depth);
    }
    bool entered = false;
    for (;;) {
      // continue_func:
      for (; i < end(idx); i++) {
        const isa::Insn &in = insns[i];
        bool pseudoCall =
            in.code == (isa::BPF_JMP | isa::BPF_CALL) && in.src == isa::BPF_PSEUDO_CALL;
        bool pseudoFunc = isa::isLdImm64(in) && in.src == isa::BPF_PSEUDO_FUNC;
        if (!pseudoCall && !pseudoFunc)
          continue;
        retInsn[frame] = i + 1;
        retProg[frame] = idx;
        uint32_t next = i + uint32_t(in.imm) + 1;
        int sidx = env.findSubprog(next);
        if (sidx < 0)
          return env.fail("verifier bug: no subprog starts at %u", next);
        // An async callback (timer) runs on its own stack unless called directly.
        if (sub[size_t(sidx)].isAsyncCb && !pseudoCall)
          continue;
        i = next;
        idx = uint32_t(sidx);
        frame++;
        if (frame >= MAX_CALL_FRAMES)
          return env.fail("the call stack of %d frames is too deep !", frame);
        entered = true;
        break;
      }
      if (entered)
        break;
      if (frame == 0)
        return true;
      if (!privMode[idx])
        depth -= roundUpStackDepth(sub[idx].stackDepth);
      frame--;
      i = retInsn[frame];
      idx = retProg[frame];
    }
  }
}

/// check_max_stack_depth(): the main program and every async callback are roots of their own
/// call chains (in reverse order, as the kernel walks them).
bool checkMaxStackDepth(Env &env) {
  bool priv = privStackSupported(env);
  for (size_t i = env.subprogs.size(); i-- > 0;)
    if (i == 0 || env.subprogs[i].isAsyncCb)
      if (!checkMaxStackDepthFrom(env, uint32_t(i), i == 0 && priv))
        return false;
  return true;
}

} // namespace bpfverify::verifier
