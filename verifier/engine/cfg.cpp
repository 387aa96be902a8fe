#include "verifier/engine/cfg.h"

#include "btf/btf.h"
#include "lib/isa/validate.h"
#include "verifier/check/call.h"
#include "verifier/engine/verify_options.h"
#include "verifier/target/func_ids.h"
#include "verifier/target/pkt_changers.h"

#include <algorithm>

namespace bpfverify::verifier {

using namespace isa;

namespace {

enum : uint8_t { DISCOVERED = 0x10, EXPLORED = 0x20, FALLTHROUGH = 1, BRANCH = 2 };
enum { DONE_EXPLORING = 0, KEEP_EXPLORING = 1, CFG_ERROR = -1 };

// Helper calls whose callbacks the verifier re-enters (is_sync_callback_calling_function).
bool isSyncCallbackCallingHelper(int32_t id) {
  return id == 164 /* for_each_map_elem */ || id == 180 /* find_vma */ || id == 181 /* loop */ ||
         id == 209 /* user_ringbuf_drain */;
}

// Helper calls that set an asynchronous callback (is_async_callback_calling_function; the
// kfunc bpf_wq_set_callback_impl is the other is_async_callback_calling_insn()).
bool isAsyncCallbackCallingHelper(int32_t id) {
  return id == 170 /* timer_set_callback */;
}

struct CfgWalk {
  Env &env;
  std::vector<uint8_t> state;
  std::vector<uint32_t> stack;

  int pushInsn(uint32_t t, int64_t w, uint8_t e) {
    if (e == FALLTHROUGH && state[t] >= (DISCOVERED | FALLTHROUGH))
      return DONE_EXPLORING;
    if (e == BRANCH && state[t] >= (DISCOVERED | BRANCH))
      return DONE_EXPLORING;
    if (w < 0 || w >= int64_t(env.insns.size())) {
      env.insnIdx = t;
      env.fail("jump out of range from insn %u to %lld", t, (long long)w);
      return CFG_ERROR;
    }
    uint32_t uw = uint32_t(w);
    if (e == BRANCH) {
      env.aux[uw].prunePoint = true;
      env.aux[uw].jmpPoint = true;
      env.aux[uw].jumpTarget = true;
    }
    if (state[uw] == 0) {
      state[t] = DISCOVERED | e;
      state[uw] = DISCOVERED;
      stack.push_back(uw);
      return KEEP_EXPLORING;
    }
    if ((state[uw] & 0xF0) == DISCOVERED) // back-edge: allowed for bpf_capable
      return DONE_EXPLORING;
    if (state[uw] == EXPLORED)
      state[t] = DISCOVERED | e;
    return DONE_EXPLORING;
  }

  /// merge_callee_effects(): the DFS explores a callee before it returns to the call, so the
  /// callee's marks are final when merged (there is no recursion).
  void mergeCalleeEffects(uint32_t t, int64_t w) {
    if (w < 0 || w >= int64_t(env.insns.size()))
      return;
    SubprogInfo &caller = env.subprogs[size_t(env.subprogOf(t))];
    const SubprogInfo &callee = env.subprogs[size_t(env.subprogOf(uint32_t(w)))];
    caller.changesPktData |= callee.changesPktData;
    caller.mightSleep |= callee.mightSleep;
  }

  int visitFuncCall(uint32_t t, bool visitCallee) {
    uint32_t sz = isLdImm64(env.insns[t]) ? 2 : 1;
    int ret = pushInsn(t, int64_t(t) + sz, FALLTHROUGH);
    if (ret)
      return ret;
    env.aux[t + sz].prunePoint = true;
    env.aux[t + sz].jmpPoint = true;
    if (visitCallee) {
      int64_t w = int64_t(t) + env.insns[t].imm + 1;
      env.aux[t].prunePoint = true;
      mergeCalleeEffects(t, w);
      ret = pushInsn(t, w, BRANCH);
    }
    return ret;
  }

