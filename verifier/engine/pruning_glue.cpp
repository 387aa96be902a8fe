#include "verifier/engine/pruning_glue.h"

#include "verifier/engine/engine_log.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/engine/verify_options.h"
#include "verifier/state/equivalence.h"

#include <algorithm>

namespace bpfverify::verifier {

namespace {

/// insn_aux_data[i].live_regs_before; beyond the program every register counts as live.
LiveRegsBefore liveRegsOf(const Env &env) {
  return [&env](uint32_t i) -> uint16_t {
    return i < env.liveRegsBefore.size() ? env.liveRegsBefore[i] : uint16_t(0xffff);
  };
}

EquivalenceContext equivalenceContext(const Env &env) {
  EquivalenceContext ctx;
  ctx.liveRegsBefore = liveRegsOf(env);
  ctx.idGen = env.idGen;
  ctx.options.pktEndRangeExact = env.opts.pktEndRangeExact;
  return ctx;
}

bool sameCallsites(const VerifierState &a, const VerifierState &b) {
  if (a.curframe != b.curframe)
    return false;
  for (uint32_t fr = a.curframe + 1; fr-- > 0;)
    if (a.frames[fr].callsite != b.frames[fr].callsite)
      return false;
  return true;
}

bool incompleteReadMarks(const Env &env, const VerifierState &st) {
  return env.scc && env.scc->incompleteReadMarks(st);
}

/// clean_live_states(): explored states at this instruction whose paths are all explored lose
/// the registers and stack slots no later instruction reads.
void cleanLiveStates(Env &env, uint32_t insnIdx, const VerifierState &cur) {
  for (ExploredState &sl : env.exploredBucket(insnIdx)) {
    VerifierState &st = *sl.state;
    if (st.branches || st.insnIdx != insnIdx || !sameCallsites(st, cur) || st.cleaned)
      continue;
    if (incompleteReadMarks(env, st))
      continue;
    env.liveness->liveStackQueryInit(st);
    cleanVerifierState(st, liveRegsOf(env), [&](uint32_t fr, uint32_t spi) {
      return env.liveness->stackSlotAlive(fr, spi);
    });
  }
}

/// update_peak_states()
void updatePeakStates(Env &env) {
  uint64_t n = env.exploredStatesSize + env.freeListSize + (env.scc ? env.scc->numBackedges() : 0);
  env.peakStates = std::max(env.peakStates, n);
}

/// maybe_free_verifier_state()
void maybeFree(Env &env, VerifierState &st) {
  if (!st.inFreeList || st.branches != 0 || incompleteReadMarks(env, st))
    return;
  st.inFreeList = false;
  env.freeListSize--;
}

} // namespace

int isStateVisited(Env &env, uint32_t insnIdx) {
  VerifierState &cur = *env.cur;
  bool forceNewState = env.aux[insnIdx].forceCheckpoint || cur.jmpHistory.size() > 40;
  bool addNewState = forceNewState;
  if (env.jmpsProcessed - env.prevJmpsProcessed >= 2 &&
      env.insnProcessed - env.prevInsnProcessed >= 8)
    addNewState = true;

  cleanLiveStates(env, insnIdx, cur);
  auto &list = env.exploredBucket(insnIdx);
  EquivalenceContext ctx = equivalenceContext(env);
  IdMap &idmap = env.idmapScratch();
  uint64_t statesCnt = 0;
  // Newest first, as the kernel walks its list.
  for (size_t i = list.size(); i-- > 0;) {
    ExploredState &sl = list[i];
    statesCnt++;
    VerifierState &old = *sl.state;
    if (old.insnIdx != insnIdx)
      continue;
    bool hit = false, loop = false;
    if (old.branches) {
      const isa::Insn &at = env.insns[insnIdx];
      bool mayGoto = at.code == (isa::BPF_JMP | isa::BPF_JCOND) && at.src == isa::BPF_MAY_GOTO;
      const FuncState &oldFrame = old.cur();
      if (oldFrame.inAsyncCallbackFn && oldFrame.asyncEntryCnt != cur.cur().asyncEntryCnt) {
        // Another entry into an async callback: the same state is no sign of a loop
        // (skip_inf_loop_check).
      } else if (mayGoto && old.mayGotoDepth != cur.mayGotoDepth &&
                 statesEqual(old, cur, ExactLevel::RangeWithin, idmap, ctx)) {
        hit = loop = true;
      } else if (env.aux[insnIdx].callsCallback) {
        // A callback-calling instruction: a match is a hit, without a backedge.
        if (statesEqual(old, cur, ExactLevel::RangeWithin, idmap, ctx))
          hit = true;
      } else if (statesMaybeLooping(old, cur) &&
                 statesEqual(old, cur, ExactLevel::Exact, idmap, ctx) &&
                 !iterActiveDepthsDiffer(old, cur) && old.mayGotoDepth == cur.mayGotoDepth &&
                 old.callbackUnrollDepth == cur.callbackUnrollDepth) {
        env.insnIdx = insnIdx;
        env.sourceLines.print(env.log, insnIdx, "; ");
        env.fail("infinite loop detected at insn %u", insnIdx);
        logInfiniteLoopStates(env, old);
        return -1;
      }
      if (!hit && !forceNewState && env.jmpsProcessed - env.prevJmpsProcessed < 20 &&
          env.insnProcessed - env.prevInsnProcessed < 100)
        addNewState = false;
    } else {
      loop = incompleteReadMarks(env, old);
      hit =
          statesEqual(old, cur, loop ? ExactLevel::RangeWithin : ExactLevel::NotExact, idmap, ctx);
    }
    if (hit) {
      sl.hitCnt++;
      if (env.aux[env.insnIdx].jmpPoint && !env.pushInsnHistory(cur, 0, 0))
        return -1;
      if (!propagatePrecision(env, old))
        return -1;
      if (loop && env.scc) {
        pruning::Backedge backedge{cur, &old};
        backedge.state.insnIdx = insnIdx;
        if (auto err = env.scc->addBackedge(env.penv, old, std::move(backedge))) {
          env.fail("%s", err->c_str());
          return -1;
        }
        updatePeakStates(env);
      }
      return 1;
    }
    // miss:
    if (addNewState)
      sl.missCnt++;
    uint32_t n = env.aux[insnIdx].forceCheckpoint && old.branches > 0 ? 64 : 3;
    if (sl.missCnt > sl.hitCnt * n + n) {
      // Evicted: onto the free list until no path below it is open (maybe_free_verifier_state).
      std::shared_ptr<VerifierState> keep = sl.state;
      list.erase(list.begin() + ptrdiff_t(i));
      env.exploredStatesSize--;
      keep->inFreeList = true;
      env.freeListSize++;
      maybeFree(env, *keep);
      continue;
    }
  }
  if (env.maxStatesPerInsn < statesCnt)
    env.maxStatesPerInsn = statesCnt;
  if (!addNewState)
    return 0;

  env.totalStates++;
  env.exploredStatesSize++;
  updatePeakStates(env);
  env.prevJmpsProcessed = env.jmpsProcessed;
  env.prevInsnProcessed = env.insnProcessed;
  pruning::markAllScalarsImprecise(cur);
  auto state = std::make_shared<VerifierState>(cur);
  state->insnIdx = insnIdx;
  if (env.scc)
    env.scc->maybeEnter(env.penv, *state);
  cur.parent = state;
  cur.firstInsnIdx = insnIdx;
  cur.dfsDepth = state->dfsDepth + 1;
  cur.jmpHistory.clear();
  list.push_back(ExploredState{state, 0, 0});
  return 0;
}

bool updateBranchCounts(Env &env, VerifierState *st) {
  while (st) {
    uint32_t br = --st->branches;
    if (br == 0 && env.scc) {
      if (auto err = env.scc->maybeExit(env.penv, *st))
        return env.fail("%s", err->c_str());
    }
    if (br == 0)
      maybeFree(env, *st);
    if (br)
      break;
    st = st->parent.get();
  }
  return true;
}

void resetStackWriteMarks(Env &env) {
  if (env.liveness)
    env.liveness->resetStackWriteMarks(*env.cur, env.insnIdx);
}

void commitStackWriteMarks(Env &env) {
  if (env.liveness)
    env.liveness->commitStackWriteMarks();
}

void updateLiveStack(Env &env) {
  if (env.liveness)
    env.liveness->updateLiveStack(*env.cur);
}

void resetLiveStackCallchain(Env &env) {
  if (env.liveness)
    env.liveness->resetLiveStackCallchain();
}

bool markChainPrecision(Env &env, int regno) {
  if (regno < 0)
    return true;
  if (auto err = pruning::markChainPrecision(env.penv, *env.cur, regno))
    return env.fail("%s", err->c_str());
  return true;
}

bool propagatePrecision(Env &env, const VerifierState &old) {
  if (auto err = pruning::propagatePrecision(env.penv, old, *env.cur))
    return env.fail("%s", err->c_str());
  return true;
}

void markStackSlotPrecise(Env &env, uint32_t frameno, int spi) {
  pruning::BacktrackState bt;
  bt.frame = env.cur->curframe;
  bt.setFrameSlot(frameno, uint32_t(spi));
  if (auto err = pruning::markChainPrecision(env.penv, *env.cur, -1, bt))
    env.fail("%s", err->c_str());
}

void stackReadHook(Env &env, uint32_t frameno, int spi) {
  if (env.liveness && spi >= 0 && spi < 64)
    env.liveness->markStackRead(*env.cur, frameno, env.insnIdx, 1ull << spi);
}

void stackWriteHook(Env &env, uint32_t frameno, int spi, bool full) {
  if (env.liveness && full && spi >= 0 && spi < 64)
    env.liveness->markStackWrite(frameno, 1ull << spi);
}

} // namespace bpfverify::verifier
