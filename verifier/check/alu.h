#pragma once
// ALU and ALU64 instructions: check_alu_op, adjust_reg_min_max_vals and adjust_ptr_min_max_vals
// of Linux 6.18 (scalar transfer functions live in verifier/domain).

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// check_alu_op for env.insn(). Encoding errors were already reported by the caller.
bool checkAluOp(Env &env);

} // namespace bpfverify::verifier
