#include "verifier/engine/pruning/precision.h"

#include "verifier/engine/pruning/stack_liveness.h"

#include <cerrno>

namespace bpfverify::verifier::pruning {

namespace {

constexpr int ENOENT_ = -ENOENT;
constexpr int MAX_BACKEDGE_ITERS = 64;

// linked_regs_pack() layout.
constexpr unsigned LR_FRAMENO_BITS = 3, LR_SPI_BITS = 6, LR_SIZE_BITS = 4;
constexpr unsigned LR_ENTRY_BITS = LR_SPI_BITS + LR_FRAMENO_BITS + 1;
constexpr uint64_t LR_FRAMENO_MASK = (1ull << LR_FRAMENO_BITS) - 1;
constexpr uint64_t LR_SPI_MASK = (1ull << LR_SPI_BITS) - 1;
constexpr uint64_t LR_SIZE_MASK = (1ull << LR_SIZE_BITS) - 1;
constexpr unsigned LR_SPI_OFF = LR_FRAMENO_BITS;
constexpr unsigned LR_IS_REG_OFF = LR_SPI_BITS + LR_FRAMENO_BITS;

void log2(const PrecisionEnv &env, const std::string &text) {
  if (env.logLevel2 && env.verbose)
    env.verbose(text);
}

/// fmt_reg_mask(): "r0,r2,r4".
std::string formatRegMask(uint32_t mask) {
  std::string out;
  for (int i = 0; i < 32; i++) {
    if (!(mask & (1u << i)))
      continue;
    if (!out.empty())
      out += ',';
    out += "r" + std::to_string(i);
  }
  return out;
}

/// verifier_bug(): the text the kernel logs before failing with -EFAULT. Linux 6.18's macro
/// appends the stringified condition, "(1)" for verifier_bug().
std::string verifierBug(const std::string &what) {
  return "verifier bug: " + what + "(1)";
}

BacktrackResult bug(std::string *error, const std::string &what) {
  if (error)
    *error = verifierBug(what);
  return BacktrackResult::Bug;
}

std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(v));
  return buf;
}

bool isAtomicLoadInsn(const isa::Insn &insn) {
  return insn.cls() == isa::BPF_STX && isa::opMode(insn.code) == isa::BPF_ATOMIC &&
         insn.imm == isa::BPF_LOAD_ACQ;
}

/// is_sync_callback_calling_insn()
bool isSyncCallbackCallingInsn(const PrecisionEnv &env, const isa::Insn &insn) {
  if (isa::isHelperCall(insn)) {
    // BPF_FUNC_for_each_map_elem, BPF_FUNC_find_vma, BPF_FUNC_loop, BPF_FUNC_user_ringbuf_drain
    return insn.imm == 164 || insn.imm == 180 || insn.imm == 181 || insn.imm == 209;
  }
  if (isa::isKfuncCall(insn))
    return env.isSyncCallbackCallingKfunc && env.isSyncCallbackCallingKfunc(insn);
  return false;
}

bool callsCallback(const PrecisionEnv &env, int idx) {
  return idx >= 0 && env.callsCallback && env.callsCallback(uint32_t(idx));
}

/// bt_sync_linked_regs(): if any register of the jump's linked set is wanted, all are.
void btSyncLinkedRegs(BacktrackState &bt, const JmpHistoryEntry *hist) {
  if (!hist || hist->linkedRegs == 0)
    return;
  const LinkedRegs linked = linkedRegsUnpack(hist->linkedRegs);
  bool somePrecise = false;
  for (int i = 0; i < linked.cnt; i++) {
    const LinkedReg &e = linked.entries[i];
    if ((e.isReg && bt.isFrameRegSet(e.frameno, e.spiOrRegno)) ||
        (!e.isReg && bt.isFrameSlotSet(e.frameno, e.spiOrRegno))) {
      somePrecise = true;
      break;
    }
  }
  if (!somePrecise)
    return;
  for (int i = 0; i < linked.cnt; i++) {
    const LinkedReg &e = linked.entries[i];
    if (e.isReg)
      bt.setFrameReg(e.frameno, e.spiOrRegno);
    else
      bt.setFrameSlot(e.frameno, e.spiOrRegno);
  }
}

} // namespace

