#pragma once
// The Linux 6.18 transfer functions of scalar ALU instructions (64-bit and 32-bit) on
// ScalarBounds: adjust_scalar_min_max_vals and the scalar parts of check_alu_op.

#include "verifier/domain/scalar_bounds.h"

#include <cstdint>
#include <optional>

namespace bpfverify::domain {

/// is_safe_to_compute_dst_reg_range: ADD, SUB, NEG, AND, OR, XOR and MUL always; shifts only by a
/// constant below the width (checked on the 64-bit umax even for ALU32); DIV and MOD never.
bool isSafeToComputeDstRegRange(uint8_t op, bool alu64, const ScalarBounds &src);

/// adjust_scalar_min_max_vals for two scalars. op is BPF_OP(code): BPF_ADD ... BPF_ARSH, BPF_NEG
/// (src unused: the kernel passes dst itself), BPF_DIV/BPF_MOD (6.18 does not track them: the
/// result is unknown). For !alu64 the result is zero-extended. Ends with reg_bounds_sync; the
/// kernel's following reg_bounds_sanity_check(.., "alu") is sanityCheck()'s job.
/// With forkScalarsOnAndOr (6.18.y) an AND/OR may fork: *forkedDst then receives the
/// destination the kernel pushes to re-run this same instruction with (known 0, or subreg known
/// 0), and the returned value is the result for the destination known -1 (maybe_fork_scalars).
ScalarBounds adjustScalarMinMaxVals(const ScalarBounds &dst, const ScalarBounds &src, uint8_t op,
                                    bool alu64, const DomainOptions &opts = {},
                                    std::optional<ScalarBounds> *forkedDst = nullptr);

/// BPF_MOV dst, imm: ALU64 sign-extends imm, ALU32 zero-extends it (__mark_reg_known).
ScalarBounds movImm(int32_t imm, bool alu64);
/// BPF_MOV dst, src with off 0: a copy for ALU64; for ALU32 the copy, zext_32_to_64 and
/// reg_bounds_sync.
ScalarBounds movReg(const ScalarBounds &src, bool alu64, const DomainOptions &opts = {});
/// BPF_MOVSX (off 8, 16 or 32 for ALU64; 8 or 16 for ALU32): coerce_reg_to_size_sx (the kernel
/// does not sync afterwards), or coerce_subreg_to_size_sx, zext_32_to_64 and reg_bounds_sync.
ScalarBounds movSx(const ScalarBounds &src, int offBits, bool alu64,
                   const DomainOptions &opts = {});
/// BPF_END: ALU64 bswap (toBigEndian ignored), or ALU to_le / to_be (toBigEndian = BPF_TO_BE);
/// bits is the imm (16, 32, 64). 6.18 marks the destination unknown; with byteSwapTracking
/// (6.18.y) the tnum is byte-swapped and 16/32-bit results truncated (scalar_byte_swap).
ScalarBounds byteSwap(const ScalarBounds &dst, bool alu64, bool toBigEndian, int bits,
                      const DomainOptions &opts = {});

/// scalar32_min_max_add, scalar_min_max_add and tnum_add without reg_bounds_sync, as
/// sync_linked_regs() applies a constant delta to a linked register.
ScalarBounds addWithoutSync(const ScalarBounds &dst, const ScalarBounds &delta);

} // namespace bpfverify::domain
