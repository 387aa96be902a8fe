#pragma once
// Global (BTF_FUNC_GLOBAL) subprograms: their argument types from BTF (btf_prepare_func_args of
// kernel/bpf/btf.c), the check of a call against them (btf_check_func_arg_match), and their
// separate verification (do_check_subprogs), as Linux 6.18 does.

#include "verifier/engine/env.h"

#include <string>

namespace bpfverify::verifier {

/// The subprogram's name from its BTF FUNC ("func#N" without BTF).
std::string subprogName(const Env &env, uint32_t subprog);
/// btf_prepare_func_args(): fills env.subprogs[subprog].args. On failure the kernel's message
/// was written to the log and false is returned (env.rejection is not set: callers decide).
bool prepareFuncArgs(Env &env, uint32_t subprog, std::string &message);
/// btf_check_subprog_call() for a call from the current frame; false with the log lines written.
bool checkSubprogCall(Env &env, uint32_t subprog, std::string &message);
/// do_check_subprogs(): verifies every called global subprogram in a fresh state.
bool doCheckSubprogs(Env &env);

} // namespace bpfverify::verifier
