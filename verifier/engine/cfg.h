#pragma once
// The control-flow pass before exploration: subprogram layout (add_subprog_and_kfunc,
// check_subprogs) and check_cfg()'s depth-first walk (reachability, jump ranges, back-edges,
// prune and jump points), with the kernel's messages.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// Fills env.subprogs and env.aux[*].subprog from the instruction stream and func_info.
/// Returns false with the rejection recorded when the kernel would refuse the layout.
bool setupSubprogs(Env &env);
/// check_cfg(): marks prune/jump points in env.aux. Returns false with the rejection recorded.
bool checkCfg(Env &env);

} // namespace bpfverify::verifier
