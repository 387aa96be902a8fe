#include "verifier/state/reg_state.h"

namespace bpfverify::verifier {

namespace {
/// The memset of the kernel's __mark_reg_known / __mark_reg_unknown_imprecise: clears off and
/// the type-specific union (everything between `type` and `var_off`).
void clearPayload(RegState &reg) {
  reg.off = 0;
  reg.range = 0;
  reg.map = nullptr;
  reg.mapIndex = -1;
  reg.mapUid = 0;
  reg.btf = nullptr;
  reg.btfId = 0;
  reg.memSize = 0;
  reg.dynptrId = 0;
  reg.dynptrType = DynptrType::Invalid;
  reg.dynptrFirstSlot = false;
  reg.iterState = IterState::Invalid;
  reg.iterDepth = 0;
  reg.subprogno = 0;
}
} // namespace

void markRegUnknown(RegState &reg) {
  clearPayload(reg);
  reg.type = RegType(RegBase::Scalar);
  reg.id = 0;
  reg.refObjId = 0;
  reg.bounds = domain::ScalarBounds::unknown();
  reg.frameno = 0;
  reg.precise = false; // privileged (bpf_capable) programs start imprecise
}

void markRegNotInit(RegState &reg) {
  // __mark_reg_not_init: __mark_reg_unknown, then type NOT_INIT.
  markRegUnknown(reg);
  reg.type = RegType(RegBase::NotInit);
}

void markRegKnown(RegState &reg, uint64_t value) {
  clearPayload(reg);
  reg.id = 0;
  reg.refObjId = 0;
  reg.bounds = domain::ScalarBounds::known(value);
}

void markRegKnownZero(RegState &reg) {
  markRegKnown(reg, 0);
}

void markRegConstZero(RegState &reg, bool precise) {
  markRegKnown(reg, 0);
  reg.type = RegType(RegBase::Scalar);
  reg.precise = precise;
}

void markPtrKnownZero(RegState &reg, RegType type) {
  markRegKnown(reg, 0);
  reg.type = type;
}

} // namespace bpfverify::verifier