uint64_t linkedRegsPack(const LinkedRegs &regs) {
  uint64_t val = 0;
  for (int i = 0; i < regs.cnt && i < LINKED_REGS_MAX; i++) {
    const LinkedReg &e = regs.entries[i];
    uint64_t tmp = 0;
    tmp |= e.frameno & LR_FRAMENO_MASK;
    tmp |= uint64_t(e.spiOrRegno & LR_SPI_MASK) << LR_SPI_OFF;
    tmp |= uint64_t(e.isReg ? 1 : 0) << LR_IS_REG_OFF;
    val <<= LR_ENTRY_BITS;
    val |= tmp;
  }
  val <<= LR_SIZE_BITS;
  val |= uint64_t(regs.cnt);
  return val;
}

LinkedRegs linkedRegsUnpack(uint64_t val) {
  LinkedRegs s;
  s.cnt = int(val & LR_SIZE_MASK);
  if (s.cnt > LINKED_REGS_MAX)
    s.cnt = LINKED_REGS_MAX; // not produced by linkedRegsPack
  val >>= LR_SIZE_BITS;
  for (int i = 0; i < s.cnt; i++) {
    LinkedReg &e = s.entries[i];
    e.frameno = uint8_t(val & LR_FRAMENO_MASK);
    e.spiOrRegno = uint8_t((val >> LR_SPI_OFF) & LR_SPI_MASK);
    e.isReg = (val >> LR_IS_REG_OFF) & 1;
    val >>= LR_ENTRY_BITS;
  }
  return s;
}

void collectLinkedRegs(VerifierState &st, uint32_t id, LinkedRegs &out,
                       const LiveRegsBefore &liveRegs) {
  id &= ~BPF_ADD_CONST;
  auto collect = [&](RegState &reg, uint32_t frameno, uint32_t spiOrReg, bool isReg) {
    if (!reg.isScalar() || (reg.id & ~BPF_ADD_CONST) != id)
      return;
    if (LinkedReg *e = out.push()) {
      e->frameno = uint8_t(frameno);
      e->isReg = isReg;
      e->spiOrRegno = uint8_t(spiOrReg);
    } else {
      // clear_scalar_id()
      reg.id = 0;
      reg.off = 0;
    }
  };
  for (int i = int(st.curframe); i >= 0; i--) {
    if (size_t(i) >= st.frames.size())
      continue;
    FuncState &func = st.frames[i];
    uint32_t at = uint32_t(i) == st.curframe ? st.insnIdx : uint32_t(st.frames[i + 1].callsite);
    uint16_t live = liveRegs ? liveRegs(at) : uint16_t(0xffff);
    for (uint32_t j = 0; j < 10; j++)
      if (live & (1u << j))
        collect(func.regs[j], uint32_t(i), j, true);
    for (uint32_t j = 0; j < func.stack.size(); j++) {
      if (!func.stack[j].isSpilledReg())
        continue;
      collect(func.stack[j].spilledPtr, uint32_t(i), j, false);
    }
  }
}

bool BacktrackState::empty() const {
  uint64_t mask = 0;
  for (uint32_t i = 0; i <= frame && i < MAX_CALL_FRAMES; i++)
    mask |= regMasks[i] | stackMasks[i];
  return mask == 0;
}

const JmpHistoryEntry *jmpHistEntry(const VerifierState &st, uint32_t histEnd, int insnIdx) {
  if (histEnd > 0 && histEnd <= st.jmpHistory.size() &&
      int64_t(st.jmpHistory[histEnd - 1].idx) == insnIdx)
    return &st.jmpHistory[histEnd - 1];
  return nullptr;
}

