#pragma once
// check_max_stack_depth() of Linux 6.18: after exploration, the stack of every chain of
// bpf-to-bpf calls fits in MAX_BPF_STACK (with private stacks for tracing programs on x86-64).

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// Returns false with the rejection recorded ("combined stack size of %d calls is %d. Too large",
/// "stack size of subprog %d is %d. Too large", "the call stack of %d frames is too deep !",
/// "tail_calls are not allowed when call stack of previous frames is %d bytes. Too large").
bool checkMaxStackDepth(Env &env);

} // namespace bpfverify::verifier