  int visitInsn(uint32_t t) {
    const Insn &insn = env.insns[t];
    if (isLdImm64(insn) && insn.src == BPF_PSEUDO_FUNC)
      return visitFuncCall(t, true);
    if (insn.cls() != BPF_JMP && insn.cls() != BPF_JMP32) {
      uint32_t sz = isLdImm64(insn) ? 2 : 1;
      return pushInsn(t, int64_t(t) + sz, FALLTHROUGH);
    }
    switch (opCode(insn.code)) {
    case BPF_EXIT:
      return DONE_EXPLORING;
    case BPF_CALL:
      // visit_insn(): the call itself is a prune point, so that is_state_visited() runs
      // before __check_func_call() pushes the async callback's state.
      if (insn.src == 0 && isAsyncCallbackCallingHelper(insn.imm))
        env.aux[t].prunePoint = true;
      if (insn.src == 0 && isSyncCallbackCallingHelper(insn.imm)) {
        env.aux[t].callsCallback = true;
        env.aux[t].forceCheckpoint = true;
        env.aux[t].prunePoint = true;
        env.aux[t].jmpPoint = true;
      }
      if (insn.src == 0) {
        // Effects a global function's callers must know (mark_subprog_might_sleep,
        // mark_subprog_changes_pkt_data).
        SubprogInfo &sub = env.subprogs[size_t(env.subprogOf(t))];
        const target::HelperProto *fn =
            insn.imm >= 0 ? target::helperProtoFor(uint32_t(insn.imm), programFacts(env.prog),
                                                   env.opts.kernelConfig)
                          : nullptr;
        if (fn && fn->mightSleep)
          sub.mightSleep = true;
        // A tail call may run a program that changes the packet.
        if (insn.imm == target::BPF_FUNC_tail_call ||
            (insn.imm >= 0 && target::helperChangesPktData(uint32_t(insn.imm))))
          sub.changesPktData = true;
      }
      return visitFuncCall(t, insn.src == BPF_PSEUDO_CALL);
    case BPF_JA: {
      int64_t off = insn.cls() == BPF_JMP ? insn.off : insn.imm;
      int64_t w = int64_t(t) + off + 1;
      int ret = pushInsn(t, w, FALLTHROUGH);
      if (ret)
        return ret;
      env.aux[uint32_t(w)].prunePoint = true;
      env.aux[uint32_t(w)].jmpPoint = true;
      env.aux[uint32_t(w)].jumpTarget = true;
      return ret;
    }
    default: {
      env.aux[t].prunePoint = true;
      if (opCode(insn.code) == BPF_JCOND)
        env.aux[t].forceCheckpoint = true;
      int ret = pushInsn(t, int64_t(t) + 1, FALLTHROUGH);
      if (ret)
        return ret;
      return pushInsn(t, int64_t(t) + insn.off + 1, BRANCH);
    }
    }
  }
};

} // namespace

bool setupSubprogs(Env &env) {
  SubprogLayout layout;
  if (auto err = validateProgram(env.insns, &layout)) {
    env.insnIdx = uint32_t(err->index);
    return env.fail("%s", err->message.c_str());
  }
  env.subprogs.clear();
  for (uint32_t start : layout.starts) {
    if (start >= env.insns.size()) // the end marker of subprog_info[subprog_cnt]
      continue;
    SubprogInfo info;
    info.start = start;
    env.subprogs.push_back(info);
  }
  // Linkage from func_info: global functions are verified on their own.
  const btf::Btf *btf = env.obj.btf.get();
  for (const object::FuncInfo &fi : env.prog.funcInfo) {
    int idx = env.findSubprog(fi.insnOffset);
    if (idx < 0)
      continue;
    env.subprogs[size_t(idx)].funcTypeId = fi.typeId;
    if (idx == 0 || !btf)
      continue;
    const btf::Type *t = btf->tryType(fi.typeId);
    bool hiddenStatic = std::find(env.obj.staticFuncIds.begin(), env.obj.staticFuncIds.end(),
                                  fi.typeId) != env.obj.staticFuncIds.end();
    if (t && t->linkage == 1 && !hiddenStatic)
      env.subprogs[size_t(idx)].isGlobal = true;
  }
  size_t s = 0;
  for (uint32_t i = 0; i < env.insns.size(); i++) {
    while (s + 1 < env.subprogs.size() && env.subprogs[s + 1].start <= i)
      s++;
    env.aux[i].subprog = int32_t(s);
    // check_subprogs(): which subprograms tail-call or use LD_ABS/LD_IND.
    const Insn &in = env.insns[i];
    if (in.code == (BPF_JMP | BPF_CALL) && in.src == 0 && in.imm == 12 /* tail_call */)
      env.subprogs[s].hasTailCall = true;
    if (in.cls() == BPF_LD && (opMode(in.code) == BPF_ABS || opMode(in.code) == BPF_IND))
      env.subprogs[s].hasLdAbs = true;
  }
  // check_btf_func(): a subprogram that may end the program (LD_ABS, tail call) must return a
  // scalar its caller can take as the program's result.
  if (btf) {
    for (size_t i = 1; i < env.subprogs.size(); i++) {
      const SubprogInfo &sub = env.subprogs[i];
      if (!sub.funcTypeId || (!sub.hasLdAbs && !sub.hasTailCall))
        continue;
      const btf::Type *fn = btf->tryType(sub.funcTypeId);
      const btf::Type *proto = fn ? btf->tryType(fn->type) : nullptr;
      const btf::Type *ret =
          proto ? btf->tryType(btf->skipModifiersAndTypedefs(proto->type)) : nullptr;
      bool scalarReturn = ret && ((ret->kind == btf::Kind::Int && ret->size <= 8) || ret->isEnum());
      if (scalarReturn)
        continue;
      env.insnIdx = 0;
      if (sub.hasLdAbs)
        return env.fail("LD_ABS is only allowed in functions that return 'int'.");
      return env.fail("tail_call is only allowed in functions that return 'int'.");
    }
  }
  // check_abnormal_return(): without BTF func/line info, subprograms may not end the program.
  if (env.prog.funcInfo.empty() && env.prog.lineInfo.empty()) {
    for (size_t i = 1; i < env.subprogs.size(); i++) {
      if (env.subprogs[i].hasLdAbs)
        return env.fail("LD_ABS is not allowed in subprogs without BTF");
      if (env.subprogs[i].hasTailCall)
        return env.fail("tail_call is not allowed in subprogs without BTF");
    }
  }
  return true;
}

bool checkCfg(Env &env) {
  CfgWalk walk{env, std::vector<uint8_t>(env.insns.size(), 0), {}};
  walk.state[0] = DISCOVERED;
  walk.stack.push_back(0);
  while (!walk.stack.empty()) {
    uint32_t t = walk.stack.back();
    int ret = walk.visitInsn(t);
    if (ret == DONE_EXPLORING) {
      walk.state[t] = EXPLORED;
      walk.stack.pop_back();
    } else if (ret != KEEP_EXPLORING) {
      return false;
    }
  }
  for (uint32_t i = 0; i < env.insns.size(); i++) {
    if (walk.state[i] != EXPLORED) {
      env.insnIdx = i;
      return env.fail("unreachable insn %u", i);
    }
    if (isLdImm64(env.insns[i])) {
      if (i + 1 < env.insns.size() && walk.state[i + 1] != 0) {
        env.insnIdx = i;
        return env.fail("jump into the middle of ldimm64 insn %u", i);
      }
      i++;
    }
  }
  return true;
}

} // namespace bpfverify::verifier
