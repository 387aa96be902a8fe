#pragma once
// Registers, frames and whole states in the text of the Linux 6.18 verifier log
// (print_reg_state, print_verifier_state, print_insn_state of kernel/bpf/log.c), and the
// state-carrying lines do_check, check_func_call and prepare_func_exit write around them.

#include "verifier/log/scratched.h"
#include "verifier/log/verifier_log.h"
#include "verifier/state/verifier_state.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace bpfverify::btf {
class Btf;
}

namespace bpfverify::verifier {

/// What print_reg_state reads from a map: map->name, key_size, value_size.
struct MapDesc {
  std::string_view name; ///< the kernel's map name; printed up to BPF_OBJ_NAME_LEN - 1 chars
  uint32_t keySize = 0;
  uint32_t valueSize = 0;
};

/// Names the printer cannot take from the state itself. verifier/log/print_context.h builds one
/// from object::Map and btf::Btf; tests can pass lambdas.
struct PrintContext {
  /// For RegState::map of map_ptr/map_key/map_value registers. Without it (or without a map)
  /// the map attributes print as "ks=0,vs=0".
  std::function<MapDesc(const object::Map &)> describeMap;
  /// btf_type_name(btf, id): the name of exactly that type (no modifiers skipped), for
  /// ptr_<name> registers and iter_<name> stack slots. Without it the name prints empty.
  std::function<std::string(const btf::Btf &, uint32_t typeId)> btfTypeName;
};

/// print_reg_state: "5", "-5", "P0x123456789", "scalar(id=1+5,smin=...)", "ctx()", "fp-8",
/// "fp[0]-8" (a pointer into another frame than `holderFrameno`, the frame whose register or
/// stack slot this is), "map_value_or_null(id=1,map=m,ks=4,vs=48)", "pkt(off=14,r=14)",
/// "ringbuf_mem(ref_obj_id=2,sz=8)", "trusted_ptr_task_struct()", ...
std::string formatReg(const RegState &reg, const PrintContext &ctx, uint32_t holderFrameno = 0);

/// print_verifier_state's text for frame `frameno` of `state`: " frame1:" for frames above 0,
/// then " R<n>=<reg>" for initialised registers, " fp-<off>=<slot>" for stack slots with any
/// byte written, " refs=<ids>", " cb", " async_cb", and "\n". With printAll false only what
/// `scratched` marks is included.
std::string formatFuncState(const VerifierState &state, uint32_t frameno, bool printAll,
                            const Scratched &scratched, const PrintContext &ctx);

/// print_verifier_state: writes formatFuncState, then (printAll false) clears `scratched`.
void printVerifierState(VerifierLog &log, const VerifierState &state, uint32_t frameno,
                        bool printAll, Scratched &scratched, const PrintContext &ctx);

/// vlog_alignment: padding that puts the ';' of an instruction's state at column 39, 47, ...:
/// round_up(max(pos + BPF_LOG_MIN_ALIGNMENT / 2, BPF_LOG_ALIGNMENT), BPF_LOG_MIN_ALIGNMENT)
/// - pos - 1, where pos is the length of the instruction line with its '\n'.
uint32_t vlogAlignment(uint32_t insnLineLength);

/// do_check's instruction line: "<idx>: " + insnText (which ends in '\n'), recording the
/// positions print_insn_state needs (env->prev_log_pos, env->prev_insn_print_pos). The caller
/// writes verbose_linfo's "; <source> @ <file>:<line>" line before it.
void printInsnLine(VerifierLog &log, uint32_t insnIdx, std::string_view insnText);

/// print_insn_state: when nothing was written since the last instruction line, the state goes
/// on that line after "<padding>;"; otherwise on a new line starting "<insnIdx>:". Then the
/// scratched registers and slots of frame `frameno` (print_verifier_state, print_all false).
void printInsnState(VerifierLog &log, uint32_t insnIdx, const VerifierState &state,
                    uint32_t frameno, Scratched &scratched, const PrintContext &ctx);

/// do_check after a branch pop, level 2 only: "\nfrom <prev> to <idx>[ (speculative
/// execution)]:" and the full state of the current frame.
void printBranchPop(VerifierLog &log, int32_t prevInsnIdx, uint32_t insnIdx,
                    const VerifierState &state, Scratched &scratched, const PrintContext &ctx);

/// do_check when is_state_visited prunes, levels 1 and 2: "\nfrom <prev> to <idx>: safe\n"
/// right after a branch pop (do_print_state), else "<idx>: safe\n".
void printPruned(VerifierLog &log, bool afterBranchPop, int32_t prevInsnIdx, uint32_t insnIdx,
                 bool speculative);

/// check_func_call (static subprogram), levels 1 and 2: "caller:\n" + the caller's frame,
/// "callee:\n" + the new current frame, both printed in full.
void printCallEntry(VerifierLog &log, const VerifierState &state, uint32_t callerFrameno,
                    Scratched &scratched, const PrintContext &ctx);

/// prepare_func_exit, levels 1 and 2, before the callee frame is dropped: "returning from
/// callee:\n" + the callee frame, "to caller at <returnInsnIdx>:\n" + the caller frame.
void printCallReturn(VerifierLog &log, const VerifierState &state, uint32_t calleeFrameno,
                     uint32_t callerFrameno, uint32_t returnInsnIdx, Scratched &scratched,
                     const PrintContext &ctx);

/// fmt_reg_mask: "r1,r6" (TMP_STR_BUF_LEN bounded, as the kernel).
std::string formatRegMask(uint32_t mask);
/// fmt_stack_mask / bpf_fmt_stack_mask: "-8,-24" for slots 0 and 2.
std::string formatStackMask(uint64_t mask);

/// dynptr_type_str: "local", "ringbuf", "skb", "xdp", "skb_meta", "<invalid>".
const char *dynptrTypeName(DynptrType type);
/// iter_state_str: "active", "drained", "<invalid>".
const char *iterStateName(IterState state);

} // namespace bpfverify::verifier
