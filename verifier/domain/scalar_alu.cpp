#include "verifier/domain/scalar_alu.h"

#include "lib/isa/insn.h"

#include <algorithm>

namespace bpfverify::domain {

using namespace bpfverify::isa;

namespace {

// check_add_overflow / check_sub_overflow / check_mul_overflow: the wrapped result is always
// stored, and the return says whether it overflowed the destination type.
template <typename T>
bool addOverflow(T a, T b, T &out) {
  return __builtin_add_overflow(a, b, &out);
}
template <typename T>
bool subOverflow(T a, T b, T &out) {
  return __builtin_sub_overflow(a, b, &out);
}
template <typename T>
bool mulOverflow(T a, T b, T &out) {
  return __builtin_mul_overflow(a, b, &out);
}

// scalar32_min_max_add
void scalar32Add(ScalarBounds &dst, const ScalarBounds &src) {
  if (addOverflow(dst.s32Min, src.s32Min, dst.s32Min) ||
      addOverflow(dst.s32Max, src.s32Max, dst.s32Max)) {
    dst.s32Min = S32Min;
    dst.s32Max = S32Max;
  }
  // All sums wrapping, or none, keeps the range; only some wrapping loses it.
  bool minOverflow = addOverflow(dst.u32Min, src.u32Min, dst.u32Min);
  bool maxOverflow = addOverflow(dst.u32Max, src.u32Max, dst.u32Max);
  if (!minOverflow && maxOverflow) {
    dst.u32Min = 0;
    dst.u32Max = U32Max;
  }
}

// scalar_min_max_add
void scalarAdd(ScalarBounds &dst, const ScalarBounds &src) {
  if (addOverflow(dst.smin, src.smin, dst.smin) || addOverflow(dst.smax, src.smax, dst.smax)) {
    dst.smin = S64Min;
    dst.smax = S64Max;
  }
  bool minOverflow = addOverflow(dst.umin, src.umin, dst.umin);
  bool maxOverflow = addOverflow(dst.umax, src.umax, dst.umax);
  if (!minOverflow && maxOverflow) {
    dst.umin = 0;
    dst.umax = U64Max;
  }
}

// scalar32_min_max_sub
void scalar32Sub(ScalarBounds &dst, const ScalarBounds &src) {
  if (subOverflow(dst.s32Min, src.s32Max, dst.s32Min) ||
      subOverflow(dst.s32Max, src.s32Min, dst.s32Max)) {
    dst.s32Min = S32Min;
    dst.s32Max = S32Max;
  }
  bool minUnderflow = subOverflow(dst.u32Min, src.u32Max, dst.u32Min);
  bool maxUnderflow = subOverflow(dst.u32Max, src.u32Min, dst.u32Max);
  if (minUnderflow && !maxUnderflow) {
    dst.u32Min = 0;
    dst.u32Max = U32Max;
  }
}

// scalar_min_max_sub
void scalarSub(ScalarBounds &dst, const ScalarBounds &src) {
  if (subOverflow(dst.smin, src.smax, dst.smin) || subOverflow(dst.smax, src.smin, dst.smax)) {
    dst.smin = S64Min;
    dst.smax = S64Max;
  }
  bool minUnderflow = subOverflow(dst.umin, src.umax, dst.umin);
  bool maxUnderflow = subOverflow(dst.umax, src.umin, dst.umax);
  if (minUnderflow && !maxUnderflow) {
    dst.umin = 0;
    dst.umax = U64Max;
  }
}

// scalar32_min_max_mul
void scalar32Mul(ScalarBounds &dst, const ScalarBounds &src) {
  if (mulOverflow(dst.u32Max, src.u32Max, dst.u32Max) ||
      mulOverflow(dst.u32Min, src.u32Min, dst.u32Min)) {
    dst.u32Min = 0;
    dst.u32Max = U32Max;
  }
  int32_t prod[4];
  if (mulOverflow(dst.s32Min, src.s32Min, prod[0]) ||
      mulOverflow(dst.s32Min, src.s32Max, prod[1]) ||
      mulOverflow(dst.s32Max, src.s32Min, prod[2]) ||
      mulOverflow(dst.s32Max, src.s32Max, prod[3])) {
    dst.s32Min = S32Min;
    dst.s32Max = S32Max;
  } else {
    dst.s32Min = *std::min_element(prod, prod + 4);
    dst.s32Max = *std::max_element(prod, prod + 4);
  }
}

// scalar_min_max_mul
void scalarMul(ScalarBounds &dst, const ScalarBounds &src) {
  if (mulOverflow(dst.umax, src.umax, dst.umax) || mulOverflow(dst.umin, src.umin, dst.umin)) {
    dst.umin = 0;
    dst.umax = U64Max;
  }
  int64_t prod[4];
  if (mulOverflow(dst.smin, src.smin, prod[0]) || mulOverflow(dst.smin, src.smax, prod[1]) ||
      mulOverflow(dst.smax, src.smin, prod[2]) || mulOverflow(dst.smax, src.smax, prod[3])) {
    dst.smin = S64Min;
    dst.smax = S64Max;
  } else {
    dst.smin = *std::min_element(prod, prod + 4);
    dst.smax = *std::max_element(prod, prod + 4);
  }
}

// The s32 range follows the u32 one when it does not cross the sign boundary.
void signed32FromUnsigned(ScalarBounds &dst) {
  if (int32_t(dst.u32Min) <= int32_t(dst.u32Max)) {
    dst.s32Min = int32_t(dst.u32Min);
    dst.s32Max = int32_t(dst.u32Max);
  } else {
    dst.s32Min = S32Min;
    dst.s32Max = S32Max;
  }
}

void signed64FromUnsigned(ScalarBounds &dst) {
  if (int64_t(dst.umin) <= int64_t(dst.umax)) {
    dst.smin = int64_t(dst.umin);
    dst.smax = int64_t(dst.umax);
  } else {
    dst.smin = S64Min;
    dst.smax = S64Max;
  }
}

// scalar32_min_max_and (dst.varOff already holds the result's tnum)
void scalar32And(ScalarBounds &dst, const ScalarBounds &src) {
  Tnum var32 = tnumSubreg(dst.varOff);
  if (tnumSubregIsConst(src.varOff) && tnumSubregIsConst(dst.varOff)) {
    dst.markKnown32(uint32_t(var32.value));
    return;
  }
  dst.u32Min = uint32_t(var32.value);
  dst.u32Max = std::min(dst.u32Max, src.u32Max);
  signed32FromUnsigned(dst);
}

// scalar_min_max_and
void scalarAnd(ScalarBounds &dst, const ScalarBounds &src, const DomainOptions &opts) {
  if (src.varOff.isConst() && dst.varOff.isConst()) {
    dst = ScalarBounds::known(dst.varOff.value);
    return;
  }
  dst.umin = dst.varOff.value;
  dst.umax = std::min(dst.umax, src.umax);
  signed64FromUnsigned(dst);
  dst.updateBounds(opts);
}

// scalar32_min_max_or
void scalar32Or(ScalarBounds &dst, const ScalarBounds &src) {
  Tnum var32 = tnumSubreg(dst.varOff);
  if (tnumSubregIsConst(src.varOff) && tnumSubregIsConst(dst.varOff)) {
    dst.markKnown32(uint32_t(var32.value));
    return;
  }
  dst.u32Min = std::max(dst.u32Min, src.u32Min);
  dst.u32Max = uint32_t(var32.value | var32.mask);
  signed32FromUnsigned(dst);
}

// scalar_min_max_or
void scalarOr(ScalarBounds &dst, const ScalarBounds &src, const DomainOptions &opts) {
  if (src.varOff.isConst() && dst.varOff.isConst()) {
    dst = ScalarBounds::known(dst.varOff.value);
    return;
  }
  dst.umin = std::max(dst.umin, src.umin);
  dst.umax = dst.varOff.value | dst.varOff.mask;
  signed64FromUnsigned(dst);
  dst.updateBounds(opts);
}

// scalar32_min_max_xor
void scalar32Xor(ScalarBounds &dst, const ScalarBounds &src) {
  Tnum var32 = tnumSubreg(dst.varOff);
  if (tnumSubregIsConst(src.varOff) && tnumSubregIsConst(dst.varOff)) {
    dst.markKnown32(uint32_t(var32.value));
    return;
  }
  dst.u32Min = uint32_t(var32.value);
  dst.u32Max = uint32_t(var32.value | var32.mask);
  signed32FromUnsigned(dst);
}

// scalar_min_max_xor
void scalarXor(ScalarBounds &dst, const ScalarBounds &src, const DomainOptions &opts) {
  if (src.varOff.isConst() && dst.varOff.isConst()) {
    dst = ScalarBounds::known(dst.varOff.value);
    return;
  }
  dst.umin = dst.varOff.value;
  dst.umax = dst.varOff.value | dst.varOff.mask;
  signed64FromUnsigned(dst);
  dst.updateBounds(opts);
}

// __scalar32_min_max_lsh
void scalar32LshBounds(ScalarBounds &dst, uint64_t uminVal, uint64_t umaxVal) {
  dst.s32Min = S32Min;
  dst.s32Max = S32Max;
  if (umaxVal > 31 || dst.u32Max > (uint64_t{1} << (31 - umaxVal))) {
    dst.u32Min = 0;
    dst.u32Max = U32Max;
  } else {
    dst.u32Min <<= uminVal;
    dst.u32Max <<= umaxVal;
  }
}

// scalar32_min_max_lsh
void scalar32Lsh(ScalarBounds &dst, const ScalarBounds &src) {
  uint32_t umaxVal = src.u32Max;
  uint32_t uminVal = src.u32Min;
  Tnum subreg = tnumSubreg(dst.varOff);
  scalar32LshBounds(dst, uminVal, umaxVal);
  dst.varOff = tnumSubreg(tnumLshift(subreg, uint8_t(uminVal)));
  dst.markUnbounded64();
  dst.updateBounds32();
}

// __scalar64_min_max_lsh
void scalar64LshBounds(ScalarBounds &dst, uint64_t uminVal, uint64_t umaxVal,
                       const DomainOptions &opts) {
  // <<32 (the "<<32 s>>32" sign-extension idiom) keeps the signed bounds: in 6.18 each bound only
  // when non-negative, in 6.18.y always (s32 bounds cannot flip sign when shifted by 32).
  bool by32 = uminVal == 32 && umaxVal == 32;
  if (by32 && (opts.lsh32NegativeBounds || dst.s32Max >= 0))
    dst.smax = int64_t(uint64_t(int64_t(dst.s32Max)) << 32);
  else
    dst.smax = S64Max;
  if (by32 && (opts.lsh32NegativeBounds || dst.s32Min >= 0))
    dst.smin = int64_t(uint64_t(int64_t(dst.s32Min)) << 32);
  else
    dst.smin = S64Min;
  if (dst.umax > (uint64_t{1} << (63 - umaxVal))) {
    dst.umin = 0;
    dst.umax = U64Max;
  } else {
    dst.umin <<= uminVal;
    dst.umax <<= umaxVal;
  }
}

// scalar_min_max_lsh
void scalarLsh(ScalarBounds &dst, const ScalarBounds &src, const DomainOptions &opts) {
  uint64_t umaxVal = src.umax;
  uint64_t uminVal = src.umin;
  // The 64-bit part reads the unshifted 32-bit bounds, so it goes first.
  scalar64LshBounds(dst, uminVal, umaxVal, opts);
  scalar32LshBounds(dst, uminVal, umaxVal);
  dst.varOff = tnumLshift(dst.varOff, uint8_t(uminVal));
  dst.updateBounds(opts);
}

// scalar32_min_max_rsh
void scalar32Rsh(ScalarBounds &dst, const ScalarBounds &src) {
  Tnum subreg = tnumSubreg(dst.varOff);
  uint32_t umaxVal = src.u32Max;
  uint32_t uminVal = src.u32Min;
  dst.s32Min = S32Min;
  dst.s32Max = S32Max;
  dst.varOff = tnumRshift(subreg, uint8_t(uminVal));
  dst.u32Min >>= umaxVal;
  dst.u32Max >>= uminVal;
  dst.markUnbounded64();
  dst.updateBounds32();
}

// scalar_min_max_rsh
void scalarRsh(ScalarBounds &dst, const ScalarBounds &src, const DomainOptions &opts) {
  uint64_t umaxVal = src.umax;
  uint64_t uminVal = src.umin;
  dst.smin = S64Min;
  dst.smax = S64Max;
  dst.varOff = tnumRshift(dst.varOff, uint8_t(uminVal));
  dst.umin >>= umaxVal;
  dst.umax >>= uminVal;
  dst.markUnbounded32();
  dst.updateBounds(opts);
}

// scalar32_min_max_arsh (the shift is a known constant here)
void scalar32Arsh(ScalarBounds &dst, const ScalarBounds &src) {
  uint64_t uminVal = src.u32Min;
  dst.s32Min = dst.s32Min >> uminVal;
  dst.s32Max = dst.s32Max >> uminVal;
  dst.varOff = tnumArshift(tnumSubreg(dst.varOff), uint8_t(uminVal), 32);
  dst.u32Min = 0;
  dst.u32Max = U32Max;
  dst.markUnbounded64();
  dst.updateBounds32();
}

// scalar_min_max_arsh
void scalarArsh(ScalarBounds &dst, const ScalarBounds &src, const DomainOptions &opts) {
  uint64_t uminVal = src.umin;
  dst.smin >>= uminVal;
  dst.smax >>= uminVal;
  dst.varOff = tnumArshift(dst.varOff, uint8_t(uminVal), 64);
  dst.umin = 0;
  dst.umax = U64Max;
  dst.markUnbounded32();
  dst.updateBounds(opts);
}

} // namespace

// is_safe_to_compute_dst_reg_range
bool isSafeToComputeDstRegRange(uint8_t op, bool alu64, const ScalarBounds &src) {
  uint64_t bitness = alu64 ? 64 : 32;
  bool srcIsConst;
  if (!alu64)
    srcIsConst =
        tnumSubregIsConst(src.varOff) && src.s32Min == src.s32Max && src.u32Min == src.u32Max;
  else
    srcIsConst = src.varOff.isConst() && src.smin == src.smax && src.umin == src.umax;
  switch (op) {
  case BPF_ADD:
  case BPF_SUB:
  case BPF_NEG:
  case BPF_AND:
  case BPF_XOR:
  case BPF_OR:
  case BPF_MUL:
    return true;
  case BPF_LSH:
  case BPF_RSH:
  case BPF_ARSH:
    // The kernel compares the 64-bit umax against the width, also for ALU32.
    return srcIsConst && src.umax < bitness;
  default:
    return false;
  }
}

// adjust_scalar_min_max_vals
// maybe_fork_scalars: returns the forked destination, and sets dst to -1, when the range is
// exactly [-1, 0] in s64 (else s32).
static std::optional<ScalarBounds> maybeForkScalars(ScalarBounds &dst) {
  ScalarBounds forked = dst;
  if (dst.smin == -1 && dst.smax == 0) {
    forked = ScalarBounds::known(0);
    dst = ScalarBounds::known(U64Max);
  } else if (dst.s32Min == -1 && dst.s32Max == 0) {
    forked.markKnown32(0);
    dst.markKnown32(U32Max);
  } else {
    return std::nullopt;
  }
  return forked;
}

ScalarBounds adjustScalarMinMaxVals(const ScalarBounds &dstIn, const ScalarBounds &srcIn,
                                    uint8_t op, bool alu64, const DomainOptions &opts,
                                    std::optional<ScalarBounds> *forkedDst) {
  if (forkedDst)
    forkedDst->reset();
  // BPF_NEG: the kernel hands the destination in as the source.
  const ScalarBounds src = op == BPF_NEG ? dstIn : srcIn;
  if (!isSafeToComputeDstRegRange(op, alu64, src))
    return ScalarBounds::unknown();

  ScalarBounds dst = dstIn;
  switch (op) {
  case BPF_ADD:
    scalar32Add(dst, src);
    scalarAdd(dst, src);
    dst.varOff = tnumAdd(dst.varOff, src.varOff);
    break;
  case BPF_SUB:
    scalar32Sub(dst, src);
    scalarSub(dst, src);
    dst.varOff = tnumSub(dst.varOff, src.varOff);
    break;
  case BPF_NEG:
    // 0 - dst, computed with the subtraction rules.
    dst = ScalarBounds::known(0);
    scalar32Sub(dst, src);
    scalarSub(dst, src);
    dst.varOff = tnumNeg(src.varOff);
    break;
  case BPF_MUL:
    dst.varOff = tnumMul(dst.varOff, src.varOff);
    scalar32Mul(dst, src);
    scalarMul(dst, src);
    break;
  case BPF_AND:
    if (opts.forkScalarsOnAndOr && src.varOff.isConst()) {
      auto forked = maybeForkScalars(dst);
      if (forkedDst)
        *forkedDst = forked;
    }
    dst.varOff = tnumAnd(dst.varOff, src.varOff);
    scalar32And(dst, src);
    scalarAnd(dst, src, opts);
    break;
  case BPF_OR:
    if (opts.forkScalarsOnAndOr && src.varOff.isConst()) {
      auto forked = maybeForkScalars(dst);
      if (forkedDst)
        *forkedDst = forked;
    }
    dst.varOff = tnumOr(dst.varOff, src.varOff);
    scalar32Or(dst, src);
    scalarOr(dst, src, opts);
    break;
  case BPF_XOR:
    dst.varOff = tnumXor(dst.varOff, src.varOff);
    scalar32Xor(dst, src);
    scalarXor(dst, src, opts);
    break;
  case BPF_LSH:
    if (!alu64)
      scalar32Lsh(dst, src);
    else
      scalarLsh(dst, src, opts);
    break;
  case BPF_RSH:
    if (!alu64)
      scalar32Rsh(dst, src);
    else
      scalarRsh(dst, src, opts);
    break;
  case BPF_ARSH:
    if (!alu64)
      scalar32Arsh(dst, src);
    else
      scalarArsh(dst, src, opts);
    break;
  default:
    break;
  }
  if (!alu64)
    dst.zext32To64();
  dst.sync(opts);
  return dst;
}

// check_alu_op, BPF_MOV | BPF_K
ScalarBounds movImm(int32_t imm, bool alu64) {
  if (alu64)
    return ScalarBounds::known(uint64_t(int64_t(imm)));
  return ScalarBounds::known(uint32_t(imm));
}

// check_alu_op, BPF_MOV | BPF_X with off 0
ScalarBounds movReg(const ScalarBounds &src, bool alu64, const DomainOptions &opts) {
  ScalarBounds dst = src;
  if (!alu64) {
    dst.zext32To64();
    dst.sync(opts);
  }
  return dst;
}

// check_alu_op, BPF_MOV | BPF_X with off 8/16/32 (movsx)
ScalarBounds movSx(const ScalarBounds &src, int offBits, bool alu64, const DomainOptions &opts) {
  ScalarBounds dst = src;
  if (alu64) {
    dst.coerceToSizeSx(offBits >> 3);
    return dst;
  }
  dst.coerceSubregToSizeSx(offBits >> 3);
  dst.zext32To64();
  dst.sync(opts);
  return dst;
}

// check_alu_op, BPF_END. 6.18: check_reg_arg(DST_OP) marks the register unknown. 6.18.y:
// adjust_scalar_min_max_vals with scalar_byte_swap, no zero-extension, then reg_bounds_sync.
ScalarBounds byteSwap(const ScalarBounds &dstIn, bool alu64, bool toBigEndian, int bits,
                      const DomainOptions &opts) {
  if (!opts.byteSwapTracking)
    return ScalarBounds::unknown();
  ScalarBounds dst = dstIn;
  // BPF is little-endian here: to_le only truncates, to_be and ALU64 bswap swap bytes.
  bool needSwap = alu64 || toBigEndian;
  if (needSwap) {
    if (bits == 16)
      dst.varOff = tnumBswap16(dst.varOff);
    else if (bits == 32)
      dst.varOff = tnumBswap32(dst.varOff);
    else if (bits == 64)
      dst.varOff = tnumBswap64(dst.varOff);
    // The ranges mean nothing after a swap; they come back from the tnum.
    dst.markUnbounded();
  }
  if (bits == 16 || bits == 32)
    dst.coerceToSize(bits / 8, opts);
  dst.sync(opts);
  return dst;
}

ScalarBounds addWithoutSync(const ScalarBounds &dst, const ScalarBounds &delta) {
  ScalarBounds out = dst;
  scalar32Add(out, delta);
  scalarAdd(out, delta);
  out.varOff = tnumAdd(out.varOff, delta.varOff);
  return out;
}

} // namespace bpfverify::domain