int prevInsnIdx(const VerifierState &st, int i, uint32_t &history) {
  // A state may loop back to its first instruction (3->4->5->3): only an exhausted history ends
  // the walk there.
  const uint32_t cnt = std::min<uint32_t>(history, uint32_t(st.jmpHistory.size()));
  if (i == int(st.firstInsnIdx)) {
    if (cnt == 0)
      return ENOENT_;
    if (cnt == 1 && int64_t(st.jmpHistory[0].idx) == i)
      return ENOENT_;
  }
  if (cnt && int64_t(st.jmpHistory[cnt - 1].idx) == i) {
    i = int(st.jmpHistory[cnt - 1].prevIdx);
    history = cnt - 1;
  } else {
    i--;
  }
  return i;
}

BacktrackResult backtrackInsn(const PrecisionEnv &env, int idx, int subseqIdx,
                              const JmpHistoryEntry *hist, BacktrackState &bt, std::string *error) {
  if (idx < 0 || size_t(idx) >= env.insns.size())
    return bug(error, "backtracking idx " + std::to_string(idx));
  const isa::Insn &insn = env.insns[idx];
  const uint8_t cls = insn.cls();
  const uint8_t opcode = isa::opCode(insn.code);
  const uint8_t mode = isa::opMode(insn.code);
  const uint32_t dreg = insn.dst;
  const uint32_t sreg = insn.src;

  // The second half of ld_imm64 and other all-zero slots.
  if (insn.code == 0)
    return BacktrackResult::Ok;
  if (env.logLevel2 && env.verbose) {
    std::string line =
        "mark_precise: frame" + std::to_string(bt.frame) + ": regs=" + formatRegMask(bt.regMask()) +
        " stack=" + formatStackMask(bt.stackMask()) + " before " + std::to_string(idx) + ": ";
    line += env.formatInsn ? env.formatInsn(uint32_t(idx)) : std::string();
    line += "\n";
    env.verbose(line);
  }

  // Registers that gained range together at this jump share precision.
  btSyncLinkedRegs(bt, hist);

  if (cls == isa::BPF_ALU || cls == isa::BPF_ALU64) {
    if (!bt.isRegSet(dreg))
      return BacktrackResult::Ok;
    if (opcode == isa::BPF_END || opcode == isa::BPF_NEG) {
      // dreg still needs precision before this insn.
      return BacktrackResult::Ok;
    } else if (opcode == isa::BPF_MOV) {
      if (isa::opSrc(insn.code) == isa::BPF_X) {
        // dreg = sreg: the wish moves to sreg.
        bt.clearReg(dreg);
        if (sreg != isa::BPF_REG_FP)
          bt.setReg(sreg);
      } else {
        // dreg = K: already precise in this state, nothing to track further.
        bt.clearReg(dreg);
      }
    } else if (isa::opSrc(insn.code) == isa::BPF_X) {
      // dreg op= sreg: both needed before this insn.
      if (sreg != isa::BPF_REG_FP)
        bt.setReg(sreg);
    }
  } else if (cls == isa::BPF_LDX || isAtomicLoadInsn(insn)) {
    if (!bt.isRegSet(dreg))
      return BacktrackResult::Ok;
    bt.clearReg(dreg);
    // Only stack fills carry precision further (other memory is zero-extended and already
    // marked precise where it is read).
    if (!hist || !(hist->flags & INSN_F_STACK_ACCESS))
      return BacktrackResult::Ok;
    bt.setFrameSlot(insnStackAccessFrameno(hist->flags), insnStackAccessSpi(hist->flags));
  } else if (cls == isa::BPF_STX || cls == isa::BPF_ST) {
    // A scalar dst_reg used as a memory base: pointer subtraction happened somewhere.
    if (bt.isRegSet(dreg))
      return BacktrackResult::NotSupported;
    if (!hist || !(hist->flags & INSN_F_STACK_ACCESS))
      return BacktrackResult::Ok;
    const uint32_t spi = insnStackAccessSpi(hist->flags);
    const uint32_t fr = insnStackAccessFrameno(hist->flags);
    if (!bt.isFrameSlotSet(fr, spi))
      return BacktrackResult::Ok;
    bt.clearFrameSlot(fr, spi);
    if (cls == isa::BPF_STX)
      bt.setReg(sreg);
  } else if (cls == isa::BPF_JMP || cls == isa::BPF_JMP32) {
    if (isa::isPseudoCall(insn)) {
      const int64_t target = int64_t(idx) + insn.imm + 1;
      const int subprog = env.findSubprog && target >= 0 ? env.findSubprog(uint32_t(target)) : -1;
      if (subprog < 0)
        return bug(error, "no subprog at " + std::to_string(target));
      if (env.subprogIsGlobal && env.subprogIsGlobal(uint32_t(subprog))) {
        // A global subprogram was verified on its own; the history holds nothing of it.
        // verifier_bug_if() only logs here; backtracking goes on.
        if (idx + 1 != subseqIdx && env.verbose)
          env.verbose("verifier bug: extra insn from subprog(idx + 1 != subseq_idx)\n");
        // r1-r5 are clobbered by the call: nobody may still want them.
        if (bt.regMask() & BPF_REGMASK_ARGS)
          return bug(error, "global subprog unexpected regs " + hex(bt.regMask()));
        // The call sets r0.
        bt.clearReg(isa::BPF_REG_0);
        return BacktrackResult::Ok;
      }
      // Static subprogram: we are leaving the callee backwards; only its arguments can still
      // be wanted, and they belong to the caller.
      if (bt.regMask() & ~BPF_REGMASK_ARGS)
        return bug(error, "static subprog unexpected regs " + hex(bt.regMask()));
      if (bt.stackMask() != 0)
        return bug(error, "static subprog leftover stack slots " + hex(bt.stackMask()));
      for (uint32_t i = 1; i <= 5; i++) {
        if (bt.isRegSet(i)) {
          bt.clearReg(i);
          bt.setFrameReg(bt.frame - 1, i);
        }
      }
      if (bt.frame == 0)
        return bug(error, "subprog exit from frame 0");
      bt.frame--;
      return BacktrackResult::Ok;
    } else if (isSyncCallbackCallingInsn(env, insn) && idx != subseqIdx - 1) {
      // Back from a callback body to the helper/kfunc that called it (not straight-line code):
      // r1-r5 were set by the helper, not passed on from the caller.
      if (bt.regMask() & ~BPF_REGMASK_ARGS)
        return bug(error, "callback unexpected regs " + hex(bt.regMask()));
      if (bt.stackMask() != 0)
        return bug(error, "callback leftover stack slots " + hex(bt.stackMask()));
      for (uint32_t i = 1; i <= 5; i++)
        bt.clearReg(i);
      if (bt.frame == 0)
        return bug(error, "subprog exit from frame 0");
      bt.frame--;
      return BacktrackResult::Ok;
    } else if (opcode == isa::BPF_CALL) {
      // A kfunc call with imm 0 is invalid (fixup_kfunc_call rejects it later).
      if (insn.src == isa::BPF_PSEUDO_KFUNC_CALL && insn.imm == 0)
        return BacktrackResult::NotSupported;
      // Helper (or kfunc) call sets r0; arguments must have been resolved already.
      bt.clearReg(isa::BPF_REG_0);
      if (bt.regMask() & BPF_REGMASK_ARGS)
        return bug(error, "backtracking call unexpected regs " + hex(bt.regMask()));
    } else if (opcode == isa::BPF_EXIT) {
      // Backwards into the callee whose exit this is (idx in the callee, subseqIdx in the
      // caller). A callback's r1-r5 were set by its calling helper.
      if (subseqIdx >= 0 && callsCallback(env, subseqIdx))
        for (uint32_t i = 1; i <= 5; i++)
          bt.clearReg(i);
      if (bt.regMask() & BPF_REGMASK_ARGS)
        return bug(error, "backtracking exit unexpected regs " + hex(bt.regMask()));
      // A subprogram returns right after its call instruction: r0 matters only then (a
      // callback's r0 is checked by its calling helper).
      const bool r0Precise = subseqIdx - 1 >= 0 && size_t(subseqIdx - 1) < env.insns.size() &&
                             isa::isPseudoCall(env.insns[subseqIdx - 1]) &&
                             bt.isRegSet(isa::BPF_REG_0);
      bt.clearReg(isa::BPF_REG_0);
      if (bt.frame == MAX_CALL_FRAMES - 1)
        return bug(error, "subprog enter from frame " + std::to_string(bt.frame));
      bt.frame++;
      if (r0Precise)
        bt.setReg(isa::BPF_REG_0);
      // r6-r9 and stack slots stay in the caller's masks until we leave the callee.
      return BacktrackResult::Ok;
    } else if (isa::opSrc(insn.code) == isa::BPF_X) {
      if (!bt.isRegSet(dreg) && !bt.isRegSet(sreg))
        return BacktrackResult::Ok;
      // dreg <cond> sreg: both needed; stack pointers are not scalars to track.
      if (!hist || !(hist->flags & INSN_F_SRC_REG_STACK))
        bt.setReg(sreg);
      if (!hist || !(hist->flags & INSN_F_DST_REG_STACK))
        bt.setReg(dreg);
    }
    // dreg <cond> K: nothing new.
  } else if (cls == isa::BPF_LD) {
    if (!bt.isRegSet(dreg))
      return BacktrackResult::Ok;
    bt.clearReg(dreg);
    // ld_imm64 is a constant; LD_ABS/LD_IND are not analysed.
    if (mode == isa::BPF_IND || mode == isa::BPF_ABS)
      return BacktrackResult::NotSupported;
  }
  // Registers made precise by this instruction pass it on to their linked registers.
  btSyncLinkedRegs(bt, hist);
  return BacktrackResult::Ok;
}

