#pragma once
// ld_imm64 (check_ld_imm of Linux 6.18): 64-bit constants, map pointers by fd or index, map
// values with an offset, BTF ids of ksyms and function pointers.

#include "verifier/engine/env.h"

namespace bpfverify::verifier {

/// check_ld_imm(); the pre-exploration checks of resolve_pseudo_ldimm64 are in checkLdImmRefs.
bool checkLdImm(Env &env);
/// The map and offset checks resolve_pseudo_ldimm64() makes on every ld_imm64 before
/// exploration ("direct value offset ... is not allowed", "invalid access to map value
/// pointer ..."). Returns false with the rejection recorded.
bool checkLdImmRefs(Env &env);

} // namespace bpfverify::verifier
