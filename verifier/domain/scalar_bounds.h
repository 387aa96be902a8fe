#pragma once
// The kernel's knowledge of a scalar: a tnum plus signed/unsigned 64-bit and 32-bit ranges, and
// the Linux 6.18 bounds bookkeeping on it (reg_bounds_sync and friends, coercions, zero-extension).

#include "verifier/domain/options.h"
#include "verifier/domain/tnum.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace bpfverify::domain {

inline constexpr int64_t S64Min = std::numeric_limits<int64_t>::min();
inline constexpr int64_t S64Max = std::numeric_limits<int64_t>::max();
inline constexpr uint64_t U64Max = std::numeric_limits<uint64_t>::max();
inline constexpr int32_t S32Min = std::numeric_limits<int32_t>::min();
inline constexpr int32_t S32Max = std::numeric_limits<int32_t>::max();
inline constexpr uint32_t U32Max = std::numeric_limits<uint32_t>::max();

/// The scalar part of struct bpf_reg_state: var_off and the eight min/max values.
struct ScalarBounds {
  Tnum varOff = tnumUnknown();
  int64_t smin = S64Min;
  int64_t smax = S64Max;
  uint64_t umin = 0;
  uint64_t umax = U64Max;
  int32_t s32Min = S32Min;
  int32_t s32Max = S32Max;
  uint32_t u32Min = 0;
  uint32_t u32Max = U32Max;

  friend bool operator==(const ScalarBounds &, const ScalarBounds &) = default;

  /// The bounds half of __mark_reg_unknown: tnum_unknown and __mark_reg_unbounded.
  static ScalarBounds unknown() { return ScalarBounds{}; }
  /// ___mark_reg_known
  static ScalarBounds known(uint64_t value);
  /// The fake source register of a BPF_K ALU or jump operand: __mark_reg_known(insn->imm),
  /// the s32 immediate sign-extended to 64 bits (adjust_reg_min_max_vals, check_cond_jmp_op).
  static ScalarBounds immOperand(int32_t imm) { return known(uint64_t(int64_t(imm))); }

  /// is_reg_const (for a scalar): the tnum, or its low 32 bits, is a constant.
  bool isConst(bool subreg32 = false) const {
    return subreg32 ? tnumSubregIsConst(varOff) : varOff.isConst();
  }
  /// reg_const_value
  uint64_t constValue(bool subreg32 = false) const {
    return subreg32 ? tnumSubreg(varOff).value : varOff.value;
  }
  /// Whether a concrete 64-bit value is admitted by the tnum and all four ranges.
  bool contains(uint64_t v) const;

  /// __mark_reg_unbounded / __mark_reg64_unbounded / __mark_reg32_unbounded (var_off untouched).
  void markUnbounded() {
    markUnbounded64();
    markUnbounded32();
  }
  void markUnbounded64();
  void markUnbounded32();
  /// __mark_reg32_known: low 32 bits become the constant, upper tnum bits stay.
  void markKnown32(uint32_t value);

  /// __update_reg32_bounds / __update_reg64_bounds / __update_reg_bounds: learn from var_off.
  void updateBounds32();
  void updateBounds64(const DomainOptions &opts = {});
  void updateBounds(const DomainOptions &opts = {}) {
    updateBounds32();
    updateBounds64(opts);
  }
  /// __reg32_deduce_bounds
  void deduceBounds32(const DomainOptions &opts = {});
  /// __reg64_deduce_bounds
  void deduceBounds64();
  /// __reg_deduce_mixed_bounds
  void deduceMixedBounds();
  /// __reg_deduce_bounds
  void deduceBounds(const DomainOptions &opts = {}) {
    deduceBounds32(opts);
    deduceBounds64();
    deduceMixedBounds();
  }
  /// __reg_bound_offset: learn var_off bits from the unsigned ranges.
  void boundOffset();
  /// reg_bounds_sync
  void sync(const DomainOptions &opts = {});

  /// __reg_assign_32_into_64
  void assign32Into64();
  /// zext_32_to_64: the BPF ISA zero-extends every ALU32 result.
  void zext32To64();
  /// coerce_reg_to_size: truncate to size (1, 2 or 4) bytes, zero-extended; ends in sync().
  void coerceToSize(int size, const DomainOptions &opts = {});
  /// coerce_reg_to_size_sx: sign-extend from size (1, 2 or 4) bytes to 64 bits (no sync).
  void coerceToSizeSx(int size);
  /// coerce_subreg_to_size_sx: sign-extend the low size (1 or 2) bytes into the 32-bit subreg.
  void coerceSubregToSizeSx(int size);
};

/// reg_bounds_sanity_check: on an inconsistent state returns the kernel's message
/// ("REG INVARIANTS VIOLATION (<ctx>): ... var_off=(..., ...)", which the kernel logs after
/// "verifier bug: ") and, as the kernel does without test_reg_invariants, resets the ranges with
/// __mark_reg_unbounded while keeping var_off. Returns nothing when the state is consistent.
std::optional<std::string> sanityCheck(ScalarBounds &reg, const char *ctx);

} // namespace bpfverify::domain
