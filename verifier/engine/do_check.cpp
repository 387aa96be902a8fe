#include "verifier/engine/do_check.h"

#include "lib/isa/disasm.h"
#include "lib/isa/validate.h"
#include "verifier/check/alu.h"
#include "verifier/check/call.h"
#include "verifier/check/jmp.h"
#include "verifier/check/kfunc.h"
#include "verifier/check/ld_imm.h"
#include "verifier/check/mem.h"
#include "verifier/check/regs.h"
#include "verifier/engine/engine_log.h"
#include "verifier/engine/pruning_glue.h"
#include "verifier/target/func_ids.h"

namespace bpfverify::verifier {

using namespace isa;

namespace {

enum class InsnOutcome { Next, Exit, Error };

/// The encoding checks the kernel makes when it reaches an instruction (do_check_insn and the
/// class handlers), from lib/isa/validate.
bool checkEncoding(Env &env, bool &deferredAfterDstRead, std::string &deferredMsg) {
  ValidateOptions vo;
  auto err = validateInstruction(env.insns, env.insnIdx, vo);
  if (!err)
    return true;
  if (err->stage == CheckStage::AfterDstRead) {
    deferredAfterDstRead = true;
    deferredMsg = err->message;
    return true;
  }
  if (err->stage == CheckStage::AfterLdAbsChecks) {
    // Reported by check_ld_abs() after its program-type check.
    deferredAfterDstRead = false;
    deferredMsg = err->message;
    return true;
  }
  return env.fail("%s", err->message.c_str());
}

InsnOutcome doCheckInsn(Env &env, bool &doPrintState) {
  const Insn insn = env.insn();
  uint8_t cls = insn.cls();
  bool deferred = false;
  std::string deferredMsg;
  if (!checkEncoding(env, deferred, deferredMsg))
    return InsnOutcome::Error;
  if (!deferred && !deferredMsg.empty()) {
    // An LD_ABS/LD_IND encoding error: check_ld_abs() reports it after the type check.
    if (!checkLdAbsProgType(env))
      return InsnOutcome::Error;
    env.fail("%s", deferredMsg.c_str());
    return InsnOutcome::Error;
  }
  if (deferred) {
    // The dst register is read first, then the encoding error fires.
    if (!checkRegArg(env, insn.dst, RegArg::SrcOp))
      return InsnOutcome::Error;
    env.fail("%s", deferredMsg.c_str());
    return InsnOutcome::Error;
  }
  if (cls == BPF_ALU || cls == BPF_ALU64) {
    if (!checkAluOp(env))
      return InsnOutcome::Error;
  } else if (cls == BPF_LDX) {
    if (!checkLoadMem(env))
      return InsnOutcome::Error;
  } else if (cls == BPF_STX) {
    if (opMode(insn.code) == BPF_ATOMIC) {
      if (!checkAtomic(env))
        return InsnOutcome::Error;
    } else if (!checkStoreReg(env)) {
      return InsnOutcome::Error;
    }
  } else if (cls == BPF_ST) {
    if (!checkStoreImm(env))
      return InsnOutcome::Error;
  } else if (cls == BPF_JMP || cls == BPF_JMP32) {
    uint8_t op = opCode(insn.code);
    env.jmpsProcessed++;
    if (op == BPF_CALL) {
      // Only bpf_spin_unlock (and static subprograms) may be called while holding a lock.
      if (env.cur->activeLocks && ((insn.src == 0 && insn.imm != target::BPF_FUNC_spin_unlock) ||
                                   insn.src == BPF_PSEUDO_KFUNC_CALL)) {
        env.fail("function calls are not allowed while holding a lock");
        return InsnOutcome::Error;
      }
      bool ok;
      if (insn.src == BPF_PSEUDO_CALL)
        ok = checkFuncCall(env);
      else if (insn.src == BPF_PSEUDO_KFUNC_CALL)
        ok = checkKfuncCall(env);
      else
        ok = checkHelperCall(env);
      if (!ok)
        return InsnOutcome::Error;
      env.markRegScratched(0);
    } else if (op == BPF_JA) {
      env.insnIdx += uint32_t((cls == BPF_JMP ? insn.off : insn.imm) + 1);
      return InsnOutcome::Next;
    } else if (op == BPF_EXIT) {
      if (!checkResourceLeak(env, false, env.cur->curframe == 0,
                             "BPF_EXIT instruction in main prog"))
        return InsnOutcome::Error;
      if (env.cur->curframe) {
        updateLiveStack(env);
        if (!prepareFuncExit(env))
          return InsnOutcome::Error;
        doPrintState = true;
        return InsnOutcome::Next;
      }
      if (!checkReturnCode(env))
        return InsnOutcome::Error;
      return InsnOutcome::Exit;
    } else {
      if (!checkCondJmpOp(env))
        return InsnOutcome::Error;
      return InsnOutcome::Next;
    }
  } else if (cls == BPF_LD) {
    if (opMode(insn.code) == BPF_IMM) {
      if (!checkLdImm(env))
        return InsnOutcome::Error;
      env.insnIdx++;
    } else {
      if (!checkLdAbs(env))
        return InsnOutcome::Error;
    }
  } else {
    env.fail("unknown insn class %d", cls);
    return InsnOutcome::Error;
  }
  env.insnIdx++;
  return InsnOutcome::Next;
}

} // namespace

bool doCheck(Env &env) {
  bool popLog = !env.log.level2();
  bool doPrintState = false;
  int32_t prevInsnIdx = -1;
  for (;;) {
    env.curHistEntValid = false;
    env.prevInsnIdx = prevInsnIdx;
    if (env.insnIdx >= env.insns.size())
      return env.fail("invalid insn idx %u insn_cnt %zu", env.insnIdx, env.insns.size());
    if (++env.insnProcessed > BPF_COMPLEXITY_LIMIT_INSNS)
      return env.fail("BPF program is too large. Processed %llu insn",
                      (unsigned long long)env.insnProcessed);
    VerifierState &state = *env.cur;
    state.lastInsnIdx = uint32_t(env.prevInsnIdx);
    state.insnIdx = env.insnIdx;
    bool exitPath = false;
    if (env.aux[env.insnIdx].prunePoint) {
      int r = isStateVisited(env, env.insnIdx);
      if (r < 0)
        return false;
      if (r == 1) {
        if (env.log.verboseEnabled()) {
          if (doPrintState)
            env.verbose("\nfrom %d to %u%s: safe\n", env.prevInsnIdx, env.insnIdx,
                        env.cur->speculative ? " (speculative execution)" : "");
          else
            env.verbose("%u: safe\n", env.insnIdx);
        }
        exitPath = true;
      }
    }
    if (!exitPath) {
      if (env.aux[env.insnIdx].jmpPoint && !env.pushInsnHistory(*env.cur, 0, 0))
        return false;
      if (env.log.truncated() && env.penv.logLevel2) {
        // A full log keeps nothing more: stop formatting the precision and liveness lines.
        env.penv.logLevel2 = false;
        if (env.liveness)
          env.liveness->setLog({}, {});
      }
      logBeforeInsn(env, doPrintState);
      doPrintState = false;
      env.aux[env.insnIdx].seen = true;
      env.lastProcessedInsn = env.insnIdx;
      prevInsnIdx = int32_t(env.insnIdx);
      resetStackWriteMarks(env);
      InsnOutcome out = doCheckInsn(env, doPrintState);
      commitStackWriteMarks(env);
      if (out == InsnOutcome::Error)
        return false;
      if (out == InsnOutcome::Next)
        continue;
    }
    // process_bpf_exit:
    env.scratched.all();
    if (!updateBranchCounts(env, env.cur.get()))
      return false;
    updateLiveStack(env);
    if (env.branchStack.empty())
      break;
    BranchElem &head = env.branchStack.back();
    *env.cur = std::move(head.st);
    if (popLog)
      env.log.resetTo(head.logPos);
    env.insnIdx = head.insnIdx;
    prevInsnIdx = head.prevInsnIdx;
    env.branchStack.pop_back();
    doPrintState = true;
  }
  return true;
}

} // namespace bpfverify::verifier
