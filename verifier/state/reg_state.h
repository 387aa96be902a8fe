#pragma once
// One register of the abstract state: struct bpf_reg_state of include/linux/bpf_verifier.h
// (Linux 6.18), with the kernel's field meanings and its mark_reg_* constructors.

#include "verifier/domain/scalar_bounds.h"
#include "verifier/state/reg_type.h"

#include <cstdint>

namespace bpfverify::btf {
class Btf;
}
namespace bpfverify::object {
struct Map;
}

namespace bpfverify::verifier {

/// enum bpf_dynptr_type
enum class DynptrType : uint8_t { Invalid, Local, Ringbuf, Skb, Xdp, SkbMeta };
/// enum bpf_iter_state
enum class IterState : uint8_t { Invalid, Active, Drained };

/// The kernel keeps the type-specific payload in a union; we keep separate fields, and only the
/// ones the type uses are meaningful (the rest stay zero so that comparisons stay simple).
struct RegState {
  RegType type{RegBase::NotInit};
  /// Fixed part of a pointer's offset (reg->off); the variable part lives in `bounds`.
  int32_t off = 0;

  // --- union payload ---
  int32_t range = 0;                ///< packet pointers: bytes known readable after `off`
  const object::Map *map = nullptr; ///< CONST_PTR_TO_MAP, PTR_TO_MAP_VALUE/KEY (map_ptr)
  int32_t mapIndex = -1;            ///< the map's index in Object::maps (-1 for inner maps)
  uint32_t mapUid = 0;              ///< distinguishes inner maps of one map-in-map
  const btf::Btf *btf = nullptr;    ///< PTR_TO_BTF_ID, PTR_TO_MEM from BTF, iterators
  uint32_t btfId = 0;
  uint32_t memSize = 0;  ///< PTR_TO_MEM, PTR_TO_BUF (and map key/value size checks)
  uint32_t dynptrId = 0; ///< PTR_TO_MEM from a dynptr slice
  DynptrType dynptrType = DynptrType::Invalid;
  bool dynptrFirstSlot = false;
  IterState iterState = IterState::Invalid;
  int32_t iterDepth = 0;
  uint32_t subprogno = 0; ///< PTR_TO_FUNC

  /// Scalar value, or the variable offset of a pointer (var_off plus the eight bounds).
  domain::ScalarBounds bounds;

  /// Shared by registers that hold the same value (null-check propagation, linked scalars).
  /// For scalars the BPF_ADD_CONST bit marks "id + constant delta" (off holds the delta).
  uint32_t id = 0;
  /// Non-zero for a pointer to an acquired object: the reference id that must be released.
  uint32_t refObjId = 0;
  uint32_t frameno = 0;
  /// Instruction index (1-based, 0 = DEF_NOT_SUBREG) of the last 32-bit definition.
  int32_t subregDef = 0;
  bool precise = false;

  bool isScalar() const { return type.is(RegBase::Scalar); }
  bool isNotInit() const { return type.is(RegBase::NotInit); }
  bool isPointer() const { return !isScalar() && !isNotInit(); }
  /// tnum_is_const(var_off) for a scalar (register_is_const).
  bool isConst() const { return isScalar() && bounds.varOff.isConst(); }

  friend bool operator==(const RegState &, const RegState &) = default;
};

/// BPF_ADD_CONST64 / BPF_ADD_CONST32: high bits of a scalar's id, "this register is the linked
/// id plus off" after a 64-bit or 32-bit add (6.18.y: the 32-bit kind zero-extends when
/// synced); BPF_ADD_CONST is either.
inline constexpr uint32_t BPF_ADD_CONST64 = 1u << 31;
inline constexpr uint32_t BPF_ADD_CONST32 = 1u << 30;
inline constexpr uint32_t BPF_ADD_CONST = BPF_ADD_CONST64 | BPF_ADD_CONST32;

/// __mark_reg_not_init
void markRegNotInit(RegState &reg);
/// __mark_reg_unknown for a privileged program: unknown scalar, precise when the program is
/// not allowed to use pointer leaks... (privileged: precise = false).
void markRegUnknown(RegState &reg);
/// __mark_reg_known
void markRegKnown(RegState &reg, uint64_t value);
/// __mark_reg_known_zero
void markRegKnownZero(RegState &reg);
/// __mark_reg_const_zero: scalar 0; `precise` for the spill-of-zero case.
void markRegConstZero(RegState &reg, bool precise);
/// mark_reg_known_zero for pointers: keep type, zero off and var_off.
void markPtrKnownZero(RegState &reg, RegType type);

} // namespace bpfverify::verifier