void markAllScalarsPrecise(const PrecisionEnv &env, VerifierState &st) {
  log2(env, "mark_precise: frame" + std::to_string(st.curframe) +
                ": falling back to forcing all scalars precise\n");
  // The current state's marks do not matter (see markChainPrecision); start at the parent.
  for (VerifierState *s = st.parent.get(); s; s = s->parent.get()) {
    for (uint32_t i = 0; i <= s->curframe && i < s->frames.size(); i++) {
      FuncState &func = s->frames[i];
      for (uint32_t j = 0; j < 10; j++) {
        RegState &reg = func.regs[j];
        if (!reg.isScalar() || reg.precise)
          continue;
        reg.precise = true;
        log2(env, "force_precise: frame" + std::to_string(i) + ": forcing r" + std::to_string(j) +
                      " to be precise\n");
      }
      for (uint32_t j = 0; j < func.stack.size(); j++) {
        if (!func.stack[j].isSpilledReg())
          continue;
        RegState &reg = func.stack[j].spilledPtr;
        if (!reg.isScalar() || reg.precise)
          continue;
        reg.precise = true;
        log2(env, "force_precise: frame" + std::to_string(i) + ": forcing fp" +
                      std::to_string(-int(j + 1) * 8) + " to be precise\n");
      }
    }
  }
}

