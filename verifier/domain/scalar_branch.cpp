#include "verifier/domain/scalar_branch.h"

#include "lib/isa/insn.h"

#include <algorithm>
#include <utility>

namespace bpfverify::domain {

using namespace bpfverify::isa;

// flip_opcode
uint8_t flipOpcode(uint8_t op) {
  switch (op) {
  case BPF_JEQ:
  case BPF_JNE:
  case BPF_JSET:
    return op;
  case BPF_JGE:
    return BPF_JLE;
  case BPF_JGT:
    return BPF_JLT;
  case BPF_JLE:
    return BPF_JGE;
  case BPF_JLT:
    return BPF_JGT;
  case BPF_JSGE:
    return BPF_JSLE;
  case BPF_JSGT:
    return BPF_JSLT;
  case BPF_JSLE:
    return BPF_JSGE;
  case BPF_JSLT:
    return BPF_JSGT;
  default:
    return 0;
  }
}

// rev_opcode
uint8_t revOpcode(uint8_t op) {
  switch (op) {
  case BPF_JEQ:
    return BPF_JNE;
  case BPF_JNE:
    return BPF_JEQ;
  case BPF_JSET:
    return JsetFalse;
  case JsetFalse:
    return BPF_JSET;
  case BPF_JGE:
    return BPF_JLT;
  case BPF_JGT:
    return BPF_JLE;
  case BPF_JLE:
    return BPF_JGT;
  case BPF_JLT:
    return BPF_JGE;
  case BPF_JSGE:
    return BPF_JSLT;
  case BPF_JSGT:
    return BPF_JSLE;
  case BPF_JSLE:
    return BPF_JSGT;
  case BPF_JSLT:
    return BPF_JSGE;
  default:
    return 0;
  }
}

// is_scalar_branch_taken
BranchTaken isScalarBranchTaken(const ScalarBounds &reg1In, const ScalarBounds &reg2In, uint8_t op,
                                bool is32) {
  const ScalarBounds *reg1 = &reg1In;
  const ScalarBounds *reg2 = &reg2In;
  Tnum t1 = is32 ? tnumSubreg(reg1->varOff) : reg1->varOff;
  Tnum t2 = is32 ? tnumSubreg(reg2->varOff) : reg2->varOff;
  uint64_t umin1 = is32 ? reg1->u32Min : reg1->umin;
  uint64_t umax1 = is32 ? reg1->u32Max : reg1->umax;
  int64_t smin1 = is32 ? reg1->s32Min : reg1->smin;
  int64_t smax1 = is32 ? reg1->s32Max : reg1->smax;
  uint64_t umin2 = is32 ? reg2->u32Min : reg2->umin;
  uint64_t umax2 = is32 ? reg2->u32Max : reg2->umax;
  int64_t smin2 = is32 ? reg2->s32Min : reg2->smin;
  int64_t smax2 = is32 ? reg2->s32Max : reg2->smax;
  constexpr BranchTaken yes = BranchTaken::Yes, no = BranchTaken::No;

  // For JEQ and JNE: can the two values never be equal?
  auto disjoint = [&] {
    if (!tnumOverlap(t1, t2))
      return true;
    if (umin1 > umax2 || umax1 < umin2)
      return true;
    if (smin1 > smax2 || smax1 < smin2)
      return true;
    if (!is32) {
      // Inconclusive 64-bit ranges: the 32-bit subranges may still be disjoint.
      if (reg1->u32Min > reg2->u32Max || reg1->u32Max < reg2->u32Min)
        return true;
      if (reg1->s32Min > reg2->s32Max || reg1->s32Max < reg2->s32Min)
        return true;
    }
    return false;
  };

  switch (op) {
  case BPF_JEQ:
    if (t1.isConst() && t2.isConst())
      return t1.value == t2.value ? yes : no;
    if (disjoint())
      return no;
    break;
  case BPF_JNE:
    if (t1.isConst() && t2.isConst())
      return t1.value != t2.value ? yes : no;
    if (disjoint())
      return yes;
    break;
  case BPF_JSET:
    if (!reg2->isConst(is32)) {
      std::swap(reg1, reg2);
      std::swap(t1, t2);
    }
    if (!reg2->isConst(is32))
      return BranchTaken::Unknown;
    if ((~t1.mask & t1.value) & t2.value)
      return yes;
    if (!((t1.mask | t1.value) & t2.value))
      return no;
    break;
  case BPF_JGT:
    if (umin1 > umax2)
      return yes;
    if (umax1 <= umin2)
      return no;
    break;
  case BPF_JSGT:
    if (smin1 > smax2)
      return yes;
    if (smax1 <= smin2)
      return no;
    break;
  case BPF_JLT:
    if (umax1 < umin2)
      return yes;
    if (umin1 >= umax2)
      return no;
    break;
  case BPF_JSLT:
    if (smax1 < smin2)
      return yes;
    if (smin1 >= smax2)
      return no;
    break;
  case BPF_JGE:
    if (umin1 >= umax2)
      return yes;
    if (umax1 < umin2)
      return no;
    break;
  case BPF_JSGE:
    if (smin1 >= smax2)
      return yes;
    if (smax1 < smin2)
      return no;
    break;
  case BPF_JLE:
    if (umax1 <= umin2)
      return yes;
    if (umin1 > umax2)
      return no;
    break;
  case BPF_JSLE:
    if (smax1 <= smin2)
      return yes;
    if (smin1 > smax2)
      return no;
    break;
  default:
    break;
  }
  return BranchTaken::Unknown;
}

// regs_refine_cond_op
void regsRefineCondOp(ScalarBounds &reg1In, ScalarBounds &reg2In, uint8_t op, bool is32) {
  ScalarBounds *reg1 = &reg1In;
  ScalarBounds *reg2 = &reg2In;
  // GE/GT/SGE/SGT reuse the LE/LT/SLE/SLT logic with the operands swapped.
  switch (op) {
  case BPF_JGE:
  case BPF_JGT:
  case BPF_JSGE:
  case BPF_JSGT:
    op = flipOpcode(op);
    std::swap(reg1, reg2);
    break;
  default:
    break;
  }

  switch (op) {
  case BPF_JEQ:
    if (is32) {
      reg1->u32Min = std::max(reg1->u32Min, reg2->u32Min);
      reg1->u32Max = std::min(reg1->u32Max, reg2->u32Max);
      reg1->s32Min = std::max(reg1->s32Min, reg2->s32Min);
      reg1->s32Max = std::min(reg1->s32Max, reg2->s32Max);
      reg2->u32Min = reg1->u32Min;
      reg2->u32Max = reg1->u32Max;
      reg2->s32Min = reg1->s32Min;
      reg2->s32Max = reg1->s32Max;
      Tnum t = tnumIntersect(tnumSubreg(reg1->varOff), tnumSubreg(reg2->varOff));
      reg1->varOff = tnumWithSubreg(reg1->varOff, t);
      reg2->varOff = tnumWithSubreg(reg2->varOff, t);
    } else {
      reg1->umin = std::max(reg1->umin, reg2->umin);
      reg1->umax = std::min(reg1->umax, reg2->umax);
      reg1->smin = std::max(reg1->smin, reg2->smin);
      reg1->smax = std::min(reg1->smax, reg2->smax);
      reg2->umin = reg1->umin;
      reg2->umax = reg1->umax;
      reg2->smin = reg1->smin;
      reg2->smax = reg1->smax;
      reg1->varOff = tnumIntersect(reg1->varOff, reg2->varOff);
      reg2->varOff = reg1->varOff;
    }
    break;
  case BPF_JNE: {
    if (!reg2->isConst(is32))
      std::swap(reg1, reg2);
    if (!reg2->isConst(is32))
      break;
    // A constant at the very edge of the other range shrinks it by one.
    uint64_t val = reg2->constValue(is32);
    if (is32) {
      if (reg1->u32Min == uint32_t(val))
        reg1->u32Min++;
      if (reg1->u32Max == uint32_t(val))
        reg1->u32Max--;
      if (reg1->s32Min == int32_t(uint32_t(val)))
        reg1->s32Min = int32_t(uint32_t(reg1->s32Min) + 1);
      if (reg1->s32Max == int32_t(uint32_t(val)))
        reg1->s32Max = int32_t(uint32_t(reg1->s32Max) - 1);
    } else {
      if (reg1->umin == val)
        reg1->umin++;
      if (reg1->umax == val)
        reg1->umax--;
      if (reg1->smin == int64_t(val))
        reg1->smin = int64_t(uint64_t(reg1->smin) + 1);
      if (reg1->smax == int64_t(val))
        reg1->smax = int64_t(uint64_t(reg1->smax) - 1);
    }
    break;
  }
  case BPF_JSET: {
    if (!reg2->isConst(is32))
      std::swap(reg1, reg2);
    if (!reg2->isConst(is32))
      break;
    uint64_t val = reg2->constValue(is32);
    // "r & val" being true pins a bit only when val has exactly one bit.
    if (val == 0 || (val & (val - 1)) != 0)
      break;
    if (is32) {
      Tnum t = tnumOr(tnumSubreg(reg1->varOff), tnumConst(val));
      reg1->varOff = tnumWithSubreg(reg1->varOff, t);
    } else {
      reg1->varOff = tnumOr(reg1->varOff, tnumConst(val));
    }
    break;
  }
  case JsetFalse: {
    if (!reg2->isConst(is32))
      std::swap(reg1, reg2);
    if (!reg2->isConst(is32))
      break;
    uint64_t val = reg2->constValue(is32);
    // The ranges are forgotten before the tnum narrows, so a dead edge cannot break invariants.
    reg1->markUnbounded();
    if (is32) {
      Tnum t = tnumAnd(tnumSubreg(reg1->varOff), tnumConst(~val));
      reg1->varOff = tnumWithSubreg(reg1->varOff, t);
    } else {
      reg1->varOff = tnumAnd(reg1->varOff, tnumConst(~val));
    }
    break;
  }
  case BPF_JLE:
    if (is32) {
      reg1->u32Max = std::min(reg1->u32Max, reg2->u32Max);
      reg2->u32Min = std::max(reg1->u32Min, reg2->u32Min);
    } else {
      reg1->umax = std::min(reg1->umax, reg2->umax);
      reg2->umin = std::max(reg1->umin, reg2->umin);
    }
    break;
  case BPF_JLT:
    // The kernel's -1/+1 wrap when the bound is 0 or the maximum (only on dead edges).
    if (is32) {
      reg1->u32Max = std::min(reg1->u32Max, uint32_t(reg2->u32Max - 1));
      reg2->u32Min = std::max(uint32_t(reg1->u32Min + 1), reg2->u32Min);
    } else {
      reg1->umax = std::min(reg1->umax, reg2->umax - 1);
      reg2->umin = std::max(reg1->umin + 1, reg2->umin);
    }
    break;
  case BPF_JSLE:
    if (is32) {
      reg1->s32Max = std::min(reg1->s32Max, reg2->s32Max);
      reg2->s32Min = std::max(reg1->s32Min, reg2->s32Min);
    } else {
      reg1->smax = std::min(reg1->smax, reg2->smax);
      reg2->smin = std::max(reg1->smin, reg2->smin);
    }
    break;
  case BPF_JSLT:
    // Signed overflow here is wrapping in the kernel (built with -fno-strict-overflow).
    if (is32) {
      reg1->s32Max = std::min(reg1->s32Max, int32_t(uint32_t(reg2->s32Max) - 1));
      reg2->s32Min = std::max(int32_t(uint32_t(reg1->s32Min) + 1), reg2->s32Min);
    } else {
      reg1->smax = std::min(reg1->smax, int64_t(uint64_t(reg2->smax) - 1));
      reg2->smin = std::max(int64_t(uint64_t(reg1->smin) + 1), reg2->smin);
    }
    break;
  default:
    return;
  }
}

namespace {
BranchEdge refineEdge(const ScalarBounds &dst, const ScalarBounds &src, uint8_t op, bool is32,
                      const char *dstCtx, const char *srcCtx, const DomainOptions &opts) {
  BranchEdge edge{dst, src, {}};
  regsRefineCondOp(edge.dst, edge.src, op, is32);
  edge.dst.sync(opts);
  edge.src.sync(opts);
  if (auto msg = sanityCheck(edge.dst, dstCtx))
    edge.violations.push_back(*msg);
  if (auto msg = sanityCheck(edge.src, srcCtx))
    edge.violations.push_back(*msg);
  return edge;
}
} // namespace

BranchEdge refineOnBranch(const ScalarBounds &dst, const ScalarBounds &src, uint8_t op, bool is32,
                          bool branchTaken, const DomainOptions &opts) {
  if (branchTaken)
    return refineEdge(dst, src, op, is32, "true_reg1", "true_reg2", opts);
  return refineEdge(dst, src, revOpcode(op), is32, "false_reg1", "false_reg2", opts);
}

// reg_set_min_max (both registers scalars)
BranchRefinement regSetMinMax(const ScalarBounds &dst, const ScalarBounds &src, uint8_t op,
                              bool is32, const DomainOptions &opts) {
  BranchRefinement r;
  r.fallthrough = refineOnBranch(dst, src, op, is32, false, opts);
  r.taken = refineOnBranch(dst, src, op, is32, true, opts);
  r.messages = r.taken.violations;
  r.messages.insert(r.messages.end(), r.fallthrough.violations.begin(),
                    r.fallthrough.violations.end());
  return r;
}

} // namespace bpfverify::domain
