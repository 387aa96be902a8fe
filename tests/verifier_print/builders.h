#pragma once
// Register and state builders for the printer tests: the values the kernel had when it printed
// the recorded log lines.

#include "verifier/state/print.h"
#include "verifier/state/reg_state.h"
#include "verifier/state/verifier_state.h"

#include <string>

namespace bpfverify::verifier::testing {

using domain::ScalarBounds;
using domain::Tnum;

/// A scalar with exactly these fields (no deduction: the printer shows fields as they are).
inline ScalarBounds bounds(Tnum varOff, int64_t smin, int64_t smax, uint64_t umin, uint64_t umax,
                           int32_t s32Min, int32_t s32Max, uint32_t u32Min, uint32_t u32Max) {
  ScalarBounds b;
  b.varOff = varOff;
  b.smin = smin;
  b.smax = smax;
  b.umin = umin;
  b.umax = umax;
  b.s32Min = s32Min;
  b.s32Max = s32Max;
  b.u32Min = u32Min;
  b.u32Max = u32Max;
  return b;
}

/// A u32 load from the context: scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff)).
inline ScalarBounds u32Unknown() {
  return bounds({0, 0xffffffff}, 0, 0xffffffff, 0, 0xffffffff, domain::S32Min, domain::S32Max, 0,
                domain::U32Max);
}

/// [lo, hi] with lo, hi small non-negative and the given tnum, the same in all four ranges.
inline ScalarBounds smallRange(Tnum varOff, int64_t lo, int64_t hi) {
  return bounds(varOff, lo, hi, uint64_t(lo), uint64_t(hi), int32_t(lo), int32_t(hi), uint32_t(lo),
                uint32_t(hi));
}

inline RegState scalar(const ScalarBounds &b, uint32_t id = 0, int32_t off = 0) {
  RegState r;
  markRegUnknown(r);
  r.bounds = b;
  r.id = id;
  r.off = off;
  return r;
}

inline RegState known(uint64_t v) {
  RegState r;
  markRegKnown(r, v);
  r.type = RegType(RegBase::Scalar);
  return r;
}

inline RegState unknownScalar() {
  RegState r;
  markRegUnknown(r);
  return r;
}

inline RegState pointer(RegBase base, uint32_t flags = 0) {
  RegState r;
  markPtrKnownZero(r, RegType(base, flags));
  return r;
}

inline RegState ctxPtr() {
  return pointer(RegBase::PtrToCtx);
}

/// PTR_TO_STACK at fp+off of frame `frameno`.
inline RegState fp(int32_t off, uint32_t frameno = 0) {
  RegState r = pointer(RegBase::PtrToStack);
  r.off = off;
  r.frameno = frameno;
  return r;
}

/// A frame with R10 = fp0 (init_reg_state) and `slots` stack slots allocated.
inline FuncState frame(uint32_t frameno = 0, int slots = 0) {
  FuncState f;
  for (auto &r : f.regs)
    markRegNotInit(r);
  f.frameno = frameno;
  f.regs[10] = fp(0, frameno);
  f.stack.resize(size_t(slots));
  return f;
}

/// Byte types of one slot written as the kernel prints them, slot_type[0] first ("0000????").
inline std::array<SlotType, BPF_REG_SIZE> slotBytes(const std::string &chars) {
  std::array<SlotType, BPF_REG_SIZE> types{};
  for (size_t i = 0; i < types.size() && i < chars.size(); i++) {
    switch (chars[i]) {
    case 'r':
      types[i] = SlotType::Spill;
      break;
    case 'm':
      types[i] = SlotType::Misc;
      break;
    case '0':
      types[i] = SlotType::Zero;
      break;
    case 'd':
      types[i] = SlotType::Dynptr;
      break;
    case 'i':
      types[i] = SlotType::Iter;
      break;
    case 'f':
      types[i] = SlotType::IrqFlag;
      break;
    default:
      types[i] = SlotType::Invalid;
    }
  }
  return types;
}

/// A register spilled to a whole slot (save_register_state, size 8) or to its low `size` bytes.
inline StackSlot spill(const RegState &reg, const std::string &bytes = "rrrrrrrr") {
  StackSlot s;
  s.spilledPtr = reg;
  s.slotType = slotBytes(bytes);
  return s;
}

inline StackSlot rawSlot(const std::string &bytes) {
  StackSlot s;
  markRegNotInit(s.spilledPtr);
  s.slotType = slotBytes(bytes);
  return s;
}

} // namespace bpfverify::verifier::testing