void markAllScalarsImprecise(VerifierState &st) {
  for (uint32_t i = 0; i <= st.curframe && i < st.frames.size(); i++) {
    FuncState &func = st.frames[i];
    for (uint32_t j = 0; j < 10; j++)
      if (func.regs[j].isScalar())
        func.regs[j].precise = false;
    for (StackSlot &slot : func.stack)
      if (slot.isSpilledReg() && slot.spilledPtr.isScalar())
        slot.spilledPtr.precise = false;
  }
}

PrecisionError markChainPrecision(const PrecisionEnv &env, VerifierState &startingState, int regno,
                                  BacktrackState &bt, bool *changed) {
  bool tmp = false;
  if (!changed)
    changed = &tmp;
  if (!env.bpfCapable)
    return std::nullopt;
  if (startingState.curframe >= startingState.frames.size() ||
      startingState.curframe >= MAX_CALL_FRAMES)
    return verifierBug("backtracking misuse");

  VerifierState *st = &startingState;
  int firstIdx = int(st->firstInsnIdx);
  int lastIdx = int(startingState.insnIdx);
  int subseqIdx = -1;
  bool skipFirst = true;
  bt.frame = startingState.curframe; // bt_init()

  // Precision of the current state itself is never set: only the checkpointed parents' marks
  // are ever compared (see the kernel's comment on __mark_chain_precision).
  if (regno >= 0) {
    if (regno > 10 || !st->frames[bt.frame].regs[regno].isScalar())
      return verifierBug("backtracking misuse");
    bt.setReg(uint32_t(regno));
  }
  if (bt.empty())
    return std::nullopt;

  for (;;) {
    uint32_t history = uint32_t(st->jmpHistory.size());
    log2(env, "mark_precise: frame" + std::to_string(bt.frame) + ": last_idx " +
                  std::to_string(lastIdx) + " first_idx " + std::to_string(firstIdx) +
                  " subseq_idx " + std::to_string(subseqIdx) + " \n");

    if (lastIdx < 0) {
      // Entry of a global subprogram verified on its own: only its arguments r1-r5 can be
      // wanted, and they are marked here.
      if (st->curframe == 0 && !st->frames.empty() && st->frames[0].subprogno > 0 &&
          st->frames[0].callsite == -1 && bt.stackMask() == 0 &&
          (bt.regMask() & ~BPF_REGMASK_ARGS) == 0) {
        for (uint32_t i = 0; i < 32; i++) {
          if (!(bt.regMask() & (1u << i)))
            continue;
          bt.clearReg(i);
          if (i < 11 && st->frames[0].regs[i].isScalar()) {
            st->frames[0].regs[i].precise = true;
            *changed = true;
          }
        }
        return std::nullopt;
      }
      return verifierBug("backtracking func entry subprog " +
                         std::to_string(st->frames.empty() ? 0 : st->frames[0].subprogno) +
                         " reg_mask " + hex(bt.regMask()) + " stack_mask " + hex(bt.stackMask()));
    }

    for (int i = lastIdx;;) {
      BacktrackResult res = BacktrackResult::Ok;
      std::string error;
      if (skipFirst) {
        skipFirst = false;
      } else {
        const JmpHistoryEntry *hist = jmpHistEntry(*st, history, i);
        res = backtrackInsn(env, i, subseqIdx, hist, bt, &error);
      }
      if (res == BacktrackResult::NotSupported) {
        markAllScalarsPrecise(env, startingState);
        bt.reset();
        return std::nullopt;
      }
      if (res == BacktrackResult::Bug)
        return error;
      // Every wanted register was assigned within this state: its parents need nothing.
      if (bt.empty())
        return std::nullopt;
      subseqIdx = i;
      i = prevInsnIdx(*st, i, history);
      if (i == ENOENT_)
        break;
      if (i < 0 || size_t(i) >= env.insns.size())
        // Reached the first instruction with wishes left: an initialization was missed.
        return verifierBug("backtracking idx " + std::to_string(i));
    }

    st = st->parent.get();
    if (!st)
      break;

    for (int fr = int(bt.frame); fr >= 0; fr--) {
      if (size_t(fr) >= st->frames.size())
        return verifierBug("backtracking frame " + std::to_string(fr));
      FuncState &func = st->frames[fr];
      for (uint32_t i = 0; i < 32; i++) {
        if (!(bt.regMasks[fr] & (1u << i)))
          continue;
        if (i >= 11) {
          bt.clearFrameReg(uint32_t(fr), i);
          continue;
        }
        RegState &reg = func.regs[i];
        if (!reg.isScalar()) {
          bt.clearFrameReg(uint32_t(fr), i);
          continue;
        }
        if (reg.precise) {
          bt.clearFrameReg(uint32_t(fr), i);
        } else {
          reg.precise = true;
          *changed = true;
        }
      }
      for (uint32_t i = 0; i < 64; i++) {
        if (!(bt.stackMasks[fr] & (1ull << i)))
          continue;
        if (i >= func.stack.size())
          return "verifier bug: stack slot " + std::to_string(i) + ", total slots " +
                 std::to_string(func.stack.size()) + "(i >= func->allocated_stack / BPF_REG_SIZE)";
        if (!func.stack[i].isSpilledScalarReg()) {
          bt.clearFrameSlot(uint32_t(fr), i);
          continue;
        }
        RegState &reg = func.stack[i].spilledPtr;
        if (reg.precise) {
          bt.clearFrameSlot(uint32_t(fr), i);
        } else {
          reg.precise = true;
          *changed = true;
        }
      }
      if (env.logLevel2 && env.verbose) {
        env.verbose("mark_precise: frame" + std::to_string(fr) +
                    ": parent state regs=" + formatRegMask(bt.regMasks[fr]) +
                    " stack=" + formatStackMask(bt.stackMasks[fr]) + ": ");
        if (env.printState)
          env.printState(*st, uint32_t(fr));
      }
    }

    if (bt.empty())
      return std::nullopt;

    subseqIdx = firstIdx;
    lastIdx = int(st->lastInsnIdx);
    firstIdx = int(st->firstInsnIdx);
  }

  // Wishes left at the root (e.g. stack access through a register other than r10): fall back.
  if (!bt.empty()) {
    markAllScalarsPrecise(env, startingState);
    bt.reset();
  }
  return std::nullopt;
}

