#pragma once
// Conditional jumps on two scalars as Linux 6.18 handles them: deciding a branch
// (is_scalar_branch_taken) and narrowing both registers on each edge (reg_set_min_max).

#include "verifier/domain/scalar_bounds.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bpfverify::domain {

/// is_branch_taken's answer: 1 taken, 0 not taken, -1 unknown.
enum class BranchTaken : int { Unknown = -1, No = 0, Yes = 1 };

/// The kernel's pseudo-opcode for the false edge of BPF_JSET (rev_opcode).
inline constexpr uint8_t JsetFalse = 0x40 | 0x08; // BPF_JSET | BPF_X

/// flip_opcode: the operator that makes "a op b" into "b op' a".
uint8_t flipOpcode(uint8_t op);
/// rev_opcode: the operator of the false edge (BPF_JSET's is JsetFalse).
uint8_t revOpcode(uint8_t op);

/// is_scalar_branch_taken for "reg1 op reg2"; op is BPF_OP(code) (BPF_JEQ ... BPF_JSLE).
BranchTaken isScalarBranchTaken(const ScalarBounds &reg1, const ScalarBounds &reg2, uint8_t op,
                                bool is32);

/// regs_refine_cond_op: narrow both registers assuming "reg1 op reg2" holds (op may be
/// JsetFalse). No sync: reg_set_min_max does that.
void regsRefineCondOp(ScalarBounds &reg1, ScalarBounds &reg2, uint8_t op, bool is32);

/// One edge of a conditional jump: both registers after regs_refine_cond_op and reg_bounds_sync,
/// then reg_bounds_sanity_check. A violation proves the edge unreachable; the kernel (6.18,
/// without test_reg_invariants) logs "verifier bug: <message>" and continues with the violating
/// register's ranges reset, which is what dst/src then hold.
struct BranchEdge {
  ScalarBounds dst;
  ScalarBounds src;
  std::vector<std::string> violations; ///< sanityCheck messages, dst first
  bool infeasible() const { return !violations.empty(); }
};

/// The edge where "dst op src" is true (branchTaken) or false.
BranchEdge refineOnBranch(const ScalarBounds &dst, const ScalarBounds &src, uint8_t op, bool is32,
                          bool branchTaken, const DomainOptions &opts = {});

/// reg_set_min_max: both edges; messages lists the violations in the kernel's log order
/// (true_reg1, true_reg2, false_reg1, false_reg2).
struct BranchRefinement {
  BranchEdge taken;
  BranchEdge fallthrough;
  std::vector<std::string> messages;
};
BranchRefinement regSetMinMax(const ScalarBounds &dst, const ScalarBounds &src, uint8_t op,
                              bool is32, const DomainOptions &opts = {});

} // namespace bpfverify::domain
