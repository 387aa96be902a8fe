#pragma once
// Dynptrs as helper arguments and as stack objects (Linux 6.18, kernel/bpf/verifier.c): a
// struct bpf_dynptr lives in two stack slots marked STACK_DYNPTR (the first slot is the higher
// spi, fp-16 for a dynptr at fp-16..fp-1); ringbuf dynptrs hold a reference that
// bpf_ringbuf_submit_dynptr / bpf_ringbuf_discard_dynptr release; slices from bpf_dynptr_data
// remember their dynptr's id and die with it. Callbacks get a CONST_PTR_TO_DYNPTR register.

#include "verifier/engine/env.h"

#include <cstdint>
#include <functional>

namespace bpfverify::target {
struct HelperProto;
}

namespace bpfverify::verifier {

inline constexpr int BPF_DYNPTR_SIZE = 16;
inline constexpr int BPF_DYNPTR_NR_SLOTS = 2;

/// arg_to_dynptr_type(): the DYNPTR_TYPE_* flag of an argument type.
DynptrType argToDynptrType(uint32_t argType);
/// dynptr_type_refcounted(): ringbuf dynptrs own a reference.
inline bool dynptrTypeRefcounted(DynptrType type) {
  return type == DynptrType::Ringbuf;
}
/// arg_type_is_dynptr()
bool argTypeIsDynptr(uint32_t argType);

/// destroy_if_dynptr_stack_slot(): a write touching slot `spi` of `state` destroys the dynptr
/// there (both slots) and invalidates its slices; a referenced dynptr may not be overwritten.
/// False when the program is rejected.
bool destroyIfDynptrStackSlot(Env &env, FuncState &state, int spi);

/// process_dynptr_func(): the ARG_PTR_TO_DYNPTR argument in `regno` (MEM_UNINIT: a dynptr is
/// created there; otherwise an initialised dynptr of the expected type is read).
bool processDynptrFunc(Env &env, uint32_t regno, uint32_t insnIdx, uint32_t argType,
                       uint32_t cloneRefObjId);

/// check_func_arg()'s release-argument checks for a dynptr: only a referenced dynptr on the
/// stack can be released.
bool checkDynptrReleaseArg(Env &env, uint32_t regno);

/// unmark_stack_slots_dynptr(): the dynptr the register points to is released (`release` is
/// release_reference() for refcounted dynptrs). False on an internal inconsistency (logged).
bool unmarkStackSlotsDynptr(Env &env, const RegState &reg,
                            const std::function<bool(uint32_t refObjId)> &release);

/// What check_helper_call's dynptr cases hand on (meta.dynptr_id, meta.ref_obj_id,
/// changes_data).
struct DynptrCallMeta {
  uint32_t dynptrId = 0;
  uint32_t refObjId = 0;
  bool changesData = false;
};

/// The dynptr cases of check_helper_call's func_id switch: bpf_dynptr_from_mem's data must be a
/// map value, bpf_dynptr_data's slice takes the dynptr's id and reference, bpf_dynptr_write
/// to an skb dynptr changes packet data.
bool checkDynptrHelper(Env &env, int32_t funcId, const target::HelperProto &fn,
                       DynptrCallMeta &meta);

/// mark_dynptr_cb_reg(): a CONST_PTR_TO_DYNPTR register with a fresh dynptr id.
void markDynptrCbReg(Env &env, RegState &reg, DynptrType type);

/// set_user_ringbuf_callback_state(): callback(const struct bpf_dynptr *dynptr, void *ctx).
bool setUserRingbufCallbackState(Env &env, const FuncState &caller, FuncState &callee);

} // namespace bpfverify::verifier