PrecisionError markChainPrecision(const PrecisionEnv &env, VerifierState &cur, int regno) {
  BacktrackState bt;
  return markChainPrecision(env, cur, regno, bt, nullptr);
}

PrecisionError propagatePrecision(const PrecisionEnv &env, const VerifierState &old,
                                  VerifierState &cur, bool *changed) {
  BacktrackState bt;
  for (int fr = int(old.curframe); fr >= 0; fr--) {
    if (size_t(fr) >= old.frames.size() || fr >= MAX_CALL_FRAMES)
      continue;
    const FuncState &state = old.frames[fr];
    bool first = true;
    for (uint32_t i = 0; i < 10; i++) {
      const RegState &reg = state.regs[i];
      if (!reg.isScalar() || !reg.precise)
        continue;
      if (first)
        log2(env, "frame " + std::to_string(fr) + ": propagating r" + std::to_string(i));
      else
        log2(env, ",r" + std::to_string(i));
      bt.setFrameReg(uint32_t(fr), i);
      first = false;
    }
    for (uint32_t i = 0; i < state.stack.size() && i < 64; i++) {
      if (!state.stack[i].isSpilledReg())
        continue;
      const RegState &reg = state.stack[i].spilledPtr;
      if (!reg.isScalar() || !reg.precise)
        continue;
      const std::string off = std::to_string(-int(i + 1) * BPF_REG_SIZE);
      if (first)
        log2(env, "frame " + std::to_string(fr) + ": propagating fp" + off);
      else
        log2(env, ",fp" + off);
      bt.setFrameSlot(uint32_t(fr), i);
      first = false;
    }
    // Unconditional verbose() in the kernel: a lone newline at any log level.
    if (!first && env.verbose)
      env.verbose("\n");
  }
  return markChainPrecision(env, cur, -1, bt, changed);
}

PrecisionError propagateBackedges(const PrecisionEnv &env, std::span<Backedge> backedges) {
  int i = 0;
  bool changed;
  do {
    if (i++ > MAX_BACKEDGE_ITERS) {
      log2(env, "propagate_backedges: too many iterations\n");
      for (Backedge &backedge : backedges)
        markAllScalarsPrecise(env, backedge.state);
      break;
    }
    changed = false;
    for (Backedge &backedge : backedges) {
      if (!backedge.equalState)
        continue;
      if (auto err = propagatePrecision(env, *backedge.equalState, backedge.state, &changed))
        return err;
    }
  } while (changed);
  return std::nullopt;
}

} // namespace bpfverify::verifier::pruning
