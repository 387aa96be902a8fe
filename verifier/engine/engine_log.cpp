#include "verifier/engine/engine_log.h"

#include "lib/isa/disasm.h"
#include "verifier/check/kfunc.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/log/stats.h"

namespace bpfverify::verifier {

std::string insnText(const Env &env, uint32_t insnIdx) {
  isa::DisasmCallbacks cbs;
  cbs.callName = [&env](const isa::Insn &insn) -> std::optional<std::string> {
    if (insn.src == isa::BPF_PSEUDO_KFUNC_CALL)
      return kfuncName(env, insn);
    return std::nullopt;
  };
  return isa::formatInstruction(env.insns, insnIdx, cbs) + "\n";
}

void logBeforeInsn(Env &env, bool doPrintState) {
  if (!env.log.verboseEnabled())
    return;
  if (env.log.level2() && doPrintState)
    printBranchPop(env.log, env.prevInsnIdx, env.insnIdx, *env.cur, env.scratched, env.printCtx);
  if (env.scratched.any())
    printInsnState(env.log, env.insnIdx, *env.cur, env.cur->curframe, env.scratched, env.printCtx);
  env.sourceLines.print(env.log, env.insnIdx, "; ");
  printInsnLine(env.log, env.insnIdx, insnText(env, env.insnIdx));
}

void logInfiniteLoopStates(Env &env, const VerifierState &old) {
  env.verbose("cur state:");
  printVerifierState(env.log, *env.cur, env.cur->curframe, true, env.scratched, env.printCtx);
  env.verbose("old state:");
  printVerifierState(env.log, old, env.cur->curframe, true, env.scratched, env.printCtx);
}

void logCallerCallee(Env &env) {
  printCallEntry(env.log, *env.cur, env.cur->curframe - 1, env.scratched, env.printCtx);
}

void logReturn(Env &env) {
  printCallReturn(env.log, *env.cur, env.cur->curframe, env.cur->curframe - 1, env.insnIdx,
                  env.scratched, env.printCtx);
}

namespace {
bool subprogSeen(const Env &env, uint32_t subprog) {
  uint32_t start = env.subprogs[subprog].start;
  uint32_t end = subprog + 1 < env.subprogs.size() ? env.subprogs[subprog + 1].start
                                                   : uint32_t(env.insns.size());
  for (uint32_t i = start; i < end; i++)
    if (env.aux[i].seen)
      return true;
  return false;
}
} // namespace

void logVerificationStats(Env &env, uint64_t verificationTimeNs, bool accepted) {
  VerificationStats stats;
  stats.insnProcessed = uint32_t(env.insnProcessed);
  stats.maxStatesPerInsn = uint32_t(env.maxStatesPerInsn);
  stats.totalStates = uint32_t(env.totalStates);
  stats.peakStates = uint32_t(env.peakStates);
  stats.verificationTimeNs = verificationTimeNs;
  for (uint32_t i = 0; i < env.subprogs.size(); i++) {
    // opt_remove_dead_code() runs before the statistics are printed for an accepted program:
    // a subprogram no path reached is gone from subprog_info.
    if (accepted && !subprogSeen(env, i))
      continue;
    stats.subprogStackDepths.push_back(uint32_t(env.subprogs[i].stackDepth));
  }
  printVerificationStats(env.log, stats);
}

} // namespace bpfverify::verifier
