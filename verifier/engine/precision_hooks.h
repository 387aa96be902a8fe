#pragma once
// The engine services checks call while simulating an instruction: precision backtracking
// (mark_chain_precision), stack liveness marks (kernel/bpf/liveness.c hooks), and the log
// blocks printed at calls and returns.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// mark_chain_precision(env, regno); regno < 0 does nothing.
bool markChainPrecision(Env &env, int regno);
/// bt_set_frame_slot + mark_chain_precision_batch: a stack slot's value was relied upon.
void markStackSlotPrecise(Env &env, uint32_t frameno, int spi);
/// propagate_precision(): precise registers of the explored state `old` that a pruned path
/// matched become precise along the current path's history.
bool propagatePrecision(Env &env, const VerifierState &old);
/// bpf_mark_stack_read() for one 8-byte slot of `frameno` at the current instruction.
void stackReadHook(Env &env, uint32_t frameno, int spi);
/// bpf_mark_stack_write() for one slot (full: all 8 bytes are written).
void stackWriteHook(Env &env, uint32_t frameno, int spi, bool full);
/// The "caller:" / "callee:" blocks of check_func_call at log level 1/2.
void logCallerCallee(Env &env);
/// The "returning from callee:" / "to caller at N:" blocks of prepare_func_exit.
void logReturn(Env &env);

} // namespace bpfverify::verifier
