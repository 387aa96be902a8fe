#pragma once
// Calls and returns: check_helper_call (helper prototypes from verifier/target),
// check_func_call / prepare_func_exit for bpf-to-bpf calls, and check_return_code (Linux 6.18).

#include "verifier/engine/env.h"
#include "verifier/target/func_proto.h"

namespace bpfverify::verifier {

/// What the kernel's *_func_proto functions know about the program (type, attach type,
/// BPF_F_SLEEPABLE).
target::ProgramFacts programFacts(const object::Program &prog);
/// check_helper_call(); on return env.insnIdx is unchanged (the caller advances it).
bool checkHelperCall(Env &env);
/// check_func_call(): enters the callee (env.insnIdx becomes its first instruction - 1) or, for
/// a global function, treats it as verified separately.
bool checkFuncCall(Env &env);
/// prepare_func_exit(): returns to the caller; env.insnIdx becomes the instruction to continue
/// at.
bool prepareFuncExit(Env &env);
/// find_prev_entry(): an explored state at insnIdx on `cur`'s DFS path (same call sites,
/// branches still open, shallower), or nullptr.
const VerifierState *findPrevEntry(Env &env, const VerifierState &cur, uint32_t insnIdx);
/// widen_imprecise_scalars(): scalars of `cur` that are imprecise and differ from `old` become
/// unknown, so that loop iterations converge.
void widenImpreciseScalars(Env &env, const VerifierState &old, VerifierState &cur);
/// find_prev_entry() + widen_imprecise_scalars() when a callback returns to its call site.
void widenImpreciseScalarsAtReentry(Env &env);
/// check_return_code(env, BPF_REG_0, "R0") for the main program's exit.
bool checkReturnCode(Env &env);
/// check_resource_leak() at a BPF_EXIT (and for tail calls / LD_ABS with other prefixes).
bool checkResourceLeak(Env &env, bool exceptionExit, bool checkLock, const char *prefix);
/// check_mem_reg() for a global function's memory argument (check_func_arg_reg_off, then the
/// memory readable and writable for memSize bytes, NULL allowed). On failure the inner error
/// was written to the log; its text is returned in `message`.
bool checkGlobalMemArg(Env &env, uint32_t regno, uint32_t memSize, std::string &message);
/// process_dynptr_func() for a global function's const struct bpf_dynptr * argument; the inner
/// error is written to the log only.
bool checkGlobalDynptrArg(Env &env, uint32_t regno);
/// check_ld_abs()'s first check: "BPF_LD_[ABS|IND] instructions not allowed for this program
/// type" (may_access_skb).
bool checkLdAbsProgType(Env &env);
/// check_ld_abs(): the legacy packet loads through the context in R6; R0 gets the value, R1-R5
/// are clobbered, and inside a subprogram the hidden exit with R0 = 0 is explored (6.18.y).
bool checkLdAbs(Env &env);
/// init_func_state(): a fresh frame whose R10 points to its own stack.
void initFuncState(FuncState &frame, int32_t callsite, uint32_t frameno, uint32_t subprogno);

} // namespace bpfverify::verifier
