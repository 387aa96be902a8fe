#pragma once
// Loads, stores and atomics: check_mem_access and the per-pointer-type checks of Linux 6.18
// (stack fixed and variable offset, map key/value, context, packet, memory regions).

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// Who performs an access (enum bpf_access_src).
enum class AccessSrc { Direct = 1, Helper = 2 };

/// check_mem_access(): `write` selects BPF_WRITE. valueRegno is the loaded/stored register or -1.
bool checkMemAccess(Env &env, uint32_t insnIdx, uint32_t regno, int off, uint8_t bpfSize,
                    bool write, int valueRegno, bool strictAlignmentOnce, bool isLdsx);

/// check_load_mem() for BPF_LDX (MEM and MEMSX).
bool checkLoadMem(Env &env);
/// check_store_reg() for BPF_STX | BPF_MEM.
bool checkStoreReg(Env &env);
/// The BPF_ST | BPF_MEM path of do_check_insn().
bool checkStoreImm(Env &env);
/// check_atomic() for BPF_STX | BPF_ATOMIC.
bool checkAtomic(Env &env);

/// check_stack_range_initialized() (6.18: the access type decides clobbering); rawMode: the
/// helper writes the memory (meta->raw_mode).
bool checkStackRangeInitialized(Env &env, uint32_t regno, int off, int accessSize,
                                bool zeroSizeAllowed, bool write, bool rawMode);
/// check_mem_region_access()
bool checkMemRegionAccess(Env &env, uint32_t regno, int off, int size, uint32_t memSize,
                          bool zeroSizeAllowed);
/// check_ptr_alignment(): `strictOnce` asks for strict alignment for this access alone.
bool checkPtrAlignment(Env &env, const RegState &reg, int off, int size, bool strictOnce);
/// check_map_access()
bool checkMapAccess(Env &env, uint32_t regno, int off, int size, bool zeroSizeAllowed,
                    AccessSrc src);
/// check_packet_access()
bool checkPacketAccess(Env &env, uint32_t regno, int off, int size, bool zeroSizeAllowed);
/// check_stack_access_within_bounds()
bool checkStackAccessWithinBounds(Env &env, uint32_t regno, int off, int accessSize, bool write);
/// __check_ptr_off_reg()
bool checkPtrOffReg(Env &env, const RegState &reg, uint32_t regno, bool fixedOffOk);
/// may_access_direct_pkt_data() without a helper (meta == NULL).
bool mayAccessDirectPktData(const Env &env, bool write);

} // namespace bpfverify::verifier
