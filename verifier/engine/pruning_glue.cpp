#include "verifier/engine/pruning_glue.h"

#include "verifier/engine/engine_log.h"
#include "verifier/engine/precision_hooks.h"
#include "verifier/state/equivalence.h"

namespace bpfverify::verifier {

namespace {

void forEachScalar(VerifierState &st, bool precise) {
  for (auto &frame : st.frames) {
    for (auto &reg : frame.regs)
      if (reg.isScalar())
        reg.precise = precise;
    for (auto &slot : frame.stack)
      if (slot.isSpilledReg() && slot.spilledPtr.isScalar())
        slot.spilledPtr.precise = precise;
  }
}

EquivalenceContext equivalenceContext(const Env &env) {
  EquivalenceContext ctx;
  ctx.liveRegsBefore = env.liveRegsBefore;
  ctx.idGen = env.idGen;
  return ctx;
}

} // namespace

int isStateVisited(Env &env, uint32_t insnIdx) {
  VerifierState &cur = *env.cur;
  bool forceNewState = env.aux[insnIdx].forceCheckpoint || cur.jmpHistory.size() > 40;
  bool addNewState = forceNewState;
  if (env.jmpsProcessed - env.prevJmpsProcessed >= 2 &&
      env.insnProcessed - env.prevInsnProcessed >= 8)
    addNewState = true;

  auto &list = env.explored[insnIdx];
  EquivalenceContext ctx = equivalenceContext(env);
  IdMap &idmap = env.idmapScratch();
  uint64_t statesCnt = 0;
  for (size_t i = 0; i < list.size();) {
    ExploredState &sl = list[i];
    statesCnt++;
    VerifierState &old = *sl.state;
    bool hit = false;
    if (old.branches) {
      if (env.aux[insnIdx].callsCallback) {
        if (statesEqual(old, cur, ExactLevel::RangeWithin, idmap, ctx))
          hit = true;
      } else if (statesMaybeLooping(old, cur) &&
                 statesEqual(old, cur, ExactLevel::Exact, idmap, ctx) &&
                 !iterActiveDepthsDiffer(old, cur) && old.mayGotoDepth == cur.mayGotoDepth &&
                 old.callbackUnrollDepth == cur.callbackUnrollDepth) {
        env.insnIdx = insnIdx;
        env.fail("infinite loop detected at insn %u", insnIdx);
        logInfiniteLoopStates(env, old);
        return -1;
      }
      if (!hit) {
        if (!forceNewState && env.jmpsProcessed - env.prevJmpsProcessed < 20 &&
            env.insnProcessed - env.prevInsnProcessed < 100)
          addNewState = false;
      }
    } else if (statesEqual(old, cur, ExactLevel::NotExact, idmap, ctx)) {
      hit = true;
    }
    if (hit) {
      sl.hitCnt++;
      if (env.aux[env.insnIdx].jmpPoint && !env.pushInsnHistory(cur, 0, 0))
        return -1;
      if (!propagatePrecision(env, old))
        return -1;
      return 1;
    }
    // miss:
    if (addNewState)
      sl.missCnt++;
    uint32_t n = env.aux[insnIdx].forceCheckpoint && old.branches > 0 ? 64 : 3;
    if (sl.missCnt > sl.hitCnt * n + n) {
      if (old.branches == 0)
        env.peakStates--;
      list.erase(list.begin() + ptrdiff_t(i));
      continue;
    }
    i++;
  }
  if (env.maxStatesPerInsn < statesCnt)
    env.maxStatesPerInsn = statesCnt;
  if (!addNewState)
    return 0;

  env.totalStates++;
  env.peakStates++;
  env.prevJmpsProcessed = env.jmpsProcessed;
  env.prevInsnProcessed = env.insnProcessed;
  forEachScalar(cur, false); // mark_all_scalars_imprecise (privileged)
  auto state = std::make_shared<VerifierState>(cur);
  state->insnIdx = insnIdx;
  if (!env.precisionTracking)
    forEachScalar(*state, true); // without backtracking every scalar must compare exactly
  cur.parent = state;
  cur.firstInsnIdx = insnIdx;
  cur.jmpHistory.clear();
  cur.dfsDepth = state->dfsDepth + 1;
  list.push_front(ExploredState{state, 0, 0});
  return 0;
}

void resetStackWriteMarks(Env &) {}
void commitStackWriteMarks(Env &) {}

bool markChainPrecision(Env &env, int regno) {
  if (regno < 0)
    return true;
  if (!env.precisionTracking)
    return true;
  return true;
}

bool propagatePrecision(Env &env, const VerifierState &old) {
  (void)env;
  (void)old;
  return true;
}

void markStackSlotPrecise(Env &, uint32_t, int) {}

void stackReadHook(Env &, uint32_t, int) {}
void stackWriteHook(Env &, uint32_t, int, bool) {}
void stackVarWriteHook(Env &, uint32_t, int, int) {}

} // namespace bpfverify::verifier
