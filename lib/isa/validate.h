#pragma once
// The kernel's encoding checks on raw instructions: opcode table, reserved fields, ld_imm64 shape,
// jump ranges and subprogram boundaries (Linux 6.18 kernel/bpf/verifier.c), with its messages.

#include "lib/isa/insn.h"

#include <llvm/ADT/ArrayRef.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bpfverify::isa {

/// When, in the kernel's order of work, a check fires. The verifier needs this to report the
/// same first error as the kernel when a register problem could come first.
enum class CheckStage {
  /// Before exploration: add_subprog_and_kfunc(), check_subprogs(), resolve_pseudo_ldimm64().
  Program,
  /// First thing when the instruction is reached in do_check_insn(), before any register check.
  InsnEntry,
  /// After check_reg_arg(dst, SRC_OP): conditional-jump reserved fields, "div by zero",
  /// "invalid shift %d". A dst register >= 11 ("R%d is invalid") or one that is not readable
  /// ("R%d !read_ok") is reported first.
  AfterDstRead,
  /// In check_ld_abs() after its program-type ("BPF_LD_[ABS|IND] instructions not allowed for
  /// this program type") and gen_ld_abs checks.
  AfterLdAbsChecks,
};

/// An encoding error: the instruction index and the kernel's exact message (no newline).
struct InsnError {
  size_t index = 0;
  std::string message;
  CheckStage stage = CheckStage::InsnEntry;
  friend bool operator==(const InsnError &, const InsnError &) = default;
};

/// Program facts some instruction checks depend on.
struct ValidateOptions {
  /// env->prog->aux->arena is set (the program uses a BPF_MAP_TYPE_ARENA map): addr_space_cast
  /// is allowed only then.
  bool hasArena = false;
};

/// Subprogram start indices as add_subprog_and_kfunc() computes them: 0, the targets of
/// bpf-to-bpf calls and of ld_imm64 BPF_PSEUDO_FUNC, sorted and unique.
struct SubprogLayout {
  std::vector<uint32_t> starts;
};

/// add_subprog_and_kfunc() without the kfunc and exception-callback parts (those need BTF):
/// "call to invalid destination", "too many subprograms".
std::optional<InsnError> findSubprogs(llvm::ArrayRef<Insn> insns, SubprogLayout &layout);

/// The checks the kernel runs on the whole program before exploring it, in its order:
/// findSubprogs(), then check_subprogs() ("jump out of range from insn %d to %d", "last insn is
/// not an exit or jmp"), then the encoding part of resolve_pseudo_ldimm64() ("BPF_LDX uses
/// reserved fields", "invalid bpf_ld_imm64 insn", "unrecognized bpf_ld_imm64 insn", "unknown
/// opcode %02x"). Not covered, because they need BTF or maps: kfunc resolution, map fd/index
/// lookup and direct-value offsets, BTF ids of ld_imm64; and check_cfg() (reachability,
/// back-edges), which belongs to the verifier's control-flow pass.
std::optional<InsnError> validateProgram(llvm::ArrayRef<Insn> insns,
                                         SubprogLayout *layout = nullptr);

/// The per-instruction encoding checks of do_check_insn() and the class handlers it calls
/// (check_alu_op, check_atomic, check_cond_jmp_op, check_ld_imm, check_ld_abs and the
/// STX/ST/CALL/JA/EXIT checks), in the kernel's order, assuming validateProgram() passed and
/// register reads succeed. The result's stage says where the kernel emits it.
std::optional<InsnError> validateInstruction(llvm::ArrayRef<Insn> insns, size_t index,
                                             const ValidateOptions &options = {});

/// validateProgram() followed by validateInstruction() on every instruction slot in index order
/// (skipping the second half of each ld_imm64); when validateProgram() fails, only its error,
/// since the kernel stops there. Convenient for linting; the kernel itself only checks the
/// instructions it reaches, in execution order.
std::vector<InsnError> validateAll(llvm::ArrayRef<Insn> insns, const ValidateOptions &options = {});

} // namespace bpfverify::isa
