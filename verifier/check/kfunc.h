#pragma once
// Calls of kernel functions (BPF_PSEUDO_KFUNC_CALL), check_kfunc_call() of Linux 6.18. Only the
// kfuncs that open and close RCU read sections are modelled here (bpf_rcu_read_lock,
// bpf_rcu_read_unlock); every other kfunc ends the run as unverified (issue 5).

#include "verifier/engine/env.h"

#include <optional>
#include <string>

namespace bpfverify::verifier {

/// The kfunc's name in the target BTF (insn.imm is its BTF id, insn.off the module, 0 for
/// vmlinux), as the log prints it.
std::optional<std::string> kfuncName(const Env &env, const isa::Insn &insn);

/// check_kfunc_call()
bool checkKfuncCall(Env &env);

} // namespace bpfverify::verifier
