#include "verifier/state/print.h"

#include "verifier/domain/scalar_print.h"

#include <algorithm>

namespace bpfverify::verifier {

namespace {

constexpr size_t BPF_OBJ_NAME_LEN = 16;
constexpr size_t TMP_STR_BUF_LEN = 320; // env->tmp_str_buf, include/linux/bpf_verifier.h
constexpr uint32_t BPF_LOG_MIN_ALIGNMENT = 8, BPF_LOG_ALIGNMENT = 40;
constexpr int BPF_DYNPTR_NR_SLOTS = 2;
constexpr std::string_view ITER_PREFIX = "bpf_iter_";

// type_is_map_ptr of kernel/bpf/log.c
bool typeIsMapPtr(RegType t) {
  RegBase b = t.base();
  return b == RegBase::ConstPtrToMap || b == RegBase::PtrToMapKey || b == RegBase::PtrToMapValue;
}

// type_is_non_owning_ref of include/linux/bpf_verifier.h
bool typeIsNonOwningRef(RegType t) {
  return t.base() == RegBase::PtrToBtfId && t.has(MEM_ALLOC) && t.has(NON_OWN_REF);
}

std::string btfName(const PrintContext &ctx, const btf::Btf *btf, uint32_t id) {
  if (!btf || !ctx.btfTypeName)
    return {};
  return ctx.btfTypeName(*btf, id);
}

// iter_type_str
std::string iterTypeName(const PrintContext &ctx, const RegState &reg) {
  if (!reg.btf || reg.btfId == 0)
    return "<invalid>";
  std::string name = btfName(ctx, reg.btf, reg.btfId);
  // The kernel only accepts iterator types named bpf_iter_<kind> and skips the prefix blindly.
  if (name.size() >= ITER_PREFIX.size())
    name.erase(0, ITER_PREFIX.size());
  return name;
}

// The kernel's "%.*s"-free truncation of a string built in a fixed buffer of `size` bytes.
std::string truncated(std::string s, size_t size) {
  if (s.size() > size - 1)
    s.resize(size - 1);
  return s;
}

} // namespace

const char *dynptrTypeName(DynptrType type) {
  switch (type) {
  case DynptrType::Local:
    return "local";
  case DynptrType::Ringbuf:
    return "ringbuf";
  case DynptrType::Skb:
    return "skb";
  case DynptrType::Xdp:
    return "xdp";
  case DynptrType::SkbMeta:
    return "skb_meta";
  case DynptrType::Invalid:
    return "<invalid>";
  }
  return "<unknown>";
}

const char *iterStateName(IterState state) {
  switch (state) {
  case IterState::Active:
    return "active";
  case IterState::Drained:
    return "drained";
  case IterState::Invalid:
    return "<invalid>";
  }
  return "<unknown>";
}

// print_reg_state
std::string formatReg(const RegState &reg, const PrintContext &ctx, uint32_t holderFrameno) {
  using domain::formatSnum;
  using domain::formatUnum;
  const RegType t = reg.type;
  const RegType scalar(RegBase::Scalar);
  std::string out;
  if (t == scalar && reg.precise)
    out += 'P';
  if (t == scalar && reg.bounds.varOff.isConst())
    return out + formatSnum(int64_t(reg.bounds.varOff.value));

  out += regTypeName(t);
  if (t == RegType(RegBase::PtrToArena))
    return out;
  if (t == RegType(RegBase::PtrToStack)) {
    if (holderFrameno != reg.frameno)
      out += "[" + std::to_string(reg.frameno) + "]";
    if (reg.bounds.varOff.isConst())
      return out + formatSnum(int64_t(reg.bounds.varOff.value + uint64_t(int64_t(reg.off))));
  }
  if (t.base() == RegBase::PtrToBtfId)
    out += btfName(ctx, reg.btf, reg.btfId);
  out += '(';
  // verbose_a(): a comma-separated attribute list.
  const char *sep = "";
  auto attr = [&](const std::string &text) {
    out += sep;
    out += text;
    sep = ",";
  };
  if (reg.id)
    attr("id=" + std::to_string(int32_t(reg.id & ~BPF_ADD_CONST)));
  if (reg.id & BPF_ADD_CONST)
    out += (reg.off >= 0 ? "+" : "") + std::to_string(reg.off); // "%+d"
  if (reg.refObjId)
    attr("ref_obj_id=" + std::to_string(int32_t(reg.refObjId)));
  if (typeIsNonOwningRef(t))
    attr("non_own_ref");
  if (typeIsMapPtr(t)) {
    MapDesc desc;
    if (reg.map && ctx.describeMap)
      desc = ctx.describeMap(*reg.map);
    if (!desc.name.empty())
      attr("map=" + std::string(desc.name.substr(0, BPF_OBJ_NAME_LEN - 1)));
    attr("ks=" + std::to_string(int32_t(desc.keySize)) +
         ",vs=" + std::to_string(int32_t(desc.valueSize)));
  }
  if (t != scalar && reg.off)
    attr("off=" + formatSnum(reg.off));
  if (isPacketPointer(t))
    attr("r=" + formatUnum(uint64_t(int64_t(reg.range)))); // int range, sign-extended
  if (t.base() == RegBase::PtrToMem)
    attr("sz=" + formatUnum(reg.memSize));
  if (t == RegType(RegBase::ConstPtrToDynptr))
    attr(std::string("type=") + dynptrTypeName(reg.dynptrType));
  if (reg.bounds.varOff.isConst()) {
    // A pointer with a fixed offset: only a non-zero constant part is shown.
    if (reg.bounds.varOff.value)
      attr("imm=" + formatSnum(int64_t(reg.bounds.varOff.value)));
  } else {
    domain::appendScalarRanges(out, reg.bounds, sep);
    if (!reg.bounds.varOff.isUnknown())
      attr("var_off=" + domain::formatTnum(reg.bounds.varOff));
  }
  out += ')';
  return out;
}

// print_verifier_state
std::string formatFuncState(const VerifierState &vstate, uint32_t frameno, bool printAll,
                            const Scratched &scratched, const PrintContext &ctx) {
  std::string out;
  if (frameno >= vstate.frames.size())
    return "\n";
  const FuncState &state = vstate.frames[frameno];
  if (state.frameno)
    out += " frame" + std::to_string(state.frameno) + ":";
  for (uint32_t i = 0; i < state.regs.size(); i++) {
    const RegState &reg = state.regs[i];
    if (reg.isNotInit())
      continue;
    if (!printAll && !scratched.reg(i))
      continue;
    out += " R" + std::to_string(i) + "=" + formatReg(reg, ctx, state.frameno);
  }
  const int slots = int(state.stack.size());
  for (int i = 0; i < slots; i++) {
    if (!printAll && !scratched.stackSlot(uint32_t(i)))
      continue;
    const StackSlot &slot = state.stack[size_t(i)];
    // slot_type[0] (the highest address, fp-8*i-1) is printed first.
    std::string types;
    bool valid = false;
    for (SlotType st : slot.slotType) {
      if (st != SlotType::Invalid)
        valid = true;
      types += slotTypeChar(st);
    }
    if (!valid)
      continue;
    auto fpName = [](int spi) { return " fp" + std::to_string((-spi - 1) * BPF_REG_SIZE); };
    switch (slot.slotType[BPF_REG_SIZE - 1]) {
    case SlotType::Spill: {
      // A sub-register spill: show the MISC/ZERO/INVALID bytes above it, then the register.
      size_t j = 0;
      while (j < slot.slotType.size() && slot.slotType[j] != SlotType::Spill)
        j++;
      types.resize(j);
      out += fpName(i) + "=" + types + formatReg(slot.spilledPtr, ctx, state.frameno);
      break;
    }
    case SlotType::Dynptr: {
      // The dynptr's first slot is the lower one (spi + 1): skip to it.
      i += BPF_DYNPTR_NR_SLOTS - 1;
      if (i >= slots)
        break;
      const RegState &reg = state.stack[size_t(i)].spilledPtr;
      out += fpName(i) + "=dynptr_" + dynptrTypeName(reg.dynptrType) + "(";
      const char *sep = "";
      auto attr = [&](const std::string &text) {
        out += sep;
        out += text;
        sep = ",";
      };
      if (reg.id)
        attr("id=" + std::to_string(int32_t(reg.id)));
      if (reg.refObjId)
        attr("ref_id=" + std::to_string(int32_t(reg.refObjId)));
      // The kernel prints reg->dynptr_id, which shares the union with dynptr.{type,first_slot}:
      // its u32 holds first_slot (the byte) and zeroed padding, so the first slot reads 1.
      if (uint32_t aliasedDynptrId = reg.dynptrFirstSlot ? 1 : 0)
        attr("dynptr_id=" + std::to_string(aliasedDynptrId));
      out += ")";
      break;
    }
    case SlotType::Iter: {
      const RegState &reg = slot.spilledPtr;
      // Only the iterator's first slot carries ref_obj_id.
      if (!reg.refObjId)
        continue;
      out += fpName(i) + "=iter_" + iterTypeName(ctx, reg) +
             "(ref_id=" + std::to_string(int32_t(reg.refObjId)) +
             ",state=" + iterStateName(reg.iterState) +
             ",depth=" + std::to_string(uint32_t(reg.iterDepth)) + ")";
      break;
    }
    default:
      out += fpName(i) + "=" + types;
      break;
    }
  }
  if (!vstate.refs.empty() && vstate.refs[0].id) {
    out += " refs=" + std::to_string(vstate.refs[0].id);
    for (size_t i = 1; i < vstate.refs.size(); i++)
      if (vstate.refs[i].id)
        out += "," + std::to_string(vstate.refs[i].id);
  }
  if (state.inCallbackFn)
    out += " cb";
  if (state.inAsyncCallbackFn)
    out += " async_cb";
  out += "\n";
  return out;
}

void printVerifierState(VerifierLog &log, const VerifierState &state, uint32_t frameno,
                        bool printAll, Scratched &scratched, const PrintContext &ctx) {
  log.write(formatFuncState(state, frameno, printAll, scratched, ctx));
  if (!printAll)
    scratched.clear(); // mark_verifier_state_clean
}

uint32_t vlogAlignment(uint32_t pos) {
  uint32_t at = std::max(pos + BPF_LOG_MIN_ALIGNMENT / 2, BPF_LOG_ALIGNMENT);
  uint32_t rounded =
      (at + BPF_LOG_MIN_ALIGNMENT - 1) / BPF_LOG_MIN_ALIGNMENT * BPF_LOG_MIN_ALIGNMENT;
  return rounded - pos - 1;
}

void printInsnLine(VerifierLog &log, uint32_t insnIdx, std::string_view insnText) {
  log.prevLogPos = log.pos();
  log.write(std::to_string(insnIdx) + ": ");
  log.write(insnText);
  log.prevInsnPrintPos = log.pos() - log.prevLogPos;
  log.prevLogPos = log.pos();
}

// print_insn_state
void printInsnState(VerifierLog &log, uint32_t insnIdx, const VerifierState &state,
                    uint32_t frameno, Scratched &scratched, const PrintContext &ctx) {
  if (log.prevLogPos && log.prevLogPos == log.pos()) {
    // Nothing since the instruction line: continue it, replacing its '\n'.
    log.resetTo(log.prevLogPos - 1);
    // "%*c;" with ' ': at least one character even for a width below 1.
    uint32_t width = std::max<uint32_t>(vlogAlignment(uint32_t(log.prevInsnPrintPos)), 1);
    log.write(std::string(width, ' ') + ";");
  } else {
    log.write(std::to_string(insnIdx) + ":");
  }
  printVerifierState(log, state, frameno, false, scratched, ctx);
}

void printBranchPop(VerifierLog &log, int32_t prevInsnIdx, uint32_t insnIdx,
                    const VerifierState &state, Scratched &scratched, const PrintContext &ctx) {
  log.write("\nfrom " + std::to_string(prevInsnIdx) + " to " + std::to_string(insnIdx) +
            (state.speculative ? " (speculative execution)" : "") + ":");
  printVerifierState(log, state, state.curframe, true, scratched, ctx);
}

void printPruned(VerifierLog &log, bool afterBranchPop, int32_t prevInsnIdx, uint32_t insnIdx,
                 bool speculative) {
  if (afterBranchPop)
    log.write("\nfrom " + std::to_string(prevInsnIdx) + " to " + std::to_string(insnIdx) +
              (speculative ? " (speculative execution)" : "") + ": safe\n");
  else
    log.write(std::to_string(insnIdx) + ": safe\n");
}

void printCallEntry(VerifierLog &log, const VerifierState &state, uint32_t callerFrameno,
                    Scratched &scratched, const PrintContext &ctx) {
  log.write("caller:\n");
  printVerifierState(log, state, callerFrameno, true, scratched, ctx);
  log.write("callee:\n");
  printVerifierState(log, state, state.curframe, true, scratched, ctx);
}

void printCallReturn(VerifierLog &log, const VerifierState &state, uint32_t calleeFrameno,
                     uint32_t callerFrameno, uint32_t returnInsnIdx, Scratched &scratched,
                     const PrintContext &ctx) {
  log.write("returning from callee:\n");
  printVerifierState(log, state, calleeFrameno, true, scratched, ctx);
  log.write("to caller at " + std::to_string(returnInsnIdx) + ":\n");
  printVerifierState(log, state, callerFrameno, true, scratched, ctx);
}

std::string formatRegMask(uint32_t mask) {
  std::string out;
  for (int i = 0; i < 32; i++)
    if (mask & (1u << i))
      out += (out.empty() ? "r" : ",r") + std::to_string(i);
  return truncated(std::move(out), TMP_STR_BUF_LEN);
}

std::string formatStackMask(uint64_t mask) {
  std::string out;
  bool first = true;
  for (int i = 0; i < 64; i++)
    if (mask & (uint64_t(1) << i)) {
      out += (first ? "" : ",") + std::to_string(-(i + 1) * 8);
      first = false;
    }
  return truncated(std::move(out), TMP_STR_BUF_LEN);
}

} // namespace bpfverify::verifier
