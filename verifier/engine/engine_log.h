#pragma once
// The kernel-format log the exploration writes at levels 1 and 2: instruction lines with their
// source comments and states, branch pops, call/return blocks, the statistics lines.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// do_check before an instruction: "from X to Y:" (level 2 after a pop), the pending state,
/// the source line and "<idx>: <insn>".
void logBeforeInsn(Env &env, bool doPrintState);
/// is_state_visited's "cur state:" / "old state:" dump after "infinite loop detected".
void logInfiniteLoopStates(Env &env, const VerifierState &old);
/// print_verification_stats()
void logVerificationStats(Env &env, uint64_t verificationTimeNs, bool accepted);
/// The disassembly of one instruction as the verifier log prints it ("(bf) r1 = r6").
std::string insnText(const Env &env, uint32_t insnIdx);

} // namespace bpfverify::verifier
