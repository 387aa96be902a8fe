#include "verifier/engine/pruning/stack_liveness.h"

#include "lib/isa/liveness.h"

#include <algorithm>
#include <cstdio>

namespace bpfverify::verifier::pruning {

std::string Callchain::format() const {
  std::string out = "(";
  for (uint32_t i = 0; i <= curframe && i < MAX_CALL_FRAMES; i++) {
    if (i)
      out += ',';
    out += std::to_string(callsites[i]);
  }
  out += ')';
  return out;
}

std::string formatStackMask(uint64_t mask) {
  std::string out;
  for (int i = 0; i < 64; i++) {
    if (!(mask & (1ull << i)))
      continue;
    if (!out.empty())
      out += ',';
    out += std::to_string(-(i + 1) * 8);
  }
  return out;
}

StackLiveness::StackLiveness(StackLivenessProgram program) : program_(std::move(program)) {
  if (program_.subprogStarts.empty())
    program_.subprogStarts.push_back(0);
  // compute_postorder(): per subprogram, an iterative DFS from its start over
  // bpf_insn_successors(); an instruction is emitted once all its successors were explored.
  const size_t n = program_.insns.size();
  constexpr uint8_t Discovered = 1, Explored = 2;
  std::vector<uint8_t> state(n, 0);
  std::vector<uint32_t> stack;
  llvm::ArrayRef<isa::Insn> insns(program_.insns.data(), program_.insns.size());
  succs_.assign(n, {0, 0});
  succCount_.assign(n, 0);
  for (uint32_t i = 0; i < n; i++) {
    for (uint32_t succ : isa::insnSuccessors(insns, i))
      if (succCount_[i] < 2)
        succs_[i][succCount_[i]++] = succ;
  }
  for (uint32_t start : program_.subprogStarts) {
    postorderStart_.push_back(uint32_t(postorder_.size()));
    if (start >= n)
      continue;
    stack.assign(1, start);
    while (!stack.empty()) {
      const uint32_t top = stack.back();
      state[top] |= Discovered;
      if (state[top] & Explored) {
        postorder_.push_back(top);
        stack.pop_back();
        continue;
      }
      for (uint8_t k = 0; k < succCount_[top]; k++) {
        const uint32_t succ = succs_[top][k];
        if (succ < n && !state[succ]) {
          stack.push_back(succ);
          state[succ] |= Discovered;
        }
      }
      state[top] |= Explored;
    }
  }
  postorderStart_.push_back(uint32_t(postorder_.size()));
}

void StackLiveness::setLog(std::function<void(std::string_view)> write,
                           std::function<bool(uint32_t)> isPrunePoint) {
  logWrite_ = std::move(write);
  isPrunePoint_ = std::move(isPrunePoint);
}

int StackLiveness::containingSubprog(uint32_t insnIdx) const {
  // bpf_find_containing_subprog(): the last subprogram starting at or before insnIdx.
  const auto &starts = program_.subprogStarts;
  auto it = std::upper_bound(starts.begin(), starts.end(), insnIdx);
  if (it == starts.begin() || insnIdx >= program_.insns.size())
    return -1;
  return int(it - starts.begin()) - 1;
}

std::optional<Callchain> StackLiveness::computeCallchain(const VerifierState &st,
                                                         uint32_t frameno) const {
  // compute_callchain(): the call sites of frames 1..frameno, then the frame's subprogram start.
  if (frameno >= MAX_CALL_FRAMES || frameno >= st.frames.size())
    return std::nullopt;
  Callchain cc;
  for (uint32_t i = 0; i <= frameno; i++) {
    const uint32_t subprog = st.frames[i].subprogno;
    if (subprog >= program_.subprogStarts.size())
      return std::nullopt;
    cc.spStarts[i] = program_.subprogStarts[subprog];
    if (i < st.curframe && i + 1 < st.frames.size())
      cc.callsites[i] = uint32_t(st.frames[i + 1].callsite);
  }
  cc.curframe = frameno;
  cc.callsites[frameno] = cc.spStarts[frameno];
  return cc;
}

StackLiveness::FuncInstance *StackLiveness::lookupInstance(const Callchain &callchain) {
  // __lookup_instance(): find or create the function instance of a call chain.
  auto key = callchain.key();
  auto it = instances_.find(key);
  if (it != instances_.end())
    return it->second.get();
  const int subprog = containingSubprog(callchain.spStarts[callchain.curframe]);
  if (subprog < 0)
    return nullptr;
  const uint32_t start = program_.subprogStarts[subprog];
  const uint32_t end = size_t(subprog) + 1 < program_.subprogStarts.size()
                           ? program_.subprogStarts[subprog + 1]
                           : uint32_t(program_.insns.size());
  auto instance = std::make_unique<FuncInstance>();
  instance->callchain = callchain;
  instance->insnCnt = end > start ? end - start : 0;
  instance->mustWriteSet.assign(instance->insnCnt, false);
  FuncInstance *raw = instance.get();
  instances_.emplace(std::move(key), std::move(instance));
  return raw;
}

StackLiveness::FuncInstance *StackLiveness::lookupInstance(const VerifierState &st,
                                                           uint32_t frameno) {
  auto cc = computeCallchain(st, frameno);
  return cc ? lookupInstance(*cc) : nullptr;
}

StackLiveness::FuncInstance *StackLiveness::ensureCurInstance(const VerifierState &cur) {
  if (!curInstance_)
    curInstance_ = lookupInstance(cur, cur.curframe);
  return curInstance_;
}

PerFrameMasks *StackLiveness::frameMasks(FuncInstance &instance, uint32_t frame, uint32_t insnIdx) {
  // get_frame_masks(): nothing until the frame's array was allocated.
  if (frame >= MAX_CALL_FRAMES || instance.frames[frame].empty())
    return nullptr;
  const uint32_t start = instance.callchain.spStarts[instance.callchain.curframe];
  if (insnIdx < start || insnIdx - start >= instance.insnCnt)
    return nullptr;
  return &instance.frames[frame][insnIdx - start];
}

const PerFrameMasks *StackLiveness::frameMasks(const FuncInstance &instance, uint32_t frame,
                                               uint32_t insnIdx) {
  return frameMasks(const_cast<FuncInstance &>(instance), frame, insnIdx);
}

PerFrameMasks *StackLiveness::allocFrameMasks(FuncInstance &instance, uint32_t frame,
                                              uint32_t insnIdx) {
  if (frame >= MAX_CALL_FRAMES)
    return nullptr;
  if (instance.frames[frame].empty())
    instance.frames[frame].resize(instance.insnCnt);
  return frameMasks(instance, frame, insnIdx);
}

void StackLiveness::resetLiveStackCallchain() {
  curInstance_ = nullptr;
}

void StackLiveness::markStackRead(FuncInstance &instance, uint32_t frame, uint32_t insnIdx,
                                  uint64_t mask) {
  // mark_stack_read(): the instance needs an update only when the read adds a slot that is not
  // live before the instruction already.
  PerFrameMasks *masks = allocFrameMasks(instance, frame, insnIdx);
  if (!masks)
    return;
  const uint64_t newMayRead = masks->mayRead | mask;
  if (newMayRead != masks->mayRead && (newMayRead | masks->liveBefore) != masks->liveBefore)
    instance.updated = true;
  masks->mayRead |= mask;
}

void StackLiveness::markStackRead(const VerifierState &cur, uint32_t frame, uint32_t insnIdx,
                                  uint64_t mask) {
  if (FuncInstance *instance = ensureCurInstance(cur))
    markStackRead(*instance, frame, insnIdx, mask);
}

void StackLiveness::resetStackWriteMarks(FuncInstance &instance, uint32_t insnIdx) {
  writeInsnIdx_ = insnIdx;
  for (uint32_t i = 0; i <= instance.callchain.curframe && i < MAX_CALL_FRAMES; i++)
    writeMasksAcc_[i] = 0;
}

void StackLiveness::resetStackWriteMarks(const VerifierState &cur, uint32_t insnIdx) {
  if (FuncInstance *instance = ensureCurInstance(cur))
    resetStackWriteMarks(*instance, insnIdx);
}

void StackLiveness::markStackWrite(uint32_t frame, uint64_t mask) {
  if (frame < MAX_CALL_FRAMES)
    writeMasksAcc_[frame] |= mask;
}

void StackLiveness::commitStackWriteMarks(FuncInstance *instance) {
  // commit_stack_write_marks(): the first visit of an instruction in a call chain sets
  // must_write; later visits intersect with it.
  if (!instance)
    return;
  const uint32_t start = instance->callchain.spStarts[instance->callchain.curframe];
  if (writeInsnIdx_ < start || writeInsnIdx_ - start >= instance->insnCnt)
    return;
  const uint32_t idx = writeInsnIdx_ - start;
  for (uint32_t frame = 0; frame <= instance->callchain.curframe; frame++) {
    uint64_t mask = writeMasksAcc_[frame];
    // Do not allocate a frame just for an empty first mask.
    if (mask == 0 && !instance->mustWriteSet[idx])
      continue;
    PerFrameMasks *masks = allocFrameMasks(*instance, frame, writeInsnIdx_);
    if (!masks)
      continue;
    const uint64_t oldMustWrite = masks->mustWrite;
    if (instance->mustWriteSet[idx])
      mask &= oldMustWrite;
    if (oldMustWrite != mask) {
      masks->mustWrite = mask;
      instance->updated = true;
    }
    if (oldMustWrite & ~mask)
      instance->mustWriteDropped = true;
  }
  instance->mustWriteSet[idx] = true;
  writeInsnIdx_ = 0;
}

void StackLiveness::commitStackWriteMarks() {
  commitStackWriteMarks(curInstance_);
}

void StackLiveness::logMaskChange(const Callchain &callchain, const char *prefix, uint32_t frame,
                                  uint32_t insnIdx, uint64_t oldMask, uint64_t newMask) {
  const uint64_t changed = oldMask ^ newMask;
  if (!changed || !logWrite_)
    return;
  const uint64_t newOnes = newMask & changed;
  const uint64_t newZeros = ~newMask & changed;
  std::string line = callchain.format() + " frame " + std::to_string(frame) + " insn " +
                     std::to_string(insnIdx) + " ";
  if (newOnes)
    line += std::string("+") + prefix + " " + formatStackMask(newOnes) + " ";
  if (newZeros)
    line += std::string("-") + prefix + " " + formatStackMask(newZeros);
  line += "\n";
  logWrite_(line);
}

void StackLiveness::propagateToOuterInstance(FuncInstance &instance) {
  // propagate_to_outer_instance(): the callee's entry facts (slots it may read, slots it always
  // writes) become the call instruction's facts in the caller's instance.
  const Callchain &cc = instance.callchain;
  if (cc.curframe == 0)
    return;
  const uint32_t thisSubprogStart = cc.spStarts[cc.curframe];
  Callchain outer = cc;
  outer.callsites[outer.curframe] = 0;
  outer.spStarts[outer.curframe] = 0;
  outer.curframe--;
  outer.callsites[outer.curframe] = outer.spStarts[outer.curframe];
  FuncInstance *outerInstance = lookupInstance(outer);
  if (!outerInstance)
    return;
  const uint32_t callsite = cc.callsites[cc.curframe - 1];

  resetStackWriteMarks(*outerInstance, callsite);
  for (uint32_t frame = 0; frame < cc.curframe; frame++) {
    const PerFrameMasks *entry = frameMasks(instance, frame, thisSubprogStart);
    if (!entry)
      continue;
    markStackWrite(frame, entry->mustWriteAcc);
    markStackRead(*outerInstance, frame, callsite, entry->liveBefore);
  }
  commitStackWriteMarks(outerInstance);
}

bool StackLiveness::updateInsn(FuncInstance &instance, uint32_t frame, uint32_t insnIdx) {
  // update_insn(): one step of the backward data flow.
  //   live_before = (union of successors' live_before) - must_write + may_read
  //   must_write_acc = (intersection of successors' must_write_acc) + must_write
  if (insnIdx >= succCount_.size() || succCount_[insnIdx] == 0)
    return false;
  PerFrameMasks *insn = frameMasks(instance, frame, insnIdx);
  if (!insn)
    return false;
  uint64_t newAfter = 0;
  uint64_t mustWriteAcc = ~uint64_t{0};
  for (uint8_t k = 0; k < succCount_[insnIdx]; k++) {
    const PerFrameMasks *succ = frameMasks(instance, frame, succs_[insnIdx][k]);
    // A successor outside the function (not possible in a program that passed check_subprogs)
    // contributes nothing.
    if (!succ) {
      mustWriteAcc = 0;
      continue;
    }
    newAfter |= succ->liveBefore;
    mustWriteAcc &= succ->mustWriteAcc;
  }
  mustWriteAcc |= insn->mustWrite;
  const uint64_t newBefore = (newAfter & ~insn->mustWrite) | insn->mayRead;
  const bool changed = newBefore != insn->liveBefore || mustWriteAcc != insn->mustWriteAcc;
  if (logWrite_ && (insn->mayRead || insn->mustWrite ||
                    insnIdx == instance.callchain.spStarts[instance.callchain.curframe] ||
                    (isPrunePoint_ && isPrunePoint_(insnIdx)))) {
    logMaskChange(instance.callchain, "live", frame, insnIdx, insn->liveBefore, newBefore);
    logMaskChange(instance.callchain, "written", frame, insnIdx, insn->mustWriteAcc, mustWriteAcc);
  }
  insn->liveBefore = newBefore;
  insn->mustWriteAcc = mustWriteAcc;
  return changed;
}

void StackLiveness::updateInstance(FuncInstance &instance) {
  // update_instance(): iterate to a fixed point over the subprogram's postorder.
  const Callchain &cc = instance.callchain;
  const uint32_t thisSubprogStart = cc.spStarts[cc.curframe];
  // A smaller must_write set invalidates must_write_acc: recompute from scratch.
  if (instance.mustWriteDropped)
    for (auto &frame : instance.frames)
      for (PerFrameMasks &m : frame)
        m.mustWriteAcc = 0;
  const int subprog = containingSubprog(thisSubprogStart);
  if (subprog < 0)
    return;
  const uint32_t poStart = postorderStart_[subprog];
  const uint32_t poEnd = postorderStart_[subprog + 1];
  int iterations = 0;
  bool changed;
  do {
    iterations++;
    changed = false;
    for (uint32_t frame = 0; frame <= cc.curframe; frame++) {
      if (instance.frames[frame].empty())
        continue;
      for (uint32_t i = poStart; i < poEnd; i++)
        changed |= updateInsn(instance, frame, postorder_[i]);
    }
  } while (changed);
  if (logWrite_)
    logWrite_(cc.format() + " live stack update done in " + std::to_string(iterations) +
              " iterations\n");
  // Marks of the caller frames go to the caller's instance.
  if (cc.curframe > 0)
    propagateToOuterInstance(instance);
}

void StackLiveness::updateLiveStack(const VerifierState &cur) {
  resetLiveStackCallchain();
  for (int frame = int(cur.curframe); frame >= 0; --frame) {
    FuncInstance *instance = lookupInstance(cur, uint32_t(frame));
    if (!instance || !instance->updated)
      continue;
    updateInstance(*instance);
    instance->updated = false;
    instance->mustWriteDropped = false;
  }
}

bool StackLiveness::isLiveBefore(const FuncInstance *instance, uint32_t insnIdx, uint32_t frameno,
                                 uint32_t spi) {
  if (!instance || spi >= 64)
    return false;
  const PerFrameMasks *masks = frameMasks(*instance, frameno, insnIdx);
  return masks && (masks->liveBefore & (1ull << spi));
}

void StackLiveness::liveStackQueryInit(const VerifierState &st) {
  query_ = Query{};
  for (uint32_t frame = 0; frame <= st.curframe && frame < MAX_CALL_FRAMES; frame++)
    query_.instances[frame] = lookupInstance(st, frame);
  query_.curframe = std::min<uint32_t>(st.curframe, MAX_CALL_FRAMES - 1);
  query_.insnIdx = st.insnIdx;
}

bool StackLiveness::stackSlotAlive(uint32_t frameno, uint32_t spi) const {
  // Alive if read at or after the state's instruction in the innermost function, or, for an
  // outer frame's call site, before the call site when it calls a callback (the callback may run
  // again) and after the call site otherwise.
  const FuncInstance *curframeInstance = query_.instances[query_.curframe];
  if (isLiveBefore(curframeInstance, query_.insnIdx, frameno, spi))
    return true;
  if (!curframeInstance)
    return false;
  for (uint32_t i = frameno; i < query_.curframe; i++) {
    const uint32_t callsite = curframeInstance->callchain.callsites[i];
    const FuncInstance *instance = query_.instances[i];
    const bool callsCallback = program_.callsCallback && program_.callsCallback(callsite);
    if (isLiveBefore(instance, callsCallback ? callsite : callsite + 1, frameno, spi))
      return true;
  }
  return false;
}

std::optional<PerFrameMasks> StackLiveness::masks(const std::vector<uint32_t> &callsites,
                                                  uint32_t frame, uint32_t insnIdx) const {
  auto it = instances_.find(callsites);
  if (it == instances_.end())
    return std::nullopt;
  const PerFrameMasks *m = frameMasks(*it->second, frame, insnIdx);
  if (!m)
    return std::nullopt;
  return *m;
}

} // namespace bpfverify::verifier::pruning
