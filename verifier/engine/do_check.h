#pragma once
// The exploration loop: do_check / do_check_insn / is_state_visited / pop_stack of Linux 6.18.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// do_check() from env.cur at env.insnIdx. Returns false when the program is rejected (or a
/// construct is not supported, env.unsupported).
bool doCheck(Env &env);

} // namespace bpfverify::verifier
